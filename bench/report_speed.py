"""How fast reports are: the report page of a 12-question interview, the progress dashboard over
200 past interviews (with its query count), and the PDF.

    .venv/bin/python bench/report_speed.py

Needs PostgreSQL on 127.0.0.1 (database `bench_reports` is dropped and made again) and the
collected static files (`manage.py collectstatic`). The interviews are made with the real
services (typed answers graded by the real grader, spoken answers with the delivery and presence
JSON the engine computes; see tests/report_data.py); the 200 past interviews are copies of them
spread over three fields. Pages are requested through Django's test client, so the times are the
server's: query, scores, charts, template; not the network or the browser.
Targets: page under 200 ms, dashboard under 300 ms with a bounded number of queries, PDF under 3 s.
"""

from __future__ import annotations

from repository import ROOT  # isort: skip  (first of all: bench/repository.py)
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "postgres://postgres@127.0.0.1:5432/bench_reports"
PAST_INTERVIEWS = 200
FIELDS = ("data-analytics-sql", "marketing", "software-engineering")
RUNS = 30


def environment() -> dict:
    # No REDIS_URL: background work runs in threads, and report emails are off so that no PDF
    # is rendered behind the measurements.
    return {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": DATABASE,
        "DATA_DIR": str(Path(tempfile.gettempdir()) / "bench-reports-data"),
        "REPORT_EMAILS_AFTER_INTERVIEW": "0",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def prepare():
    for sql in ("DROP DATABASE IF EXISTS bench_reports", "CREATE DATABASE bench_reports"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    for command in (["migrate", "--noinput"], ["load_question_bank"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL
        )
    os.environ.update(environment())
    import django

    django.setup()


def copy_interview(interview, domain) -> None:
    """A copy of `interview` (questions, answers, recordings and all their JSON) in `domain`."""
    from interviewer.models import Answer, Interview, InterviewQuestion, Recording

    questions = list(interview.questions.all())
    answers = list(Answer.objects.filter(question__interview=interview).select_related("recording"))
    copy = Interview.objects.get(pk=interview.pk)
    copy.pk, copy.domain = None, domain
    copy.save()
    Interview.objects.filter(pk=copy.pk).update(finished_at=interview.finished_at)
    new_questions = {}
    for question in questions:
        old_pk = question.pk
        question.pk, question.interview = None, copy
        new_questions[old_pk] = question
    InterviewQuestion.objects.bulk_create(new_questions.values())
    recordings = []
    for answer in answers:
        if answer.recording:
            recording = answer.recording
            recording.pk, recording.question = None, new_questions[answer.question_id]
            recordings.append(recording)
    Recording.objects.bulk_create(recordings)
    recorded = iter(recordings)
    for answer in answers:
        has_recording = answer.recording_id is not None
        answer.pk, answer.question = None, new_questions[answer.question_id]
        answer.recording = next(recorded) if has_recording else None
    Answer.objects.bulk_create(answers)


def timed(function, runs=RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    return f"median {statistics.median(ordered):.0f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))]:.0f} ms"


def main():
    prepare()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from interviewer.models import Domain, Interview
    from reports.charts import figure_png, report_figures
    from reports.models import ScoreSummary
    from reports.pdf import render_pdf
    from reports.selectors import report_for
    from reports.services import store_missing_scores
    from tests.report_data import finished_interview

    candidate = User.objects.create_user("bench@example.edu", "bench passphrase 123")
    started = time.perf_counter()
    interview = finished_interview(candidate, questions=12, duration=45, seed=7)
    answered = sum(1 for q in interview.questions.all() if q.answers.exists())
    domains = list(Domain.objects.filter(slug__in=FIELDS))
    for n in range(PAST_INTERVIEWS - 1):
        copy_interview(interview, domains[n % len(domains)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have done on a live database
    print(
        f"setup: a {answered}-question interview graded and copied to {PAST_INTERVIEWS} "
        f"in {time.perf_counter() - started:.0f} s"
    )

    client = Client()
    client.force_login(candidate)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    def queries_of(url) -> int:
        with CaptureQueriesContext(connection) as queries:
            get(url)
        return len(queries)  # now: the log is emptied when the next request starts

    report_url = f"/reports/{interview.pk}/"
    get(report_url)
    count = queries_of(report_url)
    print(
        f"report page, {answered} questions: {summary(timed(lambda: get(report_url)))} "
        f"({count} queries; target under 200 ms)"
    )

    for url in ("/progress/", f"/progress/?field={FIELDS[0]}"):
        shown = (
            Interview.objects.filter(candidate=candidate, domain__slug=FIELDS[0]).count()
            if "field" in url
            else PAST_INTERVIEWS
        )

        ScoreSummary.objects.all().delete()  # none stored: every interview's scores computed from its answers
        cold = timed(lambda url=url: get(url), runs=5)
        cold_count = queries_of(url)
        store_missing_scores()  # as the periodic task does (a page never stores them)
        count = queries_of(url)
        print(
            f"dashboard {url} over {shown} interviews: {summary(timed(lambda url=url: get(url)))} ({count} queries; "
            f"target under 300 ms); with no scores stored, computing them all: {summary(cold)} "
            f"({cold_count} queries)"
        )

    report = report_for(interview)
    first = timed(lambda: render_pdf(report), runs=1)
    later = timed(lambda: render_pdf(report), runs=5)
    pdf = render_pdf(report)
    print(
        f"PDF of the {answered}-question report ({len(pdf) // 1024} KiB): first in this process {first[0]:.0f} ms "
        f"(Kaleido starting its Chromium), then {summary(later)} (target under 3 s)"
    )
    figures = report_figures(report)
    images = timed(lambda: [figure_png(figure) for figure in figures.values()], runs=5)
    print(f"  of which drawing its {len(figures)} chart images: {summary(images)}")


if __name__ == "__main__":
    main()
