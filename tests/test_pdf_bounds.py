"""The text-bomb PDF (one compressed page of 2 million characters in about 5 KB) is refused
before pdfplumber reads it, with a reason for the candidate; the public résumés of
tests/data/resumes are all within the bounds."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviewer.engine.resume.pdf_bounds import (
    MAX_PAGE_CHARACTERS,
    PdfTooDense,
    check_pages,
)
from resumes.models import Profile, Resume
from resumes.services import read_resume, upload_resume
from tests.pdf_bomb import text_bomb_pdf

RESUMES = sorted(Path(__file__).parent.joinpath("data", "resumes").glob("*.pdf"))


def test_the_text_bomb_is_refused_by_its_first_page():
    bomb = text_bomb_pdf(2_000_000)
    assert len(bomb) < 6000

    with pytest.raises(PdfTooDense, match="Page 1 of this PDF holds more than 1024 KB"):
        check_pages(bomb, max_pages=10)


def test_a_page_of_sixty_thousand_characters_is_refused_for_its_characters():
    with pytest.raises(PdfTooDense, match="Page 1 of this PDF holds about 60,000 characters"):
        check_pages(text_bomb_pdf(60_000), max_pages=10)


@pytest.mark.parametrize("path", RESUMES, ids=lambda path: path.name)
def test_real_resumes_are_within_the_bounds(path):
    pages = check_pages(path.read_bytes(), max_pages=10)

    assert pages and all(characters < MAX_PAGE_CHARACTERS for _, characters in pages)


@pytest.mark.django_db
def test_an_uploaded_text_bomb_fails_with_the_reason_and_leaves_the_profile_alone(
    candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # read here, not in a task thread
        resume = upload_resume(candidate, SimpleUploadedFile("cv.pdf", text_bomb_pdf(2_000_000)), Resume.Kind.PDF)

    read_resume(resume.pk)

    resume.refresh_from_db()
    assert resume.status == Resume.Status.FAILED
    assert "far more than a résumé page" in resume.error
    assert not Profile.objects.filter(user=candidate).exists()
