"""Session feedback: strengths, weaknesses and improvements, each tied to evidence from the
answers (a quote or a number). Nothing here is generic advice: an item appears only when the
answers show it, and it says which answer showed it."""

from dataclasses import asdict, dataclass, field

from interviewer.engine.grading import Grade, Verdict, missing_star_elements

MAX_ITEMS = 3
SHORT_ANSWER_WORDS = 40


@dataclass(frozen=True)
class AnsweredQuestion:
    text: str
    type: str
    attempts: list[Grade]  # the first try, then the retry if there was one
    hint_given: bool

    @property
    def final(self) -> Grade:
        return self.attempts[-1]


@dataclass
class Item:
    text: str
    evidence: str


@dataclass
class SessionFeedback:
    asked: int
    correct: int
    strengths: list[Item] = field(default_factory=list)
    weaknesses: list[Item] = field(default_factory=list)
    improvements: list[Item] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.asked if self.asked else None

    def to_dict(self) -> dict:
        return {**asdict(self), "accuracy": self.accuracy}


def quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rsplit(' ', 1)[0] + '…'}”"


def session_feedback(answered: list[AnsweredQuestion], asked: int) -> SessionFeedback:
    feedback = SessionFeedback(asked=asked, correct=sum(a.final.verdict == Verdict.CORRECT for a in answered))
    if not answered:
        return feedback
    _content(answered, feedback)
    _structure(answered, feedback)
    _length(answered, feedback)
    for name in ("strengths", "weaknesses", "improvements"):
        setattr(feedback, name, getattr(feedback, name)[:MAX_ITEMS])
    return feedback


def _content(answered, feedback):
    first_time = [a for a in answered if a.attempts[0].verdict == Verdict.CORRECT]
    if len(first_time) >= 2:
        feedback.strengths.append(
            Item(
                f"You answered {len(first_time)} of {len(answered)} questions correctly at the first attempt.",
                ", ".join(quote(a.text, 50) for a in first_time[:3]),
            )
        )
    best = max(answered, key=lambda a: a.final.answer_score)
    if best.final.verdict == Verdict.CORRECT and best.final.covered:
        feedback.strengths.append(
            Item(
                f"Your answer to {quote(best.text, 70)} covered {len(best.final.covered)} of {_checked(best.final)}.",
                quote(best.final.covered[0].evidence),
            )
        )
    weakest = min(answered, key=lambda a: a.final.answer_score)
    if weakest.final.verdict != Verdict.CORRECT and weakest.final.missed:
        missed = weakest.final.missed
        feedback.weaknesses.append(
            Item(
                f"Your answer to {quote(weakest.text, 70)} missed {len(missed)} of {_checked(weakest.final)}.",
                f"Answer score {weakest.final.answer_score:.0f}/100",
            )
        )
        feedback.improvements.append(
            Item(
                f"A complete answer to {quote(weakest.text, 70)} also covers: {missed[0].point}",
                "; ".join(k.point for k in missed[1:3]) or missed[0].point,
            )
        )
    hinted = [a for a in answered if a.hint_given]
    if hinted:
        feedback.weaknesses.append(
            Item(
                f"You needed a hint on {len(hinted)} of {len(answered)} questions.",
                ", ".join(quote(a.text, 50) for a in hinted[:3]),
            )
        )
    off_topic = [a for a in answered if a.final.relevance < 20]
    if off_topic:
        a = off_topic[0]
        feedback.weaknesses.append(
            Item(
                f"Your answer to {quote(a.text, 70)} did not address the question (relevance "
                f"{a.final.relevance:.0f}/100).",
                f"{len(a.final.covered)} of {len(a.final.key_points)} key points covered in {a.final.word_count} words",
            )
        )
        feedback.improvements.append(
            Item(
                "Start each answer by answering the question directly in one sentence, then add your example.",
                f"Relevance of your answer to {quote(a.text, 60)}: {a.final.relevance:.0f}/100",
            )
        )


def _structure(answered, feedback):
    stories = [a for a in answered if a.type == "behavioural" and a.final.star is not None]
    if not stories:
        return
    complete = [a for a in stories if not missing_star_elements(a.final)]
    if complete:
        result = complete[0].final.star["result"]
        feedback.strengths.append(
            Item(
                f"{len(complete)} of {len(stories)} behavioural answers had a full situation–task–action–result "
                "structure.",
                quote(result),
            )
        )
    no_result = [a for a in stories if a.final.star["result"] is None]
    if no_result:
        example = no_result[0]
        action = example.final.star["action"]
        feedback.weaknesses.append(
            Item(
                f"In {len(no_result)} of {len(stories)} behavioural answers you did not say how things turned out.",
                f"Your answer to {quote(example.text, 60)} ended at the action"
                + (f": {quote(action, 70)}" if action else "."),
            )
        )
        feedback.improvements.append(
            Item(
                "Finish every story with its result, ideally a number: what changed, by how much, and what you "
                "learned.",
                f"{len(no_result)} answer(s) without a result",
            )
        )
    with_figures = [a for a in stories if a.final.specificity and a.final.specificity.figures]
    if with_figures:
        figures = [f for a in with_figures for f in a.final.specificity.figures]
        feedback.strengths.append(
            Item("You backed your stories with figures.", ", ".join(quote(f, 30) for f in figures[:3]))
        )
    else:
        feedback.improvements.append(
            Item(
                "Add at least one concrete figure to each story (time saved, people involved, a percentage).",
                f"None of your {len(stories)} behavioural answers included a number.",
            )
        )
    team_voice = [a for a in stories if a.final.specificity and a.final.specificity.first_person_share < 0.4]
    if team_voice:
        a = team_voice[0]
        feedback.weaknesses.append(
            Item(
                "Some stories describe what the team did more than what you did.",
                f"In your answer to {quote(a.text, 60)}, {a.final.specificity.first_person_share:.0%} of I/we words "
                "were “I”.",
            )
        )


def _length(answered, feedback):
    counts = [a.final.word_count for a in answered]
    average = sum(counts) / len(counts)
    if average < SHORT_ANSWER_WORDS:
        shortest = min(answered, key=lambda a: a.final.word_count)
        feedback.weaknesses.append(
            Item(
                f"Your answers averaged {average:.0f} words, too short to cover the key points.",
                f"{shortest.final.word_count} words for {quote(shortest.text, 60)}",
            )
        )
        feedback.improvements.append(
            Item(
                "Aim for about 80–150 words (one to two minutes spoken): the answer, the reason, and an example.",
                f"Average now: {average:.0f} words",
            )
        )


def _checked(grade) -> str:
    """ "5 key points", or "4 key points the grader could check" when it couldn't check some
    (a point about timing, in a typed answer): those were neither covered nor missed."""
    checked = len(grade.covered) + len(grade.missed)
    return f"{checked} key points" + (" the grader could check" if grade.unchecked else "")
