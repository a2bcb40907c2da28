"""The interview pages over HTTP: setup, the room, the spoken question, recordings' privacy."""

import random
import wave
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Domain, Interview, Recording
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    load_question_bank,
    start_interview,
)


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


@pytest.fixture
def interview(bank, candidate):
    setup = InterviewSetup(
        position="Analyst", difficulty="medium", duration_minutes=15, type="mixed", domain="data-analytics-sql"
    )
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=setup, rng=random.Random(1))
    ask_current_question(interview)
    return interview


def test_the_setup_page_starts_an_interview_and_opens_the_room(client, candidate, bank):
    client.force_login(candidate)
    domain = Domain.objects.get(slug="marketing")

    response = client.post(
        "/interviews/new/",
        {
            "candidate_name": "Ada",
            "position": "Marketing assistant",
            "domain": domain.pk,
            "topic": "",
            "difficulty": "easy",
            "duration_minutes": "30",
            "type": "behavioural",
            "camera": "analysed",
            "notice_read": "on",
        },
    )

    interview = Interview.objects.get()
    assert response.url == f"/interviews/{interview.pk}/room/"
    assert interview.camera == "analysed" and interview.camera_chosen_at is not None
    assert interview.questions.count() == 2 + 6 + 1 and interview.follow_ups_left == 2
    assert client.get(response.url).status_code == 200


def test_the_setup_page_explains_what_is_missing(client, candidate, bank):
    client.force_login(candidate)

    response = client.post(
        "/interviews/new/",
        {
            "candidate_name": "",
            "position": "",
            "domain": "",
            "topic": " ",
            "difficulty": "impossible",
            "duration_minutes": "20",
            "type": "panel",
        },
    )

    errors = response.context["form"].errors
    assert response.status_code == 400
    assert set(errors) == {
        "candidate_name",
        "position",
        "domain",
        "difficulty",
        "duration_minutes",
        "type",
        "camera",
        "notice_read",
    }
    assert "Choose a field, or name a topic below." in errors["domain"]
    assert not Interview.objects.exists()


def test_the_question_is_spoken_for_its_owner_only(
    client, candidate, other_candidate, interview, tmp_path, engine_config
):
    engine_config(tts_cache_dir=tmp_path)
    question = interview.questions.first()
    url = f"/interviews/{interview.pk}/questions/{question.pk}/speech/"

    client.force_login(candidate)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    with wave.open(BytesIO(response.content)) as audio:
        assert audio.getnframes() / audio.getframerate() > 1

    client.force_login(other_candidate)
    assert client.get(url).status_code == 404


def test_with_speech_turned_off_the_caption_is_all(client, candidate, interview, settings):
    settings.TTS_ENGINE = "none"
    client.force_login(candidate)
    question = interview.questions.first()

    assert client.get(f"/interviews/{interview.pk}/questions/{question.pk}/speech/").status_code == 404


def test_recordings_and_interviews_are_served_to_their_owner_only(client, candidate, other_candidate, staff, interview):
    question = interview.questions.first()
    recording = Recording.objects.create(question=question, attempt=1, mime="audio/webm")
    recording.file.save("x.webm", ContentFile(b"webm bytes"))

    client.force_login(candidate)
    assert b"".join(client.get(f"/recordings/{recording.pk}/").streaming_content) == b"webm bytes"
    for user in (other_candidate, staff):
        client.force_login(user)
        assert client.get(f"/recordings/{recording.pk}/").status_code == 404
        assert client.get(f"/interviews/{interview.pk}/").status_code == 404
        assert client.get(f"/interviews/{interview.pk}/room/").status_code == 404
    client.logout()
    assert client.get(f"/recordings/{recording.pk}/").status_code == 302


def test_when_time_runs_out_the_answer_in_progress_is_graded_and_the_interview_wraps_up(interview):
    Interview.objects.filter(pk=interview.pk).update(started_at=timezone.now() - timedelta(minutes=16))
    interview.refresh_from_db()

    turn = answer_current_question(interview, "I enjoy hiking and I have two cats who sleep all day long.")

    interview.refresh_from_db()
    assert turn.kind == "graded" and turn.step == "reveal"  # no time for a retry
    assert "Time's up" in turn.message and turn.next_question is None
    assert interview.status == "finished" and interview.feedback["asked"] == 1


def test_a_finished_interview_shows_its_report_and_the_room_sends_you_there(client, candidate, interview):
    answer_current_question(interview, "finish interview")
    client.force_login(candidate)

    assert client.get(f"/interviews/{interview.pk}/room/").url == f"/interviews/{interview.pk}/"
    response = client.get(f"/interviews/{interview.pk}/", follow=True)
    assert response.redirect_chain == [(f"/reports/{interview.pk}/", 302)]
    page = response.content.decode()
    assert "0 of 1 (0%)" in page and interview.questions.first().text in page  # accuracy: correct of asked
