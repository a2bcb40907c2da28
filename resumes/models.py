import secrets

from django.db import models
from django.urls import reverse

from accounts.models import User, user_folder
from config.queued_work import QueuedWork


def resume_path(resume: "Resume", filename: str) -> str:
    """Under the owner's private folder; the name is ours (the uploaded one is only shown)."""
    return f"{user_folder(resume.user_id)}/resumes/{secrets.token_hex(8)}.{resume.kind}"


class Resume(QueuedWork):
    """An uploaded résumé (or pasted text) and the state of reading it into the profile."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        TEXT = "text", "Pasted text"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be read"
        READING = "reading", "Being read"
        DONE = "done", "Read"
        FAILED = "failed", "Could not be read"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="resumes")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to=resume_path, max_length=255, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    error = models.TextField(blank=True)  # why it could not be read, for the candidate
    raw_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("resume_status", args=[self.pk])


class Profile(models.Model):
    """The candidate's profile as read from their latest résumé, then corrected by them. Lists
    of entries are JSON in the shape of interviewer.engine.resume.profile.Profile."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    source = models.ForeignKey(Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    linkedin = models.CharField("LinkedIn", max_length=300, blank=True)
    github = models.CharField("GitHub", max_length=300, blank=True)
    portfolio = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    skills = models.JSONField(default=list, blank=True)
    experience = models.JSONField(default=list, blank=True)
    education = models.JSONField(default=list, blank=True)
    projects = models.JSONField(default=list, blank=True)
    certifications = models.JSONField(default=list, blank=True)
    awards = models.JSONField(default=list, blank=True)
    publications = models.JSONField(default=list, blank=True)
    activities = models.JSONField(default=list, blank=True)
    unsure = models.JSONField(default=list, blank=True)  # contact fields the parser was unsure of; cleared when saved
    job_description = models.TextField(blank=True)  # the last one pasted on the readiness page
    updated_at = models.DateTimeField(auto_now=True)

    ENGINE_FIELDS = (
        "name",
        "email",
        "phone",
        "linkedin",
        "github",
        "portfolio",
        "summary",
        "skills",
        "experience",
        "education",
        "projects",
        "certifications",
        "awards",
        "publications",
        "activities",
        "unsure",
    )
