"""Which questions an interview asks, in which order.

An interview opens with general questions (introduce yourself, why this role, future plans),
asks domain questions at the chosen difficulty, leaves room for follow-ups built from what the
candidate says (engine.followups), and closes with a wrap-up. Questions the candidate met in
recent interviews are avoided while the bank has others to offer. An interview on the candidate's
résumé mixes in questions about their own projects, jobs and skills (engine.resume.questions),
and, when no field is chosen, takes its bank questions from the fields their skills point to.
"""

import math
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

import numpy as np

from interviewer.engine.bank import DIFFICULTIES, BankQuestion, Stage

INTERVIEW_TYPES = ("behavioural", "technical", "mixed")
DURATIONS = (15, 30, 45)


@dataclass(frozen=True)
class Shape:
    """How many questions of each kind fit the time: about three minutes per question,
    counting the answer, the feedback and sometimes a retry."""

    openers: int
    main: int
    follow_ups: int
    wrapups: int = 1


SHAPES = {
    15: Shape(openers=1, main=3, follow_ups=1),
    30: Shape(openers=2, main=6, follow_ups=2),
    45: Shape(openers=2, main=9, follow_ups=3),
}
# How many of a domain's questions closest to a free-text topic measure the domain's closeness.
TOPIC_DOMAIN_SAMPLE = 3
# Share of technical questions in a mixed interview; the rest are behavioural or situational.
MIXED_TECHNICAL_SHARE = 0.6
# Share of the main questions about the candidate's résumé, when they ask for it.
RESUME_SHARE = 1 / 3
# A résumé whose skills point to many fields is asked about the best-supported ones only.
RESUME_DOMAINS = 2


@dataclass(frozen=True)
class InterviewSetup:
    position: str
    difficulty: str
    duration_minutes: int
    type: str
    domain: str | None = None  # a domain slug; None for a topic-only or résumé-only interview
    topic: str = ""
    use_resume: bool = False

    def __post_init__(self):
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        if self.duration_minutes not in DURATIONS:
            raise ValueError(f"duration must be one of {DURATIONS} minutes")
        if self.type not in INTERVIEW_TYPES:
            raise ValueError(f"type must be one of {INTERVIEW_TYPES}")
        if not self.domain and not self.topic.strip() and not self.use_resume:
            raise ValueError("choose a domain, name a topic or use the résumé")


@dataclass(frozen=True)
class Plan:
    questions: list[BankQuestion]
    follow_ups: int


# Ranks questions by closeness to a free-text topic (higher is closer); see rank_by_topic.
TopicRanker = Callable[[str, Sequence[BankQuestion]], list[float]]


def plan_interview(
    setup: InterviewSetup,
    bank: Sequence[BankQuestion],
    recently_asked: Sequence[str] = (),
    rng: random.Random | None = None,
    topic_ranker: TopicRanker | None = None,
    resume_questions: Sequence[BankQuestion] = (),
    resume_domains: Sequence[str] = (),
) -> Plan:
    """`recently_asked` holds bank ids, most recent first. With `setup.use_resume`,
    `resume_questions` are the questions on the candidate's résumé and `resume_domains` the
    bank domains their skills point to, the best-supported first."""
    rng = rng or random.Random()
    shape = SHAPES[setup.duration_minutes]
    pick = _Picker(recently_asked, rng)

    openers = pick.some([q for q in bank if q.stage == Stage.OPENER], shape.openers, prefer_tag="introduction")
    resume_count = min(len(resume_questions), math.ceil(shape.main * RESUME_SHARE)) if setup.use_resume else 0
    domains = [setup.domain] if setup.domain else list(resume_domains[:RESUME_DOMAINS]) if setup.use_resume else []
    main = _main_questions(setup, bank, shape.main - resume_count, pick, topic_ranker, domains)
    main = _mix_in(main, _varied(resume_questions, resume_count, rng))
    wrapups = pick.some([q for q in bank if q.stage == Stage.WRAPUP], shape.wrapups)
    return Plan(questions=openers + main + wrapups, follow_ups=shape.follow_ups)


def _main_questions(setup, bank, count, pick, topic_ranker, domains: list[str]) -> list[BankQuestion]:
    domain_questions = [q for q in bank if q.stage == Stage.MAIN and q.domain not in ("general", "behavioural")]
    if domains or setup.use_resume:  # a résumé pointing to no field gets the behavioural pool
        domain_questions = [q for q in domain_questions if q.domain in domains]
    behavioural_pool = [q for q in bank if q.stage == Stage.MAIN and q.domain == "behavioural"]
    technical = [q for q in domain_questions if not q.is_behavioural]
    behavioural = [q for q in domain_questions if q.is_behavioural] + behavioural_pool

    if setup.type == "technical":
        wanted = [(technical, count)]
    elif setup.type == "behavioural":
        wanted = [(behavioural, count)]
    else:
        technical_count = round(count * MIXED_TECHNICAL_SHARE)
        wanted = [(technical, technical_count), (behavioural, count - technical_count)]

    groups = []
    for candidates, n in wanted:
        if setup.topic.strip() and topic_ranker:
            candidates = _closest_to_topic(setup.topic, candidates, topic_ranker, keep=max(n * 2, 4))
        groups.append(pick.some(candidates, n, difficulty=setup.difficulty))
    chosen = _interleave(groups)
    if len(chosen) < count:  # a small pool: top up from whatever this domain has left
        spare = [q for q in domain_questions + behavioural_pool if q not in chosen]
        chosen += pick.some(spare, count - len(chosen))
    return chosen


def _closest_to_topic(topic, candidates, ranker, keep) -> list[BankQuestion]:
    if not candidates:
        return []
    scores = ranker(topic, candidates)
    # A question counts its domain's closeness too (the mean of the domain's few closest), so a
    # stray question of an unrelated field that happens to share a word with the topic
    # ("performance", "velocity") ranks below its own field's questions.
    by_domain = defaultdict(list)
    for score, question in zip(scores, candidates):
        by_domain[question.domain].append(score)
    affinity = {d: float(np.mean(sorted(s, reverse=True)[:TOPIC_DOMAIN_SAMPLE])) for d, s in by_domain.items()}
    combined = [score + affinity[q.domain] for score, q in zip(scores, candidates)]
    ranked = sorted(zip(combined, range(len(candidates))), reverse=True)
    return [candidates[i] for _, i in ranked[:keep]]


def _interleave(groups: list[list[BankQuestion]]) -> list[BankQuestion]:
    """Technical and behavioural questions alternate in a mixed interview, easier ones first."""
    order = {d: i for i, d in enumerate(DIFFICULTIES)}
    groups = [sorted(g, key=lambda q: order[q.difficulty]) for g in groups]
    result = []
    while any(groups):
        for group in groups:
            if group:
                result.append(group.pop(0))
    return result


def _varied(questions: Sequence[BankQuestion], n: int, rng: random.Random) -> list[BankQuestion]:
    """`n` questions from as many kinds as there are (their last tag: project, experience,
    skill), taken in turn in the order the kinds come, at random within each kind."""
    kinds: dict[str, list[BankQuestion]] = defaultdict(list)
    for question in questions:
        kinds[question.tags[-1] if question.tags else ""].append(question)
    for group in kinds.values():
        rng.shuffle(group)
    return [q for round_ in zip_longest(*kinds.values()) for q in round_ if q is not None][:n]


def _mix_in(main: list[BankQuestion], extra: list[BankQuestion]) -> list[BankQuestion]:
    """`extra` spread evenly through `main`, a bank question first: m, e, m, m, e, m…"""
    if not extra:
        return main
    step = max(1, len(main) // len(extra))
    result, pending = [], list(extra)
    for i, question in enumerate(main):
        result.append(question)
        if pending and i % step == 0:
            result.append(pending.pop(0))
    return result + pending


class _Picker:
    """Picks at random, preferring in turn: questions the candidate hasn't met recently (then
    those met longest ago), the chosen difficulty (then the nearest), and a preferred tag.
    Never the same question twice in one interview."""

    def __init__(self, recently_asked: Sequence[str], rng: random.Random):
        self.recency = {bank_id: rank for rank, bank_id in enumerate(recently_asked)}
        self.rng = rng
        self.taken: set[str] = set()

    def some(self, candidates, n, difficulty: str | None = None, prefer_tag: str | None = None) -> list[BankQuestion]:
        fresh = [q for q in candidates if q.id not in self.taken]
        self.rng.shuffle(fresh)
        never_asked = len(self.recency)
        level = DIFFICULTIES.index(difficulty) if difficulty else 0

        def preference(q):
            distance = abs(DIFFICULTIES.index(q.difficulty) - level) if difficulty else 0
            return -self.recency.get(q.id, never_asked), distance, prefer_tag not in q.tags

        chosen = sorted(fresh, key=preference)[:n]
        self.taken.update(q.id for q in chosen)
        return chosen


def rank_by_topic(topic: str, questions: Sequence[BankQuestion]) -> list[float]:
    """Semantic closeness of each question (its text and tags) to a free-text topic."""
    from interviewer.engine.similarity import encode

    vectors = encode([topic] + [f"{q.text} ({', '.join(q.tags)})" for q in questions])
    return list(vectors[1:] @ vectors[0])
