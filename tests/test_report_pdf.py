"""The PDF report, opened with pdfplumber: the candidate's name, every question, the scores and
the chart images; stored, and rendered again only when the interview's data changes."""
import io

import pdfplumber
import pytest

from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from reports.models import StoredReport
from reports.selectors import report_for
from tests.report_data import finished_interview


@pytest.fixture
def interview(db, candidate, settings):
    settings.EXPRESSION_ANALYSIS = True
    load_question_bank(read_bank())
    return finished_interview(candidate, questions=3)


def download(client, interview) -> bytes:
    response = client.get(f"/reports/{interview.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="interview-report-')
    return response.content


def words_of(pdf: pdfplumber.PDF) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_the_pdf_has_the_name_every_question_the_scores_and_the_charts(client, candidate, interview):
    client.force_login(candidate)

    with pdfplumber.open(io.BytesIO(download(client, interview))) as pdf:
        text = words_of(pdf)
        images = [image for page in pdf.pages for image in page.images]

    report = report_for(interview)
    assert "Ada Lovelace" in text
    for item in report.questions:
        assert " ".join(item.question.text.split()) in text
    for figure in report.headline + report.delivery + report.presence:
        assert f"{figure.label}: {figure.value}" in text
    for item in report.questions:
        for attempt in item.attempts:
            assert f"score {attempt.grade['answer_score']:.0f}/100" in text
    # The three charts (answer scores, delivery, expressions) as images drawn by Kaleido.
    assert len(images) == 3
    assert all(image["width"] > 200 and image["height"] > 80 for image in images)


def test_a_typed_interview_has_only_the_score_chart(client, candidate, db):
    load_question_bank(read_bank())
    interview = finished_interview(candidate, questions=2, spoken=False, seed=4)
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
