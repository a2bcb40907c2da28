"""Input at the edges of the site: NUL characters and lone surrogates in URLs and form fields,
a CSV field over the csv module's limit, request bodies over the cap, and the browser security
headers. Each of these used to be a 500 (or to grow the web process by the body's size)."""

import http.client
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import create_cohort
from resumes.models import Profile
from resumes.services import read_pasted_text
from tests.conftest import ROOT
from tests.resume_documents import RESUME
from tests.resume_profile import posted_form

PASTED = f"""{RESUME["name"]}
{RESUME["email"]}

Skills
Python, JavaScript

Experience
Senior Software Engineer, Analytical Engines Ltd, 2019 - 2024
- Built a report pipeline in Python
"""


@pytest.mark.django_db
def test_an_invite_link_with_a_nul_character_is_not_found(client, candidate):
    assert client.get("/join/%00/").status_code == 404
    client.force_login(candidate)
    assert client.get("/join/%00/").status_code == 404
    assert client.post("/join/%00/").status_code == 404


@pytest.mark.django_db
def test_profile_list_fields_with_nul_and_lone_surrogates_are_saved_without_them(client, candidate):
    read_pasted_text(candidate, PASTED)
    client.force_login(candidate)
    data = posted_form(client.get("/resume/profile/"))
    for total in [key for key in data if key.endswith("-TOTAL_FORMS")]:
        data.setdefault(total.replace("TOTAL", "INITIAL"), 0)  # posted_form drops the zeros
    data["awards"] = "Dean's list\x00\nBest poster"
    # A lone surrogate as a hostile client sends it: its UTF-8-like bytes, which no encoder makes.
    body = (
        urlencode({k: v for k, v in data.items() if k != "skills"}, doseq=True) + "&skills=Python%00%2C+Rust%ED%A0%80"
    )

    response = client.post("/resume/profile/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    profile = Profile.objects.get(user=candidate)
    assert profile.skills == ["Python", "Rust\ufffd\ufffd\ufffd"]
    assert profile.awards == ["Dean's list", "Best poster"]


@pytest.mark.django_db(transaction=True)
def test_a_csv_field_over_the_csv_modules_limit_is_refused_with_a_reason(client, staff):
    cohort = create_cohort(staff_member=staff, name="MSc Data Science 2027")
    client.force_login(staff)
    huge_field = b'email\n"' + b"a" * 200_000 + b'"\n'

    response = client.post(f"/cohorts/{cohort.pk}/invite/", {"file": SimpleUploadedFile("students.csv", huge_field)})

    assert response.status_code in (200, 400)
    assert "be read as CSV" in response.content.decode()


def post_raw(live_server_url: str, path: str, body_size: int, chunk: bytes = b"a" * 65536) -> http.client.HTTPResponse:
    """An anonymous POST of `body_size` bytes, streamed as a real client would."""
    address = urlsplit(live_server_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(body_size))
    connection.endheaders()
    sent = 0
    try:
        while sent < body_size:
            piece = chunk[: body_size - sent]
            connection.send(piece)
            sent += len(piece)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and close before the whole body is sent
    return connection.getresponse()


def test_a_hundred_megabyte_post_to_the_login_page_is_refused_before_the_application_reads_it(live_server_url):
    response = post_raw(live_server_url, "/accounts/login/", 100 * 1024 * 1024)

    assert response.status == 413
    assert "too large" in response.read().decode()


@pytest.mark.django_db
def test_every_page_says_which_scripts_and_devices_it_may_use(client):
    response = client.get("/accounts/login/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["Permissions-Policy"].startswith("camera=(self), microphone=(self)")


def test_no_template_has_an_inline_script():
    """Inline scripts would be blocked by the Content-Security-Policy: all JS lives in static/js.
    JSON data blocks (json_script) are not run, and are allowed."""
    inline = []
    for template in Path(ROOT, "templates").rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            if "src=" not in tag and 'type="application/json"' not in tag:
                inline.append(f"{template.relative_to(ROOT)}: {tag}")
    assert inline == []
