"""The report page of a finished interview: every question with its transcript, grade and key
points, the overall scores with how each is measured, the charts' data, and the data downloads."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from interviewer.engine.bank import read_bank
from interviewer.engine.presence import CAMERA_LIMITS, EXPRESSION_LIMITS
from interviewer.models import Answer, Interview, Recording
from interviewer.services import load_question_bank
from reports.scores import HOW_MEASURED
from tests.cohort_data import finished
from tests.report_data import PAUSE_S, WEAK_ANSWER, finished_interview


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


@pytest.fixture
def interview(bank, candidate, settings):
    settings.EXPRESSION_ANALYSIS = True
    return finished_interview(candidate, questions=4)


def page_of(client, interview) -> str:
    response = client.get(f"/reports/{interview.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_shows_every_question_with_its_answer_grade_and_key_points(client, candidate, interview):
    client.force_login(candidate)
    page = page_of(client, interview)

    asked = list(interview.questions.order_by("position"))
    assert len([q for q in asked if q.answers.exists()]) == 4  # the fifth was asked when it was finished
    for question in asked:
        assert escape(question.text) in page
        assert question.get_verdict_display() in page
        for answer in question.answers.all():
            assert f"score {answer.grade['answer_score']:.0f}/100" in page
            for point in answer.grade["key_points"]:
                assert ("Covered: " if point["covered"] else "Missed: ") in page
    hinted = [q for q in asked if q.hint_given]
    assert hinted and all(q.hint in page for q in hinted)
    assert "Second try, after the hint" in page


def test_the_transcript_marks_filler_words_and_long_pauses_and_seeks_the_recording(client, candidate, interview):
    client.force_login(candidate)
    page = page_of(client, interview)

    weak = Answer.objects.filter(question__interview=interview, text=WEAK_ANSWER).select_related("recording").first()
    recording = weak.recording
    fillers = [f["text"] for f in recording.delivery["fillers"]]
    assert {"um", "you know", "basically"} <= set(fillers)
    assert '<mark class="filler">Um,</mark>' in page
    [pause] = recording.delivery["long_pauses"]
    assert pause["duration"] >= PAUSE_S and f"(pause {pause['duration']:.1f} s)" in page
    assert f'<video id="player-{recording.pk}"' in page and f'src="/recordings/{recording.pk}/"' in page
    first_sentence_start = recording.transcript["words"][0]["start"]
    assert f'data-player="player-{recording.pk}" data-seek="{first_sentence_start:.2f}"' in page


def test_the_scores_are_those_measured_and_each_says_how(client, candidate, settings):
    settings.EXPRESSION_ANALYSIS = True
    # The easy SQL model answer, spoken and filmed; the medium question asked when it was finished.
    interview = finished(candidate, timezone.now(), right=1, spoken=True, camera=True)
    client.force_login(candidate)
    page = page_of(client, interview)

    # Worked out in tests/test_progress_dashboard.py (its first interview is this one): 129 words in
    # 54.05 s with one long pause, tone 100; 108 of 109 frames with a face, 72 of those facing the camera.
    tiles = page.replace("\n", "").replace("  ", "")
    for label, value in (
        ("Overall", "96/100"),
        ("Content", "100/100"),
        ("Delivery", "93/100"),
        ("Presence", "83/100"),
        ("Accuracy", "1 of 2 (50%)"),
    ):
        assert f'{label}</dt><dd class="score-value">{value}' in tiles
    for figure in ("143 words/min (score 100)", "0.0 a minute (score 100)", "1.1 a minute (score 72)", "99%", "67%"):
        assert figure in page
    for name in ("overall", "content", "delivery", "presence", "accuracy", "pace", "fillers", "pauses", "face_visible"):
        assert escape(HOW_MEASURED[name]) in page
    assert escape(CAMERA_LIMITS) in page and escape(EXPRESSION_LIMITS) in page
    for item in interview.feedback["weaknesses"]:
        assert escape(item["text"]) in page


def test_the_charts_data_is_on_the_page_for_plotly(client, candidate, interview):
    client.force_login(candidate)
    response = client.get(f"/reports/{interview.pk}/")
    page = response.content.decode()

    figures = json.loads(page.split('<script id="report-figures" type="application/json">')[1].split("</script>")[0])
    assert set(figures) == {"scores", "delivery", "expressions"}
    scores = figures["scores"]["data"][0]
    assert scores["x"] == ["Q1", "Q2", "Q3", "Q4"]
    answered = [q for q in interview.questions.order_by("position") if q.answers.exists()]
    assert scores["y"] == [q.answers.order_by("attempt").last().grade["answer_score"] for q in answered]
    assert "/static/js/vendor/plotly.min." in page


def test_the_report_page_runs_a_fixed_number_of_queries(client, candidate, bank):
    small = finished_interview(candidate, questions=2, seed=2)
    large = finished_interview(candidate, questions=6, seed=3, duration=30)
    client.force_login(candidate)

    counts = []
    for interview in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page_of(client, interview)
        counts.append(len(queries))
    assert 0 < counts[0] == counts[1]


def test_a_typed_interview_says_delivery_and_presence_were_not_measured(client, candidate, bank):
    interview = finished_interview(candidate, questions=2, spoken=False, camera=False)
    client.force_login(candidate)
    page = page_of(client, interview)

    tiles = page.replace("\n", "").replace("  ", "")
    assert "Camera: off (the candidate&#x27;s choice for this interview): only the microphone was recorded." in page
    assert 'Delivery</dt><dd class="score-value">not measured: the answers were typed' in tiles
    assert 'Presence</dt><dd class="score-value">not measured: the answers were typed' in tiles
    assert 'data-chart="delivery"' not in page and 'data-chart="expressions"' not in page


def test_an_unfinished_interview_sends_its_owner_back_to_it(client, candidate, bank):
    interview = finished_interview(candidate, questions=1)
    Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.IN_PROGRESS)
    client.force_login(candidate)

    response = client.get(f"/reports/{interview.pk}/", follow=True)

    assert response.redirect_chain[0][0] == f"/interviews/{interview.pk}/"
    assert "The report is ready when the interview has finished." in response.content.decode()


def test_the_interview_page_of_a_finished_interview_is_its_report(client, candidate, interview):
    client.force_login(candidate)

    assert client.get(f"/interviews/{interview.pk}/").url == f"/reports/{interview.pk}/"
    assert f'href="/reports/{interview.pk}/"' in client.get("/interviews/").content.decode()


def test_the_owner_downloads_everything_as_json(client, candidate, interview):
    client.force_login(candidate)

    data = json.loads(client.get(f"/reports/{interview.pk}/data.json").content)

    assert data["interview"]["candidate_name"] == "Ada Lovelace"
    assert [q["text"] for q in data["questions"]] == list(
        interview.questions.order_by("position").values_list("text", flat=True)
    )
    answer = data["questions"][0]["answers"][0]
    stored = Answer.objects.get(
        question__interview=interview,
        question__position=interview.questions.order_by("position").first().position,
        attempt=1,
    )
    assert answer["grade"] == stored.grade
    assert answer["recording"]["transcript"] == stored.recording.transcript
    assert data["scores"]["accuracy"] == pytest.approx(interview.accuracy)
    # The answers and scores as CSV are the interview app's download, linked from the report.
    assert f'href="/interviews/{interview.pk}/answers.csv"' in page_of(client, interview)


def test_the_owner_downloads_the_recordings_as_a_zip(client, candidate, bank):
    interview = finished_interview(candidate, questions=2, video_bytes=b"a real webm would be here")
    client.force_login(candidate)

    response = client.get(f"/reports/{interview.pk}/recordings.zip")

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == Recording.objects.filter(question__interview=interview).count()
    assert names[0] == "question-1-attempt-1.webm"
    assert archive.read(names[0]) == b"a real webm would be here"


def test_a_typed_interview_has_no_recordings_to_download(client, candidate, bank):
    interview = finished_interview(candidate, questions=1, spoken=False)
    client.force_login(candidate)

    response = client.get(f"/reports/{interview.pk}/recordings.zip", follow=True)

    assert response.status_code == 200
    assert "This interview has no recordings" in response.content.decode()


def test_the_language_models_summary_and_rationales_appear_when_it_wrote_them(client, candidate, interview):
    """What interviewer.llm_services stores when the optional language model is on."""
    first = Answer.objects.filter(question__interview=interview).order_by("question__position", "attempt").first()
    Answer.objects.filter(pk=first.pk).update(rationale="It named the degree and the part-time job.")
    interview.feedback["narrative"] = {
        "text": "Clear opening, thin examples later.",
        "written_by": "test-model at llm.example",
    }
    Interview.objects.filter(pk=interview.pk).update(feedback=interview.feedback)
    client.force_login(candidate)

    page = page_of(client, interview)
    data = json.loads(client.get(f"/reports/{interview.pk}/data.json").content)

    assert "Clear opening, thin examples later." in page and "It named the degree and the part-time job." in page
    assert "Why this score, written by test-model at llm.example" in page
    assert '<span class="question-engine">From the question bank</span>' in page
    assert data["questions"][0]["answers"][0]["rationale"] == "It named the degree and the part-time job."
