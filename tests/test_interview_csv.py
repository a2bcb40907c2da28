"""An interview's questions, model answers, the candidate's answers and their scores as CSV,
for its owner only."""

import csv
import io
import random

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    load_question_bank,
    start_interview,
)


@pytest.fixture
def interview(db, candidate):
    load_question_bank(read_bank())
    setup = InterviewSetup(
        position="Analyst", difficulty="medium", duration_minutes=15, type="mixed", domain="data-analytics-sql"
    )
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=setup, rng=random.Random(1))
    ask_current_question(interview)
    return interview


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_attempt_is_a_row_with_its_question_model_answer_and_scores(client, candidate, interview):
    first = interview.questions.order_by("position").first()
    answer_current_question(interview, "I don't know.")  # a hint, then a second try
    turn = answer_current_question(interview, "=cmd|' /C calc'!A0 I studied maths and worked in a shop.")
    client.force_login(candidate)

    response = client.get(f"/interviews/{interview.pk}/answers.csv")

    assert response["Content-Disposition"] == f'attachment; filename="interview-{interview.pk}.csv"'
    rows = read_csv(response)
    tried = [row for row in rows if row["question"] == first.text]
    assert [row["attempt"] for row in tried] == ["1", "2"]
    assert tried[0]["answer"] == "I don't know." and tried[0]["verdict"] == "Incorrect"
    assert tried[1]["answer"].startswith("'=cmd")  # a spreadsheet shows it, doesn't run it
    assert tried[1]["answer_score"] == str(round(turn.grade.answer_score))
    assert tried[0]["model_answer"] == first.model_answer
    assert tried[0]["key_points"].split("\n") == first.key_points
    # Of the opening question's five points, its length in time can't be checked in a typed answer.
    assert tried[1]["key_points_covered"] == "0 of 4, 1 not checked"
    waiting = rows[-1]  # the next question has been asked and not answered yet
    assert waiting["question_number"] == "2" and waiting["verdict"] == "not answered" and waiting["answer"] == ""


def test_another_users_interview_is_not_found(client, other_candidate, interview):
    client.force_login(other_candidate)

    assert client.get(f"/interviews/{interview.pk}/answers.csv").status_code == 404
