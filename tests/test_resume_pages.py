"""The résumé pages: upload, progress, correcting the profile, job readiness, CSV downloads,
and privacy (another user's résumé doesn't exist for you)."""

import csv
import io

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile

from config.asgi import application
from resumes.models import Profile, Resume
from resumes.services import read_resume, upload_resume
from tests.conftest import log_in, screenshot
from tests.resume_documents import (
    RESUME,
    docx_with_skills_table,
    pdf_one_column,
    pdf_two_columns,
)
from tests.resume_profile import posted_form, wait_until_read

JOB_DESCRIPTION = """Graduate software engineer. You will build web services in Python and Django, deploy
them with Docker on Kubernetes, and work in Scrum. Experience with GraphQL is a plus."""


@pytest.mark.django_db(transaction=True)
def test_upload_is_read_in_the_background_then_the_profile_can_be_corrected(client, candidate):
    client.force_login(candidate)

    response = client.post("/resume/upload/", {"file": SimpleUploadedFile("Ada CV.docx", docx_with_skills_table())})

    resume = Resume.objects.get()
    assert response.url == f"/resume/{resume.pk}/"
    assert client.get(response.url).status_code == 200
    resume = wait_until_read(resume.pk)
    assert resume.status == Resume.Status.DONE and resume.progress == 100
    assert resume.file.name.startswith(f"users/{candidate.pk}/resumes/")  # deleted with the account

    page = client.get("/resume/profile/")
    assert page.status_code == 200 and RESUME["name"] in page.content.decode()
    data = posted_form(page)
    assert data["experience-0-title"] == "Software Engineer"
    data.update(
        {
            "name": "Ada King",
            "skills": "Python, JS, Kubernetes",
            "experience-0-title": "Senior Software Engineer",
            "experience-1-DELETE": "on",
            "projects-1-name": "Difference Engine Emulator",
            "projects-1-description": "Emulates the engine in Rust.",
            "projects-1-technologies": "Rust, WebAssembly",
        }
    )
    saved = client.post("/resume/profile/", data)

    assert saved.status_code == 302
    profile = Profile.objects.get(user=candidate)
    assert profile.name == "Ada King"
    assert profile.skills == ["Python", "JavaScript", "Kubernetes"]
    assert [job["title"] for job in profile.experience] == ["Senior Software Engineer"]
    assert profile.experience[0]["bullets"] == RESUME["experience"][0]["bullets"]
    assert profile.projects[1] == {
        "name": "Difference Engine Emulator",
        "description": "Emulates the engine in Rust.",
        "technologies": ["Rust", "WebAssembly"],
    }


@pytest.mark.django_db
def test_invalid_corrections_are_explained_and_nothing_is_saved(client, candidate):
    client.force_login(candidate)
    client.post("/resume/paste/", {"text": f"{RESUME['name']}\n{RESUME['email']}\n\nSkills\nPython"})
    data = posted_form(client.get("/resume/profile/"))
    data.update({"email": "not an email", "linkedin": "javascript:alert(1)", "experience-TOTAL_FORMS": "500"})

    response = client.post("/resume/profile/", data)

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert "Enter a valid URL." in response.content.decode()
    assert Profile.objects.get(user=candidate).email == RESUME["email"]


@pytest.mark.django_db
def test_readiness_with_a_job_description_lists_the_missing_keywords(client, candidate):
    client.force_login(candidate)
    read_resume(upload_resume(candidate, SimpleUploadedFile("cv.pdf", pdf_two_columns()), "pdf").pk)

    response = client.post("/resume/readiness/", {"job_description": JOB_DESCRIPTION})

    result = response.context["result"]
    assert response.status_code == 200
    assert result.missing_keywords == ["Kubernetes", "Scrum", "GraphQL"]
    assert result.matched_keywords == ["Python", "Django", "Docker"]
    page = response.content.decode()
    assert "The job description asks for Kubernetes, Scrum and GraphQL." in page
    assert f"{result.score}</span>" in page
    assert Profile.objects.get(user=candidate).job_description == JOB_DESCRIPTION  # kept for next time


@pytest.mark.django_db
def test_readiness_without_a_profile_sends_you_to_upload(client, candidate):
    client.force_login(candidate)

    response = client.get("/resume/readiness/", follow=True)

    assert response.redirect_chain[-1][0] == "/resume/"
    assert "Upload or paste your résumé first" in response.content.decode()


@pytest.mark.django_db
def test_the_profile_downloads_as_csv(client, candidate):
    client.force_login(candidate)
    read_resume(upload_resume(candidate, SimpleUploadedFile("cv.pdf", pdf_one_column()), "pdf").pk)
    Profile.objects.filter(user=candidate).update(summary='=HYPERLINK("http://evil.example")')

    response = client.get("/resume/profile.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "entry", "field", "value"]
    assert ["contact", "1", "email", RESUME["email"]] in rows
    assert ["skills", "2", "skill", "JavaScript"] in rows
    assert ["experience", "2", "employer", "Babbage & Co"] in rows
    assert ["experience", "1", "bullets", RESUME["experience"][0]["bullets"][1]] in rows
    assert ["summary", "1", "summary", '\'=HYPERLINK("http://evil.example")'] in rows  # not run as a formula


@pytest.mark.django_db
def test_another_users_resume_does_not_exist_for_you(client, candidate, other_candidate):
    resume = read_resume(upload_resume(candidate, SimpleUploadedFile("cv.pdf", pdf_one_column()), "pdf").pk)
    client.force_login(other_candidate)

    for url in (f"/resume/{resume.pk}/", f"/resume/{resume.pk}/file/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/resume/{resume.pk}/delete/").status_code == 404
    assert client.get("/resume/profile.csv").status_code == 404
    assert RESUME["email"] not in client.get("/resume/profile/").content.decode()
    assert Resume.objects.filter(pk=resume.pk).exists()

    client.force_login(candidate)
    download = client.get(f"/resume/{resume.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_resume_pages_need_signing_in(client):
    for url in ("/resume/", "/resume/profile/", "/resume/readiness/", "/resume/profile.csv"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db(transaction=True)
async def test_reading_progress_reaches_the_open_page(candidate):
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"http://127.0.0.1:8000")])
    communicator.scope["user"] = candidate
    connected, _ = await communicator.connect(timeout=30)
    assert connected
    resume = await database_sync_to_async(upload_resume)(
        candidate, SimpleUploadedFile("cv.pdf", pdf_one_column(extra_pages=1)), "pdf"
    )

    events = []
    while not events or events[-1]["status"] not in ("done", "failed"):
        events.append(await communicator.receive_json_from(timeout=30))

    assert all(event["type"] == "resume" and event["id"] == resume.pk for event in events)
    progress = [event["progress"] for event in events]
    assert progress == sorted(progress) and len(set(progress)) >= 3  # started, each page, finished
    assert events[-1]["status"] == "done" and progress[-1] == 100
    await communicator.disconnect()


@pytest.mark.browser
def test_a_candidate_uploads_their_resume_and_scores_it_against_a_job(browser_page, candidate, tmp_path):
    path = tmp_path / "Ada Lovelace CV.pdf"
    path.write_bytes(pdf_two_columns())
    page = browser_page
    log_in(page, candidate.email)

    page.get_by_role("link", name="Résumé").click()
    page.get_by_label("Your résumé", exact=True).set_input_files(path)
    page.get_by_role("button", name="Upload and read").click()
    page.get_by_role("link", name="Check your profile").click()
    assert page.get_by_label("Full name").input_value() == RESUME["name"]
    page.get_by_label("Phone").fill("+44 20 7946 0000")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    screenshot(page, "resume-profile")

    page.get_by_role("link", name="Job readiness").click()
    page.get_by_label("Job description").fill(JOB_DESCRIPTION)
    page.get_by_role("button", name="Score against this job").click()
    page.locator(".keyword-missing", has_text="Kubernetes").wait_for()
    screenshot(page, "resume-readiness")

    assert Profile.objects.get(user=candidate).phone == "+44 20 7946 0000"


@pytest.mark.django_db
def test_deleting_the_account_deletes_the_resume_files(client, candidate):
    resume = read_resume(upload_resume(candidate, SimpleUploadedFile("cv.pdf", pdf_one_column()), "pdf").pk)
    path = resume.file.path
    client.force_login(candidate)

    client.post("/account/delete/", {"password": "correct horse battery"})

    assert not Resume.objects.exists() and not Profile.objects.exists()
    assert not __import__("os").path.exists(path)


@pytest.mark.django_db
def test_a_file_gone_from_the_disk_is_not_found_rather_than_an_error(client, candidate):
    resume = read_resume(upload_resume(candidate, SimpleUploadedFile("cv.pdf", pdf_one_column()), "pdf").pk)
    resume.file.storage.delete(resume.file.name)
    client.force_login(candidate)

    assert client.get(f"/resume/{resume.pk}/file/").status_code == 404
    assert read_resume(resume.pk + 1000) is None  # a task for a résumé deleted meanwhile does nothing


UNSURE_PASTE = """sam.rivera@example.org | +1 555 010 2030
Experience
Barista, Coffee Corner
- Served 200 customers a day
Education
BA History, Leeds University, 2016 – 2019
"""


@pytest.mark.browser
def test_the_profile_page_marks_what_the_parser_was_unsure_of_until_it_is_saved(browser_page, candidate):
    page = browser_page
    log_in(page, candidate.email)
    page.get_by_role("link", name="Résumé").click()
    page.get_by_label("Résumé text").fill(UNSURE_PASTE)
    page.get_by_role("button", name="Read the pasted text").click()

    # No name line was found, and the job has no dates: both are marked for the candidate to check.
    page.get_by_text("We weren't sure we read 2 things right").wait_for()
    assert "unsure" in page.get_by_label("Full name").get_attribute("class")
    job = page.locator("fieldset.entry-unsure")
    assert job.count() == 1 and "Please check this entry" in job.inner_text()
    assert page.get_by_label("Title").first.input_value() == "Barista"
    assert page.get_by_label("Achievements").first.input_value() == "Served 200 customers a day"
    screenshot(page, "resume-profile-unsure")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "resume-profile-unsure-phone")

    page.get_by_label("Full name").fill("Sam Rivera")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    assert page.locator("fieldset.entry-unsure").count() == 0
    assert page.get_by_text("We weren't sure").count() == 0
    assert Profile.objects.get(user=candidate).unsure == []
