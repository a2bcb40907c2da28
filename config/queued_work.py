"""Work saved in the database and done later by a task: a résumé to read, a report email, an
invitation. The task is queued once the saving transaction commits, so a web process that dies
in between (or the embedded mode's thread pool, which goes with its process) leaves the work
saved but never queued; a worker that dies while doing it leaves it half done. A periodic sweep
(`requeue_stuck`, run by Celery beat, the embedded mode's periodic thread or
`manage.py requeue_stuck_work`) queues such work again, a bounded number of times, then marks it
failed with a message for its owner.

Since the sweep may queue work whose first task is merely slow to start, a task may be delivered
twice: it takes the work with `claim` first, and only one delivery gets it.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

# Queued this many times in all (the first time included), the work is given up.
MAX_QUEUEINGS = 3


class QueuedWork(models.Model):
    queued_at = models.DateTimeField(default=timezone.now)
    times_queued = models.PositiveSmallIntegerField(default=1)
    # Set by the task that took the work; a claim older than STUCK_WORK_MINUTES belongs to a task
    # that died (the time limits of documents are far shorter), and the work may be taken again.
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def _stuck_after() -> timedelta:
    return timedelta(minutes=settings.STUCK_WORK_MINUTES)


def claim(work: models.QuerySet) -> bool:
    """Takes the one piece of work `work` selects (filtered to the states it can be done in) for
    this task: False when it is done, gone, or another task holds it."""
    now = timezone.now()
    return work.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _stuck_after())).update(claimed_at=now) == 1


@dataclass
class Swept:
    queued_again: int = 0
    given_up: int = 0


def requeue_stuck(
    waiting: models.QuerySet, queue: Callable[[list[int]], None], give_up: Callable[[list[int]], None]
) -> Swept:
    """Of the work in `waiting` (its not yet done states), queues again with `queue` what was
    queued and not taken for STUCK_WORK_MINUTES, or taken and not finished for as long; calls
    `give_up` with what was queued MAX_QUEUEINGS times already."""
    cutoff = timezone.now() - _stuck_after()
    stuck = waiting.filter(Q(claimed_at__isnull=True, queued_at__lt=cutoff) | Q(claimed_at__lt=cutoff))
    with transaction.atomic():
        rows = list(
            stuck.select_for_update(skip_locked=True).values_list("pk", "times_queued")
        )  # another sweep has the rest
        again = [pk for pk, times in rows if times < MAX_QUEUEINGS]
        exhausted = [pk for pk, times in rows if times >= MAX_QUEUEINGS]
        waiting.model.objects.filter(pk__in=again).update(
            queued_at=timezone.now(), claimed_at=None, times_queued=F("times_queued") + 1
        )
        if again:
            transaction.on_commit(lambda: queue(again))
    if exhausted:
        give_up(exhausted)
    return Swept(len(again), len(exhausted))


def requeue_all_stuck() -> Iterator[tuple[str, Swept]]:
    """Runs every app's sweep (STUCK_WORK_SWEEPS): its name and what it did."""
    for name, sweep in settings.STUCK_WORK_SWEEPS.items():
        yield name, import_string(sweep)()
