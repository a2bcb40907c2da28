"""Reads of résumés and profiles. A candidate's résumé is only ever looked up through its owner."""
from django.shortcuts import get_object_or_404

from accounts.models import Profile, Resume, User
from interviewer.engine.bank import BankQuestion
from interviewer.engine.resume import profile as engine_profile
from interviewer.engine.resume.questions import resume_questions
from interviewer.engine.resume.skills import domains_for


def resume_of(user: User, pk: int) -> Resume:
    """The user's own résumé, or 404 (someone else's résumé doesn't exist for them)."""
    return get_object_or_404(Resume, pk=pk, user=user)


def latest_resume_of(user: User) -> Resume | None:
    return user.resumes.first()


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def to_engine(profile: Profile) -> engine_profile.Profile:
    return engine_profile.Profile.from_dict({name: getattr(profile, name) for name in Profile.ENGINE_FIELDS})


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
