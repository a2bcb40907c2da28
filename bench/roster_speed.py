"""How fast the career-centre workspace is: a cohort roster of 500 students with 10 finished
interviews each (with its query count), and the staff dashboard and cohort analytics over them.

    .venv/bin/python bench/roster_speed.py

Needs PostgreSQL on 127.0.0.1 (database `bench_roster` is dropped and made again). Answering
5,000 interviews through the real services would take hours on this machine, so eight are (each
field of tests/cohort_data.py's small bank with 0 to 3 of its three questions right) and the
cohort's interviews are bulk copies of those: the same questions, answers, grades, verdicts,
feedback and stored scores the real code wrote, with other students and dates. Pages are
requested through Django's test client, so the times are the server's (queries, template), not
the network's or the browser's. Target: the roster under 300 ms with a bounded number of queries.
"""

from __future__ import annotations

from repository import ROOT  # isort: skip  (first of all: bench/repository.py)
import os
import random
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(ROOT / "bench"))
from report_speed import summary, timed  # the same figures as the other benchmarks

DATABASE = "postgres://postgres@127.0.0.1:5432/bench_roster"
STUDENTS = 500
INTERVIEWS_EACH = 10


def environment() -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": DATABASE,
        "DATA_DIR": str(Path(tempfile.gettempdir()) / "bench-roster-data"),
        "REPORT_EMAILS_AFTER_INTERVIEW": "0",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def prepare():
    for sql in ("DROP DATABASE IF EXISTS bench_roster", "CREATE DATABASE bench_roster"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=environment(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(environment())
    import django

    django.setup()


def populate(staff):
    """The cohort: STUDENTS members with INTERVIEWS_EACH finished interviews over ten weeks."""
    from django.utils import timezone

    from accounts.models import Membership, User
    from accounts.services import create_cohort
    from interviewer.models import Answer, Interview, InterviewQuestion
    from reports.models import ScoreSummary
    from tests.cohort_data import QUESTIONS, finished

    rng = random.Random(7)
    now = timezone.now()
    answerer = User.objects.create_user("answers@example.edu", "bench passphrase 123")  # not in the cohort
    answered = [
        finished(answerer, now, right=right, wrong=3 - right, field=field) for field in QUESTIONS for right in range(4)
    ]
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    students = User.objects.bulk_create(
        User(email=f"student{i}@example.edu", first_name=f"Student {i}", password="!") for i in range(STUDENTS)
    )
    Membership.objects.bulk_create(Membership(user=student, cohort=cohort) for student in students)
    weeks = [(student, n) for student in students for n in range(INTERVIEWS_EACH)]
    copied_from = [rng.choice(answered) for _ in weeks]
    interviews = Interview.objects.bulk_create(
        copy(
            template,
            candidate_id=student.pk,
            candidate_name=student.first_name,
            started_at=now - timedelta(days=7 * n + rng.random()),
            finished_at=now - timedelta(days=7 * n),
        )
        for template, (student, n) in zip(copied_from, weeks)
    )
    questions_of = {t.pk: list(t.questions.order_by("position")) for t in answered}
    answers_of = {q.pk: list(q.answers.order_by("attempt")) for t in answered for q in questions_of[t.pk]}
    pairs = [
        (original, interview)
        for template, interview in zip(copied_from, interviews)
        for original in questions_of[template.pk]
    ]
    questions = InterviewQuestion.objects.bulk_create(
        copy(original, interview_id=interview.pk) for original, interview in pairs
    )
    Answer.objects.bulk_create(
        copy(answer, question_id=question.pk)
        for (original, _), question in zip(pairs, questions)
        for answer in answers_of[original.pk]
    )
    ScoreSummary.objects.bulk_create(
        copy(template.score_summary, interview_id=interview.pk) for template, interview in zip(copied_from, interviews)
    )
    return cohort


def copy(row, **changes):
    """A new row with `row`'s values (but its id) and `changes`."""
    values = {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields if not f.primary_key}
    return type(row)(**{**values, **changes})


def main():
    prepare()
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    staff = User.objects.create_user("staff@example.edu", "bench passphrase 123", role=User.Role.STAFF)
    started = time.perf_counter()
    cohort = populate(staff)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have done on a live database
    print(
        f"setup: {STUDENTS} students × {INTERVIEWS_EACH} interviews of three questions "
        f"in {time.perf_counter() - started:.0f} s"
    )
    client = Client()
    client.force_login(staff)
    pages = (
        (f"/cohorts/{cohort.pk}/roster/", "roster", 30, "target under 300 ms"),
        ("/staff/", "staff dashboard", 15, "no target"),
        (f"/cohorts/{cohort.pk}/analytics/", "cohort analytics", 10, "no target"),
        (f"/cohorts/{cohort.pk}/results.csv", f"results CSV ({STUDENTS * INTERVIEWS_EACH} rows)", 10, "no target"),
    )
    for url, name, runs, target in pages:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # read now: the next request empties the log these are sliced from
        times = timed(lambda url=url: client.get(url), runs=runs)
        print(
            f"{name}, {STUDENTS} students × {INTERVIEWS_EACH} interviews: {summary(times)} ({count} queries; {target})"
        )


if __name__ == "__main__":
    main()
