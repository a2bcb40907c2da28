"""The flow of one question: correct → praise and move on; partial or incorrect → a hint and
one retry; still not correct → the model answer, then move on. "Finish interview" ends the
interview at any point."""

import re
from enum import StrEnum

from interviewer.engine.grading import Grade, Verdict

MAX_ATTEMPTS = 2


class Step(StrEnum):
    NEXT = "next"  # praise, then the next question
    RETRY = "retry"  # a hint, then the same question again
    REVEAL = "reveal"  # the model answer, then the next question


def next_step(verdict: Verdict, attempt: int, hints_allowed: bool = True) -> Step:
    if verdict == Verdict.CORRECT:
        return Step.NEXT
    if attempt < MAX_ATTEMPTS and hints_allowed:
        return Step.RETRY
    return Step.REVEAL


# Whole words only: "I finished interviewing candidates" is an answer, not a command.
_FINISH = re.compile(r"\b(finish|end|stop)\s+(the\s+|this\s+|my\s+)?interview\b(?!ing|er|s)", re.IGNORECASE)
_COMMAND_MAX_WORDS = 8


def is_finish_command(text: str) -> bool:
    """True for a short utterance asking to finish ("finish interview", "OK, let's end the
    interview please"), or any answer that ends with "finish interview"."""
    text = text.strip()
    if not _FINISH.search(text):
        return False
    if len(text.split()) <= _COMMAND_MAX_WORDS:
        return True
    return bool(re.search(r"\bfinish\s+(the\s+)?interview[\s.!]*$", text, re.IGNORECASE))


def praise(grade: Grade) -> str:
    """Short and tied to what the answer did, never generic."""
    covered, total = len(grade.covered), len(grade.key_points)
    if grade.star and all(grade.star.values()):
        return (
            f"Well structured: situation, task, action and result are all there, and you covered {covered} of "
            f"{total} key points."
        )
    if covered == total:
        return f"Excellent: you covered all {total} key points."
    return f"Good answer: you covered {covered} of {total} key points."


def hint_message(hint: str, grade: Grade) -> str:
    covered, total = len(grade.covered), len(grade.key_points)
    lead = (
        "Not quite."
        if grade.verdict == Verdict.INCORRECT
        else f"A good start: you covered {covered} of {total} key points."
    )
    return f"{lead} Hint: {hint} Try once more."
