"""Bulk invite: a CSV or pasted list with malformed rows reports each of them by row and still
invites the valid addresses; each invitation email (sent by a background task thread through
Django's email backend, locmem in tests) carries the cohort's join link; members are reported,
not invited again; files that aren't CSV or text, empty or too large are refused with a reason."""

import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Membership
from accounts.services import create_cohort, join_cohort
from staff.invites import MAX_ROWS
from staff.models import Invitation

pytestmark = pytest.mark.django_db(transaction=True)  # the emails go from a task thread after the commit


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


def all_sent(count: int, timeout: float = 30) -> list[Invitation]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        invitations = list(Invitation.objects.exclude(status=Invitation.Status.QUEUED))
        if len(invitations) >= count:
            return invitations
        time.sleep(0.1)
    raise AssertionError("the invitations were never sent")


def upload(client, cohort, name: str, content: bytes, **extra):
    return client.post(f"/cohorts/{cohort.pk}/invite/", {"file": SimpleUploadedFile(name, content), **extra})


def test_a_csv_with_malformed_rows_reports_them_row_by_row_and_invites_the_valid_ones(client, staff, cohort, candidate):
    join_cohort(user=candidate, code=cohort.invite_code)  # ada@example.edu is already a member
    csv = (
        "Name,Email\n"
        "Grace Hopper,grace@example.edu\n"
        "Bob,bob@\n"
        "Ada,ADA@example.edu\n"
        ",\n"
        "Alan Turing,alan@example.org\n"
        "Grace again,Grace@Example.edu\n"
        f"Long,{'x' * 250}@example.edu\n"
    ).encode()
    client.force_login(staff)

    response = upload(client, cohort, "students.csv", csv)

    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.invited == ["grace@example.edu", "alan@example.org"]
    assert outcome.already_members == ["row 4: ADA@example.edu"]
    assert outcome.problems == [
        "row 3: 'bob@' is not an email address",
        "row 5 is blank",
        "row 7: Grace@Example.edu is a repeat of row 2",
        "row 8: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 262 characters long; "
        "an email address has at most 254",
    ]
    page = response.content.decode()
    assert "row 3: &#x27;bob@&#x27; is not an email address" in page

    sent = all_sent(2)
    assert {i.email for i in sent} == {"grace@example.edu", "alan@example.org"}
    assert all(i.status == Invitation.Status.SENT and i.invited_by == staff for i in sent)
    assert sorted(message.to[0] for message in mail.outbox) == ["alan@example.org", "grace@example.edu"]
    body = mail.outbox[0].body
    assert f"http://testserver/join/{cohort.invite_code}/" in body and cohort.invite_code in body
    assert "MSc Data Science 2027" in mail.outbox[0].subject
    assert Membership.objects.filter(cohort=cohort).count() == 1  # an invitation doesn't join anyone


def test_the_join_link_in_the_email_joins_the_cohort(client, staff, cohort, other_candidate):
    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/invite/", {"addresses": other_candidate.email})
    all_sent(1)
    [link] = [line for line in mail.outbox[0].body.splitlines() if "/join/" in line]

    client.force_login(other_candidate)
    client.post(link.replace("http://testserver", ""))

    assert list(other_candidate.cohorts.all()) == [cohort]


def test_pasted_addresses_may_be_separated_by_lines_commas_or_spaces(client, staff, cohort):
    client.force_login(staff)

    response = client.post(
        f"/cohorts/{cohort.pk}/invite/", {"addresses": "a@example.edu, b@example.edu\n\nc@example.edu d@\n"}
    )

    outcome = response.context["outcome"]
    assert outcome.invited == ["a@example.edu", "b@example.edu", "c@example.edu"]
    assert outcome.problems == ["line 2 is blank", "line 3: 'd@' is not an email address"]
    all_sent(3)


def test_a_single_column_without_a_header_is_read_from_its_first_row(client, staff, cohort):
    client.force_login(staff)

    response = upload(client, cohort, "list.txt", b"\xef\xbb\xbfa@example.edu\r\nb@example.edu\r\n")

    assert response.context["outcome"].invited == ["a@example.edu", "b@example.edu"]
    assert response.context["outcome"].problems == []
    all_sent(2)


def test_rows_over_the_limit_are_reported_and_the_first_ones_still_invited(client, staff, cohort):
    rows = "\n".join(f"student{i}@example.edu" for i in range(MAX_ROWS + 3)).encode()
    client.force_login(staff)

    outcome = upload(client, cohort, "year.csv", rows).context["outcome"]

    assert len(outcome.invited) == MAX_ROWS
    assert outcome.problems == [
        f"row {MAX_ROWS + 1} to row {MAX_ROWS + 3} were not read: at most {MAX_ROWS} addresses at a time. "
        "Send them in another batch."
    ]
    all_sent(MAX_ROWS, timeout=120)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("students.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is a PNG image, not a CSV or text file"),
        ("students.xlsx", b"PK\x03\x04" + b"\x00" * 40, "Excel workbook (.xlsx)"),
        ("students.csv", b"a@example.edu\x00\x01\x02", "isn't a CSV or text file"),
        ("students.csv", b"  \n\n", "is empty"),
        ("students.csv", b"a@example.edu\n" * 80_000, "a list of addresses is at most 1024 KB"),
    ],
)
def test_a_file_that_is_not_a_list_of_addresses_is_refused_with_the_reason(
    client, staff, cohort, name, content, reason
):
    client.force_login(staff)

    response = upload(client, cohort, name, content)

    assert response.status_code == 400
    assert reason in response.context["form"].errors["file"][0]
    assert response.context["outcome"] is None
    assert not Invitation.objects.exists()


def test_an_empty_form_asks_for_addresses(client, staff, cohort):
    client.force_login(staff)

    response = client.post(f"/cohorts/{cohort.pk}/invite/", {"addresses": "   "})

    assert response.status_code == 400
    assert "Paste some email addresses or choose a CSV file." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_mail_server_that_refuses_marks_the_invitation_and_loses_nothing(client, settings, staff, cohort):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        9,
        2,
    )  # nothing listens on the discard port
    client.force_login(staff)

    client.post(f"/cohorts/{cohort.pk}/invite/", {"addresses": "a@example.edu"})

    [invitation] = all_sent(1)
    assert invitation.status == Invitation.Status.FAILED and "mail server" in invitation.error
    page = client.get(f"/cohorts/{cohort.pk}/invite/").content.decode()
    assert "Could not be sent" in page and "a@example.edu" in page
