"""Wrong, broken and hostile résumés: each gets a clear message, nothing crashes, and the
profile the candidate already has stays exactly as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict

from interviewer.engine.resume.extract import MAX_BYTES, UnreadableResume, extract_text
from resumes.models import Profile, Resume
from resumes.services import read_resume
from tests.resume_documents import (
    RESUME,
    docx_zip_bomb,
    encrypted_pdf,
    pdf_one_column,
    png_image,
    scanned_pdf,
)


def corrupt_pdf() -> bytes:
    document = pdf_one_column()
    return document[: len(document) // 3]  # a download cut short


def thirty_pages() -> bytes:
    return pdf_one_column(extra_pages=29)


# Files whose first bytes look right: they are stored, then refused by the background reading.
UNREADABLE = [
    pytest.param(scanned_pdf, "no_text", "doesn't do OCR", id="scanned"),
    pytest.param(encrypted_pdf, "encrypted", "protected by a password", id="encrypted"),
    pytest.param(corrupt_pdf, "corrupt", "damaged", id="corrupt"),
    pytest.param(docx_zip_bomb, "zip_bomb", "would expand to 200 MB", id="zip-bomb"),
    pytest.param(thirty_pages, "too_many_pages", "has 30 pages", id="30-pages"),
]


@pytest.mark.parametrize("make, reason, says", UNREADABLE)
def test_the_engine_refuses_with_a_reason_and_a_clear_message(make, reason, says):
    with pytest.raises(UnreadableResume) as refused:
        extract_text(make())

    assert refused.value.reason == reason
    assert says in str(refused.value)
    if reason != "too_many_pages":
        assert "paste the text of your résumé instead" in str(refused.value)


def upload(client, name, content):
    return client.post("/resume/upload/", {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def existing_profile(client, candidate):
    """The candidate has a profile read from a good résumé, and corrected one field."""
    client.force_login(candidate)
    upload(client, "cv.pdf", pdf_one_column())
    read_resume(Resume.objects.get().pk)
    Profile.objects.filter(user=candidate).update(summary="My own corrected summary.")
    return model_to_dict(Profile.objects.get(user=candidate))


@pytest.mark.django_db
@pytest.mark.parametrize("make, reason, says", UNREADABLE)
def test_an_unreadable_file_fails_clearly_and_the_profile_stays_as_it_was(
    client, candidate, existing_profile, make, reason, says
):
    response = upload(client, "resume.pdf", make())  # the name says PDF whatever the content
    resume = Resume.objects.latest("created_at")
    assert response.status_code == 302 and response.url == f"/resume/{resume.pk}/"
    stored = resume.file.path

    read_resume(resume.pk)

    resume.refresh_from_db()
    assert resume.status == Resume.Status.FAILED and says in resume.error
    assert not resume.file and not __import__("os").path.exists(stored)  # unreadable uploads aren't kept
    assert model_to_dict(Profile.objects.get(user=candidate)) == existing_profile
    page = client.get(f"/resume/{resume.pk}/").content.decode()
    assert says in page.replace("&#x27;", "'")
    assert "Upload another file or paste the text" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, says",
    [
        pytest.param(
            "photo.pdf", png_image(), "This file is a PNG image, not a PDF or Word (.docx) document", id="png-renamed"
        ),
        pytest.param(
            "cv.pdf", b"%PDF-1.7\n" + b"0" * (MAX_BYTES + 1024 * 1024), "MB; the limit is 5 MB", id="over-size"
        ),
        pytest.param(
            "cv.docx",
            b"Just some words typed into a file named .docx",
            "This file is not a PDF or Word",
            id="text-renamed",
        ),
        pytest.param("cv.pdf", b"", "The submitted file is empty", id="empty"),
    ],
)
def test_a_wrong_file_is_refused_at_upload_before_anything_is_stored(
    client, candidate, existing_profile, name, content, says
):
    response = upload(client, name, content)

    assert response.status_code == 400
    assert says in response.content.decode()
    assert Resume.objects.count() == 1  # only the earlier, good one
    assert model_to_dict(Profile.objects.get(user=candidate)) == existing_profile


@pytest.mark.django_db
def test_a_zip_that_is_not_a_word_document_is_named_as_such(client, candidate, existing_profile):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/holiday.txt", "not a résumé")
    upload(client, "cv.docx", buffer.getvalue())

    resume = read_resume(Resume.objects.latest("created_at").pk)

    assert resume.status == Resume.Status.FAILED
    assert "zip archive but not a Word (.docx) document" in resume.error
    assert model_to_dict(Profile.objects.get(user=candidate)) == existing_profile


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, says",
    [
        pytest.param(
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 3,
            "found no résumé content",
            id="not-a-resume",
        ),
        pytest.param("x" * 60_000, "at most 50000 characters", id="huge"),
        pytest.param("   ", "This field is required", id="blank"),
    ],
)
def test_pasted_text_that_is_not_a_resume_changes_nothing(client, candidate, existing_profile, text, says):
    response = client.post("/resume/paste/", {"text": text})

    assert response.status_code == 400
    assert says in response.content.decode().replace("&#x27;", "'")
    assert model_to_dict(Profile.objects.get(user=candidate)) == existing_profile


@pytest.mark.django_db
def test_a_readable_resume_replaces_the_profile_and_the_older_file(client, candidate, existing_profile):
    old = Resume.objects.get()
    old_path = old.file.path

    client.post("/resume/paste/", {"text": f"{RESUME['name']}\nada@new.example\n\nSkills\nExcel, SQL"})

    profile = Profile.objects.get(user=candidate)
    assert (profile.email, profile.skills, profile.experience) == ("ada@new.example", ["Excel", "SQL"], [])
    assert not Resume.objects.filter(pk=old.pk).exists() and not __import__("os").path.exists(old_path)
