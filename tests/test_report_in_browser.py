"""The report and the progress dashboard in Chromium: plotly.js (served from static/) draws the
charts, and selecting a sentence of the transcript plays the recording from there."""

import pytest

from interviewer.engine.bank import read_bank
from interviewer.models import Answer
from interviewer.services import load_question_bank
from tests.conftest import log_in, screenshot, wait_until
from tests.report_data import WEAK_ANSWER, finished_interview

pytestmark = pytest.mark.browser


@pytest.fixture
def expressions_read(settings, monkeypatch):
    """Expression reading on, here and in the server process started after this fixture."""
    settings.EXPRESSION_ANALYSIS = True
    monkeypatch.setenv("EXPRESSION_ANALYSIS", "on")


def test_the_report_draws_its_charts_and_a_sentence_plays_the_recording_from_there(
    expressions_read, browser_page, candidate, video
):
    load_question_bank(read_bank())
    interview = finished_interview(candidate, questions=2, video_bytes=video)
    finished_interview(candidate, questions=2, seed=2, domain="marketing", video_bytes=video)
    page = browser_page
    log_in(page, candidate.email)

    page.goto(f"/reports/{interview.pk}/")
    for name in ("scores", "delivery", "expressions"):
        page.locator(f'[data-chart="{name}"] .main-svg').first.wait_for()
    assert page.evaluate("typeof Plotly") == "object"
    assert page.locator('script[src^="/static/js/vendor/plotly.min."]').count() == 1

    weak = Answer.objects.filter(question__interview=interview, text=WEAK_ANSWER).select_related("recording").first()
    second_word = weak.recording.transcript["words"][5]  # "I would, …" follows "Um, I am not sure."
    sentence = page.locator(f'.sentence[data-player="player-{weak.recording.pk}"]').nth(1)
    assert sentence.inner_text().startswith("I (pause 2.5 s) would, you know")
    sentence.click()
    wait_until(
        page, f"document.getElementById('player-{weak.recording.pk}').currentTime > {second_word['start'] - 0.01}"
    )
    assert "playing" in sentence.get_attribute("class")
    screenshot(page, "report")

    page.get_by_role("link", name="Progress").click()
    page.locator('[data-chart="scores"] .main-svg').first.wait_for()
    assert page.locator(".comparison tbody tr").count() == 7
    screenshot(page, "progress-dashboard")
