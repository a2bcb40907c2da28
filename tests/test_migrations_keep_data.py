"""Moving models to their own apps (résumés, assignments, reviews, invitations) keeps every row
and every link: a database at the migrations before the move, with data written through the
models as they were then, is migrated to today's head and read through today's models."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assignments.models import Assignment, QuestionSet, QuestionSetItem
from interviewer.models import Interview
from resumes.models import Profile, Resume
from reviews.models import Review, ReviewComment, Rubric, RubricCriterion
from staff.models import Invitation

pytestmark = pytest.mark.django_db(transaction=True)

# Each app's last migration before the move; the apps made by the move had none.
LAST_BEFORE = [
    ("accounts", "0007_queued_work"),
    ("interviewer", "0008_answer_claims_and_results"),
    ("reports", "0004_queued_work"),
]
BEFORE_THE_MOVE = [*LAST_BEFORE, ("resumes", None), ("staff", None), ("assignments", None), ("reviews", None)]


@pytest.fixture
def before_the_move():
    """The database as it was before the move, with its data; at today's head again afterwards,
    whatever the test did."""
    old = _migrate(BEFORE_THE_MOVE)
    yield _old_data(old.loader.project_state(LAST_BEFORE).apps)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # the graph as it now stands in the database


def _old_data(apps) -> dict:
    """Rows written with the models as they were before the move."""
    User, Cohort = apps.get_model("accounts", "User"), apps.get_model("accounts", "Cohort")
    ada = User.objects.create(email="ada@example.edu", role="candidate")
    grace = User.objects.create(email="grace@example.edu", role="staff")
    cohort = Cohort.objects.create(
        name="Class of 2027", created_by=grace, invite_code="K7QM2XPA", invite_expires_at=timezone.now()
    )
    resume = apps.get_model("accounts", "Resume").objects.create(
        user=ada, kind="text", raw_text="Ada Lovelace\nAnalyst", status="done"
    )
    apps.get_model("accounts", "Profile").objects.create(user=ada, source=resume, name="Ada Lovelace", skills=["SQL"])
    apps.get_model("accounts", "Invitation").objects.create(cohort=cohort, email="alan@example.edu", invited_by=grace)
    question_set = apps.get_model("interviewer", "QuestionSet").objects.create(
        name="SQL basics", cohort=cohort, created_by=grace
    )
    apps.get_model("interviewer", "QuestionSetItem").objects.create(
        question_set=question_set,
        position=1,
        text="What does GROUP BY do?",
        model_answer="It groups rows.",
        key_points=["groups rows"],
        hint="Think of totals per customer.",
        type="technical",
    )
    assignment = apps.get_model("interviewer", "Assignment").objects.create(
        cohort=cohort, question_set=question_set, title="Week 1", due_at=timezone.now(), created_by=grace
    )
    interview = apps.get_model("interviewer", "Interview").objects.create(
        candidate=ada,
        candidate_name="Ada Lovelace",
        position="Week 1",
        difficulty="medium",
        duration_minutes=15,
        type="technical",
        assignment=assignment,
    )
    rubric = apps.get_model("reports", "Rubric").objects.create(cohort=cohort, name="Clarity", created_by=grace)
    apps.get_model("reports", "RubricCriterion").objects.create(
        rubric=rubric, position=1, name="Structure", description="Answers in order"
    )
    review = apps.get_model("reports", "Review").objects.create(
        interview=interview,
        cohort=cohort,
        reviewer=grace,
        reviewer_name="Grace",
        rubric_name="Clarity",
        ratings=[{"criterion": "Structure", "description": "Answers in order", "score": 4}],
        summary="Clear.",
    )
    apps.get_model("reports", "ReviewComment").objects.create(review=review, seconds=12.5, text="Good opening.")
    return {
        "ada": ada.pk,
        "grace": grace.pk,
        "cohort": cohort.pk,
        "resume": resume.pk,
        "interview": interview.pk,
        "assignment": assignment.pk,
        "question_set": question_set.pk,
        "rubric": rubric.pk,
        "review": review.pk,
    }


def test_rows_and_links_survive_the_move_to_the_new_apps(before_the_move):
    ids = before_the_move
    executor = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []  # at today's head

    resume = Resume.objects.get(pk=ids["resume"])
    assert (resume.user_id, resume.raw_text, resume.status) == (ids["ada"], "Ada Lovelace\nAnalyst", "done")
    profile = Profile.objects.get(user_id=ids["ada"])
    assert (profile.source_id, profile.name, profile.skills) == (ids["resume"], "Ada Lovelace", ["SQL"])
    invitation = Invitation.objects.get()
    assert (invitation.cohort_id, invitation.email, invitation.invited_by_id) == (
        ids["cohort"],
        "alan@example.edu",
        ids["grace"],
    )
    question_set = QuestionSet.objects.get(pk=ids["question_set"])
    assert (question_set.name, question_set.cohort_id) == ("SQL basics", ids["cohort"])
    item = QuestionSetItem.objects.get()
    assert (item.question_set_id, item.text, item.key_points) == (
        ids["question_set"],
        "What does GROUP BY do?",
        ["groups rows"],
    )
    interview = Interview.objects.get(pk=ids["interview"])
    assert interview.assignment == Assignment.objects.get(pk=ids["assignment"])
    assert list(interview.assignment.interviews.all()) == [interview]
    rubric = Rubric.objects.get(pk=ids["rubric"])
    assert [(c.position, c.name) for c in RubricCriterion.objects.filter(rubric=rubric)] == [(1, "Structure")]
    review = Review.objects.get(pk=ids["review"])
    assert (review.interview_id, review.reviewer_id, review.ratings[0]["score"], review.summary) == (
        ids["interview"],
        ids["grace"],
        4,
        "Clear.",
    )
    assert [(c.seconds, c.text) for c in ReviewComment.objects.filter(review=review)] == [(12.5, "Good opening.")]

    # New rows go on after the old ones (the moved tables keep their id sequences).
    assert Rubric.objects.create(cohort_id=ids["cohort"], name="Delivery").pk > ids["rubric"]
    assert Resume.objects.create(user_id=ids["ada"], kind="text").pk > ids["resume"]


def test_the_move_can_be_undone_with_the_rows(before_the_move):
    ids = before_the_move
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    back = _migrate(BEFORE_THE_MOVE).loader.project_state(LAST_BEFORE).apps
    assert back.get_model("accounts", "Resume").objects.get(pk=ids["resume"]).raw_text == "Ada Lovelace\nAnalyst"
    assert (
        back.get_model("interviewer", "Interview").objects.get(pk=ids["interview"]).assignment_id == ids["assignment"]
    )
