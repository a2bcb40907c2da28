"""Writes of résumés and profiles: storing an upload, reading it into the profile in the
background, corrections made by the candidate, the job description they paste.

Reading either replaces the whole profile or changes nothing: a file that can't be read, or
text with nothing of a résumé in it, leaves the existing profile exactly as it was.
"""

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from config.background import enqueue, notify_user
from config.queued_work import Swept, claim, requeue_stuck
from interviewer.engine.resume import extract, pdf_bounds
from interviewer.engine.resume import profile as engine_profile
from interviewer.engine.resume.skills import normalise_list
from resumes.models import Profile, Resume

log = logging.getLogger(__name__)

MAX_PASTED_CHARACTERS = 50_000
UNEXPECTED_FAILURE = (
    "Something went wrong while reading this file, and your profile was not changed. Try again, or "
    f"{extract.PASTE_OFFER[0].lower()}{extract.PASTE_OFFER[1:]}"
)
NOT_READ = (
    "This file was not read: the server was interrupted several times before it could read it, and your "
    "profile was not changed. Upload it again, or paste its text."
)
NOTHING_FOUND = (
    "We found no résumé content in this (no name, contact details, or sections such as Experience, "
    "Education or Skills), so your profile was not changed. Check that it is your résumé, or paste its text."
)
# Share of the progress bar for each step: storing is done, text extraction, then the profile.
EXTRACTION_FROM, EXTRACTION_TO = 5, 80
READ_PENDING = [Resume.Status.WAITING, Resume.Status.READING]  # not read yet, or its reading died


class ResumeRefused(Exception):
    """Pasted text that can't be used; the message is for the candidate."""


def upload_resume(user: User, uploaded: UploadedFile, kind: str) -> Resume:
    """Stores the file in the user's private folder and reads it in the background. `kind` is
    what the content says it is (forms.ResumeUploadForm sniffed it). ResumeRefused when the
    user's storage quota has no room for it."""
    from accounts.storage import storage_of

    storage = storage_of(user)
    if not storage.allows(uploaded.size):
        raise ResumeRefused(
            f"Your recordings and résumés take {storage}, and this file would go past that. Delete "
            "recordings you no longer need from their reports, or paste your résumé's text instead."
        )
    resume = Resume(user=user, kind=kind, original_name=uploaded.name[-255:], size=uploaded.size)
    resume.file.save(uploaded.name, uploaded, save=False)  # resume_path names it
    resume.save()
    transaction.on_commit(lambda: enqueue("resumes.tasks.read_resume", resume.pk))
    return resume


def read_resume(resume_id: int) -> Resume | None:
    """Reads a stored file into its owner's profile, telling their open pages how far it got.
    None when the résumé was deleted before its turn came, or another task is reading it."""
    if not claim(Resume.objects.filter(pk=resume_id, status__in=READ_PENDING)):
        return None
    resume = Resume.objects.get(pk=resume_id)
    _report(resume, Resume.Status.READING, EXTRACTION_FROM)
    try:
        with resume.file.open("rb") as stored:
            data = stored.read(extract.MAX_BYTES + 1)
        if resume.kind == Resume.Kind.PDF:
            pdf_bounds.check_pages(data, extract.MAX_PAGES)  # a text bomb is refused before pdfplumber reads it
        span = EXTRACTION_TO - EXTRACTION_FROM
        extracted = extract.extract_text(
            data, lambda done: _report(resume, Resume.Status.READING, EXTRACTION_FROM + round(span * done))
        )
        parsed = engine_profile.parse_profile(extracted.text, extracted.links, extracted.headings)
    except (extract.UnreadableResume, pdf_bounds.PdfTooDense) as refusal:
        return _fail(resume, str(refusal))
    except Exception:  # a parser bug must not leave the page waiting forever
        log.exception("Reading résumé %s failed", resume_id)
        return _fail(resume, UNEXPECTED_FAILURE)
    return _finish(resume, extracted.text, parsed)


def requeue_stuck_resumes() -> Swept:
    """Queues again the uploads that were never read (config/queued_work.py)."""

    def queue(ids: list[int]) -> None:
        for resume_id in ids:
            enqueue("resumes.tasks.read_resume", resume_id)

    def give_up(ids: list[int]) -> None:
        for resume in Resume.objects.filter(pk__in=ids, status__in=READ_PENDING):
            _fail(resume, NOT_READ)

    return requeue_stuck(Resume.objects.filter(status__in=READ_PENDING), queue, give_up)


def read_pasted_text(user: User, text: str) -> Resume:
    """The candidate's résumé pasted as text: read at once (it takes milliseconds)."""
    text = text.strip()
    if not text:
        raise ResumeRefused("Paste the text of your résumé first.")
    if len(text) > MAX_PASTED_CHARACTERS:
        raise ResumeRefused(
            f"That is {len(text):,} characters; a résumé is well under {MAX_PASTED_CHARACTERS:,}. "
            "Paste the résumé only."
        )
    parsed = engine_profile.parse_profile(text)
    if _nothing_found(parsed):
        raise ResumeRefused(NOTHING_FOUND)
    resume = Resume.objects.create(
        user=user, kind=Resume.Kind.TEXT, size=len(text.encode()), status=Resume.Status.READING
    )
    return _finish(resume, text, parsed)


def _nothing_found(parsed: engine_profile.Profile) -> bool:
    """Any text can pass for a summary; a résumé also has contact details or a section."""
    return not any(getattr(parsed, name) for name in Profile.ENGINE_FIELDS if name not in ("summary", "unsure"))


def _finish(resume: Resume, text: str, parsed: engine_profile.Profile) -> Resume:
    if _nothing_found(parsed):
        return _fail(resume, NOTHING_FOUND)
    with transaction.atomic():
        resume.raw_text, resume.status, resume.progress, resume.error = text, Resume.Status.DONE, 100, ""
        resume.parsed_at = timezone.now()
        resume.save()
        Profile.objects.update_or_create(user_id=resume.user_id, defaults={"source": resume, **parsed.to_dict()})
        older = Resume.objects.filter(
            user_id=resume.user_id, status__in=[Resume.Status.DONE, Resume.Status.FAILED]
        ).exclude(pk=resume.pk)
        for old in older:  # the profile now comes from this one
            _delete(old)
    _notify(resume)
    return resume


def _fail(resume: Resume, message: str) -> Resume:
    if resume.file:
        resume.file.delete(save=False)  # unreadable uploads aren't kept
    resume.status, resume.error = Resume.Status.FAILED, message
    resume.save(update_fields=["status", "error", "file"])
    _notify(resume)
    return resume


def _report(resume: Resume, status: str, progress: int) -> None:
    resume.status, resume.progress = status, progress
    resume.save(update_fields=["status", "progress"])
    _notify(resume)


def _notify(resume: Resume) -> None:
    notify_user(
        resume.user_id,
        {
            "type": "resume",
            "id": resume.pk,
            "status": resume.status,
            "status_label": resume.get_status_display(),
            "progress": resume.progress,
            "error": resume.error,
        },
    )


def _delete(resume: Resume) -> None:
    if resume.file:
        resume.file.delete(save=False)
    resume.delete()


def delete_resume(resume: Resume) -> None:
    """Removes the file; the profile read from it stays (it is the candidate's own now)."""
    _delete(resume)


def update_profile(
    user: User, fields: dict, experience: list[dict], education: list[dict], projects: list[dict]
) -> Profile:
    """The candidate's corrections. Skills are stored under their vocabulary names ("JS" →
    "JavaScript"), as the parser stores them."""
    profile, _ = Profile.objects.get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.skills = normalise_list(profile.skills)
    profile.experience = experience
    profile.education = education
    profile.projects = [{**project, "technologies": normalise_list(project["technologies"])} for project in projects]
    profile.unsure = []  # what the candidate saved is theirs
    profile.save()
    return profile


def save_job_description(user: User, text: str) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.job_description = text
    profile.save(update_fields=["job_description", "updated_at"])
    return profile
