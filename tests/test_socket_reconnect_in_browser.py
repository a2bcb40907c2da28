"""The pages' websockets (static/js/socket.js) in headless Chromium: the test keeps each socket the
page opens and drops one, as a lost network would; the page opens it again and carries on."""

import re

import pytest

from interviewer.models import Answer
from tests.conftest import log_in, wait_until
from tests.rooms import interview_on_arrays_and_lists

pytestmark = pytest.mark.browser
# Run by the browser before the page's own scripts (not subject to its Content-Security-Policy).
KEEP_SOCKETS = """
window.sockets = [];
window.WebSocket = class extends WebSocket {
  constructor(...args) { super(...args); window.sockets.push(this); }
};
"""


def test_the_room_reconnects_after_a_dropped_socket_and_answers_go_through(browser_page, candidate):
    page = browser_page
    interview = interview_on_arrays_and_lists(candidate, camera="off")
    log_in(page, candidate.email)
    page.add_init_script(KEEP_SOCKETS)
    page.goto(f"/interviews/{interview.pk}/room/")
    question = page.locator("#question-text").filter(has_not_text="Connecting")
    question.wait_for()
    asked = question.inner_text()

    page.evaluate("sockets[0].close()")  # the page's socket, closed under it
    page.get_by_text("Connection lost. Reconnecting… Your answers so far are saved.").wait_for()
    wait_until(page, "sockets.length === 2 && sockets[1].readyState === WebSocket.OPEN")  # 1 s later
    wait_until(page, "document.getElementById('connection').hidden")
    assert page.locator("#question-text").inner_text() == asked

    page.get_by_label("Or type your answer").fill("An array keeps its elements next to each other in memory.")
    page.get_by_role("button", name="Send typed answer").click()
    graded = "!['', 'Grading your answer…'].includes(document.getElementById('feedback-message').textContent.trim())"
    wait_until(page, graded)
    assert Answer.objects.get().text == "An array keeps its elements next to each other in memory."


def test_the_system_status_page_shows_a_worker_check_after_its_socket_came_back(browser_page, admin_user):
    page = browser_page
    log_in(page, admin_user.email)
    page.add_init_script(KEEP_SOCKETS)
    page.goto("/status/")
    wait_until(page, "sockets.length === 1 && sockets[0].readyState === WebSocket.OPEN")

    page.evaluate("sockets[0].close()")
    wait_until(page, "sockets.length === 2 && sockets[1].readyState === WebSocket.OPEN")
    token = page.locator("#main input[name=csrfmiddlewaretoken]").input_value()
    # What the page's button sends, without leaving the page.
    assert page.request.post("/status/", form={"csrfmiddlewaretoken": token}).ok
    page.locator("#live-result").get_by_text(re.compile(r"^Worker \S+ \(pid \d+\) answered in \d+ ms\.$")).wait_for()
