"""Rubrics (named criteria rated 1–5) and reviews: staff of the student's cohort watch the
recordings beside the transcripts, rate each criterion and comment at moments of the recordings;
the student is emailed and reads the review on their report."""

import time

import pytest
from django.core import mail

from accounts.services import create_cohort, join_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from reviews.models import Review, Rubric
from tests.report_data import finished_interview

CRITERIA = "Structure: answers follow situation, task, action, result\nEvidence: claims come with figures or examples"


@pytest.fixture
def cohort(db, candidate, staff):
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    return cohort


@pytest.fixture
def rubric(client, cohort, staff):
    client.force_login(staff)
    client.post("/rubrics/new/", {"name": "Graduate scheme", "cohort": cohort.pk, "criteria": CRITERIA})
    client.logout()
    return Rubric.objects.get()


@pytest.fixture
def interview(cohort, candidate):
    load_question_bank(read_bank())
    return finished_interview(candidate, questions=2)


def review_post(rubric, recording, **extra) -> dict:
    structure, evidence = rubric.criteria.all()
    return {
        "rubric": rubric.pk,
        f"rating_{structure.pk}": "4",
        f"rating_{evidence.pk}": "2",
        "summary": "Clear openings; add figures.",
        "comment_recording": [str(recording.pk), ""],
        "comment_seconds": ["3.4", "0"],
        "comment_text": ["You paused here: finish the sentence first.", "Good eye contact throughout."],
        **extra,
    }


# --- Rubrics ----------------------------------------------------------------------------------------


def test_staff_write_a_rubric_one_criterion_a_line(client, staff, cohort):
    client.force_login(staff)

    response = client.post("/rubrics/new/", {"name": "Graduate scheme", "cohort": cohort.pk, "criteria": CRITERIA})

    rubric = Rubric.objects.get()
    assert response.status_code == 302 and rubric.cohort == cohort
    assert [(c.position, c.name, c.description) for c in rubric.criteria.all()] == [
        (1, "Structure", "answers follow situation, task, action, result"),
        (2, "Evidence", "claims come with figures or examples"),
    ]
    assert "claims come with figures or examples" in client.get("/rubrics/").content.decode()


@pytest.mark.parametrize(
    "criteria, message",
    [
        ("", "This field is required."),
        ("Structure answers follow STAR", "Line 1 needs a name, a colon and a description."),
        ("Structure: STAR\n: no name", "Line 2 needs a name, a colon and a description."),
        ("Structure: STAR\nstructure: again", "Line 2: “structure” is already a criterion."),
        ("\n".join(f"C{i}: d" for i in range(11)), "Write 1 to 10 criteria"),
        ("N" * 81 + ": d", "names are at most 80 characters"),
    ],
)
def test_each_wrong_criterion_line_is_named(client, staff, cohort, criteria, message):
    client.force_login(staff)

    response = client.post("/rubrics/new/", {"name": "R", "cohort": cohort.pk, "criteria": criteria})

    assert response.status_code == 400 and message in response.content.decode()
    assert not Rubric.objects.exists()


def test_editing_a_rubric_replaces_its_criteria(client, staff, rubric):
    client.force_login(staff)
    page = client.get(f"/rubrics/{rubric.pk}/").content.decode()
    assert "Evidence: claims come with figures or examples" in page

    client.post(
        f"/rubrics/{rubric.pk}/",
        {"name": "Graduate scheme v2", "cohort": rubric.cohort_id, "criteria": "Clarity: plain words"},
    )

    rubric.refresh_from_db()
    assert rubric.name == "Graduate scheme v2" and [c.name for c in rubric.criteria.all()] == ["Clarity"]


# --- Reviews --------------------------------------------------------------------------------------------


def test_the_review_page_shows_recordings_beside_transcripts_and_the_rubric(
    client, staff, rubric, interview, candidate
):
    recording = Recording.objects.filter(question__interview=interview).first()
    client.force_login(staff)

    page = client.get(f"/reports/{interview.pk}/review/").content.decode()

    assert (
        f'id="player-{recording.pk}"' in page and f'data-player="player-{recording.pk}"' in page
    )  # sentences seek the player
    assert candidate.email in page and "Structure" in page and "answers follow situation, task, action, result" in page
    assert page.count('type="radio"') == 2 * 5


def test_without_a_rubric_the_page_says_to_create_one(client, staff, cohort, interview):
    client.force_login(staff)

    page = client.get(f"/reports/{interview.pk}/review/").content.decode()

    assert "There is no rubric for Class of 2026 yet." in page and "/rubrics/new/" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"summary": "x" * 3001}, "at most 3000 characters"),
        ({"comment_text": ["", "fine"]}, "Comment 1 must have 1 to 1000 characters."),
        ({"comment_seconds": ["-3", "0"]}, "Comment 1 has no valid time in its recording."),
        ({"comment_seconds": ["nan", "0"]}, "Comment 1 has no valid time in its recording."),
        ({"comment_recording": ["999999", ""]}, "Comment 1 is about a recording that is not part of this interview."),
        ({"comment_seconds": ["1"]}, "The comments arrived incomplete"),
    ],
)
def test_a_wrong_review_is_refused_with_a_message_and_keeps_what_was_typed(
    client, staff, rubric, interview, change, message
):
    recording = Recording.objects.filter(question__interview=interview).first()
    client.force_login(staff)

    response = client.post(f"/reports/{interview.pk}/review/", review_post(rubric, recording, **change))

    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert not Review.objects.exists()
    if "comment_text" not in change:
        assert 'value="You paused here: finish the sentence first."' in page  # the comments typed are still there


def test_a_missing_rating_is_named(client, staff, rubric, interview):
    recording = Recording.objects.filter(question__interview=interview).first()
    structure = rubric.criteria.first()
    data = review_post(rubric, recording)
    del data[f"rating_{structure.pk}"]
    client.force_login(staff)

    response = client.post(f"/reports/{interview.pk}/review/", data)

    assert response.status_code == 400 and "Rate “Structure” from 1 to 5." in response.content.decode()


def test_a_comment_about_another_interviews_recording_is_refused(client, staff, rubric, interview, candidate):
    elsewhere = finished_interview(candidate, questions=1, seed=2)
    foreign = Recording.objects.filter(question__interview=elsewhere).first()
    client.force_login(staff)

    response = client.post(f"/reports/{interview.pk}/review/", review_post(rubric, foreign))

    assert response.status_code == 400 and not Review.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_saving_emails_the_student_and_the_review_shows_on_their_report(client, staff, candidate, rubric, interview):
    recording = Recording.objects.filter(question__interview=interview).first()
    staff.first_name, staff.last_name = "Mary", "Somerville"
    staff.save()
    client.force_login(staff)

    response = client.post(f"/reports/{interview.pk}/review/", review_post(rubric, recording))

    assert response.status_code == 302
    review = Review.objects.get()
    assert review.reviewer_name == "Mary Somerville" and review.cohort == rubric.cohort
    assert [(r["criterion"], r["score"]) for r in review.ratings] == [("Structure", 4), ("Evidence", 2)]
    assert [(c.recording_id, c.seconds) for c in review.comments.order_by("pk")] == [(recording.pk, 3.4), (None, 0.0)]
    message = wait_for_email()
    assert message.to == [candidate.email] and "Mary Somerville reviewed your interview" in message.subject
    assert "Structure: 4 out of 5" in message.body and "Evidence: 2 out of 5" in message.body
    assert f"/reports/{interview.pk}/#reviews" in message.body and "2 comments" in message.body

    client.force_login(candidate)
    page = client.get(f"/reports/{interview.pk}/").content.decode()
    assert "Mary Somerville" in page and "Graduate scheme" in page and 'aria-label="4 out of 5"' in page
    assert "You paused here: finish the sentence first." in page and "Clear openings; add figures." in page
    assert f'data-player="player-{recording.pk}" data-seek="3.4"' in page  # the comment plays the recording from 0:03


@pytest.mark.django_db(transaction=True)
def test_saving_again_replaces_the_review(client, staff, rubric, interview):
    recording = Recording.objects.filter(question__interview=interview).first()
    client.force_login(staff)
    client.post(f"/reports/{interview.pk}/review/", review_post(rubric, recording))

    client.post(
        f"/reports/{interview.pk}/review/",
        review_post(
            rubric, recording, summary="Second look.", comment_recording=[], comment_seconds=[], comment_text=[]
        ),
    )

    review = Review.objects.get()
    assert review.summary == "Second look." and not review.comments.exists()
    wait_for_email(count=2)


def wait_for_email(count: int = 1, timeout: float = 10):
    """The email goes from a task thread once the review is stored."""
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count:
        assert time.monotonic() < deadline, "no email was sent"
        time.sleep(0.05)
    return mail.outbox[count - 1]
