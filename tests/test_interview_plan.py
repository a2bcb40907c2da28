import itertools
import random

import pytest

from interviewer.engine.bank import DIFFICULTIES, SHARED_POOLS, read_bank
from interviewer.engine.planning import (
    DURATIONS,
    INTERVIEW_TYPES,
    SHAPES,
    InterviewSetup,
    plan_interview,
)


@pytest.fixture(scope="module")
def bank():
    return [q for d in read_bank() for q in d.questions]


@pytest.fixture(scope="module")
def domains():
    return sorted({q.domain for q in read_bank() for q in q.questions} - set(SHARED_POOLS))


def test_every_setup_gets_openers_domain_questions_and_a_wrapup(bank, domains):
    for domain, difficulty, minutes, kind in itertools.product(domains, DIFFICULTIES, DURATIONS, INTERVIEW_TYPES):
        setup = InterviewSetup(
            position="Graduate", difficulty=difficulty, duration_minutes=minutes, type=kind, domain=domain
        )
        plan = plan_interview(setup, bank, rng=random.Random(1))
        shape = SHAPES[minutes]
        stages = [q.stage for q in plan.questions]
        where = (domain, difficulty, minutes, kind)

        assert stages == ["opener"] * shape.openers + ["main"] * shape.main + ["wrapup"], where
        assert plan.follow_ups == shape.follow_ups
        assert len({q.id for q in plan.questions}) == len(plan.questions), where
        main = plan.questions[shape.openers : -1]
        assert all(q.domain in (domain, "behavioural") for q in main), where
        for q in main:  # another difficulty only once the chosen one has nothing left of that kind
            if q.difficulty != difficulty:
                same_kind = [
                    b
                    for b in bank
                    if b.stage == "main"
                    and b.domain in (domain, "behavioural")
                    and b.is_behavioural == q.is_behavioural
                    and b.difficulty == difficulty
                    and (b.domain == domain or q.is_behavioural)
                ]
                assert set(b.id for b in same_kind) <= {m.id for m in main}, where
                assert abs(DIFFICULTIES.index(q.difficulty) - DIFFICULTIES.index(difficulty)) == 1, where
        if kind == "technical":
            assert all(not q.is_behavioural for q in main), where
        elif kind == "behavioural":
            assert all(q.is_behavioural for q in main), where
        else:
            assert any(q.is_behavioural for q in main) and any(not q.is_behavioural for q in main), where


def test_the_first_opener_is_the_introduction_when_it_is_fresh(bank):
    setup = InterviewSetup(
        position="Analyst", difficulty="easy", duration_minutes=30, type="mixed", domain="data-analytics-sql"
    )
    plan = plan_interview(setup, bank, rng=random.Random(3))
    assert "introduction" in plan.questions[0].tags


def test_no_question_repeats_across_recent_interviews(bank):
    setup = InterviewSetup(
        position="Nurse", difficulty="medium", duration_minutes=30, type="mixed", domain="healthcare-nursing"
    )
    rng = random.Random(7)
    history: list[str] = []
    for _ in range(3):
        plan = plan_interview(setup, bank, recently_asked=history, rng=rng)
        ids = [q.id for q in plan.questions]
        assert not set(ids) & set(history)
        history = ids + history


def test_when_the_bank_runs_dry_the_questions_seen_longest_ago_come_back(bank):
    from dataclasses import replace

    template = next(q for q in bank if q.domain == "devops-cloud" and not q.is_behavioural)
    small = [replace(template, id=f"x-{n}", text=f"Question {n}?", difficulty="hard") for n in range(1, 6)]
    shared = [q for q in bank if q.stage != "main"]
    setup = InterviewSetup(
        position="Engineer", difficulty="hard", duration_minutes=15, type="technical", domain="devops-cloud"
    )

    # x-5 was never asked; x-1 was asked most recently, x-4 longest ago.
    plan = plan_interview(setup, small + shared, recently_asked=["x-1", "x-2", "x-3", "x-4"], rng=random.Random(0))

    assert [q.id for q in plan.questions if q.stage == "main"] == ["x-5", "x-4", "x-3"]


def test_a_short_difficulty_is_topped_up_from_the_nearest_one(bank):
    from dataclasses import replace

    template = next(q for q in bank if q.domain == "sales" and not q.is_behavioural)
    small = [
        replace(template, id="s-hard", text="Hard?", difficulty="hard"),
        replace(template, id="s-medium", text="Medium?", difficulty="medium"),
        replace(template, id="s-easy", text="Easy?", difficulty="easy"),
    ]
    shared = [q for q in bank if q.stage != "main"]
    setup = InterviewSetup(
        position="Account executive", difficulty="hard", duration_minutes=15, type="technical", domain="sales"
    )

    plan = plan_interview(setup, small + shared, rng=random.Random(0))

    assert [q.id for q in plan.questions if q.stage == "main"] == ["s-easy", "s-medium", "s-hard"]  # easier first


def test_a_topic_steers_the_questions(bank):
    setup = InterviewSetup(
        position="Developer",
        difficulty="medium",
        duration_minutes=15,
        type="technical",
        domain=None,
        topic="SQL window functions and query performance",
    )
    from interviewer.engine.planning import rank_by_topic

    plan = plan_interview(setup, bank, rng=random.Random(5), topic_ranker=rank_by_topic)
    main = [q for q in plan.questions if q.stage == "main"]

    assert all(
        q.domain in ("data-analytics-sql", "software-engineering", "data-science-ml", "web-development") for q in main
    ), [q.domain for q in main]


@pytest.mark.parametrize(
    "bad",
    [
        dict(difficulty="impossible"),
        dict(duration_minutes=20),
        dict(type="panel"),
        dict(domain=None, topic="  "),
    ],
)
def test_a_setup_outside_the_choices_is_refused(bad):
    values = dict(position="X", difficulty="easy", duration_minutes=15, type="mixed", domain="sales") | bad
    with pytest.raises(ValueError):
        InterviewSetup(**values)
