"""The interview room when the candidate refuses the camera (audio-only answers) or both the
camera and the microphone (typed answers), in headless Chromium with its fake devices."""

import pytest

from interviewer.engine.bank import read_bank
from interviewer.models import Answer, Recording
from interviewer.services import load_question_bank
from tests.conftest import log_in, make_user, screenshot, wait_until

pytestmark = pytest.mark.browser
FAKE_DEVICES = ("--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required")


def open_room(page):
    load_question_bank(read_bank())
    make_user("student@example.edu")
    log_in(page, "student@example.edu")
    page.goto("/interviews/new/")
    page.get_by_label("Position").fill("Junior developer")
    page.get_by_label("Field").select_option(label="Software engineering")
    page.get_by_label("I have read what is recorded").check()
    page.get_by_role("button", name="Start the interview").click()
    page.locator("#question-text").filter(has_not_text="Connecting").wait_for()


def test_without_the_camera_answers_are_recorded_audio_only(open_browser, spoken_answer_wav, live_server_url):
    page = open_browser(*FAKE_DEVICES, f"--use-file-for-fake-audio-capture={spoken_answer_wav}")
    page.context.grant_permissions(["microphone"], origin=live_server_url)  # the camera is refused
    open_room(page)

    page.get_by_text("Camera off: audio only").wait_for()
    wait_until(page, "!document.getElementById('record').disabled")
    page.get_by_role("button", name="Start answering").click()
    page.wait_for_timeout(9000)  # the fake microphone plays the spoken answer
    page.get_by_role("button", name="Stop answering").click()
    page.locator("#feedback-details").get_by_text("We heard:").wait_for(timeout=60_000)
    screenshot(page, "room-audio-only")

    recording = Recording.objects.get()
    assert recording.mime == "audio/webm" and recording.transcript["text"]
    assert not recording.has_video and recording.presence is None
    assert not page.locator("#camera").is_visible()


def test_without_camera_or_microphone_answers_are_typed(open_browser, live_server_url):
    page = open_browser(*FAKE_DEVICES)  # no permission granted: both are refused
    open_room(page)

    page.get_by_text("No microphone available: type your answers below.").wait_for()
    assert page.get_by_role("button", name="Start answering").is_disabled()
    page.get_by_label("Or type your answer").fill(
        "An array stores its elements next to each other, so reading by index is constant time, "
        "while a linked list chains nodes with pointers, so inserting next to a known node is cheap."
    )
    page.get_by_role("button", name="Send typed answer").click()
    wait_until(
        page, "!['', 'Grading your answer…'].includes(document.getElementById('feedback-message').textContent.trim())"
    )
    screenshot(page, "room-typed-only")

    answer = Answer.objects.get()
    assert answer.recording is None and answer.text.startswith("An array stores")
    assert answer.verdict in ("correct", "partial", "incorrect")
    assert not Recording.objects.exists()
