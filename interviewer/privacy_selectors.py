"""Reads about a candidate's camera and recordings: what the recording notice tells them, and who
opened their interviews."""
from dataclasses import dataclass

from django.conf import settings

from interviewer import selectors
from interviewer.models import StaffAccess


@dataclass(frozen=True)
class RecordingNotice:
    """What the notice before a recorded interview states, for this candidate on this server."""

    policy: selectors.CameraPolicy
    recording_days: int  # 0: kept until deleted
    transcript_days: int  # 0: kept until deleted
    staff_cohorts: list[str]  # whose staff may read the candidate's interviews now


def recording_notice_for(candidate) -> RecordingNotice:
    return RecordingNotice(
        policy=selectors.camera_policy_for(candidate),
        recording_days=settings.RECORDING_RETENTION_DAYS,
        transcript_days=settings.TRANSCRIPT_RETENTION_DAYS,
        staff_cohorts=selectors.staff_cohorts_seeing(candidate),
    )


def accesses_to(student):
    """Who opened what of this student's, newest first."""
    return StaffAccess.objects.filter(student=student)


def accesses_by(viewer):
    """What this staff member opened of students', newest first."""
    return StaffAccess.objects.filter(viewer=viewer).select_related("student")
