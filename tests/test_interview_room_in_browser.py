"""A short interview in headless Chromium, with its fake camera and a fake microphone that plays
an answer Piper spoke: from the real pages, through the websocket and the tasks, to the feedback."""

import re

import pytest

from interviewer.engine.bank import read_bank
from interviewer.models import Interview, Recording
from interviewer.services import load_question_bank
from tests.conftest import MICROPHONE_ANSWER, log_in, make_user, screenshot, wait_until

pytestmark = pytest.mark.browser


def test_a_candidate_answers_out_loud_and_by_typing_and_gets_feedback(open_browser, spoken_answer_wav):
    load_question_bank(read_bank())
    make_user("student@example.edu")
    page = open_browser(
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={spoken_answer_wav}",
        "--autoplay-policy=no-user-gesture-required",
    )
    log_in(page, "student@example.edu")

    page.goto("/interviews/new/")
    page.get_by_label("Position").fill("Junior developer")
    page.get_by_label("Field").select_option(label="Software engineering")
    page.get_by_label("Difficulty").select_option("easy")
    page.get_by_label("Interview type").select_option("technical")
    page.get_by_label("I have read what is recorded").check()
    page.get_by_role("button", name="Start the interview").click()

    question = page.locator("#question-text")
    question.filter(has_not_text="Connecting").wait_for()
    first_question = question.inner_text()
    record = page.get_by_role("button", name="Start answering")
    wait_until(page, "!document.getElementById('record').disabled")
    assert re.fullmatch(r"1?\d:\d\d", page.locator("#total-clock").inner_text())
    screenshot(page, "room-question")

    record.click()
    page.wait_for_timeout(9000)  # the fake microphone plays the spoken answer
    screenshot(page, "room-recording")
    page.get_by_role("button", name="Stop answering").click()
    heard = page.locator("#feedback-details").get_by_text("We heard:")
    heard.wait_for(timeout=60_000)
    screenshot(page, "room-feedback")

    spoken_words = set(re.findall(r"[a-z]+", MICROPHONE_ANSWER.lower()))
    heard_words = set(re.findall(r"[a-z]+", heard.inner_text().lower()))
    assert len(spoken_words & heard_words) >= 5
    assert "words per minute" in page.locator("#feedback-details").inner_text()
    # Chromium's fake camera draws a test pattern, not a face.
    assert (
        page.locator("#expression").inner_text() in ("No face turned to the camera", "Too dark to find a face")
        or "Face" in page.locator("#expression").inner_text()
    )

    wait_until(
        page,
        f"document.getElementById('question-text').textContent !== {first_question!r} "
        "|| document.getElementById('feedback-message').textContent.includes('Hint')",
    )
    page.get_by_label("Or type your answer").fill("finish interview")
    page.get_by_role("button", name="Send typed answer").click()
    page.get_by_role("link", name="See your feedback").click()
    page.get_by_role("heading", name="Junior developer").wait_for()
    screenshot(page, "interview-detail")

    interview = Interview.objects.get()
    assert interview.status == "finished"
    recording = Recording.objects.get()
    assert recording.mime == "video/webm" and recording.transcript["text"]
    assert first_question in page.content()
