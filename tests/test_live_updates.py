"""Live transcript updates of a recording in progress: at most one waits in the queue per
answer, so under load they thin out instead of piling up in front of answers being graded."""

import random

import pytest
from django.core.files.storage import default_storage

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Recording
from interviewer.recordings import (
    LIVE_UPDATE_BEHIND_CHUNKS,
    claim_live_update,
    start_recording,
    update_live_transcript,
)
from interviewer.services import (
    ask_current_question,
    load_question_bank,
    start_interview,
)
from tests.audio import webm_opus, word_errors

SPOKEN = "An array keeps its elements next to each other in memory, so reading any index takes constant time."


@pytest.fixture
def recording(candidate, db):
    load_question_bank(read_bank())
    setup = InterviewSetup(
        position="Developer", difficulty="easy", duration_minutes=15, type="technical", domain="software-engineering"
    )
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=setup, rng=random.Random(1))
    question = ask_current_question(interview)
    return start_recording(interview, question.pk, 1, "audio/webm;codecs=opus")


def test_a_second_update_is_not_queued_while_one_waits(recording, say):
    with open(default_storage.path(recording.file.name), "wb") as handle:
        handle.write(webm_opus(say(SPOKEN)))
    assert claim_live_update(recording.pk)
    assert not claim_live_update(recording.pk)  # chunks arriving meanwhile: the waiting update covers them

    live = update_live_transcript(recording.pk)

    # Piper's "An array" runs together: Whisper tiny hears "And array" or "And a Ray".
    assert word_errors(SPOKEN, live.text) <= 3 and not live.catching_up
    assert claim_live_update(recording.pk)  # once it ran, newer audio needs a new one


def test_an_update_that_waited_too_long_is_shed_and_says_it_is_catching_up(recording, say):
    with open(default_storage.path(recording.file.name), "wb") as handle:
        handle.write(webm_opus(say(SPOKEN)))  # one sentence without a pause: a segment still open
    assert claim_live_update(recording.pk)
    # The queue was busy: more chunks arrived while the update waited.
    assert not any(claim_live_update(recording.pk) for _ in range(LIVE_UPDATE_BEHIND_CHUNKS))

    live = update_live_transcript(recording.pk)

    assert live.text == "" and live.catching_up
    recording.refresh_from_db()
    assert recording.transcription["transcription"]["committed_until"] == 0.0  # nothing lost: it is read next time


def test_updates_of_different_answers_do_not_wait_for_each_other(recording):
    other = Recording.objects.create(question=recording.question, attempt=2, mime="audio/webm")

    assert claim_live_update(recording.pk)
    assert claim_live_update(other.pk)
