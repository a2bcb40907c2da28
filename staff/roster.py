"""Reads for career-centre staff: a cohort's roster, the dashboard's figures, the students who
need attention and the cohort's analytics. Every function runs a fixed number of queries however
many students and interviews there are; sums, counts and averages are taken by the database.

Scores are the per-interview ones stored when each interview finished or a late camera
analysis landed (reports.models.ScoreSummary, reports.services.store_scores)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KeyTransform
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Cohort, Membership, User
from assignments.models import Assignment
from interviewer.models import Answer, Interview
from reports.scores import unmeasured
from reports.stored_metrics import StoredNumber, StoredValue

# "Needs attention": no finished interview for this many days (or never) ...
IDLE_DAYS = 14
# ... or a latest overall score this many points (out of 100) below the mean of the student's
# earlier interviews; smaller moves are within what one harder question does.
FALLING_BY = 10
ACTIVITY_DAYS = 7  # "this week" on the dashboard: the last seven days
WEAKEST_KEY_POINTS = 10
KEY_POINT_MIN_ANSWERS = 2  # a key point answered once says little about the cohort


def _score(key: str, scores: str = "score_summary__scores"):
    """One number of an interview's stored scores, read in the query (NULL when not measured)."""
    return StoredNumber(key, scores)


def finished_interviews_of(members: QuerySet[User]) -> QuerySet[Interview]:
    return Interview.objects.filter(candidate__in=members, status=Interview.Status.FINISHED)


# --- Roster ----------------------------------------------------------------------------------


@dataclass
class RosterRow:
    user_id: int
    cohort_id: int
    email: str
    name: str
    joined_at: datetime
    interviews: int  # finished
    scored: int  # finished interviews with an overall score
    average: float | None
    latest: float | None
    last_practice: datetime | None
    on_leaderboard: bool = False

    @property
    def earlier_average(self) -> float | None:
        """The mean overall of the interviews before the latest one."""
        if self.scored < 2 or self.average is None or self.latest is None:
            return None
        return (self.average * self.scored - self.latest) / (self.scored - 1)

    @property
    def trend(self) -> float | None:
        """Latest overall minus the mean of the earlier ones: positive when improving."""
        earlier = self.earlier_average
        return None if earlier is None else round(self.latest - earlier, 1)

    @property
    def unmeasured(self) -> str:
        """Why there is no overall score to show."""
        return "no finished interview" if not self.interviews else "not measured: no question was answered"

    # Formatted here, not by template filters: floatformat on 500 rows × 3 cells took longer
    # than the roster's queries.
    @property
    def latest_shown(self) -> str:
        return self.unmeasured if self.latest is None else f"{self.latest:.0f}"

    @property
    def average_shown(self) -> str:
        return self.unmeasured if self.average is None else f"{self.average:.0f}"

    @property
    def trend_shown(self) -> str:
        return "—" if self.trend is None else f"{self.trend:+.0f}"

    @property
    def trend_class(self) -> str:
        trend = self.trend
        return "" if not trend else "change-better" if trend > 0 else "change-worse"

    @property
    def last_practice_shown(self) -> str:
        return "never" if self.last_practice is None else f"{timezone.localtime(self.last_practice):%-d %b %Y}"

    @property
    def falling(self) -> bool:
        return self.trend is not None and self.trend <= -FALLING_BY

    @property
    def days_idle(self) -> int | None:
        return None if self.last_practice is None else (timezone.now() - self.last_practice).days

    @property
    def idle(self) -> bool:
        """No finished interview for IDLE_DAYS, or none at all."""
        return self.last_practice is None or self.days_idle >= IDLE_DAYS


def roster_rows(memberships: QuerySet[Membership]) -> list[RosterRow]:
    """One row per membership, with the student's figures over all their finished interviews
    (practice outside the cohort counts too: it is the same student). One query."""
    finished = Q(user__interviews__status=Interview.Status.FINISHED)
    overall = _score("overall", "user__interviews__score_summary__scores")
    latest = (
        Interview.objects.filter(candidate=OuterRef("user_id"), status=Interview.Status.FINISHED)
        .annotate(overall=_score("overall"))
        .exclude(overall=None)
        .order_by("-finished_at")
        .values("overall")[:1]
    )
    rows = (
        memberships.annotate(
            interview_count=Count("user__interviews", filter=finished),
            scored_count=Count(overall, filter=finished),  # counts the interviews whose overall isn't null
            average=Avg(overall, filter=finished),
            latest=Subquery(latest, output_field=FloatField()),
            last_practice=Max("user__interviews__finished_at", filter=finished),
        )
        .order_by("user__email")
        .values(
            "user_id",
            "user__email",
            "user__first_name",
            "user__last_name",
            "joined_at",
            "interview_count",
            "scored_count",
            "average",
            "latest",
            "last_practice",
            "on_leaderboard",
            "cohort_id",
        )
    )
    return [
        RosterRow(
            user_id=row["user_id"],
            cohort_id=row["cohort_id"],
            email=row["user__email"],
            name=f"{row['user__first_name']} {row['user__last_name']}".strip(),
            joined_at=row["joined_at"],
            interviews=row["interview_count"],
            scored=row["scored_count"],
            average=None if row["average"] is None else round(row["average"], 1),
            latest=_number(row["latest"]),
            last_practice=row["last_practice"],
            on_leaderboard=row["on_leaderboard"],
        )
        for row in rows
    ]


def _number(value) -> float | None:
    """A JSON number as the database hands it back (a float, or text on some backends)."""
    return None if value is None else round(float(value), 1)


def member_of(cohort: Cohort, user_id: int) -> Membership:
    """A student of this cohort, or 404."""
    return get_object_or_404(cohort.membership_set.select_related("user"), user_id=user_id)


def student_interviews(student: User) -> list[dict]:
    """The student's finished interviews, latest first, with their stored overall and content
    scores, and what the page says for either when it has no value (`unmeasured`)."""
    interviews = list(
        Interview.objects.filter(candidate=student, status=Interview.Status.FINISHED)
        .annotate(
            overall=_score("overall"),
            content=_score("content"),
            field_name=F("domain__name"),
            reasons=StoredValue("reasons", "score_summary__scores"),
        )
        .order_by("-finished_at")
        .values("pk", "finished_at", "position", "topic", "field_name", "difficulty", "overall", "content", "reasons")
    )
    for interview in interviews:
        reasons = interview["reasons"] if isinstance(interview["reasons"], dict) else {}
        interview["unmeasured"] = {key: unmeasured(reasons, key) for key in ("overall", "content")}
    return interviews


def recent_invitations(cohort: Cohort, limit: int = 50) -> list:
    return list(cohort.invitations.all()[:limit])


# --- Dashboard -------------------------------------------------------------------------------


def cohorts_with_activity(cohorts: QuerySet[Cohort], now: datetime) -> QuerySet[Cohort]:
    """Each cohort with `member_count` and `finished_this_week`: its members' interviews
    finished in the last ACTIVITY_DAYS days."""
    this_week = Q(
        members__interviews__status=Interview.Status.FINISHED,
        members__interviews__finished_at__gte=now - timedelta(days=ACTIVITY_DAYS),
    )
    return cohorts.annotate(finished_this_week=Count("members__interviews", filter=this_week, distinct=True))


@dataclass
class NeedsAttention:
    row: RosterRow
    cohorts: list[Cohort]
    reasons: list[str]


def needs_attention(cohorts: list[Cohort], now: datetime) -> list[NeedsAttention]:
    """Students of these cohorts who haven't practised for IDLE_DAYS (or ever), whose latest
    overall fell FALLING_BY points below their earlier mean, or who are past an assignment's
    due date without completing it; each with why, in what was observed."""
    by_id = {cohort.pk: cohort for cohort in cohorts}
    memberships = Membership.objects.filter(cohort__in=cohorts)
    overdue = overdue_assignments(memberships, now)
    students: dict[int, NeedsAttention] = {}
    for row in roster_rows(memberships):
        if row.user_id in students:
            students[row.user_id].cohorts.append(by_id[row.cohort_id])
            continue
        reasons = attention_reasons(row) + overdue.get(row.user_id, [])
        if reasons:
            students[row.user_id] = NeedsAttention(row, [by_id[row.cohort_id]], reasons)
    return sorted(students.values(), key=lambda item: item.row.email)


def attention_reasons(row: RosterRow) -> list[str]:
    reasons = []
    if row.last_practice is None:
        reasons.append(f"No finished interview since joining on {row.joined_at:%-d %B %Y}.")
    elif row.idle:
        reasons.append(f"Last finished interview {row.days_idle} days ago ({row.last_practice:%-d %B %Y}).")
    if row.falling:
        earlier = row.scored - 1
        reasons.append(
            f"Latest overall score {row.latest:.0f}/100, {-row.trend:.0f} points below the mean of their "
            f"{earlier} earlier interview{'s' if earlier > 1 else ''} ({row.earlier_average:.0f}/100)."
        )
    return reasons


def overdue_assignments(memberships: QuerySet[Membership], now: datetime) -> dict[int, list[str]]:
    """Student → one sentence per assignment of their cohort (interviewer.models.Assignment) whose
    due date has passed without a finished interview for it. Three queries."""
    pairs = list(memberships.values_list("user_id", "cohort_id"))
    overdue = list(
        Assignment.objects.filter(cohort__in={cohort for _, cohort in pairs}, due_at__lte=now).order_by("due_at", "pk")
    )
    done = (
        set(
            Interview.objects.filter(
                assignment__in=overdue, status=Interview.Status.FINISHED, candidate__in={user for user, _ in pairs}
            ).values_list("candidate_id", "assignment_id")
        )
        if overdue
        else set()
    )
    reasons = defaultdict(list)
    for user_id, cohort_id in pairs:
        for assignment in overdue:
            if assignment.cohort_id == cohort_id and (user_id, assignment.pk) not in done:
                days = (now - assignment.due_at).days
                reasons[user_id].append(
                    f"Assignment “{assignment.title}” was due on {assignment.due_at:%-d %B %Y} "
                    f"({days} day{'s' if days != 1 else ''} ago) and has no finished interview."
                )
    return reasons


# --- Analytics and results -------------------------------------------------------------------

RESULT_SCORES = (
    "overall",
    "content",
    "delivery",
    "presence",
    "accuracy",
    "pace_wpm",
    "fillers_per_minute",
    "tone_stability",
)


def results_of(cohort: Cohort) -> list[dict]:
    """One row per finished interview of the cohort's members, oldest first, with its stored
    scores and why those without a value weren't measured (`reasons`)."""
    return list(
        finished_interviews_of(cohort.members.all())
        .annotate(
            **{key: _score(key) for key in RESULT_SCORES},
            field_name=F("domain__name"),
            reasons=StoredValue("reasons", "score_summary__scores"),
        )
        .order_by("finished_at", "pk")
        .values(
            "pk",
            "candidate__email",
            "candidate_name",
            "finished_at",
            "position",
            "field_name",
            "topic",
            "difficulty",
            "type",
            "reasons",
            *RESULT_SCORES,
        )
    )


def result_scores(result: dict) -> list[float | str]:
    """A `results_of` row's scores as the results download gives them: a number, or why not measured."""
    reasons = result["reasons"] if isinstance(result["reasons"], dict) else {}
    return [unmeasured(reasons, key) if result[key] is None else result[key] for key in RESULT_SCORES]


@dataclass
class WeekMedian:
    week: date  # its Monday
    median: float
    interviews: int


@dataclass
class KeyPointGap:
    point: str
    answers: int  # final attempts graded against it
    missed: int
    questions: set[str] = field(default_factory=set)

    @property
    def missed_share(self) -> float:
        return self.missed / self.answers


@dataclass
class DomainScore:
    name: str
    mean: float
    interviews: int


@dataclass
class Analytics:
    latest_overall: list[float]  # each student's latest overall score
    weekly: list[WeekMedian]
    key_points: list[KeyPointGap]  # most often missed first
    domains: list[DomainScore]  # lowest mean first
    delivery: dict[str, float | None]  # median pace_wpm, fillers_per_minute, tone_stability over interviews
    interviews: int


def cohort_analytics(cohort: Cohort, results: list[dict], rows: list[RosterRow]) -> Analytics:
    """From the cohort's `results_of` and `roster_rows`, plus two queries (key points, fields)."""
    scored = [r for r in results if r["overall"] is not None]
    by_week = defaultdict(list)
    for result in scored:
        day = timezone.localtime(result["finished_at"]).date()
        by_week[day - timedelta(days=day.weekday())].append(result["overall"])
    return Analytics(
        latest_overall=[row.latest for row in rows if row.latest is not None],
        weekly=[
            WeekMedian(week, round(statistics.median(values), 1), len(values))
            for week, values in sorted(by_week.items())
        ],
        key_points=weakest_key_points(cohort),
        domains=weakest_domains(cohort),
        delivery={
            key: _median([r[key] for r in results]) for key in ("pace_wpm", "fillers_per_minute", "tone_stability")
        },
        interviews=len(results),
    )


def _median(values: list) -> float | None:
    measured = [v for v in values if v is not None]
    return round(statistics.median(measured), 1) if measured else None


def weakest_key_points(cohort: Cohort) -> list[KeyPointGap]:
    """Key points most often missed in the final attempt at each question, across the
    cohort's finished interviews (only the key points, not whole grades, leave the database).
    A point the grader couldn't check (an answer's length in time, in a typed answer) was not
    missed: it is left out."""
    answers = (
        Answer.objects.filter(question__interview__in=finished_interviews_of(cohort.members.all()))
        .order_by("question_id", "attempt")
        .values_list("question_id", "question__text", KeyTransform("key_points", "grade"))
    )
    final = {question_id: (text, points) for question_id, text, points in answers}  # later attempts replace earlier
    gaps: dict[str, KeyPointGap] = {}
    for text, points in final.values():
        for point in points or []:
            if point.get("checked") is False:
                continue
            gap = gaps.setdefault(point["point"], KeyPointGap(point["point"], 0, 0))
            gap.answers += 1
            gap.missed += not point["covered"]
            gap.questions.add(text)
    ranked = [g for g in gaps.values() if g.answers >= KEY_POINT_MIN_ANSWERS and g.missed]
    ranked.sort(key=lambda g: (-g.missed_share, -g.answers, g.point))
    return ranked[:WEAKEST_KEY_POINTS]


def weakest_domains(cohort: Cohort) -> list[DomainScore]:
    """Mean overall score of the members' finished interviews in each field, lowest first."""
    rows = (
        finished_interviews_of(cohort.members.all())
        .exclude(domain=None)
        .values("domain__name")
        .annotate(mean=Avg(_score("overall")), interviews=Count("pk"))
        .exclude(mean=None)
        .order_by("mean", "domain__name")
    )
    return [DomainScore(row["domain__name"], round(row["mean"], 1), row["interviews"]) for row in rows]


# --- Leaderboard -----------------------------------------------------------------------------


def leaderboard_of(cohort: Cohort) -> list[dict]:
    """Members who opted in: display name, best overall score and finished interviews, best first."""
    finished = Q(user__interviews__status=Interview.Status.FINISHED)
    overall = _score("overall", "user__interviews__score_summary__scores")
    rows = (
        cohort.membership_set.filter(on_leaderboard=True)
        .annotate(best=Max(overall, filter=finished), interviews=Count("user__interviews", filter=finished))
        .values("user_id", "user__first_name", "user__email", "best", "interviews")
    )
    board = [
        {
            "user_id": row["user_id"],
            "name": row["user__first_name"] or row["user__email"].split("@")[0],
            "best": _number(row["best"]),
            "interviews": row["interviews"],
        }
        for row in rows
    ]
    board.sort(key=lambda entry: (entry["best"] is None, -(entry["best"] or 0), entry["name"].lower()))
    return board
