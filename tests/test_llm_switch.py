"""When the language model is off, nothing is sent: not configured, half configured, or turned
off by staff for a cohort the candidate joined. The engine page says which applies and exactly
what would be sent."""

import random

import pytest

from accounts.models import Cohort, Membership
from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Interview, InterviewQuestion
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    load_question_bank,
    start_interview,
)
from tests.answers import ANSWERS
from tests.conftest import make_user
from tests.llm_server import reply_json, written_question

SETUP = InterviewSetup(
    position="Junior developer", difficulty="easy", duration_minutes=15, type="technical", domain="software-engineering"
)
# Long and concrete: would be followed up, and explained at the end, if the model were on.
ANSWER = (
    ANSWERS["software-engineering-easy-01"][0]
    + " On my last project we decided to replace a linked list with a ring buffer"
    " because profiling showed cache misses."
)


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


def run_whole_interview(candidate) -> Interview:
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=SETUP, rng=random.Random(4))
    # Every question one that ANSWER gets right, so that it is followed up.
    q = next(q for d in read_bank() for q in d.questions if q.id == "software-engineering-easy-01")
    interview.questions.update(
        text=q.text, model_answer=q.model_answer, key_points=list(q.key_points), hint=q.hint, type=q.type
    )
    ask_current_question(interview)
    for _ in range(20):
        if (
            answer_current_question(interview, ANSWER).kind == "finished"
            or interview.questions.filter(done=False).count() == 0
        ):
            break
    answer_current_question(interview, "Finish interview.")
    interview.refresh_from_db()
    assert interview.status == Interview.Status.FINISHED and interview.feedback["asked"] >= 3
    return interview


@pytest.fixture
def cohort(staff, candidate):
    cohort = Cohort.objects.create(name="MSc Data Science 2026", created_by=staff)
    cohort.staff.add(staff)
    Membership.objects.create(user=candidate, cohort=cohort)
    return cohort


@pytest.mark.parametrize("missing", ["LLM_BASE_URL", "LLM_MODEL"])
def test_nothing_is_sent_in_a_whole_interview_unless_both_url_and_model_are_set(
    bank, candidate, settings, llm_on, missing
):
    setattr(settings, missing, "")

    interview = run_whole_interview(candidate)

    assert llm_on.request_count == 0
    assert not interview.questions.exclude(written_by="").exists() and "narrative" not in interview.feedback
    assert interview.questions.filter(source=InterviewQuestion.Source.FOLLOW_UP).exists()  # the offline engine's


def test_a_cohort_switched_off_by_its_staff_sends_nothing(bank, candidate, staff, cohort, client, llm_on):
    client.force_login(staff)
    response = client.post(f"/cohorts/{cohort.pk}/language-model/", {})  # the box unticked
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert not cohort.llm_allowed
    assert "nothing about them is sent" in client.get(response.url).content.decode()

    run_whole_interview(candidate)
    assert llm_on.request_count == 0

    client.force_login(candidate)
    page = client.get("/interviews/engine/").content.decode()
    assert "is <strong>off</strong> for your interviews" in page and "MSc Data Science 2026" in page


def test_one_cohort_switched_off_is_enough(bank, candidate, staff, cohort, llm_on):
    other = Cohort.objects.create(name="Evening class", created_by=staff, llm_allowed=False)
    Membership.objects.create(user=candidate, cohort=other)

    start_interview(candidate=candidate, candidate_name="Ada", setup=SETUP)

    assert llm_on.request_count == 0


def test_switched_back_on_the_model_is_used_again(bank, candidate, staff, cohort, client, llm_on):
    cohort.llm_allowed = False
    cohort.save()
    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/language-model/", {"llm_allowed": "on"})
    llm_on.queue(reply_json({"questions": [written_question(n) for n in range(1, 4)]}))

    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=SETUP)

    assert llm_on.request_count == 1 and interview.questions.filter(source=InterviewQuestion.Source.LLM).count() == 3


def test_only_the_cohorts_staff_can_switch_it(db, cohort, candidate, client):
    other_staff = make_user("other-staff@example.edu", role="staff")
    client.force_login(other_staff)
    assert client.post(f"/cohorts/{cohort.pk}/language-model/", {}).status_code == 404
    client.force_login(candidate)
    assert client.post(f"/cohorts/{cohort.pk}/language-model/", {}).status_code == 403
    staff = cohort.staff.get()
    client.force_login(staff)
    assert client.get(f"/cohorts/{cohort.pk}/language-model/").status_code == 405
    cohort.refresh_from_db()
    assert cohort.llm_allowed


def test_the_engine_page_says_what_is_sent_and_that_it_is_on(candidate, client, llm_on):
    client.force_login(candidate)

    page = client.get("/interviews/engine/").content.decode()

    assert f"<strong>test-model at {llm_on.url.split('/')[2]}</strong> is <strong>on</strong>" in page
    for sent in (
        "position, field, topic, difficulty and type",
        "The text of your answers",
        "summary, skills, job titles",
    ):
        assert sent in page
    for never in (
        "Your name, email address, phone number or links",
        "Recordings: no audio, video or images",
        "Anything at all while the language model is off",
    ):
        assert never in page
    assert 'href="/interviews/engine/"' in client.get("/interviews/new/").content.decode()


def test_the_engine_page_says_it_is_off_when_nothing_is_configured(candidate, client, settings):
    settings.LLM_BASE_URL = settings.LLM_MODEL = ""
    client.force_login(candidate)

    page = client.get("/interviews/engine/").content.decode()

    assert "this server has none configured" in page and "nothing about them is sent to one" in page


# The statement of the README's production section, "What the server contacts".
CONTACTED_WHERE_CONFIGURED = (
    "The mail server, when email is configured",
    "The language model's address, when one is set",
    "Google, when its voice (gTTS) is chosen to read the questions aloud: it is sent the text of each question.",
)


def test_the_engine_page_says_the_server_contacts_nothing_by_default(candidate, client, settings):
    settings.LLM_BASE_URL = settings.LLM_MODEL = settings.EMAIL_HOST = ""
    settings.TTS_ENGINE = "piper"
    client.force_login(candidate)

    page = client.get("/interviews/engine/").content.decode()

    assert "<strong>Nothing, by default.</strong>" in page and "nothing else is ever contacted" in page
    assert all(configuration in page for configuration in CONTACTED_WHERE_CONFIGURED)
    assert "Not configured here: no email leaves this server." in page
    assert "Not set here." in page
    assert "Not chosen here: the questions are spoken on this server." in page


def test_the_engine_page_says_which_destinations_this_server_adds(candidate, client, settings, llm_on):
    settings.EMAIL_HOST = "smtp.example.edu"
    settings.TTS_ENGINE = "gtts"
    client.force_login(candidate)

    page = client.get("/interviews/engine/").content.decode()

    assert all(configuration in page for configuration in CONTACTED_WHERE_CONFIGURED)
    assert (
        "<strong>Configured here.</strong>" in page
        and "<strong>Set here.</strong>" in page
        and "<strong>Chosen here.</strong>" in page
    )
    assert "Not configured here" not in page and "Not set here" not in page and "Not chosen here" not in page
