"""Reads for interviews and the question bank."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from accounts.models import Membership
from accounts.selectors import cohorts_run_by
from interviewer.engine.llm.client import Provider
from interviewer.models import Domain, Interview, InterviewQuestion, Question, Recording

# "Recent" for the no-repeat rule: the questions of this many of the candidate's last interviews.
RECENT_INTERVIEWS = 5


def selectable_domains():
    return Domain.objects.filter(selectable=True)


def active_bank():
    return [q.to_engine() for q in Question.objects.filter(active=True).select_related("domain")]


def recently_asked_bank_ids(candidate) -> list[str]:
    """Bank ids the candidate was asked in their recent interviews, most recent first."""
    recent = Interview.objects.filter(candidate=candidate).order_by("-created_at")[:RECENT_INTERVIEWS]
    asked = (
        InterviewQuestion.objects.filter(interview__in=list(recent), bank_question__isnull=False)
        .order_by("-interview__created_at", "position")
        .values_list("bank_question__bank_id", flat=True)
    )
    return list(dict.fromkeys(asked))


def current_question(interview: Interview) -> InterviewQuestion | None:
    return interview.questions.filter(done=False).order_by("position").first()


def interviews_of(candidate):
    return Interview.objects.filter(candidate=candidate).select_related("domain")


def questions_of_candidate(candidate):
    return InterviewQuestion.objects.filter(interview__candidate=candidate)


def interviews_visible_to(user):
    """The one access rule for an interview's report, its files and recordings: its owner, and
    read-only, once it has finished, the staff of a cohort the owner is a member of now (leaving
    ends it)."""
    if not user.is_authenticated:
        return Interview.objects.none()
    members = Membership.objects.filter(cohort__in=cohorts_run_by(user)).values("user_id")
    return Interview.objects.filter(Q(candidate=user) | Q(candidate__in=members, status=Interview.Status.FINISHED))


def recordings_visible_to(user):
    return Recording.objects.filter(question__interview__in=interviews_visible_to(user))


def asked_with_answers(interview: Interview):
    return interview.questions.exclude(asked_at=None).prefetch_related("answers__recording")


# --- The optional language model ---------------------------------------------------------------


def llm_configured() -> bool:
    return bool(settings.LLM_BASE_URL and settings.LLM_MODEL)


def llm_provider_for(candidate) -> Provider | None:
    """The language model for this candidate's interviews, or None for the offline engine. The
    one rule: the server has a model configured (LLM_BASE_URL and LLM_MODEL) and none of the
    cohorts the candidate joined has turned it off."""
    if not llm_configured():
        return None
    if candidate.cohorts.filter(llm_allowed=False).exists():
        return None
    return Provider(
        base_url=settings.LLM_BASE_URL,
        model=settings.LLM_MODEL,
        api_key=settings.LLM_API_KEY,
        connect_timeout_seconds=settings.LLM_CONNECT_TIMEOUT_SECONDS,
        read_timeout_seconds=settings.LLM_READ_TIMEOUT_SECONDS,
        deadline_seconds=settings.LLM_TIMEOUT_SECONDS,
        stream=settings.LLM_STREAM,
        breaker_failures=settings.LLM_BREAKER_FAILURES,
        breaker_cool_down_seconds=settings.LLM_BREAKER_COOL_DOWN_SECONDS,
    )


# --- The camera --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraPolicy:
    """What may be done with a candidate's camera: the server's settings (CAMERA_ANALYSIS,
    EXPRESSION_ANALYSIS), narrowed by every cohort they joined; the candidate then chooses per
    interview within it."""

    analysis: bool
    expressions: bool
    # The cohorts that turned analysis or expression reading off, to say why on the pages.
    cohorts_off: tuple[str, ...] = ()

    def camera_choices(self) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in Interview.Camera.choices
            if self.analysis or value != Interview.Camera.ANALYSED
        ]


def camera_policy_for(candidate) -> CameraPolicy:
    cohorts = list(candidate.cohorts.filter(Q(camera_analysis_allowed=False) | Q(expression_analysis_allowed=False)))
    analysis = settings.CAMERA_ANALYSIS and all(c.camera_analysis_allowed for c in cohorts)
    expressions = analysis and settings.EXPRESSION_ANALYSIS and all(c.expression_analysis_allowed for c in cohorts)
    return CameraPolicy(analysis=analysis, expressions=expressions, cohorts_off=tuple(c.name for c in cohorts))


def staff_cohorts_seeing(candidate) -> list[str]:
    """Names of the cohorts whose staff may read this candidate's interviews now."""
    return list(candidate.cohorts.values_list("name", flat=True))
