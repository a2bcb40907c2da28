"""An interview as rows for a spreadsheet: each question with its model answer and key points,
and each of the candidate's attempts with its scores. Used by the CSV download; the reports
can offer the same rows."""

from interviewer import selectors
from interviewer.models import Interview

INTERVIEW_CSV_COLUMNS = (
    "question_number",
    "question",
    "type",
    "source",
    "model_answer",
    "key_points",
    "attempt",
    "answer",
    "answer_score",
    "content_score",
    "key_points_covered",
    "verdict",
)


def interview_rows(interview: Interview) -> list[tuple]:
    """One row per attempt; a question asked but never answered gets one row without an answer."""
    rows = []
    for number, question in enumerate(selectors.asked_with_answers(interview), 1):
        asked = (
            number,
            question.text,
            question.get_type_display(),
            question.get_source_display(),
            question.model_answer,
            "\n".join(question.key_points),
        )
        answers = list(question.answers.all())
        if not answers:
            rows.append((*asked, "", "", "", "", "", "not answered"))
        for answer in answers:
            grade = answer.grade
            rows.append(
                (
                    *asked,
                    answer.attempt,
                    answer.text,
                    round(grade["answer_score"]),
                    round(grade["content_score"]),
                    key_points_covered(grade["key_points"]),
                    answer.get_verdict_display(),
                )
            )
    return rows


def key_points_covered(points: list[dict]) -> str:
    """ "2 of 3", and how many the grader couldn't check ("2 of 3, 1 not checked"), which are
    neither covered nor missed."""
    checked = [point for point in points if point.get("checked", True)]
    covered = f"{sum(point['covered'] for point in checked)} of {len(checked)}"
    unchecked = len(points) - len(checked)
    return f"{covered}, {unchecked} not checked" if unchecked else covered
