"""Inviting students to a cohort by email, in bulk: addresses pasted or uploaded as a CSV.

Every row is checked on its own; the rows that can't be used are reported one by one ("row 4:
'bob@' is not an email address") and the good ones are still invited. Emails are sent in the
background (config.background) through Django's email backend."""

from __future__ import annotations

import csv
import io
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Cohort, User
from config.background import enqueue
from config.mail import absolute_url
from config.queued_work import Swept, claim, requeue_stuck
from staff.models import Invitation

log = logging.getLogger(__name__)

MAX_ROWS = 500  # per batch: a year group; more are reported, not read
MAX_UPLOAD_BYTES = 1024 * 1024  # 500 addresses take about 15 KB
MAX_ADDRESS_LENGTH = 254  # RFC 5321's limit on a forward path
HEADER_NAMES = {"email", "e-mail", "email address", "e-mail address", "mail"}
SHOWN_CHARACTERS = 60  # of a bad value quoted back
NOT_SENT = (
    "It was not sent: the server was interrupted several times before it could send it. Invite this address again."
)
# What a file that isn't text starts with, to say what it is rather than "can't be read".
FILE_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx): in Excel choose File → Save As → CSV and upload that"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word file (.xls/.doc): save it as CSV and upload that"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


class UnreadableFile(Exception):
    """The upload as a whole can't be read as addresses; the message says why and what to do."""


@dataclass
class Entry:
    label: str  # "row 4" (a CSV file) or "line 4" (pasted text), as the staff member sees it
    value: str


@dataclass
class InviteOutcome:
    invited: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)  # "row 3: ada@example.edu"
    problems: list[str] = field(default_factory=list)

    @property
    def anything_read(self) -> bool:
        return bool(self.invited or self.already_members or self.problems)


# --- Reading ---------------------------------------------------------------------------------


def text_of_upload(upload) -> str:
    """The uploaded file's text, or UnreadableFile saying why it isn't a CSV or text file."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            f"“{upload.name}” is {upload.size / 1024 / 1024:.1f} MB; a list of addresses is at most "
            f"{MAX_UPLOAD_BYTES // 1024} KB. Split it, or upload a CSV with the email column only."
        )
    data = upload.read()
    if not data.strip():
        raise UnreadableFile(f"“{upload.name}” is empty.")
    for signature, what in FILE_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(f"“{upload.name}” is {what}, not a CSV or text file.")
    if b"\x00" in data:
        raise UnreadableFile(
            f"“{upload.name}” isn't a CSV or text file (it contains binary data). "
            "Save the list as CSV (UTF-8) and upload that."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows; addresses are ASCII anyway


def csv_entries(text: str) -> tuple[list[Entry], list[str]]:
    """Rows of a CSV file: its only column, or the column headed "email" (any header, or none).
    Returns the entries and the problems found while reading."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    except csv.Error as error:  # e.g. a field longer than the csv module's limit (131,072 characters)
        raise UnreadableFile(
            f"This file couldn't be read as CSV ({error}). Save the list as CSV (UTF-8), one address a row."
        ) from error
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # trailing blank lines
    column, problems = 0, []
    if rows:
        header = [cell.strip().lower() for cell in rows[0][1]]
        named = [i for i, cell in enumerate(header) if cell in HEADER_NAMES]
        if named:
            column = named[0]
            rows = rows[1:]
        elif not any("@" in cell for cell in header):
            problems.append("row 1 has no email address in it: read as the header")
            rows = rows[1:]
    entries = []
    for number, cells in rows:
        cells = [cell.strip() for cell in cells]
        value = cells[column] if column < len(cells) else ""
        if not value and "@" in "".join(cells):
            value = next(cell for cell in cells if "@" in cell)  # a row whose columns moved
        entries.append(Entry(f"row {number}", value))
    return entries, problems


def pasted_entries(text: str) -> list[Entry]:
    """Pasted addresses: one a line, or several on a line separated by commas, semicolons or spaces."""
    entries = []
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    for number, line in enumerate(lines, start=1):
        parts = [
            part for part in line.replace(";", ",").replace(" ", ",").replace("\t", ",").split(",") if part.strip()
        ]
        entries.extend(Entry(f"line {number}", part.strip().strip("<>")) for part in parts or [""])
    return entries


# --- Checking and inviting -------------------------------------------------------------------


def _quoted(value: str) -> str:
    return f"'{value[:SHOWN_CHARACTERS]}…'" if len(value) > SHOWN_CHARACTERS else f"'{value}'"


def valid_addresses(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """The entries holding a usable, not yet seen address (the first MAX_ROWS entries), and a
    sentence for each of the others."""
    good, problems, seen = [], [], {}
    for entry in entries[:MAX_ROWS]:
        value = entry.value
        if not value:
            problems.append(f"{entry.label} is blank")
        elif len(value) > MAX_ADDRESS_LENGTH:
            problems.append(
                f"{entry.label}: {_quoted(value)} is {len(value)} characters long; an email address has "
                f"at most {MAX_ADDRESS_LENGTH}"
            )
        elif not _is_email(value):
            problems.append(f"{entry.label}: {_quoted(value)} is not an email address")
        elif value.lower() in seen:
            problems.append(f"{entry.label}: {value} is a repeat of {seen[value.lower()]}")
        else:
            seen[value.lower()] = entry.label
            good.append(entry)
    if len(entries) > MAX_ROWS:
        problems.append(
            f"{entries[MAX_ROWS].label} to {entries[-1].label} were not read: at most {MAX_ROWS} addresses "
            f"at a time. Send them in another batch."
        )
    return good, problems


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def invite(
    *, cohort: Cohort, invited_by: User, entries: list[Entry], problems: list[str], site_url: str
) -> InviteOutcome:
    """Queues an invitation email to every valid address that isn't a member yet."""
    good, row_problems = valid_addresses(entries)
    outcome = InviteOutcome(problems=problems + row_problems)
    members = {email.lower() for email in cohort.members.values_list("email", flat=True)}
    invitations = []
    for entry in good:
        if entry.value.lower() in members:
            outcome.already_members.append(f"{entry.label}: {entry.value}")
        else:
            invitations.append(Invitation(cohort=cohort, email=entry.value, invited_by=invited_by))
            outcome.invited.append(entry.value)
    if invitations:
        ids = [invitation.pk for invitation in Invitation.objects.bulk_create(invitations)]

        transaction.on_commit(lambda: enqueue("staff.tasks.send_invitations", ids, site_url))
    return outcome


def send_invitations(invitation_ids: list[int], site_url: str) -> None:
    """Sends each queued invitation once; a refused one is marked with why, and the others still go."""
    invitations = Invitation.objects.filter(pk__in=invitation_ids, status=Invitation.Status.QUEUED).select_related(
        "cohort", "invited_by"
    )
    for invitation in invitations:
        if not claim(Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.QUEUED)):
            continue  # sent, or being sent, by another delivery of this task
        cohort = invitation.cohort
        context = {
            "cohort": cohort,
            "site_name": settings.SITE_NAME,
            "invited_by": invitation.invited_by,
            "join_url": site_url.rstrip("/") + cohort.get_invite_url(),
        }
        message = EmailMessage(
            subject=f"[{settings.SITE_NAME}] You're invited to join “{cohort.name}”",
            body=render_to_string("staff/invitation_email.txt", context),
            to=[invitation.email],
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            log.warning("Invitation %s could not be sent: %s", invitation.pk, error)
            invitation.status, invitation.error = Invitation.Status.FAILED, f"The mail server refused it ({error})."
        else:
            invitation.status, invitation.sent_at = Invitation.Status.SENT, timezone.now()
        invitation.save(update_fields=["status", "error", "sent_at"])


def requeue_stuck_invitations() -> Swept:
    """Queues again the invitations that were never sent (config/queued_work.py). Their links
    point at SITE_DOMAIN, as the report emails' do: the request that made them is gone."""

    def give_up(ids: list[int]) -> None:
        Invitation.objects.filter(pk__in=ids, status=Invitation.Status.QUEUED).update(
            status=Invitation.Status.FAILED, error=NOT_SENT
        )

    queued = Invitation.objects.filter(status=Invitation.Status.QUEUED)
    return requeue_stuck(queued, lambda ids: enqueue("staff.tasks.send_invitations", ids, absolute_url("/")), give_up)
