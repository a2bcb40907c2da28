"""The language-model pages in Chromium, through Daphne: the engine page, an interview set up
with the model writing its questions, and a cohort's switch."""

import pytest

from accounts.models import Cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Interview, InterviewQuestion
from interviewer.services import load_question_bank
from tests.conftest import log_in, make_user, screenshot
from tests.llm_server import reply_json, written_question


@pytest.fixture
def llm_server_env(chat_server, monkeypatch):
    """The served app (a Daphne process) reads its settings from the environment."""
    monkeypatch.setenv("LLM_BASE_URL", chat_server.url)
    monkeypatch.setenv("LLM_MODEL", "test-model")
    monkeypatch.setenv("LLM_STREAM", "1")
    return chat_server


def test_a_candidate_reads_what_is_sent_then_gets_questions_written_by_the_model(llm_server_env, open_browser):
    load_question_bank(read_bank())
    make_user("ada@example.edu")
    llm_server_env.queue(reply_json({"questions": [written_question(n) for n in range(1, 4)]}))
    page = open_browser()
    log_in(page, "ada@example.edu")

    page.goto("/interviews/new/")
    assert "written by test-model at 127.0.0.1" in page.locator("main").inner_text()
    page.get_by_role("link", name="About the interview engine").click()
    assert "Exactly what is sent to it" in page.locator("main").inner_text()
    screenshot(page, "llm-engine-page")

    page.goto("/interviews/new/")
    page.get_by_label("Position").fill("Backend developer")
    page.get_by_label("Field").select_option(label="Software engineering")
    page.get_by_label("I have read what is recorded").check()
    page.get_by_role("button", name="Start the interview").click()
    page.wait_for_url("**/room/")

    interview = Interview.objects.get()
    assert llm_server_env.request_count == 1
    assert interview.questions.filter(source=InterviewQuestion.Source.LLM).count() == 3


def test_staff_turn_the_model_off_for_a_cohort(llm_server_env, open_browser):
    staff = make_user("counsellor@example.edu", role="staff")
    cohort = Cohort.objects.create(name="MSc Data Science 2026", created_by=staff)
    cohort.staff.add(staff)
    page = open_browser()
    log_in(page, "counsellor@example.edu")

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_label("Use the language model for members' interviews").uncheck()
    page.locator("#language-model").get_by_role("button", name="Save").click()

    assert "nothing about them is sent" in page.locator(".messages").inner_text()
    assert not page.get_by_label("Use the language model for members' interviews").is_checked()
    screenshot(page, "llm-cohort-switch")
    cohort.refresh_from_db()
    assert not cohort.llm_allowed
