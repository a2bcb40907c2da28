"""Question-bank fixtures (interviewer/question_bank/*.yaml): reading and validating them."""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import yaml

BANK_DIR = Path(__file__).resolve().parent.parent / "question_bank"
DIFFICULTIES = ("easy", "medium", "hard")
QUESTION_TYPES = ("general", "behavioural", "technical", "situational")


class Stage(StrEnum):
    """Where a question sits in an interview: openers and wrap-ups come from the general pool."""

    OPENER = "opener"
    MAIN = "main"
    WRAPUP = "wrapup"


# Pools that are not a domain a candidate picks; they serve every interview.
SHARED_POOLS = ("general", "behavioural")


@dataclass(frozen=True)
class BankQuestion:
    id: str
    domain: str
    difficulty: str
    type: str
    stage: str  # a Stage; the fixtures may hold anything, which validation_problems reports
    text: str
    model_answer: str
    key_points: tuple[str, ...]
    hint: str
    tags: tuple[str, ...] = ()

    @property
    def is_behavioural(self) -> bool:
        return self.type in ("behavioural", "situational")


@dataclass
class BankDomain:
    slug: str
    name: str
    description: str
    questions: list[BankQuestion] = field(default_factory=list)


def read_bank(folder: Path = BANK_DIR) -> list[BankDomain]:
    return [read_domain_file(path) for path in sorted(folder.glob("*.yaml"))]


def read_domain_file(path: Path) -> BankDomain:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    domain = BankDomain(slug=data["domain"], name=data["name"], description=data.get("description", ""))
    for raw in data["questions"]:
        domain.questions.append(
            BankQuestion(
                id=raw["id"],
                domain=domain.slug,
                difficulty=raw["difficulty"],
                type=raw["type"],
                stage=raw.get("stage", Stage.MAIN),
                text=" ".join(raw["text"].split()),
                model_answer=" ".join(raw["model_answer"].split()),
                key_points=tuple(raw["key_points"]),
                hint=raw["hint"],
                tags=tuple(raw.get("tags", ())),
            )
        )
    return domain


def validation_problems(domains: list[BankDomain]) -> list[str]:
    """Everything a reviewer would reject: an empty list means the bank is sound."""
    problems = []
    seen_ids, seen_texts = set(), set()
    for domain in domains:
        coverage = Counter()
        for q in domain.questions:
            where = f"{domain.slug}/{q.id}"
            for name in ("text", "model_answer", "hint"):
                if not getattr(q, name).strip():
                    problems.append(f"{where}: empty {name}")
            if q.difficulty not in DIFFICULTIES:
                problems.append(f"{where}: difficulty {q.difficulty!r}")
            if q.type not in QUESTION_TYPES:
                problems.append(f"{where}: type {q.type!r}")
            if q.stage not in set(Stage) or (q.stage != Stage.MAIN and domain.slug != "general"):
                problems.append(f"{where}: stage {q.stage!r}")
            if not 3 <= len(q.key_points) <= 6 or any(not p.strip() for p in q.key_points):
                problems.append(f"{where}: needs 3 to 6 key points")
            if not q.id.startswith(f"{domain.slug}-"):
                problems.append(f"{where}: id must start with the domain")
            if q.id in seen_ids:
                problems.append(f"{where}: duplicate id")
            normalised = q.text.lower().strip(" ?.")
            if normalised in seen_texts:
                problems.append(f"{where}: duplicate question text")
            seen_ids.add(q.id)
            seen_texts.add(normalised)
            if q.stage == Stage.MAIN:
                coverage[q.difficulty] += 1
        if domain.slug not in SHARED_POOLS:
            for difficulty in DIFFICULTIES:
                if coverage[difficulty] == 0:
                    problems.append(f"{domain.slug}: no {difficulty} questions")
    return problems
