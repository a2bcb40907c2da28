"""Who gets what: every report, recording and career-centre URL against anonymous visitors, the
candidate who owns the object, another candidate, staff of the candidate's cohort, staff of
another cohort and an administrator. Each must get exactly the expected status."""
import pytest

from accounts.models import User
from accounts.services import create_cohort, join_cohort, leave_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from tests.conftest import make_user
from tests.report_data import finished_interview

ROLES = ["anonymous", "owner", "other_candidate", "cohort_staff", "other_staff", "admin"]
OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


@pytest.fixture
def people(db, candidate, other_candidate, staff, admin_user):
    other_staff = make_user("other-counsellor@example.edu", role=User.Role.STAFF)
    cohort = create_cohort(staff_member=staff, name="Class of 2026", description="")
    create_cohort(staff_member=other_staff, name="Evening MBA", description="")
    join_cohort(user=candidate, code=cohort.invite_code)
    return {"owner": candidate, "other_candidate": other_candidate, "cohort_staff": staff, "other_staff": other_staff,
            "admin": admin_user, "cohort": cohort}


@pytest.fixture
def interview(people):
    load_question_bank(read_bank())
    return finished_interview(people["owner"], questions=1)


def report_urls(interview) -> list[str]:
    recording = Recording.objects.filter(question__interview=interview).first()
    base = f"/reports/{interview.pk}/"
    return [base, f"{base}pdf/", f"{base}data.json", f"{base}recordings.zip", f"/interviews/{interview.pk}/answers.csv",
            f"/recordings/{recording.pk}/"]


def get_as(client, people, role, url):
    if role != "anonymous":
        client.force_login(people[role])
    return client.get(url)


# Staff of the owner's cohort read the report, read-only; administrators run every cohort.
REPORT_ACCESS = {"anonymous": LOGIN, "owner": OK, "other_candidate": NOT_FOUND, "cohort_staff": OK,
                 "other_staff": NOT_FOUND, "admin": OK}


@pytest.mark.parametrize("role", ROLES)
def test_report_files_and_recordings(client, people, interview, role):
    for url in report_urls(interview):
        assert get_as(client, people, role, url).status_code == REPORT_ACCESS[role], url


@pytest.mark.parametrize("role", ["cohort_staff", "admin", "other_candidate"])
def test_only_the_owner_can_have_the_report_emailed(client, people, interview, role):
    client.force_login(people[role])

    assert client.post(f"/reports/{interview.pk}/email/").status_code == NOT_FOUND


def test_staff_see_the_report_without_the_owners_email_button(client, people, interview):
    client.force_login(people["cohort_staff"])

    page = client.get(f"/reports/{interview.pk}/").content.decode()

    assert "Email me this report" not in page and "Ada Lovelace and the staff of cohorts they joined" in page


def test_leaving_the_cohort_ends_the_staffs_access(client, people, interview):
    leave_cohort(user=people["owner"], cohort=people["cohort"])
    client.force_login(people["cohort_staff"])

    for url in report_urls(interview):
        assert client.get(url).status_code == NOT_FOUND, url
