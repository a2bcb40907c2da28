"""A user's stored files against the storage quota (STORAGE_QUOTA_MB). Every file a user owns
lives under `user_folder` (accounts.models); the quota counts the two kinds the user adds:
`recordings/` (the room's answers) and `resumes/` (uploads). Measured on the storage itself, so
accounts needs no feature app's models, and a file counts exactly while it exists."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from accounts.models import user_folder

COUNTED_FOLDERS = ("recordings", "resumes")


@dataclass(frozen=True)
class StorageUse:
    """The bytes of a user's recordings and résumés against STORAGE_QUOTA_MB (0: no quota)."""

    used: int
    quota: int

    def allows(self, more: int = 1) -> bool:
        """Whether `more` bytes may be stored."""
        return not self.quota or self.used + more <= self.quota

    def __str__(self) -> str:
        return f"{filesizeformat(self.used)} of the {filesizeformat(self.quota)} you may store"


def storage_of(user) -> StorageUse:
    """`user`: a User or its id."""
    user_id = getattr(user, "pk", user)
    used = sum(_bytes_in(f"{user_folder(user_id)}/{folder}") for folder in COUNTED_FOLDERS)
    return StorageUse(used, settings.STORAGE_QUOTA_MB * 2**20)


def _bytes_in(folder: str) -> int:
    if not default_storage.exists(folder):
        return 0
    subfolders, files = default_storage.listdir(folder)
    return sum(default_storage.size(f"{folder}/{name}") for name in files) + sum(
        _bytes_in(f"{folder}/{name}") for name in subfolders
    )
