"""The optional language model in an interview. Each function here either returns what the
model wrote or, when the model is off for this candidate (interviewer.selectors.llm_provider_for),
rate-limited, failing or replying nonsense, what the offline engine gives, within the same call:
an interview never waits for the model past LLM_TIMEOUT_SECONDS and never stops because of it.

What is sent, and nothing more (the settings page, /interviews/engine/, says the same): the
position, field, topic, difficulty and type of the interview; the questions, their model answers
and key points; the candidate's answer text and the offline grader's scores; and, for an
interview on the résumé, the résumé's summary, skills, job titles, achievements and projects.
Never the candidate's name, email, phone, links, employers, schools, or any recording.
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from interviewer import selectors
from interviewer.engine.bank import BankQuestion
from interviewer.engine.followups import MIN_WORDS_TO_FOLLOW_UP, FollowUp, follow_up_for
from interviewer.engine.llm import uses
from interviewer.engine.llm.client import LLMError
from interviewer.engine.planning import InterviewSetup
from interviewer.engine.resume.profile import Profile
from interviewer.engine.resume.questions import RESUME_DOMAIN
from interviewer.models import Answer, Domain, Interview, InterviewQuestion, Stage
from resumes import selectors as resume_selectors

log = logging.getLogger(__name__)

LLM_DOMAIN = "llm"  # the "domain" of the model's questions in a plan; no bank file has it
RATE_WINDOW_SECONDS = 3600


def permit_for(user_id: int) -> Callable[[], bool]:
    """Counts one request against the user's hourly allowance (LLM_REQUESTS_PER_USER_PER_HOUR)
    and says whether it is still within it. The count lives in the cache, which is Redis in
    production, so every web and worker process shares it."""

    def permit() -> bool:
        key = f"llm-requests:{user_id}:{int(time.time() // RATE_WINDOW_SECONDS)}"
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        return cache.incr(key) <= settings.LLM_REQUESTS_PER_USER_PER_HOUR

    return permit


def with_written_questions(
    candidate, setup: InterviewSetup, planned: list[BankQuestion]
) -> tuple[list[BankQuestion], str]:
    """The plan with its field questions replaced by ones the model wrote, and who wrote them
    ("<model> at <host>"); the plan unchanged and "" when the model is off or fails. Openers,
    wrap-ups and the offline résumé questions stay as planned."""
    provider = selectors.llm_provider_for(candidate)
    slots = [i for i, q in enumerate(planned) if q.stage == Stage.MAIN and q.domain != RESUME_DOMAIN]
    if provider is None or not slots:
        return planned, ""
    profile = resume_selectors.engine_profile_of(candidate) if setup.use_resume else None
    try:
        written = uses.write_questions(
            provider,
            position=setup.position,
            subject=_subject(setup),
            difficulty=setup.difficulty,
            interview_type=setup.type,
            count=len(slots),
            resume_text=_resume_text(profile) if profile else "",
            permit=permit_for(candidate.pk),
        )
    except LLMError as error:
        log.warning("Questions from the question bank: the language model failed (%s)", error)
        return planned, ""
    questions = list(planned)
    for n, (slot, q) in enumerate(zip(slots, written), 1):
        questions[slot] = BankQuestion(
            id=f"{LLM_DOMAIN}-{n}",
            domain=LLM_DOMAIN,
            difficulty=setup.difficulty,
            type=q.type,
            stage=Stage.MAIN,
            text=q.text,
            model_answer=q.model_answer,
            key_points=q.key_points,
            hint=q.hint,
        )
    return questions, provider.label


def follow_up(interview: Interview, question: InterviewQuestion, answer: str) -> tuple[FollowUp | None, str]:
    """A follow-up on the candidate's answer and who wrote it: the model's when it is on and
    succeeds, else the offline engine's (written_by ""). None when the answer is too short to
    follow up either way."""
    if len(answer.split()) < MIN_WORDS_TO_FOLLOW_UP:
        return None, ""
    provider = selectors.llm_provider_for(interview.candidate)
    if provider is not None:
        try:
            written = uses.write_follow_up(
                provider,
                position=interview.position,
                question=question.text,
                answer=answer,
                permit=permit_for(interview.candidate_id),
            )
            return FollowUp(
                written.text, written.model_answer, written.key_points, written.hint, written.type, about=""
            ), provider.label
        except LLMError as error:
            log.warning("Follow-up from the offline engine: the language model failed (%s)", error)
    return follow_up_for(answer), ""


def explain_scores(interview: Interview) -> None:
    """As the interview ends: a rationale for each answer's score and a narrative summary,
    written around the offline grader's numbers (which stay as they are). Without the model,
    or when it fails, the report has the offline feedback only."""
    provider = selectors.llm_provider_for(interview.candidate)
    answers = list(
        Answer.objects.filter(question__interview=interview)
        .select_related("question")
        .order_by("question__position", "attempt")
    )
    if provider is None or not answers:
        return
    graded = [
        uses.GradedAnswer(
            question=a.question.text,
            answer=a.text,
            answer_score=a.grade["answer_score"],
            verdict=a.verdict,
            covered=tuple(k["point"] for k in a.grade["key_points"] if k["covered"]),
            missed=tuple(k["point"] for k in a.grade["key_points"] if not k["covered"] and k.get("checked", True)),
        )
        for a in answers
    ]
    try:
        written = uses.write_feedback(
            provider, position=interview.position, answers=graded, permit=permit_for(interview.candidate_id)
        )
    except LLMError as error:
        log.warning("Offline feedback only: the language model failed (%s)", error)
        return
    for answer, rationale in zip(answers, written.rationales):
        answer.rationale = rationale
    Answer.objects.bulk_update(answers, ["rationale"])
    interview.feedback = {
        **(interview.feedback or {}),
        "narrative": {"text": written.summary, "written_by": provider.label},
    }
    interview.save(update_fields=["feedback"])


def _subject(setup: InterviewSetup) -> str:
    field = Domain.objects.filter(slug=setup.domain).values_list("name", flat=True).first() if setup.domain else ""
    return " — ".join(part for part in (field, setup.topic.strip()) if part) or "the candidate's own experience"


def _resume_text(profile: Profile) -> str:
    """The work the résumé describes, without who the candidate is: no name, contact details,
    links, employers, schools or dates."""
    parts = [profile.summary, "Skills: " + ", ".join(profile.skills) if profile.skills else ""]
    for job in profile.experience:
        parts += [f"Job: {job.title}", *(f"- {bullet}" for bullet in job.bullets)]
    for project in profile.projects:
        parts.append(f"Project: {project.name}. {project.description} ({', '.join(project.technologies)})")
    return "\n".join(p for p in parts if p.strip())
