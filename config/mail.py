"""Embedded-mode email: each message is written as a standard .eml file (open it in any mail
client) into EMAIL_FILE_PATH, so sign-up links and reports can be read without an SMTP server."""
import uuid
from datetime import datetime, timezone

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmlFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = settings.EMAIL_FILE_PATH
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\r\n"))
        return len(email_messages)
