"""Responsible camera analysis through the real pages, services, files and database: the server's
and cohorts' switches, the candidate's camera choice and the recording notice, retention (files
and rows really removed), deleting a recording or an interview at once, and the log of staff
opening a student's interviews."""

import io
import json
import time
from datetime import timedelta
from pathlib import Path

import cv2
import pdfplumber
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape

from accounts.models import Cohort, Membership
from config.background import start_periodic_work_in_process
from interviewer import recordings
from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.engine.presence import EXPRESSION_LIMITS
from interviewer.models import (
    Answer,
    Interview,
    InterviewQuestion,
    Recording,
    StaffAccess,
)
from interviewer.privacy_services import choose_camera
from interviewer.services import load_question_bank, start_interview
from reports.models import StoredReport
from tests.camera import FPS, astronaut, webcam_frame, write_webm
from tests.report_data import finished_interview

SETUP = {
    "candidate_name": "Ada",
    "position": "Data analyst",
    "domain": "",
    "topic": "SQL joins",
    "difficulty": "easy",
    "duration_minutes": "15",
    "type": "technical",
}


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


@pytest.fixture
def face_video(tmp_path) -> bytes:
    """2 s of the smiling astronaut facing the camera, as the browser records an answer."""
    path = tmp_path / "answer.webm"
    write_webm(path, [webcam_frame()] * (2 * FPS))
    return path.read_bytes()


@pytest.fixture
def cohort(db, candidate, staff):
    cohort = Cohort.objects.create(name="Class of 2027")
    cohort.staff.add(staff)
    Membership.objects.create(user=candidate, cohort=cohort)
    return cohort


def recordings_of(interview) -> list[Recording]:
    return list(Recording.objects.filter(question__interview=interview).order_by("pk"))


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Switches --------------------------------------------------------------------------------


def test_with_expression_reading_off_no_page_or_pdf_shows_expressions(client, candidate, bank, settings):
    settings.EXPRESSION_ANALYSIS = False
    interview = finished_interview(candidate, questions=1)
    client.force_login(candidate)

    report = page(client, f"/reports/{interview.pk}/")
    assert "facial expressions are not read" in report
    assert 'data-chart="expressions"' not in report and '"expressions":' not in report
    assert "Expressions the face was read as" not in report and escape(EXPRESSION_LIMITS) not in report
    assert "read as showing" not in report
    pdf = client.get(f"/reports/{interview.pk}/pdf/").content
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join(page.extract_text() for page in document.pages).split())
        assert sum(len(page.images) for page in document.pages) == 2  # answer scores and delivery only
    assert "read as" not in text and "FER-2013" not in text and "facial expressions are not read" in text


def test_with_expression_reading_on_the_report_names_the_expressions_read(client, candidate, bank, settings):
    settings.EXPRESSION_ANALYSIS = True
    interview = finished_interview(candidate, questions=1)
    client.force_login(candidate)

    report = page(client, f"/reports/{interview.pk}/")

    assert "Expressions the face was read as" in report and 'data-chart="expressions"' in report
    assert escape(EXPRESSION_LIMITS) in report


def test_a_recorded_answer_is_analysed_only_as_far_as_the_switches_allow(candidate, bank, settings, face_video):
    settings.EXPRESSION_ANALYSIS = True
    interview = finished_interview(candidate, questions=1, video_bytes=face_video)
    recording = recordings_of(interview)[0]

    recordings.analyse_presence(recording.pk)
    recording.refresh_from_db()
    assert recording.presence["face_visible_share"] == 1.0 and recording.presence["dominant_expression"] == "happy"

    settings.EXPRESSION_ANALYSIS = False  # the server turned it off since: nothing more is read
    recordings.analyse_presence(recording.pk)
    recording.refresh_from_db()
    assert recording.presence["face_visible_share"] == 1.0
    assert recording.presence["emotion_distribution"] == {} and recording.presence["dominant_expression"] is None

    for camera_off in ({"CAMERA_ANALYSIS": False}, {"camera": Interview.Camera.RECORDED}):
        Recording.objects.filter(pk=recording.pk).update(presence=None)
        settings.CAMERA_ANALYSIS = camera_off.get("CAMERA_ANALYSIS", True)
        Interview.objects.filter(pk=interview.pk).update(camera=camera_off.get("camera", Interview.Camera.ANALYSED))
        recordings.analyse_presence(recording.pk)
        recording.refresh_from_db()
        assert recording.presence is None, camera_off


def test_a_video_that_cant_be_read_is_stored_as_not_measured_with_the_reason(client, candidate, bank):
    interview = finished_interview(candidate, questions=1, video_bytes=b"this is not a video at all" * 100)
    recording = recordings_of(interview)[0]

    recordings.analyse_presence(recording.pk)

    recording.refresh_from_db()
    assert recording.presence["frames_analysed"] == 0
    client.force_login(candidate)
    assert "Presence wasn&#x27;t measured for answer 1. The recording is not a video file that can be read." in page(
        client, f"/reports/{interview.pk}/"
    )


def test_with_camera_analysis_off_on_the_server_the_report_says_so(client, candidate, bank, settings):
    interview = finished_interview(candidate, questions=1, camera=True)
    Recording.objects.filter(question__interview=interview).update(presence=None)
    settings.CAMERA_ANALYSIS = False
    client.force_login(candidate)

    report = page(client, f"/reports/{interview.pk}/")

    assert "camera analysis is turned off on this server, so nothing was measured in the video" in report
    assert "Presence wasn&#x27;t measured for answer 1: camera analysis is turned off on this server." in report


def test_staff_turn_camera_analysis_off_for_their_cohort(client, candidate, staff, cohort, bank, settings):
    settings.EXPRESSION_ANALYSIS = True
    client.force_login(staff)
    assert 'name="expression_analysis_allowed" checked' in page(client, f"/cohorts/{cohort.pk}/")

    client.post(f"/cohorts/{cohort.pk}/camera/", {"camera_analysis_allowed": "on"})  # expressions unticked

    cohort.refresh_from_db()
    assert cohort.camera_analysis_allowed and not cohort.expression_analysis_allowed
    client.force_login(candidate)
    setup = page(client, "/interviews/new/")
    assert 'value="analysed"' in setup and "the expression your face is read as" not in setup
    client.post("/interviews/new/", {**SETUP, "camera": "analysed", "notice_read": "on"})
    interview = Interview.objects.get()
    assert interview.camera == "analysed" and not interview.expressions_read

    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/camera/", {})
    client.force_login(candidate)
    setup = page(client, "/interviews/new/")
    assert 'value="analysed"' not in setup and "turned off by Class of 2027" in setup
    refused = client.post("/interviews/new/", {**SETUP, "camera": "analysed"})  # a hand-made form can't get past it
    assert refused.status_code == 400 and "camera" in refused.context["form"].errors
    assert Interview.objects.count() == 1
    assert choose_camera(interview, Interview.Camera.ANALYSED).camera == "recorded"  # nor can a stale choice


def test_only_the_cohorts_staff_can_switch_its_camera_analysis(client, cohort, other_candidate):
    client.force_login(other_candidate)

    assert client.post(f"/cohorts/{cohort.pk}/camera/", {}).status_code in (403, 404)

    cohort.refresh_from_db()
    assert cohort.camera_analysis_allowed and cohort.expression_analysis_allowed


# --- The recording notice and the camera choice ------------------------------------------------


def test_before_the_first_interview_the_notice_is_shown_and_must_be_confirmed(
    client, candidate, cohort, bank, settings
):
    settings.RECORDING_RETENTION_DAYS = 90
    client.force_login(candidate)

    first = page(client, "/interviews/new/")
    assert '<details class="recording-notice card-inset" open>' in first
    for statement in (
        "Recorded</dt>",
        "Measured</dt>",
        "Who can see it</dt>",
        "How long it is kept</dt>",
        "Recordings are deleted 90 days after they were made.",
        "(now: Class of 2027)",
        "Recorded and analysed",
        "Recorded only",
        "Off",
    ):
        assert statement in first, statement

    refused = client.post("/interviews/new/", {**SETUP, "camera": "off"})
    assert refused.status_code == 400 and not Interview.objects.exists()
    assert "notice_read" in refused.context["form"].errors

    client.post("/interviews/new/", {**SETUP, "camera": "off", "notice_read": "on"})
    interview = Interview.objects.get()
    candidate.refresh_from_db()
    assert interview.camera == "off" and candidate.recording_notice_read_at is not None
    assert 'data-camera="off"' in page(client, f"/interviews/{interview.pk}/room/")

    again = page(client, "/interviews/new/")
    assert '<details class="recording-notice card-inset">' in again and 'name="notice_read"' not in again
    client.post("/interviews/new/", {**SETUP, "camera": "recorded"})
    assert Interview.objects.latest("pk").camera == "recorded"


def test_an_interview_started_elsewhere_asks_for_the_camera_before_its_room(client, candidate, bank):
    setup = InterviewSetup(
        position="Analyst", difficulty="easy", duration_minutes=15, type="technical", domain="data-analytics-sql"
    )
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=setup)
    client.force_login(candidate)

    response = client.get(f"/interviews/{interview.pk}/room/")
    assert response.url == f"/interviews/{interview.pk}/camera/"
    assert "What is recorded, measured, seen and kept" in page(client, response.url)

    chosen = client.post(response.url, {"camera": "recorded", "notice_read": "on"})

    assert chosen.url == f"/interviews/{interview.pk}/room/"
    interview.refresh_from_db()
    assert interview.camera == "recorded" and interview.camera_chosen_at is not None
    room = page(client, chosen.url)
    assert 'data-camera="recorded"' in room and "What the camera measures" not in room


def test_the_report_states_the_camera_choice(client, candidate, bank):
    interview = finished_interview(candidate, questions=1)
    Interview.objects.filter(pk=interview.pk).update(camera=Interview.Camera.RECORDED)
    Recording.objects.filter(question__interview=interview).update(presence=None)
    client.force_login(candidate)

    report = page(client, f"/reports/{interview.pk}/")

    assert (
        "Camera: recorded only (the candidate&#x27;s choice for this interview): nothing was measured in the video."
        in report
    )
    assert "Presence wasn&#x27;t measured for answer 1: you chose to have the camera recorded only." in report


# --- Retention and deletion --------------------------------------------------------------------


def test_the_report_says_when_each_recording_will_be_deleted(client, candidate, bank, settings):
    settings.RECORDING_RETENTION_DAYS = 30
    interview = finished_interview(candidate, questions=1)
    made = recordings_of(interview)[0].created_at
    client.force_login(candidate)

    report = page(client, f"/reports/{interview.pk}/")

    due = date_format(timezone.localtime(made + timedelta(days=30)), "j F Y")
    assert f"The recordings of this interview will be deleted on {due}" in report
    assert f"Deleted automatically on {due}." in report


def test_expired_recordings_lose_their_files_and_keep_their_measures(client, candidate, bank, settings):
    settings.RECORDING_RETENTION_DAYS = 30
    old, new = finished_interview(candidate, questions=1, seed=1), finished_interview(candidate, questions=1, seed=2)
    Recording.objects.filter(question__interview=old).update(created_at=timezone.now() - timedelta(days=31))
    old_files = [Path(default_storage.path(r.file.name)) for r in recordings_of(old)]
    new_files = [Path(default_storage.path(r.file.name)) for r in recordings_of(new)]
    assert all(path.exists() for path in old_files + new_files)

    output = io.StringIO()
    call_command("delete_expired_recordings", stdout=output)

    assert f"recordings_deleted={len(old_files)}" in output.getvalue()
    assert not any(path.exists() for path in old_files) and all(path.exists() for path in new_files)
    expired = recordings_of(old)[0]
    assert expired.file_deleted_at is not None and expired.delivery is not None and expired.transcript is not None
    client.force_login(candidate)
    assert client.get(f"/recordings/{expired.pk}/").status_code == 404
    assert "The recording was deleted on" in page(client, f"/reports/{old.pk}/")

    call_command("delete_expired_recordings", stdout=output)  # again: nothing left to do
    assert output.getvalue().splitlines()[-2] == "recordings_deleted=0  # older than 30 days"


def test_transcripts_are_cleared_after_their_own_retention_period(candidate, bank, settings):
    settings.TRANSCRIPT_RETENTION_DAYS = 365
    interview = finished_interview(candidate, questions=1)
    Recording.objects.filter(question__interview=interview).update(created_at=timezone.now() - timedelta(days=400))

    call_command("delete_expired_recordings", stdout=io.StringIO())

    recording = recordings_of(interview)[0]
    assert recording.transcript is None and recording.live_text == ""
    assert Answer.objects.get(recording=recording).text == ""
    assert recording.delivery is not None  # the measures stay


def test_the_candidate_deletes_one_recording_at_once(client, candidate, other_candidate, bank):
    interview = finished_interview(candidate, questions=1)
    recording = recordings_of(interview)[0]
    path = Path(default_storage.path(recording.file.name))

    client.force_login(other_candidate)
    assert client.post(f"/recordings/{recording.pk}/delete/").status_code == 404
    assert path.exists()

    client.force_login(candidate)
    response = client.post(f"/recordings/{recording.pk}/delete/")

    assert response.url == f"/reports/{interview.pk}/"
    assert not path.exists()
    recording.refresh_from_db()
    assert recording.file_deleted_at is not None
    assert client.get(f"/recordings/{recording.pk}/").status_code == 404


def test_the_candidate_deletes_a_whole_interview_at_once(
    client, candidate, other_candidate, staff, cohort, bank, django_capture_on_commit_callbacks
):
    interview = finished_interview(candidate, questions=2)
    client.force_login(staff)
    page(client, f"/reports/{interview.pk}/")
    client.force_login(candidate)
    assert client.get(f"/reports/{interview.pk}/pdf/").status_code == 200
    files = [Path(default_storage.path(r.file.name)) for r in recordings_of(interview)]
    files.append(Path(StoredReport.objects.get(interview=interview).file.path))
    assert len(files) >= 3 and all(path.exists() for path in files)

    client.force_login(other_candidate)
    assert client.post(f"/interviews/{interview.pk}/delete/").status_code == 404
    client.force_login(candidate)
    asked = page(client, f"/interviews/{interview.pk}/delete/")
    assert "Delete this interview?" in asked and f"{len(files) - 1} recordings" in asked
    assert Interview.objects.filter(pk=interview.pk).exists()  # nothing is deleted before the POST
    with django_capture_on_commit_callbacks(execute=True):  # the stored PDF goes once the deletion commits
        response = client.post(f"/interviews/{interview.pk}/delete/")

    assert response.url == "/interviews/"
    assert not any(path.exists() for path in files)
    assert not Interview.objects.exists() and not InterviewQuestion.objects.exists()
    assert not Answer.objects.exists() and not Recording.objects.exists() and not StoredReport.objects.exists()
    [access] = StaffAccess.objects.all()  # the record of who looked stays, with what it was
    assert access.interview is None and access.interview_label.startswith("Data analyst (")


def test_the_embedded_mode_applies_retention_in_a_thread_of_its_own(candidate, transactional_db, settings):
    load_question_bank(read_bank())
    settings.RECORDING_RETENTION_DAYS = 30
    interview = finished_interview(candidate, questions=1)
    Recording.objects.filter(question__interview=interview).update(created_at=timezone.now() - timedelta(days=31))
    path = Path(default_storage.path(recordings_of(interview)[0].file.name))

    threads = {thread.name: thread for thread in start_periodic_work_in_process(first_run_after=0)}
    thread = threads["every-interviewer.tasks.delete_expired_recordings"]

    while path.exists():  # the thread deletes it (a stuck thread shows as a hung test, not a wrong result)
        time.sleep(0.1)
    assert thread.daemon and thread.is_alive()  # it waits for the next run
    while recordings_of(interview)[0].file_deleted_at is None:
        time.sleep(0.1)


def test_production_runs_retention_from_celery_beat(settings):
    from django.utils.module_loading import import_string

    from interviewer import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-recordings"]
    assert import_string(entry["task"]) is tasks.delete_expired_recordings and entry["schedule"] == 6 * 3600
    assert tasks.delete_expired_recordings.name == entry["task"]
    procfile = (Path(settings.BASE_DIR) / "Procfile").read_text()
    assert "\nbeat: celery --app config beat " in procfile


# --- Who opened a student's interviews -------------------------------------------------------


def test_every_staff_opening_of_a_students_interview_is_logged(client, candidate, other_candidate, staff, cohort, bank):
    interview = finished_interview(candidate, questions=1)
    recording = recordings_of(interview)[0]
    client.force_login(candidate)
    for url in (f"/reports/{interview.pk}/", f"/recordings/{recording.pk}/"):
        assert client.get(url).status_code == 200, url
    assert not StaffAccess.objects.exists()  # the student's own visits aren't logged

    client.force_login(staff)
    for url in (
        f"/reports/{interview.pk}/",
        f"/reports/{interview.pk}/review/",
        f"/recordings/{recording.pk}/",
        f"/reports/{interview.pk}/pdf/",
        f"/reports/{interview.pk}/data.json",
        f"/interviews/{interview.pk}/answers.csv",
        f"/reports/{interview.pk}/recordings.zip",
        f"/cohorts/{cohort.pk}/results.csv",
    ):
        assert client.get(url).status_code == 200, url
    # The player's further byte ranges of the same opening are not logged again.
    assert client.get(f"/recordings/{recording.pk}/", HTTP_RANGE="bytes=2-").status_code == 206

    logged = list(StaffAccess.objects.order_by("pk").values_list("what", flat=True))
    assert logged == ["report", "review", "recording", "pdf", "data", "answers_csv", "recordings_zip", "cohort_results"]
    assert set(StaffAccess.objects.values_list("viewer_id", "student_id")) == {(staff.pk, candidate.pk)}

    client.force_login(candidate)
    mine = page(client, "/account/access/")
    assert mine.count("counsellor@example.edu") == 8
    for what in (
        "Report",
        "Review page with the recordings",
        "Recording",
        "PDF report",
        "Data (JSON)",
        "Answers (CSV)",
        "Recordings (zip)",
        "Cohort results (CSV)",
    ):
        assert f"<td>{what}</td>" in mine, what
    assert "What you opened of students" not in mine

    client.force_login(staff)
    theirs = page(client, "/account/access/")
    assert theirs.count("<td>ada@example.edu</td>") == 8 and "Nobody else has opened your interviews." in theirs

    client.force_login(other_candidate)
    assert "Nobody else has opened your interviews." in page(client, "/account/access/")


def test_the_recording_notice_links_to_the_access_page(client, candidate):
    client.force_login(candidate)

    assert 'href="/account/access/"' in page(client, "/interviews/new/")


# --- manage.py analyse_video --------------------------------------------------------------------


def test_analyse_video_prints_what_the_camera_analysis_measures(tmp_path, face_video, settings):
    settings.EXPRESSION_ANALYSIS = False
    video = tmp_path / "answer.webm"
    video.write_bytes(face_video)

    output = io.StringIO()
    call_command("analyse_video", str(video), stdout=output)

    lines = output.getvalue().splitlines()
    assert lines[:4] == [
        "frames=4",
        "face_visible=100%",
        "looking_at_camera=100%  # of the frames with a face",
        "longest_look_away=0.0 s",
    ]
    assert not any("expression" in line for line in lines)

    output = io.StringIO()
    call_command("analyse_video", str(video), "--json", stdout=output)
    data = json.loads(output.getvalue())
    assert data["frames_analysed"] == 4 and data["face_visible_share"] == 1.0 and "emotion_distribution" not in data


def test_analyse_video_reads_expressions_only_when_they_are_on(tmp_path, settings):
    settings.EXPRESSION_ANALYSIS = True
    still = tmp_path / "face.png"
    cv2.imwrite(str(still), astronaut())

    output = io.StringIO()
    call_command("analyse_video", str(still), stdout=output)

    lines = output.getvalue().splitlines()
    assert lines[0] == "frames=1" and lines[1] == "face_visible=100%"
    assert lines[4].startswith("expressions_read_as=happy ")


def test_analyse_video_says_why_a_file_was_not_measured(tmp_path):
    text = tmp_path / "notes.webm"
    text.write_text("Not a video.\n" * 50)

    output = io.StringIO()
    call_command("analyse_video", str(text), stdout=output)

    assert output.getvalue().splitlines() == [
        "frames=0",
        "face_visible=not measured",
        "looking_at_camera=not measured  # of the frames with a face",
        "longest_look_away=not measured",
        "note: Presence wasn't measured for this answer. The recording is not a video file that can be read.",
    ]
