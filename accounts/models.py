import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone

INVITE_VALIDITY = timedelta(days=60)
# No 0/O or 1/I/L: codes are read aloud in class and typed from slides.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=User.Role.ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Signs in with an email address. `role` decides what the platform offers; Django's own
    `is_staff` flag only opens the admin site and goes with the admin role."""

    class Role(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        STAFF = "staff", "Career-centre staff"
        ADMIN = "admin", "Administrator"

    username = None
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CANDIDATE)
    # When the candidate confirmed they had read what a recorded interview records, measures,
    # shows to whom and keeps for how long (asked before their first interview).
    recording_notice_read_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_career_staff(self) -> bool:
        return self.role in (self.Role.STAFF, self.Role.ADMIN)

    @property
    def display_name(self) -> str:
        return self.first_name or self.email.split("@")[0]


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))


def invite_expiry():
    return timezone.now() + INVITE_VALIDITY


class Cohort(models.Model):
    """A group of candidates run by career-centre staff (a class, a programme, a year)."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    staff = models.ManyToManyField(User, related_name="staffed_cohorts")
    members = models.ManyToManyField(User, through="Membership", related_name="cohorts")
    invite_code = models.CharField(max_length=8, unique=True, default=new_invite_code)
    invite_expires_at = models.DateTimeField(default=invite_expiry)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Staff can keep their members' interviews on the offline engine even when the server has a
    # language model configured (interviewer.selectors.llm_provider_for).
    llm_allowed = models.BooleanField("Use the language model", default=True)
    # Off until staff turn it on; even then it lists only members who opted in (Membership.on_leaderboard).
    leaderboard_enabled = models.BooleanField("Show a leaderboard to members", default=False)
    # Staff can keep their members' camera unanalysed (recorded only) or, separately, keep
    # expressions from being read, whatever the server allows (interviewer.selectors.camera_policy_for).
    camera_analysis_allowed = models.BooleanField("Analyse members' camera", default=True)
    expression_analysis_allowed = models.BooleanField("Read members' facial expressions", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cohort_detail", args=[self.pk])

    def get_invite_url(self):
        return reverse("join_cohort", args=[self.invite_code])

    @property
    def invite_expired(self) -> bool:
        return timezone.now() >= self.invite_expires_at


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)
    # The member's own choice: other members see their name and best score only when this is on.
    on_leaderboard = models.BooleanField("Show me on the cohort's leaderboard", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "cohort"], name="one_membership_per_cohort")]


def user_folder(user_id: int) -> str:
    """Every file a user owns (recordings, résumés, reports) lives under this folder of the
    private storage, so deleting an account can remove all of them at once."""
    return f"users/{user_id}"
