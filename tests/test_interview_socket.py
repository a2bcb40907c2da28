"""The interview websocket end to end in the embedded mode: the real consumer, tasks in threads,
the in-memory channel layer, Whisper, the grader and the database."""

import json
import os

import numpy as np
import pytest
from channels.db import database_sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Answer, Interview, Recording
from interviewer.privacy_services import choose_camera
from interviewer.services import load_question_bank, start_interview
from tests.answers import ANSWERS
from tests.audio import webm_opus
from tests.camera import astronaut_still
from tests.rooms import (
    SPOKEN,
    answer_typed,
    assert_a_good_spoken_answer,
    connect,
    next_of,
)

pytestmark = pytest.mark.django_db(transaction=True)
OFF_TOPIC = "I enjoy hiking at weekends and I have two cats called Pepper and Salt who sleep all day."


async def test_the_room_opens_on_the_current_question(candidate, interview):
    communicator, connected, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    assert connected and state["type"] == "state" and state["status"] == "in_progress"
    assert state["question"]["text"].startswith("What is the difference between an array and a linked list")
    assert state["attempt"] == 1 and state["question"]["number"] == 1
    assert 0 < state["remaining_seconds"] <= 900 and state["question_seconds_left"] <= 180
    assert state["question"]["speech_url"].endswith("/speech/")
    await communicator.disconnect()


async def test_opening_the_room_starts_the_clocks(candidate):
    await database_sync_to_async(load_question_bank)(read_bank())
    setup = InterviewSetup(
        position="Nurse", difficulty="easy", duration_minutes=30, type="mixed", domain="healthcare-nursing"
    )
    interview = await database_sync_to_async(start_interview)(candidate=candidate, candidate_name="Ada", setup=setup)
    assert interview.status == "planned"

    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    interview = await Interview.objects.aget(pk=interview.pk)
    first = await interview.questions.order_by("position").afirst()
    assert state["status"] == "in_progress" and interview.started_at is not None
    assert first.asked_at is not None and state["question"]["id"] == first.pk
    await communicator.disconnect()


async def test_strangers_and_anonymous_visitors_are_refused(other_candidate, interview):
    _, connected, code = await connect(other_candidate, interview)
    assert not connected and code == 4403
    _, connected, code = await connect(AnonymousUser(), interview)
    assert not connected and code == 4401


async def test_a_wrong_answer_gets_a_hint_a_retry_and_then_the_model_answer(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await answer_typed(communicator, state, OFF_TOPIC)
    hint = await next_of(communicator, "graded")
    retry_state = await next_of(communicator, "state")
    assert hint["step"] == "retry" and "Hint:" in hint["message"] and hint["model_answer"] == ""
    assert retry_state["question"]["id"] == state["question"]["id"] and retry_state["attempt"] == 2

    await answer_typed(communicator, retry_state, OFF_TOPIC)
    reveal = await next_of(communicator, "graded")
    next_state = await next_of(communicator, "state")
    assert reveal["step"] == "reveal" and reveal["model_answer"].startswith("An array stores elements contiguously")
    assert next_state["question"]["id"] != state["question"]["id"] and next_state["attempt"] == 1
    await communicator.disconnect()


async def test_a_correct_typed_answer_is_praised_and_moves_on(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await answer_typed(communicator, state, ANSWERS["software-engineering-easy-01"][0])
    graded = await next_of(communicator, "graded")

    assert graded["verdict"] == "correct" and graded["step"] == "next" and "key points" in graded["message"]
    assert len(graded["grade"]["covered"]) >= 3
    assert (await next_of(communicator, "state"))["question"]["number"] == 2
    await communicator.disconnect()


async def test_typing_finish_interview_ends_it(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await answer_typed(communicator, state, "finish interview")
    finished = await next_of(communicator, "finished")

    assert finished["report_url"] == f"/interviews/{interview.pk}/"
    assert (await Interview.objects.aget(pk=interview.pk)).status == "finished"
    await communicator.disconnect()


async def test_bad_messages_are_refused_and_the_connection_stays_usable(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    question, attempt = state["question"]["id"], state["attempt"]

    for message, code in [
        ("not json", "bad_message"),
        (json.dumps(["a", "list"]), "bad_message"),
        (json.dumps({"type": "launch_rockets"}), "bad_message"),
        (json.dumps({"type": "typed_answer", "question": question, "attempt": attempt}), "bad_message"),
        (json.dumps({"type": "typed_answer", "question": "1", "attempt": attempt, "text": "x"}), "bad_message"),
        (json.dumps({"type": "typed_answer", "question": question, "attempt": 2, "text": "x"}), "out_of_order"),
        (json.dumps({"type": "typed_answer", "question": question + 999, "attempt": 1, "text": "x"}), "out_of_order"),
        (json.dumps({"type": "typed_answer", "question": question, "attempt": 1, "text": "x" * 20_001}), "too_large"),
        (json.dumps({"type": "answer_end", "question": question, "attempt": 1}), "not_recording"),
        (
            json.dumps({"type": "answer_start", "question": question, "attempt": 1, "mime": "application/pdf"}),
            "bad_media",
        ),
        (json.dumps({"type": "frame", "image": "data:image/jpeg;base64,bm90IGFuIGltYWdl"}), "bad_media"),
    ]:
        await communicator.send_to(text_data=message)
        error = await next_of(communicator, "error")
        assert error["code"] == code, message[:80]
    await communicator.send_to(bytes_data=b"\x1a\x45\xdf\xa3 stray bytes")
    assert (await next_of(communicator, "error"))["code"] == "not_recording"

    assert await Answer.objects.acount() == 0 and await Recording.objects.acount() == 0
    await answer_typed(communicator, state, ANSWERS["software-engineering-easy-01"][0])
    assert (await next_of(communicator, "graded"))["verdict"] == "correct"
    await communicator.disconnect()


async def test_reconnecting_resumes_and_a_resent_answer_is_not_graded_twice(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    first_state = await communicator.receive_json_from(timeout=30)
    await answer_typed(communicator, first_state, ANSWERS["software-engineering-easy-01"][0])
    await next_of(communicator, "graded")
    await communicator.disconnect()

    communicator, _, _ = await connect(candidate, interview)
    resumed = await communicator.receive_json_from(timeout=30)
    assert resumed["question"]["number"] == 2

    await answer_typed(communicator, first_state, ANSWERS["software-engineering-easy-01"][0])  # sent again
    assert (await next_of(communicator, "error"))["code"] == "out_of_order"
    assert await Answer.objects.acount() == 1
    await communicator.disconnect()


async def test_pausing_stops_the_clocks(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to({"type": "pause"})
    paused = await next_of(communicator, "state")
    await communicator.send_json_to({"type": "resume"})
    resumed = await next_of(communicator, "state")

    assert paused["paused"] and not resumed["paused"]
    interview = await Interview.objects.aget(pk=interview.pk)
    assert interview.paused_at is None and interview.paused_seconds > 0
    await communicator.disconnect()


async def test_a_spoken_answer_streams_a_live_transcript_and_is_graded_and_saved(candidate, interview, say, settings):
    recording_bytes = webm_opus(say(SPOKEN))
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    about = {"question": state["question"]["id"], "attempt": 1}

    await communicator.send_json_to({"type": "answer_start", **about, "mime": "audio/webm;codecs=opus"})
    size = len(recording_bytes) // 4 + 1
    for start in range(0, len(recording_bytes), size):
        await communicator.send_to(bytes_data=recording_bytes[start : start + size])
    live = await next_of(communicator, "transcript")
    await communicator.send_json_to({"type": "answer_end", **about})
    graded = await next_of(communicator, "graded")

    assert live["question"] == about["question"] and live["text"]
    assert_a_good_spoken_answer(graded)
    assert any("words per minute" in note for note in graded["delivery_notes"])
    recording = await Recording.objects.select_related("answer").aget()
    assert recording.status == "done" and recording.answer.text == graded["transcript"]
    assert recording.file.name.startswith(f"users/{candidate.pk}/recordings/{interview.pk}/")
    assert default_storage.size(recording.file.name) == len(recording_bytes)
    assert recording.delivery["word_count"] > 20
    await communicator.disconnect()


async def test_silence_asks_again_without_using_the_attempt(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    about = {"question": state["question"]["id"], "attempt": 1}

    await communicator.send_json_to({"type": "answer_start", **about, "mime": "audio/webm"})
    await communicator.send_to(bytes_data=webm_opus(np.zeros(16000 * 3, dtype=np.float32)))
    await communicator.send_json_to({"type": "answer_end", **about})
    empty = await next_of(communicator, "empty")

    assert "didn't hear anything" in empty["message"]
    assert await Answer.objects.acount() == 0 and await Recording.objects.acount() == 0
    await communicator.send_json_to({"type": "answer_start", **about, "mime": "audio/webm"})  # attempt 1 again
    await communicator.disconnect()


async def test_a_corrupt_recording_is_refused_and_the_answer_can_be_typed(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    about = {"question": state["question"]["id"], "attempt": 1}

    await communicator.send_json_to({"type": "answer_start", **about, "mime": "video/webm"})
    await communicator.send_to(bytes_data=os.urandom(5000))
    await communicator.send_json_to({"type": "answer_end", **about})
    error = await next_of(communicator, "error")

    assert error["code"] == "bad_media" and "type your answer" in error["message"]
    await answer_typed(communicator, state, ANSWERS["software-engineering-easy-01"][0])
    assert (await next_of(communicator, "graded"))["verdict"] == "correct"
    await communicator.disconnect()


async def test_an_oversized_chunk_is_refused(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    await communicator.send_json_to(
        {"type": "answer_start", "question": state["question"]["id"], "attempt": 1, "mime": "audio/webm"}
    )

    await communicator.send_to(bytes_data=b"\0" * (1024 * 1024 + 1))

    assert (await next_of(communicator, "error"))["code"] == "too_large"
    await communicator.disconnect()


async def test_a_camera_still_gives_a_live_reading_with_the_expression_where_it_is_read(candidate, interview, settings):
    settings.EXPRESSION_ANALYSIS = True
    await database_sync_to_async(choose_camera)(interview, Interview.Camera.ANALYSED)
    communicator, _, _ = await connect(candidate, interview)
    await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to({"type": "frame", "image": astronaut_still()})
    reading = await next_of(communicator, "expression")

    assert reading["face"] and reading["faces"] == 1 and reading["dominant"] == "happy"
    await communicator.disconnect()


async def test_with_expression_reading_off_the_live_reading_has_no_expression(candidate, interview, settings):
    settings.EXPRESSION_ANALYSIS = False
    await database_sync_to_async(choose_camera)(interview, Interview.Camera.ANALYSED)
    communicator, _, _ = await connect(candidate, interview)
    await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to({"type": "frame", "image": astronaut_still()})
    reading = await next_of(communicator, "expression")

    assert reading["face"] and reading["looking_at_camera"] is not None and reading["dominant"] is None
    await communicator.disconnect()


async def test_a_camera_recorded_only_is_never_read(candidate, interview):
    await database_sync_to_async(choose_camera)(interview, Interview.Camera.RECORDED)
    communicator, _, _ = await connect(candidate, interview)
    await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to({"type": "frame", "image": astronaut_still()})

    assert (await next_of(communicator, "error"))["code"] == "camera_not_analysed"
    await communicator.disconnect()


async def test_with_the_camera_off_a_video_recording_is_refused(candidate, interview):
    await database_sync_to_async(choose_camera)(interview, Interview.Camera.OFF)
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to(
        {"type": "answer_start", "question": state["question"]["id"], "attempt": 1, "mime": "video/webm"}
    )

    error = await next_of(communicator, "error")
    assert error["code"] == "bad_media" and "camera is off" in error["message"]
    await communicator.disconnect()
