"""Writes about a candidate's camera and recordings: their camera choice for an interview, the
deletion of recordings (after the retention period, or at once by their owner) and of whole
interviews, and the log of staff opening a student's interviews."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import user_folder
from accounts.services import delete_folder
from interviewer import selectors
from interviewer.models import Answer, Interview, Recording, StaffAccess

log = logging.getLogger(__name__)


def choose_camera(interview: Interview, camera: str) -> Interview:
    """Stores the candidate's choice for this interview, within what the server and their cohorts
    allow now; expressions are read only if every one of those allows it. Choosing also records
    that the candidate read the recording notice shown beside the choice."""
    policy = selectors.camera_policy_for(interview.candidate)
    allowed = {value for value, _ in policy.camera_choices()}
    interview.camera = camera if camera in allowed else Interview.Camera.RECORDED
    interview.expressions_read = interview.camera == Interview.Camera.ANALYSED and policy.expressions
    interview.camera_chosen_at = timezone.now()
    interview.save(update_fields=["camera", "expressions_read", "camera_chosen_at"])
    candidate = interview.candidate
    if candidate.recording_notice_read_at is None:
        candidate.recording_notice_read_at = interview.camera_chosen_at
        candidate.save(update_fields=["recording_notice_read_at"])
    return interview


# --- Deleting recordings and interviews ----------------------------------------------------------


def delete_recording_file(recording: Recording) -> None:
    """The file goes; the row stays with what was measured from it (the report's scores and
    transcript), marked with when the file was deleted."""
    if recording.file:
        recording.file.storage.delete(recording.file.name)
    Recording.objects.filter(pk=recording.pk).update(file_deleted_at=timezone.now())


def delete_interview(interview: Interview) -> None:
    """The interview, its answers, recordings and stored PDF report (reports.receivers), at once."""
    files = [r.file.name for r in Recording.objects.filter(question__interview=interview) if r.file]
    folder = f"{user_folder(interview.candidate_id)}/recordings/{interview.pk}"
    with transaction.atomic():
        interview.delete()
    for name in files:
        default_storage.delete(name)
    delete_folder(folder)


def delete_expired(now=None) -> tuple[int, int]:
    """Applies RECORDING_RETENTION_DAYS and TRANSCRIPT_RETENTION_DAYS: deletes the files of
    recordings older than the first, and clears the transcripts older than the second (the live
    transcript, the timed transcript and the answer text). Safe to run any number of times and
    from several processes at once. Returns (recordings deleted, transcripts cleared)."""
    now = now or timezone.now()
    files = 0
    if settings.RECORDING_RETENTION_DAYS > 0:
        cutoff = now - timedelta(days=settings.RECORDING_RETENTION_DAYS)
        for recording in Recording.objects.filter(created_at__lt=cutoff, file_deleted_at=None).exclude(file=""):
            delete_recording_file(recording)
            files += 1
    transcripts = 0
    if settings.TRANSCRIPT_RETENTION_DAYS > 0:
        cutoff = now - timedelta(days=settings.TRANSCRIPT_RETENTION_DAYS)
        old = Recording.objects.filter(created_at__lt=cutoff, transcript__isnull=False)
        with transaction.atomic():
            Answer.objects.filter(recording__in=old).update(text="")
            transcripts = old.update(transcript=None, live_text="", transcription={})
    if files or transcripts:
        log.info("Retention: deleted %d recording files, cleared %d transcripts", files, transcripts)
    return files, transcripts


# --- Who opened a student's interviews ------------------------------------------------------------


def log_access(viewer, interview: Interview, what: str) -> None:
    """Records that `viewer` opened something of `interview`, unless it is their own. Called from
    GET views: recording who read a student's data is the one write a read has to make."""
    if viewer.pk == interview.candidate_id:
        return
    StaffAccess.objects.create(
        viewer=viewer,
        viewer_email=viewer.email,
        student_id=interview.candidate_id,
        interview=interview,
        interview_label=_label(interview),
        what=what,
    )


def log_cohort_export(viewer, student_ids, label: str, what: str) -> None:
    """One entry per student whose interviews went into a cohort-wide export."""
    StaffAccess.objects.bulk_create(
        StaffAccess(
            viewer=viewer, viewer_email=viewer.email, student_id=student, interview_label=label[:200], what=what
        )
        for student in set(student_ids) - {viewer.pk}
    )


def _label(interview: Interview) -> str:
    return f"{interview.position} ({interview.created_at:%d %b %Y})"[:200]
