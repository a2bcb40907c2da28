import pytest

from interviewer.engine.turns import is_finish_command


@pytest.mark.parametrize(
    "text",
    [
        "finish interview",
        "Finish interview.",
        "OK, let's finish the interview please",
        "end interview",
        "stop the interview",
        "I think that's all I can say, so I'd like to finish the interview.",
    ],
)
def test_asking_to_finish_is_recognised(text):
    assert is_finish_command(text)


@pytest.mark.parametrize(
    "text",
    [
        "I finished interviewing all twelve candidates before Friday and then wrote up the shortlist for the panel.",
        "At the end of the interview process we sent every candidate written feedback within two days of the panel.",
        "My role was to stop the interview panel from running late by keeping strict time on every question we asked.",
        "",
    ],
)
def test_answers_that_mention_interviews_are_not_commands(text):
    assert not is_finish_command(text)
