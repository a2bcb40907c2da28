"""A candidate's report, PDF, data and recordings are served to that candidate only: another
candidate (or staff) gets a 404, as if it didn't exist; anonymous visitors are sent to log in."""

import pytest
from django.core.files.storage import default_storage

from accounts.services import delete_account
from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from reports.models import ReportEmail, StoredReport
from tests.report_data import finished_interview


@pytest.fixture
def interview(db, candidate):
    load_question_bank(read_bank())
    return finished_interview(candidate, questions=1)


def urls_of(interview) -> list[str]:
    recording = Recording.objects.filter(question__interview=interview).first()
    base = f"/reports/{interview.pk}/"
    return [
        base,
        f"{base}pdf/",
        f"{base}data.json",
        f"{base}recordings.zip",
        f"/interviews/{interview.pk}/answers.csv",
        f"/recordings/{recording.pk}/",
    ]


def test_the_owner_opens_every_part_of_the_report(client, candidate, interview):
    client.force_login(candidate)

    for url in urls_of(interview):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("intruder", ["other_candidate", "staff"])
def test_anyone_else_gets_not_found(client, interview, intruder, request):
    client.force_login(request.getfixturevalue(intruder))

    for url in urls_of(interview):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/reports/{interview.pk}/email/").status_code == 404
    assert not ReportEmail.objects.filter(reason=ReportEmail.Reason.REQUESTED).exists()
    assert not StoredReport.objects.exists()  # no PDF was even rendered for them


def test_anonymous_visitors_are_sent_to_log_in(client, interview):
    for url in [*urls_of(interview), "/progress/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url


def test_the_dashboard_shows_nobody_elses_interviews(client, interview, other_candidate):
    client.force_login(other_candidate)

    page = client.get("/progress/").content.decode()

    assert "No finished interviews yet." in page and f"/reports/{interview.pk}/" not in page


def test_the_stored_pdf_lives_in_the_owners_private_folder_and_goes_with_the_account(client, candidate, interview):
    client.force_login(candidate)
    client.get(f"/reports/{interview.pk}/pdf/")
    stored = StoredReport.objects.get()
    assert stored.file.name.startswith(f"users/{candidate.pk}/") and default_storage.exists(stored.file.name)

    delete_account(candidate)

    assert not default_storage.exists(stored.file.name) and not StoredReport.objects.exists()
