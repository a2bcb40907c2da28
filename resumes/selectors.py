"""Reads of résumés and profiles. A candidate's résumé is only ever looked up through its owner."""

from django.shortcuts import get_object_or_404

from accounts.models import User
from interviewer.engine.bank import BankQuestion
from interviewer.engine.resume import profile as engine_profile
from interviewer.engine.resume.questions import resume_questions
from interviewer.engine.resume.skills import domains_for
from resumes.models import Profile, Resume


def resume_of(user: User, pk: int) -> Resume:
    """The user's own résumé, or 404 (someone else's résumé doesn't exist for them)."""
    return get_object_or_404(Resume, pk=pk, user=user)


def latest_resume_of(user: User) -> Resume | None:
    return user.resumes.first()


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def to_engine(profile: Profile) -> engine_profile.Profile:
    return engine_profile.Profile.from_dict({name: getattr(profile, name) for name in Profile.ENGINE_FIELDS})


def unsure_count(profile: Profile) -> int:
    """How many fields and entries of the profile the parser was unsure of (saved ones are sure)."""
    entries = [e for section in (profile.experience, profile.education) for e in section]
    return len(profile.unsure) + sum(e.get("confidence", 1) < engine_profile.UNSURE for e in entries)


def engine_profile_of(user: User) -> engine_profile.Profile | None:
    profile = profile_of(user)
    return to_engine(profile) if profile else None


def interview_material_of(user: User) -> tuple[list[BankQuestion], list[str]]:
    """Questions on the user's résumé, and the bank domains their skills point to (best first)."""
    profile = engine_profile_of(user)
    if profile is None:
        return [], []
    used = profile.skills + [tool for project in profile.projects for tool in project.technologies]
    return resume_questions(profile), domains_for(used)


PROFILE_CSV_COLUMNS = ("section", "entry", "field", "value")


def profile_rows(profile: engine_profile.Profile) -> list[tuple]:
    """The profile flattened for a spreadsheet: one row per value; lists give one row per item,
    numbered within their entry."""
    rows = [
        ("contact", 1, name, getattr(profile, name))
        for name in ("name", "email", "phone", "linkedin", "github", "portfolio")
    ]
    rows.append(("summary", 1, "summary", profile.summary))
    rows += [("skills", n, "skill", skill) for n, skill in enumerate(profile.skills, 1)]
    for section in ("experience", "education", "projects"):
        for n, entry in enumerate(getattr(profile, section), 1):
            for name, value in vars(entry).items():
                if name == "confidence":
                    continue  # the parser's, not part of the candidate's profile
                rows += (
                    [(section, n, name, item) for item in value]
                    if isinstance(value, list)
                    else [(section, n, name, value)]
                )
    for section, field in (
        ("certifications", "certification"),
        ("awards", "award"),
        ("publications", "publication"),
        ("activities", "activity"),
    ):
        rows += [(section, n, field, item) for n, item in enumerate(getattr(profile, section), 1)]
    return rows
