"""A candidate answers with the camera on and no face in view: the real camera analysis of a
face-less video (scikit-image's photo of a man behind a camera, whose face the frontal cascade
does not find) stores JSON null for "looking at the camera". Every page that reads it, the
candidate's and their cohort staff's, renders and says "not measured" with the reason."""

import csv
import io

import pdfplumber
import pytest

from interviewer.models import Recording
from reports.models import ScoreSummary
from tests.pdf_reports import download, words_of


def test_the_stored_camera_analysis_has_no_face_and_no_looking_share(faceless_interview):
    presence = Recording.objects.get(question__interview=faceless_interview).presence

    assert presence["frames_analysed"] == 6  # two frames a second of a 3-second video
    assert presence["face_visible_share"] == 0.0
    assert presence["looking_at_camera_share"] is None


def test_the_analysis_that_lands_after_the_interview_finished_updates_its_stored_scores(faceless_interview):
    summary = ScoreSummary.objects.get(interview=faceless_interview)

    assert summary.presence_count == 1  # stored again when the analysis landed, not by a page
    assert summary.scores["face_visible_share"] == 0.0 and summary.scores["looking_at_camera_share"] is None


def test_the_candidates_progress_page_says_not_measured(client, candidate, faceless_interview):
    client.force_login(candidate)

    response = client.get("/progress/")

    assert response.status_code == 200
    assert "no face was in view" in response.content.decode()


@pytest.mark.parametrize("page", ["/staff/", "/cohorts/{pk}/roster/", "/cohorts/{pk}/analytics/"])
def test_the_cohort_staff_pages_render(client, staff, faceless_interview, cohort_staff, page):
    client.force_login(staff)

    response = client.get(page.format(pk=cohort_staff.pk))

    assert response.status_code == 200


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_roster_and_results_downloads_say_not_measured(client, staff, candidate, faceless_interview, cohort_staff):
    client.force_login(staff)

    roster = csv_rows(client.get(f"/cohorts/{cohort_staff.pk}/roster.csv"))
    results = csv_rows(client.get(f"/cohorts/{cohort_staff.pk}/results.csv"))

    assert [row["email"] for row in roster] == [candidate.email]
    assert [row["interview"] for row in results] == [str(faceless_interview.pk)]
    assert results[0]["presence"] == "not measured: no face was in view"


def test_the_report_says_presence_was_not_measured_and_why(client, candidate, faceless_interview):
    client.force_login(candidate)

    page = client.get(f"/reports/{faceless_interview.pk}/").content.decode()

    presence = page.split('id="presence-heading"')[1].split("</section>")[0]
    assert 'Face visible</dt><dd class="score-value">0%' in presence.replace("\n", "").replace("  ", "")
    assert "not measured: no face was in view" in presence, presence


def test_the_pdf_says_presence_was_not_measured_and_why(client, candidate, faceless_interview):
    client.force_login(candidate)

    with pdfplumber.open(io.BytesIO(download(client, faceless_interview))) as pdf:
        text = words_of(pdf)

    assert "not measured: no face was in view" in text
    assert "Face visible: 0%" in text
