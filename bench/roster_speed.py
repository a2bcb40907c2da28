"""How fast the career-centre workspace is: a cohort roster of 500 students with 10 finished
interviews each (with its query count), and the staff dashboard and cohort analytics over them.

    .venv/bin/python bench/roster_speed.py

Needs PostgreSQL on 127.0.0.1 (database `bench_roster` is dropped and made again). The rows have
the shapes the real code stores (tests/cohort_data.py): each interview has its asked questions,
answers with a grader's `grade` dictionary and the stored ScoreSummary. Pages are requested
through Django's test client, so the times are the server's (queries, template), not the
network's or the browser's. Target: the roster under 300 ms with a bounded number of queries.
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
QUESTIONS_EACH = 6


def environment() -> dict:
    return {**{k: v for k, v in os.environ.items() if k != "REDIS_URL"}, "DATABASE_URL": DATABASE,
            "DATA_DIR": str(Path(tempfile.gettempdir()) / "bench-roster-data"), "REPORT_EMAILS_AFTER_INTERVIEW": "0",
            "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "config.settings"}


def prepare():
    for sql in ("DROP DATABASE IF EXISTS bench_roster", "CREATE DATABASE bench_roster"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=environment(), check=True,
                   stdout=subprocess.DEVNULL)
    os.environ.update(environment())
    import django

    django.setup()


def populate(staff):
    """The cohort: STUDENTS members with INTERVIEWS_EACH finished interviews over ten weeks."""
    from django.utils import timezone

    from accounts.models import Membership, User
    from accounts.services import create_cohort
    from interviewer.models import Answer, Domain, Interview, InterviewQuestion
    from reports.models import ScoreSummary
    from tests.cohort_data import KEY_POINTS, grade, scores

    rng = random.Random(7)
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    domains = [Domain.objects.create(slug=f"field-{i}", name=f"Field {i}") for i in range(5)]
    students = User.objects.bulk_create(
        User(email=f"student{i}@example.edu", first_name=f"Student {i}", password="!") for i in range(STUDENTS)
    )
    Membership.objects.bulk_create(Membership(user=student, cohort=cohort) for student in students)
    now = timezone.now()
    interviews = Interview.objects.bulk_create(
        Interview(candidate=student, candidate_name=student.first_name, position="Data analyst", domain=rng.choice(domains),
                  difficulty="medium", duration_minutes=15, type="mixed", status=Interview.Status.FINISHED,
                  started_at=now - timedelta(days=7 * n + rng.random()), finished_at=now - timedelta(days=7 * n))
        for student in students for n in range(INTERVIEWS_EACH)
    )
    questions = InterviewQuestion.objects.bulk_create(
        InterviewQuestion(interview=interview, position=p, stage="main", type="technical", text=f"Question {p}",
                          model_answer="The model answer.", key_points=list(KEY_POINTS), asked_at=interview.started_at,
                          done=True, verdict="partial")
        for interview in interviews for p in range(1, QUESTIONS_EACH + 1)
    )
    Answer.objects.bulk_create(
        Answer(question=question, attempt=1, text="An answer.", verdict="partial",
               grade=grade(tuple(rng.random() < 0.6 for _ in KEY_POINTS), round(rng.uniform(20, 95), 1)))
        for question in questions
    )
    ScoreSummary.objects.bulk_create(
        ScoreSummary(interview=interview, presence_count=0, scores=scores(
            round(rng.uniform(30, 95), 1), pace=round(rng.uniform(100, 190), 1), fillers=round(rng.uniform(0, 4), 2),
            tone=round(rng.uniform(40, 95), 1)).to_dict())
        for interview in interviews
    )
    return cohort


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
    print(f"setup: {STUDENTS} students × {INTERVIEWS_EACH} interviews × {QUESTIONS_EACH} answers in {time.perf_counter() - started:.0f} s")
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
        times = timed(lambda: client.get(url), runs=runs)
        print(f"{name}, {STUDENTS} students × {INTERVIEWS_EACH} interviews: {summary(times)} ({count} queries; {target})")

if __name__ == "__main__":
    main()
