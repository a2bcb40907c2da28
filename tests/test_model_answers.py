"""A candidate who gives a question's own model answer is told it is correct, with the key points it
states covered: a sample of bank questions of every type, graded by the real grader (bundled MiniLM).
bench/model_answers.py measures the whole bank."""

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.grading import grade_answer
from tests.cohort_data import QUESTIONS as COHORT_QUESTIONS

QUESTIONS = {q.id: q for d in read_bank() for q in d.questions}

# Each question with key points its model answer plainly states, picked by reading it.
STATED = {
    # technical
    "software-engineering-easy-01": [
        "Inserting or deleting in the middle of an array is O(n) because elements have to shift.",
        "Linked lists suit frequent insertions and removals at known positions, such as in an LRU cache.",
    ],
    # "£20,000" is a number, not a list of steps, and the model answer's two estimates are no
    # reversed order of each other.
    "project-management-medium-02": [
        "If the overspend is a one-off, the estimate at completion is £220,000.",
        "If current cost performance continues, the estimate at completion is £250,000.",
    ],
    "data-analytics-sql-easy-04": [
        "A foreign key references another table's primary key and enforces referential integrity.",
        "Keys reveal the grain of a table and which joins are safe.",
    ],
    # situational
    "general-hard-03": [
        "Seeks to understand the reasoning behind the decision first.",
        "Commits to the final decision once made, unless it is unethical or unsafe.",
    ],
    # general
    "general-easy-12": [
        "Shows they can adapt their style to different teams or environments.",
    ],
    # behavioural, key points written about "the candidate" in the third person
    "behavioural-medium-08": [
        "Describes the team and the cultural differences involved.",
        "Explains the actions they took to include everyone.",
        "Reflects on what they learned about working across cultures.",
    ],
    "software-engineering-easy-10": [
        "The candidate describes a specific bug that was hard to reproduce.",
    ],
    "hr-people-medium-08": [
        "They met each party separately and listened before bringing them together.",
    ],
}


@pytest.mark.parametrize("question_id", STATED)
def test_a_questions_own_model_answer_is_correct_with_the_points_it_states_covered(question_id):
    q = QUESTIONS[question_id]

    result = grade_answer(
        question=q.text,
        model_answer=q.model_answer,
        key_points=q.key_points,
        question_type=q.type,
        answer=q.model_answer,
    )

    assert result.verdict == "correct", (result.answer_score, result.reason)
    assert result.reason == ""
    covered = {k.point: k.evidence for k in result.covered}
    for point in STATED[question_id]:
        assert point in covered, (point, [(k.point, k.similarity) for k in result.missed])
        assert covered[point] in q.model_answer


def test_the_sample_spans_every_question_type():
    assert {QUESTIONS[i].type for i in STATED} == {"technical", "situational", "general", "behavioural"}


@pytest.mark.parametrize("question_id", [i for ids in COHORT_QUESTIONS.values() for i in ids])
def test_the_cohort_fixtures_questions_score_100_for_their_model_answer(question_id):
    """tests/cohort_data.py writes its expected scores by hand on this: a right answer (the model
    answer) scores 100, every key point covered. When the grader changes, this says which
    question to replace there, before the cohort tests fail on their averages."""
    q = QUESTIONS[question_id]

    result = grade_answer(
        question=q.text,
        model_answer=q.model_answer,
        key_points=q.key_points,
        question_type=q.type,
        answer=q.model_answer,
    )

    assert result.answer_score == 100.0 and not result.missed, [(k.point, k.similarity) for k in result.missed]
