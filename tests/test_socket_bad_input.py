"""Hostile messages on the interview socket get a coded error and the room stays usable: deeply
nested JSON, NUL characters and lone surrogates in a typed answer, oversized messages."""
import json

import pytest

from interviewer.models import Answer
from tests.test_grading import ANSWERS
from tests.test_interview_socket import connect, interview, next_of  # noqa: F401 (interview: a fixture)

pytestmark = pytest.mark.django_db(transaction=True)
GOOD = ANSWERS["software-engineering-easy-01"][0]


async def test_deeply_nested_json_is_refused_and_the_room_stays_open(candidate, interview):  # noqa: F811
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from()

    await communicator.send_to(text_data="[" * 100_000 + "]" * 100_000)
    refused = await next_of(communicator, "error")
    await communicator.send_json_to({"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": GOOD})
    graded = await next_of(communicator, "graded")

    assert refused["code"] == "bad_message"
    assert graded["verdict"] == "correct"
    await communicator.disconnect()


async def test_a_typed_answer_with_nul_and_a_lone_surrogate_is_graded_without_them(candidate, interview):  # noqa: F811
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from()
    hostile = GOOD[:40] + "\x00" + GOOD[40:80] + "\ud800" + GOOD[80:]
    # json.dumps writes the surrogate as the escape "\ud800", as a hostile client would.
    message = json.dumps({"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": hostile})

    await communicator.send_to(text_data=message)
    graded = await next_of(communicator, "graded")

    assert graded["verdict"] == "correct"
    answer = await Answer.objects.aget()
    assert answer.text == GOOD[:40] + GOOD[40:80] + "\ufffd" + GOOD[80:]
    await communicator.disconnect()


async def test_a_message_over_two_mebibytes_gets_too_large_and_the_room_stays_open(candidate, interview):  # noqa: F811
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from()

    await communicator.send_to(text_data=json.dumps({"type": "typed_answer", "text": "a" * (2 * 1024 * 1024 + 10)}))
    refused = await next_of(communicator, "error")
    await communicator.send_json_to({"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": GOOD})

    assert refused["code"] == "too_large"
    assert (await next_of(communicator, "graded"))["verdict"] == "correct"
    await communicator.disconnect()


async def test_through_daphne_a_message_between_one_and_two_mebibytes_is_answered_not_cut_off(candidate, interview, live_server_url, async_client):  # noqa: F811
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
