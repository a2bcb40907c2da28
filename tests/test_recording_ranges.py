"""Recordings are served in parts when the browser asks (HTTP Range), so a long recording can be
played from any moment: a transcript sentence, a review comment."""

import os

import pytest

from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from tests.report_data import finished_interview


@pytest.fixture
def recording(db, candidate, client):
    load_question_bank(read_bank())
    finished_interview(candidate, questions=1)
    client.force_login(candidate)
    recording = Recording.objects.get()
    with recording.file.open("wb") as handle:  # a few kilobytes, so that ranges fall inside it
        handle.write(os.urandom(5000))
    return recording


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def content_of(recording) -> bytes:
    with recording.file.open("rb") as handle:
        return handle.read()


def test_a_range_gets_exactly_those_bytes(client, recording):
    whole = content_of(recording)
    url = f"/recordings/{recording.pk}/"

    first = client.get(url, HTTP_RANGE="bytes=0-99")
    middle = client.get(url, HTTP_RANGE=f"bytes=100-{len(whole) - 11}")
    last = client.get(url, HTTP_RANGE="bytes=-10")
    rest = client.get(url, HTTP_RANGE=f"bytes={len(whole) - 10}-")

    assert (
        first.status_code == 206 and first["Content-Range"] == f"bytes 0-99/{len(whole)}" and body(first) == whole[:100]
    )
    assert body(middle) == whole[100:-10]
    assert body(last) == body(rest) == whole[-10:]
    assert first["Content-Type"] == recording.mime


def test_without_a_range_the_whole_file_comes_and_says_parts_can_be_asked_for(client, recording):
    response = client.get(f"/recordings/{recording.pk}/")

    assert response.status_code == 200 and response["Accept-Ranges"] == "bytes"
    assert body(response) == content_of(recording)


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=50-10"])
def test_a_range_outside_the_file_is_refused_clearly(client, recording, header):
    response = client.get(f"/recordings/{recording.pk}/", HTTP_RANGE=header)

    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{recording.file.size}"


@pytest.mark.parametrize("header", ["items=0-5", "bytes=0-5,10-20", "bytes=abc", "bytes=-"])
def test_a_range_we_do_not_serve_gets_the_whole_file(client, recording, header):
    response = client.get(f"/recordings/{recording.pk}/", HTTP_RANGE=header)

    assert response.status_code == 200 and body(response) == content_of(recording)


def test_a_range_of_someone_elses_recording_is_not_found(client, recording, other_candidate):
    client.force_login(other_candidate)

    assert client.get(f"/recordings/{recording.pk}/", HTTP_RANGE="bytes=0-9").status_code == 404
