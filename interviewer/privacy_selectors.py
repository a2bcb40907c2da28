"""Reads about a candidate's camera and recordings: what the recording notice tells them, who
opened their interviews, and how much of their storage quota their files take."""

from dataclasses import dataclass

from django.conf import settings

from accounts.storage import StorageUse, storage_of
from interviewer import selectors
from interviewer.models import StaffAccess


def recording_refusal(user) -> str | None:
    """Why this user's spoken answers can't be recorded now (their storage is full), or None."""
    storage = storage_of(user)
    if storage.allows():
        return None
    return (
        f"Your recordings and résumés take {storage}, so spoken answers can't be recorded. Type your answer "
        "instead (it is graded the same way), or delete recordings you no longer need from their reports."
    )


@dataclass(frozen=True)
class RecordingNotice:
    """What the notice before a recorded interview states, for this candidate on this server."""

    policy: selectors.CameraPolicy
    recording_days: int  # 0: kept until deleted
    transcript_days: int  # 0: kept until deleted
    staff_cohorts: list[str]  # whose staff may read the candidate's interviews now
    storage: StorageUse


def recording_notice_for(candidate) -> RecordingNotice:
    return RecordingNotice(
        policy=selectors.camera_policy_for(candidate),
        recording_days=settings.RECORDING_RETENTION_DAYS,
        transcript_days=settings.TRANSCRIPT_RETENTION_DAYS,
        staff_cohorts=selectors.staff_cohorts_seeing(candidate),
        storage=storage_of(candidate),
    )


def accesses_to(student):
    """Who opened what of this student's, newest first."""
    return StaffAccess.objects.filter(student=student)


def accesses_by(viewer):
    """What this staff member opened of students', newest first."""
    return StaffAccess.objects.filter(viewer=viewer).select_related("student")
