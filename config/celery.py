"""The Celery application. In production the `worker` process of the Procfile runs it against
REDIS_URL for the answers, and the `documents` process for résumés and PDF reports; in the
embedded mode tasks run in threads of the web process (config.background)."""

import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The queues this worker takes work from: noted in its main process, read by the processes it forks.
_queues: set[str] = set()


@worker_init.connect
def note_queues(sender, **kwargs):
    _queues.update(sender.app.amqp.queues.consume_from or sender.app.amqp.queues)


@worker_process_init.connect
def load_models(**kwargs):
    """Each process loads what its work needs before it takes any: the speech and embedding
    models for answers, Kaleido's Chromium for the charts of PDF reports."""
    from django.conf import settings

    if _queues - {settings.DOCUMENTS_QUEUE}:
        from interviewer.engine.warmup import warm_up

        warm_up(settings.WHISPER_MODEL)
    if settings.DOCUMENTS_QUEUE in _queues:
        from reports.charts import warm_up as warm_up_charts

        warm_up_charts()
