"""Embedded-mode email: each message is written as a standard .eml file (open it in any mail
client) into EMAIL_FILE_PATH, so sign-up links and reports can be read without an SMTP server.
Also the site's address for links in emails sent from the background."""

import uuid
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmlFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = settings.EMAIL_FILE_PATH
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\r\n"))
        return len(email_messages)


def delete_messages_to(addresses: set[str]) -> int:
    """Deletes the .eml files written for these addresses (a deleted account's reports and links:
    they hold the same personal data as the account). Only this backend keeps sent mail on the
    server; with SMTP it has left it. Returns how many were deleted."""
    if f"{__name__}.{EmlFileBackend.__name__}" != settings.EMAIL_BACKEND:
        return 0
    addresses, deleted = {address.lower() for address in addresses}, 0
    for path in Path(settings.EMAIL_FILE_PATH).glob("*.eml"):
        with path.open("rb") as file:
            headers = BytesHeaderParser().parse(file)
        recipients = getaddresses(headers.get_all("To", []) + headers.get_all("Cc", []) + headers.get_all("Bcc", []))
        if any(email.lower() in addresses for _, email in recipients):
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def absolute_url(path: str) -> str:
    return f"{'https' if settings.PRODUCTION else 'http'}://{settings.SITE_DOMAIN}{path}"
