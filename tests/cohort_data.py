"""Cohorts with many students and interviews for the staff workspace's tests and benchmark. The
rows have the shapes the real code stores: a finished Interview, its asked questions with
answers whose `grade` is a real grader's dictionary (interviewer.engine.grading.Grade), and the
ScoreSummary the progress dashboard keeps (reports.scores.Scores)."""
from dataclasses import asdict
from datetime import datetime

from accounts.models import Cohort, Membership, User
from interviewer.engine.grading import Grade, KeyPointResult
from interviewer.models import Answer, Domain, Interview, InterviewQuestion
from reports.models import ScoreSummary
from reports.scores import Scores

KEY_POINTS = ("Names the join type", "Explains NULL handling", "Gives an example query")


def scores(overall: float, *, pace: float | None = None, fillers: float | None = None, tone: float | None = None) -> Scores:
    return Scores(asked=3, correct=1, accuracy=1 / 3, content=overall, pace_wpm=pace, fillers_per_minute=fillers,
                  pauses_per_minute=None if pace is None else 0.5, tone_stability=tone, overall=overall)


def grade(covered: tuple[bool, ...], score: float) -> dict:
    points = [KeyPointResult(point, hit, "The sentence." if hit else "", 0.6 if hit else 0.2) for point, hit in zip(KEY_POINTS, covered)]
    return asdict(Grade(content_score=score, relevance=80.0, key_points=points, star=None, specificity=None,
                        answer_score=score, verdict="correct" if score >= 70 else "partial", word_count=60))


def finished(candidate: User, finished_at: datetime, overall: float | None, *, domain: Domain | None = None,
             covered: tuple[bool, ...] = (True, False, False), with_summary: bool = True, **delivery) -> Interview:
    """One finished interview with a question answered once, and its stored scores."""
    interview = Interview.objects.create(
        candidate=candidate, candidate_name=candidate.first_name or "Student", position="Data analyst", domain=domain,
        difficulty="medium", duration_minutes=15, type="technical", status=Interview.Status.FINISHED,
        started_at=finished_at, finished_at=finished_at,
    )
    question = InterviewQuestion.objects.create(
        interview=interview, position=1, stage="main", type="technical", text="How does a LEFT JOIN treat missing rows?",
        model_answer="It keeps every row of the left table.", key_points=list(KEY_POINTS), asked_at=finished_at, done=True,
        verdict="partial",
    )
    Answer.objects.create(question=question, attempt=1, text="An answer.", grade=grade(covered, overall or 0), verdict="partial")
    if with_summary:
        ScoreSummary.objects.create(interview=interview, scores=scores(overall, **delivery).to_dict(), presence_count=0)
    return interview


def member(cohort: Cohort, email: str, **extra) -> User:
    user = User.objects.create_user(email, "correct horse battery", **extra)
    Membership.objects.create(user=user, cohort=cohort)
    return user
