"""The fixture files are reviewed like code; these checks are what a reviewer would insist on."""

from collections import Counter

import pytest

from interviewer.engine.bank import (
    DIFFICULTIES,
    SHARED_POOLS,
    read_bank,
    validation_problems,
)

DOMAINS = {
    "software-engineering",
    "data-science-ml",
    "web-development",
    "devops-cloud",
    "cybersecurity",
    "data-analytics-sql",
    "product-management",
    "project-management",
    "hr-people",
    "sales",
    "marketing",
    "finance-accounting",
    "healthcare-nursing",
    "customer-support",
}


@pytest.fixture(scope="module")
def bank():
    return read_bank()


def test_the_bank_has_no_problems(bank):
    assert validation_problems(bank) == []


def test_every_domain_and_the_shared_pools_are_there_with_450_questions_or_more(bank):
    assert {d.slug for d in bank} == DOMAINS | set(SHARED_POOLS)
    assert sum(len(d.questions) for d in bank) >= 450


def test_every_domain_has_every_difficulty_for_technical_and_behavioural_interviews(bank):
    for domain in bank:
        if domain.slug in SHARED_POOLS:
            continue
        technical = Counter(q.difficulty for q in domain.questions if not q.is_behavioural)
        behavioural = Counter(q.difficulty for q in domain.questions if q.is_behavioural)
        for difficulty in DIFFICULTIES:
            assert technical[difficulty] >= 3, (domain.slug, difficulty)
            assert behavioural[difficulty] >= 2, (domain.slug, difficulty)


def test_every_question_is_complete(bank):
    for q in (q for d in bank for q in d.questions):
        assert q.text.endswith(("?", ".")), q.id
        assert 40 <= len(q.model_answer.split()) <= 200, q.id
        assert 3 <= len(q.key_points) <= 6, q.id
        assert q.tags, q.id


def test_hints_do_not_give_a_key_point_away(bank):
    for q in (q for d in bank for q in d.questions):
        for point in q.key_points:
            assert point.lower().rstrip(".") not in q.hint.lower(), q.id


def test_the_general_pool_has_openers_with_an_introduction_and_wrapups(bank):
    general = next(d for d in bank if d.slug == "general")
    openers = [q for q in general.questions if q.stage == "opener"]
    assert any("introduction" in q.tags for q in openers)
    assert len(openers) >= 5
    assert len([q for q in general.questions if q.stage == "wrapup"]) >= 4


def test_validation_catches_what_a_reviewer_would(bank):
    import copy
    from dataclasses import replace

    broken = copy.deepcopy(bank[:2])
    first = broken[0].questions[0]
    broken[0].questions.append(replace(first, key_points=("only one",)))  # duplicate id and text, too few points
    broken[1].questions = [q for q in broken[1].questions if q.difficulty != "hard"]

    problems = "\n".join(validation_problems(broken))

    assert "duplicate id" in problems and "duplicate question text" in problems
    assert "needs 3 to 6 key points" in problems
    if broken[1].slug not in SHARED_POOLS:
        assert "no hard questions" in problems


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_retires_removed_questions(bank):
    from interviewer.models import Question
    from interviewer.services import load_question_bank

    first = load_question_bank(bank)
    again = load_question_bank(bank)
    assert first.created == Question.objects.count() and again.created == 0 and again.retired == 0

    trimmed = [d for d in bank if d.slug != "sales"]
    assert load_question_bank(trimmed).retired == 30
    assert not Question.objects.filter(domain__slug="sales", active=True).exists()
