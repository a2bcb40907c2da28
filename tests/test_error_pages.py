"""Error pages: 400, 403, 404 and 500 in the site's layout with a way back; a server error's
page gives the id its log line ends with."""

import logging
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_in_the_site_layout(page: str) -> None:
    assert '<header class="site-header">' in page and '<footer class="site-footer">' in page
    assert 'href="/">Go to the home page</a>' in page


def test_a_missing_page_is_a_404_in_the_site_layout(client, candidate):
    client.force_login(candidate)

    response = client.get("/reports/999999/")

    assert response.status_code == 404
    page = response.content.decode()
    assert_in_the_site_layout(page)
    assert "Page not found" in page and 'href="/progress/">Your progress</a>' in page


def test_a_candidate_on_a_staff_page_gets_a_403_in_the_site_layout(client, candidate):
    client.force_login(candidate)

    response = client.get("/staff/")

    assert response.status_code == 403
    page = response.content.decode()
    assert_in_the_site_layout(page)
    assert "You can't open this page" in page


def test_a_form_sent_without_its_csrf_token_is_a_403_saying_what_to_do(candidate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)

    response = client.post("/progress/emails/", {"email_after_interview": "on"})

    assert response.status_code == 403
    page = response.content.decode()
    assert_in_the_site_layout(page)
    assert "This form has expired" in page and "reload the page" in page


@pytest.mark.urls("tests.error_urls")
def test_a_request_the_server_refuses_is_a_400_in_the_site_layout(client):
    response = client.get("/test-suspicious/")

    assert response.status_code == 400
    page = response.content.decode()
    assert_in_the_site_layout(page)
    assert "That request couldn't be read" in page


@pytest.mark.urls("tests.error_urls")
def test_a_server_error_shows_the_id_its_log_line_ends_with(candidate, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(candidate)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/test-fails/")

    assert response.status_code == 500
    page = response.content.decode()
    assert_in_the_site_layout(page)
    shown = re.search(r"Reference: <code>([0-9a-f]{12})</code>", page).group(1)
    assert response["X-Request-ID"] == shown
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Internal Server Error: /test-fails/ (request {shown})"
    assert "a bug nobody has found yet" in str(record.exc_info[1])


def test_every_response_carries_its_own_request_id(client):
    first, second = client.get("/"), client.get("/")

    assert re.fullmatch(r"[0-9a-f]{12}", first["X-Request-ID"]) and first["X-Request-ID"] != second["X-Request-ID"]


def test_a_request_id_sent_by_the_client_is_not_taken(client):
    response = client.get("/", HTTP_X_REQUEST_ID="someone-elses-request")

    assert response["X-Request-ID"] != "someone-elses-request"
