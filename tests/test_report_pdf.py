"""The PDF report, opened with pdfplumber: the candidate's name, every question, the scores and
the chart images; stored, and rendered again only when the interview's data changes."""

import io

import pdfplumber
import pytest
from django.utils import timezone

from interviewer.models import Recording
from reports.models import StoredReport
from tests.cohort_data import SQL, bank_questions, finished
from tests.pdf_reports import download, words_of


@pytest.fixture
def interview(db, candidate, settings):
    """The easy SQL question answered with its model answer, spoken and filmed; the medium one
    asked when it was finished (tests.cohort_data)."""
    settings.EXPRESSION_ANALYSIS = True
    candidate.first_name, candidate.last_name = "Ada", "Lovelace"
    candidate.save()
    return finished(candidate, timezone.now(), right=1, spoken=True, camera=True)


def test_the_pdf_has_the_name_every_question_the_scores_and_the_charts(client, candidate, interview):
    client.force_login(candidate)

    with pdfplumber.open(io.BytesIO(download(client, interview))) as pdf:
        text = words_of(pdf)
        images = [image for page in pdf.pages for image in page.images]

    assert "Ada Lovelace" in text
    for question in bank_questions(SQL)[:2]:
        assert " ".join(question.text.split()) in text
    # Worked out in tests/test_progress_dashboard.py (its first interview is this one): 129 words in
    # 54.05 s with one long pause, tone 100; 108 of 109 frames with a face, 72 of those facing the camera.
    for figure in (
        "Overall: 96/100",
        "Content: 100/100",
        "Delivery: 93/100",
        "Presence: 83/100",
        "Accuracy: 1 of 2 (50%)",
        "Pace: 143 words/min (score 100)",
        "Filler words: 0.0 a minute (score 100)",
        "Long pauses: 1.1 a minute (score 72)",
        "Tone stability: 100/100",
        "Face visible: 99%",
        "Looking at the camera: 67%",
    ):
        assert figure in text
    assert "score 100/100" in text
    # The three charts (answer scores, delivery, expressions) as images drawn by Kaleido.
    assert len(images) == 3
    assert all(image["width"] > 200 and image["height"] > 80 for image in images)


def test_a_typed_interview_has_only_the_score_chart(client, candidate, db):
    interview = finished(candidate, timezone.now(), right=1, wrong=1)
    client.force_login(candidate)

    with pdfplumber.open(io.BytesIO(download(client, interview))) as pdf:
        text = words_of(pdf)
        assert sum(len(page.images) for page in pdf.pages) == 1
    assert "Delivery: not measured: the answers were typed" in text


def test_the_pdf_is_stored_and_rendered_again_when_the_data_changes(client, candidate, interview):
    client.force_login(candidate)
    first = download(client, interview)
    stored = StoredReport.objects.get(interview=interview)

    assert download(client, interview) == first
    assert StoredReport.objects.get().rendered_at == stored.rendered_at

    # The camera analysis of the last answer arrives after the interview ended.
    recording = Recording.objects.filter(question__interview=interview).order_by("-pk").first()
    presence = {**recording.presence, "face_visible_share": 0.25}
    Recording.objects.filter(pk=recording.pk).update(presence=presence)
    download(client, interview)

    renewed = StoredReport.objects.get()
    assert renewed.digest != stored.digest and renewed.rendered_at > stored.rendered_at
    assert renewed.file.name == stored.file.name  # the old file was replaced, not left behind
    assert renewed.file.name.startswith(f"users/{candidate.pk}/reports/")


def test_chart_images_need_no_network():
    """Kaleido would fetch MathJax from a CDN; our charts have no LaTeX."""
    import plotly.io

    from reports.charts import figure_png

    png = figure_png({"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}], "layout": {}})

    assert png.startswith(b"\x89PNG") and plotly.io.kaleido.scope.mathjax is None
