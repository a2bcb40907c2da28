"""The skills vocabulary (skills.yaml): one name per skill, whatever the résumé or job
description calls it ("JS" and "JavaScript" are one skill), and the question-bank domains it
points to."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).resolve().parent / "skills.yaml"


@dataclass(frozen=True)
class Skill:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    case_sensitive: bool = False
    listed_only: bool = False


@dataclass(frozen=True)
class Vocabulary:
    skills: tuple[Skill, ...]
    by_spelling: dict[str, Skill]  # every spelling, folded as `_fold` does, to its skill
    pattern: re.Pattern  # finds any spelling of a skill that may appear in running text


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    skills = tuple(
        Skill(
            name=raw["name"],
            aliases=tuple(raw.get("aliases", ())),
            domains=tuple(raw.get("domains", ())),
            case_sensitive=raw.get("case_sensitive", False),
            listed_only=raw.get("listed_only", False),
        )
        for raw in data["skills"]
    )
    by_spelling = {}
    for skill in skills:
        for spelling in (skill.name, *skill.aliases):
            by_spelling[_fold(spelling, skill.case_sensitive)] = skill
    return Vocabulary(skills, by_spelling, _text_pattern(skills))


def _fold(spelling: str, case_sensitive: bool) -> str:
    spelling = " ".join(spelling.replace("-", " ").split())
    return spelling if case_sensitive else spelling.lower()


def _text_pattern(skills: tuple[Skill, ...]) -> re.Pattern:
    alternatives = []
    for skill in skills:
        if skill.listed_only:
            continue
        for spelling in sorted((skill.name, *skill.aliases), key=len, reverse=True):
            body = r"[\s-]+".join(re.escape(part) for part in spelling.replace("-", " ").split())
            alternatives.append((len(spelling), body if skill.case_sensitive else f"(?i:{body})"))
    # Longest first, so "Power BI" wins over "BI" and "Node.js" over "Node".
    body = "|".join(b for _, b in sorted(alternatives, key=lambda a: -a[0]))
    # Skill names end in symbols ("C++", "C#", ".NET"), so word edges are spelled out.
    return re.compile(rf"(?<![\w.#+])(?:{body})(?![\w#+]|\.\w)")


def canonical(written: str) -> str | None:
    """The vocabulary's name for one listed skill ("js" → "JavaScript"), or None when unknown."""
    written = written.strip(" .;:")
    vocab = vocabulary()
    skill = vocab.by_spelling.get(_fold(written, True)) or vocab.by_spelling.get(_fold(written, False))
    return skill.name if skill else None


def normalise_list(items: Iterable[str]) -> list[str]:
    """Listed skills with known ones under their canonical names, unknown ones as written
    (tidied), duplicates dropped, order kept."""
    result: dict[str, str] = {}
    for item in items:
        item = " ".join(item.split()).strip(" .;:")
        if not item:
            continue
        name = canonical(item) or item
        result.setdefault(name.lower(), name)
    return list(result.values())


def find_in_text(text: str) -> list[str]:
    """Canonical names of the skills mentioned in running text, in order of first mention."""
    vocab = vocabulary()
    found: dict[str, None] = {}
    for match in vocab.pattern.finditer(text):
        name = canonical(match.group(0))
        if name:
            found.setdefault(name)
    return list(found)


def domains_for(skill_names: Iterable[str]) -> list[str]:
    """Bank domains the skills point to, the best-supported first (ties keep vocabulary order)."""
    by_name = {skill.name: skill for skill in vocabulary().skills}
    counts = Counter()
    for name in skill_names:
        for domain in by_name[name].domains if name in by_name else ():
            counts[domain] += 1
    return [domain for domain, _ in counts.most_common()]
