"""Stored metrics that aren't what the code writes today (rows from older versions, strings,
NaN, nulls where a number was expected, a camera analysis that couldn't read the video) read as
"not measured" or "failed" on every page and download, are logged once, and never raise."""

import csv
import io
import logging

import pytest

from accounts.services import create_cohort, join_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Answer, Recording
from interviewer.recordings import analyse_presence
from interviewer.services import load_question_bank
from reports.models import ScoreSummary
from tests.report_data import finished_interview

PAGES = ("/progress/", "/reports/{pk}/", "/reports/{pk}/data.json")
STAFF_PAGES = (
    "/staff/",
    "/cohorts/{cohort}/roster/",
    "/cohorts/{cohort}/analytics/",
    "/cohorts/{cohort}/roster.csv",
    "/cohorts/{cohort}/results.csv",
    "/cohorts/{cohort}/students/{student}/",
)


@pytest.fixture
def spoken_interview(db, candidate):
    load_question_bank(read_bank())
    return finished_interview(candidate, questions=2, camera=True)


@pytest.fixture
def cohort(staff, candidate):
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    join_cohort(user=candidate, code=cohort.invite_code)
    return cohort


def old_rows(interview):
    """What an older version, or a hand-edited database, may have left behind."""
    first, second = Recording.objects.filter(question__interview=interview).order_by("pk")[:2]
    Recording.objects.filter(pk=first.pk).update(
        presence={
            "frames_analysed": "many",
            "face_visible_share": "NaN",
            "looking_at_camera_share": "null",
            "timeline": "x",
        }
    )
    Recording.objects.filter(pk=second.pk).update(
        delivery={
            "word_count": "a lot",
            "speaking_time": None,
            "fillers": 3,
            "notes": "not a list",
            "words_per_minute": "fast",
        }
    )
    answer = Answer.objects.filter(recording=first).get()
    Answer.objects.filter(pk=answer.pk).update(grade={**answer.grade, "answer_score": "80"})
    ScoreSummary.objects.update_or_create(
        interview=interview, defaults={"scores": {"overall": "74"}, "presence_count": 2}
    )
    return first, second, answer


def visit(client, pages, **ids):
    for page in pages:
        response = client.get(page.format(**ids))
        assert response.status_code == 200, page
        yield page, response.content.decode("utf-8-sig")


def test_old_rows_read_as_not_measured_everywhere_and_are_logged_once(
    client, candidate, staff, spoken_interview, cohort, caplog
):
    first, second, _ = old_rows(spoken_interview)
    ids = {"pk": spoken_interview.pk, "cohort": cohort.pk, "student": candidate.pk}

    with caplog.at_level(logging.WARNING, logger="reports.stored_metrics"):
        for _ in range(2):  # the second visit logs nothing new
            client.force_login(candidate)
            pages = dict(visit(client, PAGES, **ids))
            client.force_login(staff)
            pages.update(visit(client, STAFF_PAGES, **ids))

    report = pages["/reports/{pk}/"]
    assert "Presence wasn&#x27;t measured for answer 1: the camera analysis stored nothing readable." in report
    logged = [r.getMessage() for r in caplog.records if r.name == "reports.stored_metrics"]
    assert len(logged) == len(set(logged))  # once each
    assert any(f"recording {first.pk} presence.frames_analysed" in line for line in logged)
    assert any(f"recording {second.pk} delivery.word_count" in line for line in logged)
    assert any("grade.answer_score" in line for line in logged)
    results = list(csv.DictReader(io.StringIO(pages["/cohorts/{cohort}/results.csv"])))
    assert results[0]["overall"] not in ("", "0", "0.0")


def test_a_video_the_camera_analysis_cannot_read_is_a_failed_measure(
    client, candidate, staff, spoken_interview, cohort
):
    for recording in Recording.objects.filter(question__interview=spoken_interview):
        analyse_presence(recording.pk)  # the recordings hold the bytes b"webm", not a video

    client.force_login(candidate)
    report = client.get(f"/reports/{spoken_interview.pk}/").content.decode()
    progress = client.get("/progress/").content.decode()
    client.force_login(staff)
    results = client.get(f"/cohorts/{cohort.pk}/results.csv").content.decode("utf-8-sig")

    assert "failed: the camera analysis couldn&#x27;t read the video" in report
    assert "Presence wasn&#x27;t measured for answer 1. The recording is not a video file that can be read." in report
    assert "failed: the camera analysis couldn&#x27;t read the video" in progress
    assert (
        next(csv.DictReader(io.StringIO(results)))["presence"] == "failed: the camera analysis couldn't read the video"
    )


def test_an_answer_filmed_but_not_analysed_yet_says_so(client, candidate, spoken_interview):
    Recording.objects.filter(question__interview=spoken_interview).update(presence=None)
    client.force_login(candidate)

    report = client.get(f"/reports/{spoken_interview.pk}/").content.decode()

    assert "not measured: the camera analysis hasn&#x27;t finished yet" in report
