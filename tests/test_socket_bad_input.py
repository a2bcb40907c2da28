"""Hostile messages on the interview socket get a coded error and the room stays usable: deeply
nested JSON, NUL characters and lone surrogates in a typed answer, oversized messages, a flood
of answers."""

import asyncio
import json
import time

import pytest
from channels.db import database_sync_to_async

from interviewer.models import Answer
from interviewer.selectors import current_question
from tests.answers import ANSWERS
from tests.rooms import connect, next_of

pytestmark = pytest.mark.django_db(transaction=True)
GOOD = ANSWERS["software-engineering-easy-01"][0]


async def test_deeply_nested_json_is_refused_and_the_room_stays_open(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await communicator.send_to(text_data="[" * 100_000 + "]" * 100_000)
    refused = await next_of(communicator, "error")
    await communicator.send_json_to(
        {"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": GOOD}
    )
    graded = await next_of(communicator, "graded")

    assert refused["code"] == "bad_message"
    assert graded["verdict"] == "correct"
    await communicator.disconnect()


async def test_a_typed_answer_with_nul_and_a_lone_surrogate_is_graded_without_them(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    hostile = GOOD[:40] + "\x00" + GOOD[40:80] + "\ud800" + GOOD[80:]
    # json.dumps writes the surrogate as the escape "\ud800", as a hostile client would.
    message = json.dumps({"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": hostile})

    await communicator.send_to(text_data=message)
    graded = await next_of(communicator, "graded")

    assert graded["verdict"] == "correct"
    answer = await Answer.objects.aget()
    assert answer.text == GOOD[:40] + GOOD[40:80] + "\ufffd" + GOOD[80:]
    await communicator.disconnect()


async def test_a_message_over_two_mebibytes_gets_too_large_and_the_room_stays_open(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await communicator.send_to(text_data=json.dumps({"type": "typed_answer", "text": "a" * (2 * 1024 * 1024 + 10)}))
    refused = await next_of(communicator, "error")
    await communicator.send_json_to(
        {"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": GOOD}
    )

    assert refused["code"] == "too_large"
    assert (await next_of(communicator, "graded"))["verdict"] == "correct"
    await communicator.disconnect()


async def test_through_daphne_a_message_between_one_and_two_mebibytes_is_answered_not_cut_off(
    candidate, interview, live_server_url, async_client
):
    """Daphne's own limit (1 MiB by default) used to close the socket before the application
    could answer; the Procfile's limits let the protocol's `too_large` error through."""
    import websockets

    await async_client.aforce_login(candidate)
    url = live_server_url.replace("http", "ws") + f"/ws/interview/{interview.pk}/"
    headers = {"Cookie": f"sessionid={async_client.cookies['sessionid'].value}", "Origin": live_server_url}
    async with websockets.connect(url, additional_headers=headers, max_size=None) as socket:
        json.loads(await socket.recv())  # the state
        await socket.send(json.dumps({"type": "typed_answer", "text": "a" * (2 * 1024 * 1024 + 10)}))
        refused = json.loads(await socket.recv())
        await socket.send(json.dumps({"type": "pause"}))
        paused = json.loads(await socket.recv())

    assert refused["type"] == "error" and refused["code"] == "too_large"
    assert paused["type"] == "state" and paused["paused"] is True


async def test_a_flood_of_typed_answers_queues_a_bounded_few_and_the_room_works_once_the_limit_refills(
    candidate, interview, settings
):
    settings.SOCKET_ANSWERS_PER_SECOND, settings.SOCKET_ANSWER_BURST = 2, 5
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    first = state["question"]["id"]
    flood = json.dumps({"type": "typed_answer", "question": first, "attempt": 1, "text": GOOD})

    started = time.monotonic()
    for _ in range(200):
        await communicator.send_to(text_data=flood)
    # Every message is answered once: refused with `rate_limited`, or taken and graded (a copy
    # taken after the first was graded is told its feedback again); the room's `state` for the
    # next question comes in between.
    refused, taken = [], []
    while len(refused) + len(taken) < 200:
        reply = await communicator.receive_json_from(timeout=60)
        if reply.get("code") == "rate_limited":
            refused.append(reply)
        elif reply["type"] == "graded":
            taken.append(reply)
        else:
            assert reply["type"] == "state", reply
    seconds = time.monotonic() - started

    # Five at once, then two a second while the flood was being handled; the rest refused.
    assert 1 <= len(taken) <= 5 + 2 * seconds
    assert {r["question"] for r in taken} == {first}
    assert await Answer.objects.filter(question_id=first).acount() == 1  # graded once, however often taken

    await asyncio.sleep(1)  # two more answers' worth
    second = await database_sync_to_async(current_question)(interview)
    assert second.pk != first
    await communicator.send_json_to(
        {"type": "typed_answer", "question": second.pk, "attempt": 1, "text": "A list grows as you append to it."}
    )
    while (graded := await next_of(communicator, "graded"))["question"] != second.pk:
        pass  # a queued copy of the first answer, told again
    assert graded["attempt"] == 1
    await communicator.disconnect()
