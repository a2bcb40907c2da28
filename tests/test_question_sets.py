"""Question sets: staff create them, add bank questions found by words, field and difficulty,
write their own with a model answer, key points and a hint (each wrong field told), and share
them with a cohort's staff or keep them to themselves."""

import pytest

from accounts.models import User
from accounts.services import create_cohort
from assignments.models import QuestionSet
from interviewer.engine.bank import read_bank
from interviewer.models import Domain, Question
from interviewer.services import load_question_bank
from tests.assignment_data import GOOD_QUESTION
from tests.conftest import make_user


@pytest.fixture
def cohort(db, staff):
    load_question_bank(read_bank())
    return create_cohort(staff_member=staff, name="Class of 2026")


@pytest.fixture
def question_set(cohort, staff):
    return QuestionSet.objects.create(name="Week 3", cohort=cohort, created_by=staff)


def test_staff_create_a_set_shared_with_their_cohort(client, staff, cohort):
    client.force_login(staff)

    response = client.post(
        "/question-sets/new/", {"name": "Behavioural warm-up", "description": "", "cohort": cohort.pk}
    )

    question_set = QuestionSet.objects.get(name="Behavioural warm-up")
    assert response.status_code == 302 and response.url == f"/question-sets/{question_set.pk}/"
    assert question_set.cohort == cohort and question_set.created_by == staff
    assert "Behavioural warm-up" in client.get("/question-sets/").content.decode()


def test_a_set_needs_a_name_and_a_cohort_the_staff_member_runs(client, staff):
    someone_elses = create_cohort(staff_member=make_user("x@example.edu", role=User.Role.STAFF), name="Not yours")
    client.force_login(staff)

    page = client.post("/question-sets/new/", {"name": "", "cohort": someone_elses.pk}).content.decode()

    assert "This field is required." in page and "Select a valid choice" in page
    assert not QuestionSet.objects.exists()


def test_the_bank_is_searched_by_words_field_and_difficulty(client, staff, question_set):
    domain = Domain.objects.get(slug="software-engineering")
    client.force_login(staff)

    page = client.get(
        f"/question-sets/{question_set.pk}/", {"words": "linked list", "domain": domain.pk, "difficulty": "easy"}
    ).content.decode()

    expected = Question.objects.get(bank_id="software-engineering-easy-01")
    assert expected.text in page
    shown = [q for q in Question.objects.filter(active=True) if f'value="{q.pk}"' in page]
    assert shown and all(
        q.domain == domain and q.difficulty == "easy" and "linked list" in (q.text + str(q.tags)).lower() for q in shown
    )


def test_a_bank_question_is_added_once(client, staff, question_set):
    question = Question.objects.get(bank_id="software-engineering-easy-01")
    client.force_login(staff)

    client.post(f"/question-sets/{question_set.pk}/bank/", {"question": question.pk})
    page = client.post(
        f"/question-sets/{question_set.pk}/bank/", {"question": question.pk}, follow=True
    ).content.decode()

    assert [item.bank_question for item in question_set.items.all()] == [question]
    assert "That question is already in this set." in page


@pytest.mark.parametrize("value", ["", "abc", "99999999"])
def test_adding_a_question_that_does_not_exist_is_not_found(client, staff, question_set, value):
    client.force_login(staff)

    assert client.post(f"/question-sets/{question_set.pk}/bank/", {"question": value}).status_code == 404
    assert not question_set.items.exists()


def test_a_written_question_is_stored_with_its_key_points_one_per_line(client, staff, question_set):
    client.force_login(staff)

    response = client.post(f"/question-sets/{question_set.pk}/write/", GOOD_QUESTION)

    item = question_set.items.get()
    assert response.status_code == 302
    assert item.text == GOOD_QUESTION["text"] and item.bank_question is None
    assert item.key_points == [
        "A sorted structure such as a B-tree",
        "Finds rows without a full table scan",
        "Slows writes and uses storage",
    ]
    assert GOOD_QUESTION["text"] in client.get(f"/question-sets/{question_set.pk}/").content.decode()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": ""}, "This field is required."),
        ({"model_answer": ""}, "This field is required."),
        ({"hint": ""}, "This field is required."),
        ({"key_points": "Only one\nand two"}, "Write 3 to 6 key points, one per line (there are 2)."),
        ({"key_points": "\n".join(f"point {i}" for i in range(7))}, "(there are 7)"),
        ({"key_points": "a\nb\n" + "x" * 201}, "at most 200 characters"),
        ({"type": "poetry"}, "Select a valid choice"),
        ({"text": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_a_wrong_field_is_told_beside_it_and_nothing_is_added(client, staff, question_set, change, message):
    client.force_login(staff)

    response = client.post(f"/question-sets/{question_set.pk}/write/", {**GOOD_QUESTION, **change})

    assert response.status_code == 400 and message in response.content.decode()
    assert not question_set.items.exists()


def test_a_removed_question_leaves_the_others_in_order(client, staff, question_set):
    client.force_login(staff)
    for text in ("First question?", "Second question?", "Third question?"):
        client.post(f"/question-sets/{question_set.pk}/write/", {**GOOD_QUESTION, "text": text})
    second = question_set.items.get(text="Second question?")

    client.post(f"/question-sets/{question_set.pk}/items/{second.pk}/remove/")

    assert [item.text for item in question_set.items.all()] == ["First question?", "Third question?"]


def test_a_personal_set_is_its_creators_and_a_cohorts_set_its_staffs(client, staff, cohort, question_set):
    colleague = make_user("colleague@example.edu", role=User.Role.STAFF)
    cohort.staff.add(colleague)
    personal = QuestionSet.objects.create(name="Mine only", created_by=staff)
    client.force_login(colleague)

    assert client.get(f"/question-sets/{question_set.pk}/").status_code == 200
    assert client.get(f"/question-sets/{personal.pk}/").status_code == 404
    assert client.post(f"/question-sets/{personal.pk}/write/", GOOD_QUESTION).status_code == 404
    assert not personal.items.exists()
