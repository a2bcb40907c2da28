"""Question sets and assignments for the tests of the assignment, question-set and review pages:
a question as staff write it in the form (GOOD_QUESTION, the form's fields as posted), and an
assignment of one bank question and one staff-written question (make_assignment)."""

from datetime import timedelta

from django.utils import timezone

from assignments.models import Assignment, QuestionSet
from interviewer.models import Question

GOOD_QUESTION = {
    "text": "Tell me how you would explain a database index to a new colleague.",
    "type": "technical",
    "model_answer": (
        "An index is a sorted structure that finds rows without scanning the whole table; "
        "it costs write time and storage."
    ),
    "key_points": (
        "A sorted structure such as a B-tree\n- Finds rows without a full table scan\n\nSlows writes and uses storage"
    ),
    "hint": "What does the database do without one?",
}
# A question staff wrote, as stored in a question set.
WRITTEN = {
    "text": "How would you explain a database index to a new colleague?",
    "type": "technical",
    "model_answer": "An index is a separate sorted structure, usually a B-tree, that maps column values to rows so the "
    "database finds matching rows without scanning the whole table. It speeds up reads but every insert "
    "and update must also maintain the index, so it costs write time and storage.",
    "key_points": [
        "A sorted structure such as a B-tree",
        "Finds rows without a full table scan",
        "Slows writes and uses storage",
    ],
    "hint": "Think about what the database does without one, and what it must do on every insert.",
}


def make_assignment(cohort, staff, **rules) -> Assignment:
    question_set = QuestionSet.objects.create(name="Week 3 practice", cohort=cohort, created_by=staff)
    question_set.items.create(position=1, bank_question=Question.objects.get(bank_id="software-engineering-easy-01"))
    question_set.items.create(position=2, **WRITTEN)
    defaults = {
        "title": "Data structures check",
        "due_at": timezone.now() + timedelta(days=7),
        "attempt_limit": 1,
        "question_time_limit_seconds": 120,
        "hints_allowed": True,
    }
    return Assignment.objects.create(
        cohort=cohort, question_set=question_set, created_by=staff, **{**defaults, **rules}
    )
