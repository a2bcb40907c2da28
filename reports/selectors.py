"""Reads for reports: one interview's report, a candidate's progress across interviews, and their
interview data for download. Each runs a fixed number of queries however many questions,
answers or interviews there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from interviewer import selectors as interviewer_selectors
from interviewer.engine.presence import PresenceMetrics, presence_notes
from interviewer.models import Answer, Domain, Interview, InterviewQuestion, Recording
from reports import stored_metrics
from reports.models import ReportEmail, ReportPreferences
from reports.scores import (
    HOW_MEASURED,
    Scores,
    Seen,
    Spoken,
    interview_scores,
    pace_distance,
)
from reports.stored_metrics import StoredLength, StoredValue

SENTENCE_ENDS = (".", "?", "!")
TOP_EXPRESSIONS = 3  # the report names the most frequent few; the timeline chart shows them all


# --- One interview's report ------------------------------------------------------------------


def interview_visible_to(user, pk: int) -> Interview:
    """The interview if this user may open its report (interviewer.selectors.interviews_visible_to), else 404."""
    return get_object_or_404(
        interviewer_selectors.interviews_visible_to(user).select_related("domain", "candidate"), pk=pk
    )


@dataclass
class Token:
    text: str
    filler: bool = False
    pause_before: float | None = None  # seconds of silence before this word, when a long pause


@dataclass
class Sentence:
    start: float  # seconds into the recording: where the player seeks when it is clicked
    tokens: list[Token]


@dataclass
class AttemptReport:
    answer: Answer
    recording: Recording | None
    sentences: list[Sentence]  # the timed transcript; empty for a typed answer
    delivery_notes: list[str]
    presence_notes: list[str]

    @property
    def grade(self) -> dict:
        return self.answer.grade


@dataclass
class QuestionReport:
    number: int
    question: InterviewQuestion
    attempts: list[AttemptReport]

    @property
    def final(self) -> AttemptReport | None:
        return self.attempts[-1] if self.attempts else None


@dataclass
class Report:
    interview: Interview
    questions: list[QuestionReport]
    scores: Scores

    @property
    def feedback(self) -> dict:
        return self.interview.feedback or {}

    @property
    def headline(self) -> list[Figure]:
        return headline_figures(self.scores)

    @property
    def delivery(self) -> list[Figure]:
        return delivery_figures(self.scores)

    @property
    def presence(self) -> list[Figure]:
        return presence_figures(self.scores, expressions=self.interview.reads_expressions)

    @property
    def camera_choice(self) -> str:
        """The candidate's camera choice for this interview, and what it meant, as the report says it."""
        interview = self.interview
        chosen = "the candidate's choice for this interview"
        if interview.camera == Interview.Camera.OFF:
            return f"Camera: off ({chosen}): only the microphone was recorded."
        if interview.camera == Interview.Camera.RECORDED:
            return f"Camera: recorded only ({chosen}): nothing was measured in the video."
        if not interview.analyses_camera:
            return (
                "Camera: recorded; camera analysis is turned off on this server, so nothing was measured in the video."
            )
        if interview.reads_expressions:
            return (
                f"Camera: recorded and analysed ({chosen}): face visible, looking at the camera, and the "
                "expressions the face was read as."
            )
        return (
            f"Camera: recorded and analysed ({chosen}): face visible and looking at the camera; facial "
            "expressions are not read."
        )

    @property
    def recordings_deleted_on(self):
        """When the first of this interview's recordings still kept is deleted (retention), or None."""
        due = [r.deletion_due() for r in self.recordings]
        return min((d for d in due if d), default=None)

    @property
    def recordings(self) -> list[Recording]:
        return [a.recording for q in self.questions for a in q.attempts if a.recording and a.recording.has_file]


@dataclass(frozen=True)
class Figure:
    """A number as the report prints it, with how it was measured."""

    label: str
    value: str
    how: str


def _out_of_100(scores: Scores, key: str) -> str:
    value = getattr(scores, key)
    return scores.unmeasured(key) if value is None else f"{value:.0f}/100"


def _share(scores: Scores, key: str) -> str:
    value = getattr(scores, key)
    return scores.unmeasured(key) if value is None else f"{100 * value:.0f}%"


def headline_figures(scores: Scores) -> list[Figure]:
    accuracy = (
        "no questions asked"
        if scores.accuracy is None
        else f"{scores.correct} of {scores.asked} ({100 * scores.accuracy:.0f}%)"
    )
    return [
        Figure("Overall", _out_of_100(scores, "overall"), HOW_MEASURED["overall"]),
        Figure("Content", _out_of_100(scores, "content"), HOW_MEASURED["content"]),
        Figure("Delivery", _out_of_100(scores, "delivery"), HOW_MEASURED["delivery"]),
        Figure("Presence", _out_of_100(scores, "presence"), HOW_MEASURED["presence"]),
        Figure("Accuracy", accuracy, HOW_MEASURED["accuracy"]),
    ]


def delivery_figures(scores: Scores) -> list[Figure]:
    if scores.pace_wpm is None:
        return [Figure("Delivery", scores.unmeasured("delivery"), HOW_MEASURED["delivery"])]
    parts = scores.delivery_parts
    return [
        Figure("Pace", f"{scores.pace_wpm:.0f} words/min (score {parts['pace']:.0f})", HOW_MEASURED["pace"]),
        Figure(
            "Filler words",
            f"{scores.fillers_per_minute:.1f} a minute (score {parts['fillers']:.0f})",
            HOW_MEASURED["fillers"],
        ),
        Figure(
            "Long pauses",
            f"{scores.pauses_per_minute:.1f} a minute (score {parts['pauses']:.0f})",
            HOW_MEASURED["pauses"],
        ),
        Figure("Tone stability", _out_of_100(scores, "tone_stability"), HOW_MEASURED["tone_stability"]),
    ]


def presence_figures(scores: Scores, expressions: bool = False) -> list[Figure]:
    """Expressions only with `expressions` (read for this interview, and allowed by the server)."""
    if scores.face_visible_share is None:
        return [Figure("Presence", scores.unmeasured("presence"), HOW_MEASURED["presence"])]
    figures = [
        Figure("Face visible", _share(scores, "face_visible_share"), HOW_MEASURED["face_visible"]),
        Figure("Looking at the camera", _share(scores, "looking_at_camera_share"), HOW_MEASURED["looking_at_camera"]),
    ]
    if expressions:
        top = sorted(scores.expressions.items(), key=lambda item: -item[1])[:TOP_EXPRESSIONS]
        read = ", ".join(f"{name} {100 * share:.0f}%" for name, share in top)
        figures.append(
            Figure(
                "Expressions the face was read as",
                read or scores.unmeasured("expressions"),
                HOW_MEASURED["expressions"],
            )
        )
    return figures


def report_for(interview: Interview) -> Report:
    """Everything the report page and the PDF show, in two queries (questions; answers with
    their recordings)."""
    answers = Answer.objects.select_related("recording").order_by("attempt")
    asked = (
        interview.questions.exclude(asked_at=None)
        .order_by("position")
        .prefetch_related(Prefetch("answers", queryset=answers))
    )
    questions, final_scores, spoken, seen = [], [], [], []
    for number, question in enumerate(asked, start=1):
        attempts = [_attempt_report(interview, answer, number) for answer in question.answers.all()]
        questions.append(QuestionReport(number, question, attempts))
        if (
            attempts
            and (score := stored_metrics.answer_score(attempts[-1].grade, f"answer {attempts[-1].answer.pk} grade"))
            is not None
        ):
            final_scores.append(score)
        for attempt in attempts:
            if recording := attempt.recording:
                _collect_facts(
                    spoken,
                    seen,
                    recording.pk,
                    recording.has_video,
                    interview.analyses_camera,
                    recording.delivery,
                    recording.presence,
                )
    correct = sum(q.question.verdict == InterviewQuestion.Verdict.CORRECT for q in questions)
    scores = interview_scores(
        asked=len(questions),
        correct=correct,
        answers=sum(len(q.attempts) for q in questions),
        final_answer_scores=final_scores,
        spoken=spoken,
        seen=seen,
    )
    return Report(interview, questions, scores)


def _attempt_report(interview: Interview, answer: Answer, number: int) -> AttemptReport:
    recording = answer.recording
    if recording is None:
        return AttemptReport(answer, None, [], [], [])
    return AttemptReport(
        answer=answer,
        recording=recording,
        sentences=timed_sentences(recording.transcript, recording.delivery, f"recording {recording.pk}"),
        delivery_notes=_notes(recording.delivery, f"recording {recording.pk} delivery"),
        presence_notes=_presence_notes(interview, recording, number),
    )


def _notes(data, what: str) -> list[str]:
    return [
        note
        for note in stored_metrics.listing(stored_metrics.mapping(data, what).get("notes"), f"{what}.notes")
        if isinstance(note, str)
    ]


def _presence_notes(interview: Interview, recording: Recording, number: int) -> list[str]:
    if not recording.has_video:
        return []
    what = f"recording {recording.pk} presence"
    facts = stored_metrics.seen(recording.presence, what, analysed=interview.analyses_camera)
    if facts.outcome == Seen.NOT_ANALYSED:
        why = (
            "you chose to have the camera recorded only"
            if interview.camera == Interview.Camera.RECORDED
            else "camera analysis is turned off on this server"
        )
        return [f"Presence wasn't measured for answer {number}: {why}."]
    if facts.outcome == Seen.PENDING:
        return [f"The camera analysis of answer {number} hasn't finished yet."]
    if facts.outcome == Seen.UNREADABLE:
        return [f"Presence wasn't measured for answer {number}: the camera analysis stored nothing readable."]
    try:
        metrics = PresenceMetrics.from_dict(recording.presence)
        return presence_notes(metrics, number, expressions=interview.reads_expressions)
    except (
        TypeError,
        ValueError,
        KeyError,
        AttributeError,
    ) as error:  # a row from an older version, or a hand-edited one
        stored_metrics.malformed(what, error)
        return [f"Presence wasn't measured for answer {number}: the camera analysis stored nothing readable."]


def timed_sentences(transcript, delivery, what: str) -> list[Sentence]:
    """The transcript's words grouped into sentences, each with its start time; filler words
    and the long pauses found by the delivery analysis are marked on the words they touch.
    Words, fillers and pauses that can't be placed in time are left out."""
    words = _timed(stored_metrics.mapping(transcript, f"{what} transcript").get("words"), f"{what} transcript.words")
    delivery = stored_metrics.mapping(delivery, f"{what} delivery")
    filler_spans = [(f["start"], f["end"]) for f in _timed(delivery.get("fillers"), f"{what} delivery.fillers")]
    pauses = {
        round(p["end"], 2): p["duration"]
        for p in _timed(delivery.get("long_pauses"), f"{what} delivery.long_pauses")
        if isinstance(p.get("duration"), (int, float))
    }
    sentences: list[Sentence] = []
    current: Sentence | None = None
    for word in words:
        text = word.get("text")
        if not isinstance(text, str):
            continue
        if current is None:
            current = Sentence(start=word["start"], tokens=[])
            sentences.append(current)
        current.tokens.append(
            Token(
                text=text.strip(),
                filler=any(start <= word["start"] and word["end"] <= end for start, end in filler_spans),
                pause_before=pauses.get(round(word["start"], 2)),
            )
        )
        if text.strip().endswith(SENTENCE_ENDS):
            current = None
    return sentences


def _timed(items, what: str) -> list[dict]:
    """The entries of a stored list that have a numeric start and end."""
    timed = [
        item
        for item in stored_metrics.listing(items, what)
        if isinstance(item, dict)
        and all(stored_metrics.number(item.get(key), what) is not None for key in ("start", "end"))
    ]
    if len(timed) != len(stored_metrics.listing(items, what)):
        stored_metrics.malformed(what, items)
    return timed


def _collect_facts(
    spoken: list[Spoken], seen: list[Seen], recording_id: int, has_video: bool, analysed: bool, delivery, presence
) -> None:
    """What one recorded attempt measured, from its whole delivery and presence JSON (the report)
    or from their keys read in a query (the dashboards); `analysed`: whether its interview's
    camera is analysed at all (Interview.analyses_camera)."""
    spoken.append(stored_metrics.spoken(delivery, f"recording {recording_id} delivery"))
    if has_video:
        seen.append(stored_metrics.seen(presence, f"recording {recording_id} presence", analysed=analysed))


def last_email_of(interview: Interview) -> ReportEmail | None:
    return interview.report_emails.order_by("-requested_at").first()


def emails_after_interview(user) -> bool:
    preferences = ReportPreferences.objects.filter(user=user).first()
    return preferences.email_after_interview if preferences else ReportPreferences.DEFAULT_EMAIL_AFTER_INTERVIEW


# --- The candidate's data, for download -----------------------------------------------------


def interview_data(report: Report) -> dict:
    """Everything stored about the interview and measured in its answers, as JSON-ready data."""
    interview = report.interview
    return {
        "interview": {
            "id": interview.pk,
            "candidate_name": interview.candidate_name,
            "position": interview.position,
            "field": interview.domain.name if interview.domain else "",
            "topic": interview.topic,
            "difficulty": interview.difficulty,
            "type": interview.type,
            "duration_minutes": interview.duration_minutes,
            "started_at": interview.started_at,
            "finished_at": interview.finished_at,
        },
        "scores": report.scores.to_dict(),
        "feedback": interview.feedback,
        "questions": [
            {
                "number": q.number,
                "text": q.question.text,
                "type": q.question.type,
                "stage": q.question.stage,
                "source": q.question.source,
                "written_by": q.question.written_by,
                "verdict": q.question.verdict,
                "hint": q.question.hint,
                "hint_given": q.question.hint_given,
                "model_answer": q.question.model_answer,
                "model_answer_shown": q.question.model_answer_shown,
                "key_points": q.question.key_points,
                "answers": [_answer_data(a) for a in q.attempts],
            }
            for q in report.questions
        ],
    }


def _answer_data(attempt: AttemptReport) -> dict:
    answer, recording = attempt.answer, attempt.recording
    return {
        "attempt": answer.attempt,
        "text": answer.text,
        "verdict": answer.verdict,
        "grade": answer.grade,
        "rationale": answer.rationale,
        "answered_at": answer.created_at,
        "recording": recording
        and {
            "id": recording.pk,
            "mime": recording.mime,
            "size": recording.size,
            "transcript": recording.transcript,
            "delivery": recording.delivery,
            "presence": recording.presence,
        },
    }


# --- Progress across interviews ------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    key: str  # the Scores field
    label: str
    unit: str
    better: str  # "higher", "lower", or "in_range" (pace)
    how: str
    percent: bool = False  # a 0–1 share shown as a percentage


METRICS = (
    Metric("overall", "Overall", "/100", "higher", HOW_MEASURED["overall"]),
    Metric("content", "Content", "/100", "higher", HOW_MEASURED["content"]),
    Metric("accuracy", "Accuracy", "%", "higher", HOW_MEASURED["accuracy"], percent=True),
    Metric("pace_wpm", "Pace", " words/min", "in_range", HOW_MEASURED["pace"]),
    Metric("fillers_per_minute", "Filler words", " a minute", "lower", HOW_MEASURED["fillers"]),
    Metric(
        "looking_at_camera_share",
        "Looking at the camera",
        "%",
        "higher",
        HOW_MEASURED["looking_at_camera"],
        percent=True,
    ),
    Metric("tone_stability", "Tone stability", "/100", "higher", HOW_MEASURED["tone_stability"]),
)


@dataclass
class Attempt:
    """One finished interview as a point on the dashboard."""

    interview_id: int
    finished_at: datetime
    position: str
    field: str
    scores: Scores

    def value(self, metric: Metric) -> float | None:
        value = getattr(self.scores, metric.key)
        if value is None:
            return None
        return round(100 * value, 1) if metric.percent else value

    @property
    def row(self) -> list[tuple[str, bool]]:
        """The metrics as the dashboard's table prints them, each with whether it was measured
        (formatted here: a template filter on each of 200 × 7 cells would take longer than the
        rest of the page)."""
        return [
            (self.scores.unmeasured(metric.key), False) if value is None else (f"{value:.1f}".removesuffix(".0"), True)
            for metric, value in zip(METRICS, map(self.value, METRICS))
        ]


@dataclass
class Comparison:
    metric: Metric
    latest: float | None
    previous: float | None
    best: float | None
    best_attempt: Attempt | None
    unmeasured: str = ""  # why the latest interview has no value, when none has one

    @property
    def change(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        return round(self.latest - self.previous, 1)

    @property
    def improved(self) -> bool | None:
        """Whether the latest attempt moved this metric the better way (None when unchanged)."""
        if self.change is None or self.change == 0:
            return None
        if self.metric.better == "in_range":
            before, after = pace_distance(self.previous), pace_distance(self.latest)
            return None if before == after else after < before
        return (self.change > 0) == (self.metric.better == "higher")


@dataclass
class Progress:
    attempts: list[Attempt]  # oldest first
    comparisons: list[Comparison]
    fields: list[Domain]  # the fields the candidate has finished interviews in
    field_slug: str  # the chosen field, "" for all

    @property
    def latest(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None


def _better_key(metric: Metric):
    if metric.better == "in_range":
        return lambda value: -pace_distance(value)
    return (lambda value: value) if metric.better == "higher" else (lambda value: -value)


def _compare(metric: Metric, attempts: list[Attempt]) -> Comparison:
    measured = [(a, a.value(metric)) for a in attempts if a.value(metric) is not None]
    if not measured:
        return Comparison(
            metric, None, None, None, None, attempts[-1].scores.unmeasured(metric.key) if attempts else ""
        )
    key = _better_key(metric)
    best_attempt, best = max(reversed(measured), key=lambda pair: key(pair[1]))  # ties: the latest
    return Comparison(metric, measured[-1][1], measured[-2][1] if len(measured) > 1 else None, best, best_attempt)


# The dashboard reads single values out of the JSON columns in the query: the grades, word
# timings and presence timelines are large, and decoding them for 200 interviews took longer
# than the whole page may.
_ANSWER_VALUES = {
    "question_id": F("question_id"),
    "interview_id": F("question__interview_id"),
    "recording_id": F("recording_id"),
    "mime": F("recording__mime"),
    "camera": F("question__interview__camera"),
    "answer_score": StoredValue("answer_score", "grade"),
    **{
        f"delivery.{key}": StoredValue(key, "recording__delivery")
        for key in ("word_count", "speaking_time", "tone_stability", "median_pitch_hz")
    },
    **{f"delivery.{key}": StoredLength(key, "recording__delivery") for key in ("fillers", "long_pauses")},
    "analysed": ExpressionWrapper(Q(recording__presence__isnull=False), output_field=BooleanField()),
    **{
        f"presence.{key}": StoredValue(key, "recording__presence")
        for key in ("frames_analysed", "face_visible_share", "looking_at_camera_share", "damage")
    },
}


def progress_of(candidate, field_slug: str = "") -> Progress:
    """The candidate's finished interviews (of one field, or all) with their scores, oldest
    first, and the latest against the previous one and the best. Scores come from each
    interview's stored ScoreSummary; those missing or stale (a camera analysis landed since, and
    the periodic `store_missing_scores` has not caught up yet) are computed here for the page,
    not stored: GET pages never write. Three queries, five with computing."""
    interviews = Interview.objects.filter(candidate=candidate, status=Interview.Status.FINISHED)
    fields = list(Domain.objects.filter(interview__in=interviews).distinct().order_by("name"))
    if field_slug:
        interviews = interviews.filter(domain__slug=field_slug)
    rows = list(
        interviews.order_by("finished_at").values(
            "pk",
            "finished_at",
            "position",
            "topic",
            "domain__name",
            "score_summary__scores",
            "score_summary__presence_count",
        )
    )
    analysed = analysed_recordings(interviews)
    attempts, stale = [], []
    for row in rows:
        row["analysed"] = analysed.get(row["pk"], 0)
        stored = row["score_summary__scores"]
        scores = stored_metrics.scores(stored, f"interview {row['pk']} scores") if stored is not None else None
        if scores is None or row["score_summary__presence_count"] != row["analysed"]:
            stale.append(row["pk"])
        row["scores"] = scores
    computed = scores_from_answers(stale) if stale else {}
    attempts = [
        Attempt(
            interview_id=row["pk"],
            finished_at=row["finished_at"],
            position=row["position"],
            field=row["domain__name"] or row["topic"],
            scores=computed.get(row["pk"]) or row["scores"],
        )
        for row in rows
    ]
    return Progress(attempts, [_compare(metric, attempts) for metric in METRICS], fields, field_slug)


def analysed_recordings(interviews: QuerySet[Interview]) -> dict[int, int]:
    """Interview → how many of its recordings have their camera analysis."""
    return dict(
        Recording.objects.filter(question__interview__in=interviews, presence__isnull=False)
        .values_list("question__interview")
        .annotate(Count("pk"))
        .order_by()
    )


def stale_scores(interviews: QuerySet[Interview]) -> list[int]:
    """Those of `interviews` whose stored scores are missing, or older than a camera analysis that
    landed since, or stored by an older version (without the reasons for what wasn't measured)."""
    analysed = analysed_recordings(interviews)
    current = ExpressionWrapper(Q(score_summary__scores__has_key="reasons"), output_field=BooleanField())
    stored = interviews.values_list("pk", "score_summary__presence_count", current)
    return [pk for pk, count, is_current in stored if count is None or count != analysed.get(pk, 0) or not is_current]


def scores_from_answers(ids: list[int]) -> dict[int, Scores]:
    """The scores of these interviews, from two queries whatever their number."""
    questions = (
        InterviewQuestion.objects.filter(interview_id__in=ids)
        .exclude(asked_at=None)
        .values_list("interview_id", "verdict")
    )
    answers = (
        Answer.objects.filter(question__interview_id__in=ids)
        .order_by("question_id", "attempt")
        .values_list(*_ANSWER_VALUES.values())
    )
    asked = {pk: [0, 0] for pk in ids}
    for interview_id, verdict in questions:
        asked[interview_id][0] += 1
        asked[interview_id][1] += verdict == InterviewQuestion.Verdict.CORRECT
    final, spoken, seen, answered = (
        {pk: {} for pk in ids},
        {pk: [] for pk in ids},
        {pk: [] for pk in ids},
        dict.fromkeys(ids, 0),
    )
    for values in answers:
        row = dict(zip(_ANSWER_VALUES, values))
        interview_id = row["interview_id"]
        answered[interview_id] += 1
        score = stored_metrics.number(
            row["answer_score"], f"answer of question {row['question_id']} grade.answer_score"
        )
        final[interview_id].pop(row["question_id"], None)  # later attempts replace earlier
        if score is not None:
            final[interview_id][row["question_id"]] = score
        if row["recording_id"] is not None:
            delivery = {key.split(".")[1]: value for key, value in row.items() if key.startswith("delivery.")}
            presence = {key.split(".")[1]: value for key, value in row.items() if key.startswith("presence.")}
            camera_analysed = (
                row["camera"] == Interview.Camera.ANALYSED and settings.CAMERA_ANALYSIS
            )  # Interview.analyses_camera
            _collect_facts(
                spoken[interview_id],
                seen[interview_id],
                row["recording_id"],
                row["mime"].startswith("video/"),
                camera_analysed,
                delivery,
                presence if row["analysed"] else None,
            )
    return {
        pk: interview_scores(
            asked=asked[pk][0],
            correct=asked[pk][1],
            answers=answered[pk],
            final_answer_scores=list(final[pk].values()),
            spoken=spoken[pk],
            seen=seen[pk],
        )
        for pk in ids
    }
