"""Session feedback from real grades: every item carries evidence from the answers."""

from interviewer.engine.feedback import AnsweredQuestion, session_feedback
from tests.answers import ANSWERS, QUESTIONS, grade

VAGUE_STORY = (
    "I worked in a team at university for a group project. We had some problems with communication "
    "but we talked about it and we organised the meetings so everyone knew what to do."
)


def answered(question_id, *answers, hint=False):
    q = QUESTIONS[question_id]
    return AnsweredQuestion(q.text, q.type, [grade(question_id, a) for a in answers], hint_given=hint)


def test_strengths_quote_the_answers_that_earned_them():
    feedback = session_feedback(
        [
            answered("software-engineering-easy-01", ANSWERS["software-engineering-easy-01"][0]),
            answered("finance-accounting-easy-01", ANSWERS["finance-accounting-easy-01"][0]),
            answered("behavioural-easy-01", ANSWERS["behavioural-easy-01"][0]),
        ],
        asked=3,
    )

    texts = " ".join(item.text + " " + item.evidence for item in feedback.strengths)
    assert "3 of 3 questions correctly at the first attempt" in texts
    assert "full situation–task–action–result structure" in texts
    assert "As a result we delivered two days early" in texts
    assert feedback.accuracy == 1.0
    assert all(item.evidence for item in feedback.strengths)


def test_weaknesses_and_improvements_point_at_the_answer_that_showed_them():
    feedback = session_feedback(
        [
            answered(
                "software-engineering-easy-01",
                ANSWERS["software-engineering-easy-01"][2],
                ANSWERS["software-engineering-easy-01"][1],
                hint=True,
            ),
            answered("behavioural-easy-01", VAGUE_STORY, VAGUE_STORY, hint=True),
        ],
        asked=2,
    )

    weaknesses = [item.text for item in feedback.weaknesses]
    improvements = " ".join(item.text + " " + item.evidence for item in feedback.improvements)
    # The vague story states the actions it took (organised the meetings), and no team, role,
    # result or lesson; the grader can't check "Explains a challenge the team faced", which is
    # neither covered nor missed.
    assert any(
        "missed 3 of 4 key points the grader could check" in text and "worked successfully as part of a team" in text
        for text in weaknesses
    )
    assert any("did not say how things turned out" in text for text in weaknesses)
    assert "You needed a hint on 2 of 2 questions." in " ".join(weaknesses)
    assert "A complete answer to" in improvements and "States a measurable result" in improvements
    assert "None of your 1 behavioural answers included a number." in improvements
    assert feedback.accuracy == 0.0
    assert all(item.evidence for item in feedback.weaknesses + feedback.improvements)


def test_short_answers_are_measured_not_judged():
    feedback = session_feedback(
        [
            answered("finance-accounting-easy-01", "Income statement, balance sheet and cash flow."),
            answered("software-engineering-easy-01", "Arrays are contiguous; lists use pointers."),
        ],
        asked=2,
    )

    assert any("averaged" in item.text and "words" in item.text for item in feedback.weaknesses)
    assert any("80–150 words" in item.text for item in feedback.improvements)


def test_no_answers_means_no_claims():
    feedback = session_feedback([], asked=1)
    assert feedback.strengths == feedback.weaknesses == feedback.improvements == []
    assert feedback.accuracy == 0.0
