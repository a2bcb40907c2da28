"""The PDF report as its reader gets it: downloaded from the report page, or attached to an email
that an SMTP server of the test's own (aiosmtpd, with Inbox as its handler) received; and the
words on its pages, read by pdfplumber."""

import io
from email import message_from_bytes
from email.policy import default

import pdfplumber


def download(client, interview) -> bytes:
    response = client.get(f"/reports/{interview.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="interview-report-')
    return response.content


def words_of(pdf: pdfplumber.PDF) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"


def pdf_text(message) -> str:
    [attachment] = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert attachment.get_filename().startswith("interview-report-")
    with pdfplumber.open(io.BytesIO(attachment.get_content())) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)
