"""How well résumés are read: field-level precision and recall over public résumés whose
content was written down by hand (tests/data/resumes/, see its README), one thread.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/resume_accuracy.py [--held-out] [--files]

Prints, for the development part (and with --held-out, for the held-out résumés listed in
tests/data/resumes/held_out.txt, separately): jobs fully right (title, employer and dates all
right), employers, titles, dates, education entries (institution and dates), links, skills,
contact details, bullet counts, glued words (runs of 20+ letters with no space: text set so
tightly that its spaces were lost) and seconds per résumé (extract + parse): the CPU time of this
one-thread process, and the wall-clock time, which grows when others share the machine. --files adds a line
per file. Targets: jobs ≥ 90 % precision and recall, education ≥ 90 %, links ≥ 95 %, no glued
words, under 1 s per résumé.
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import json
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.engine.resume.extract import extract_text
from interviewer.engine.resume.profile import parse_profile

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "resumes"
GLUED = re.compile(r"[A-Za-z]{20,}")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NOW = {"present", "current", "now", "ongoing", "today"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(f"[{_DASHES}]", "-", text).replace("’", "'")
    return " ".join(re.sub(r"[^\w&+#/'.-]", " ", text).split()).strip(" .,-")


def norm_dates(text: str) -> str:
    words = []
    for word in re.findall(r"[a-z]+|\d{4}|\d{1,2}/\d{4}", norm(text)):
        if word in _NOW:
            words.append("present")
        elif word[:3] in _MONTHS:
            words.append(word[:3])
        elif word[0].isdigit() or word in ("summer", "spring", "fall", "autumn", "winter", "since"):
            words.append(word)
    return " ".join(words)


def same_place(parsed: str, truth: str, location: str = "") -> bool:
    """The organisation is right when the parsed field is it, perhaps with its location added."""
    parsed, truth = norm(parsed), norm(truth)
    if not truth:
        return not parsed
    if parsed == truth:
        return True
    rest = (
        parsed.removeprefix(truth)
        if parsed.startswith(truth)
        else parsed.removesuffix(truth)
        if parsed.endswith(truth)
        else None
    )
    if rest is None:
        return False
    rest = rest.strip(" ,|-")
    return not rest or rest == norm(location).strip(" ,|-") or bool(re.fullmatch(r"[\w .']+, ?[a-z]{2}", rest))


def norm_link(url: str) -> str:
    url = re.sub(r"^(https?://)?(www\.)?", "", url.strip().lower())
    return url.rstrip("/")


def first_name_part(name: str) -> str:
    return norm(name.split(",")[0])


@dataclass
class Tally:
    right: int = 0
    parsed: int = 0
    truth: int = 0

    def add(self, right: int, parsed: int, truth: int) -> None:
        self.right += right
        self.parsed += parsed
        self.truth += truth

    def __str__(self) -> str:
        p = f"{100 * self.right / self.parsed:5.1f}%" if self.parsed else "    –"
        r = f"{100 * self.right / self.truth:5.1f}%" if self.truth else "    –"
        return f"P {p}  R {r}  ({self.right}/{self.parsed} parsed, {self.right}/{self.truth} true)"


@dataclass
class Scores:
    jobs: Tally = field(default_factory=Tally)
    employer: Tally = field(default_factory=Tally)
    title: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    education: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    skills: Tally = field(default_factory=Tally)
    contact: Tally = field(default_factory=Tally)
    bullets: Tally = field(default_factory=Tally)
    glued: int = 0
    words: int = 0
    letters: int = 0
    seconds: list[float] = field(default_factory=list)  # wall clock: slower when the machine is shared
    cpu_seconds: list[float] = field(default_factory=list)  # this process's own time on its one thread


def matched(parsed: list, truth: list, same) -> int:
    """How many parsed items pair up with a true one (each used once)."""
    left = list(truth)
    count = 0
    for item in parsed:
        hit = next((t for t in left if same(item, t)), None)
        if hit is not None:
            left.remove(hit)
            count += 1
    return count


def score_file(path: Path, scores: Scores) -> str:
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    data = path.read_bytes()
    start, cpu_start = time.perf_counter(), time.process_time()
    extracted = extract_text(data)
    profile = parse_profile(extracted.text, extracted.links, extracted.headings)
    scores.seconds.append(time.perf_counter() - start)
    scores.cpu_seconds.append(time.process_time() - cpu_start)

    jobs = profile.experience
    true_jobs = truth["experience"]
    full = matched(
        jobs,
        true_jobs,
        lambda j, t: (
            norm(j.title) == norm(t["title"])
            and same_place(j.employer, t["employer"], t["location"])
            and norm_dates(j.dates) == norm_dates(t["dates"])
        ),
    )
    scores.jobs.add(full, len(jobs), len(true_jobs))
    scores.employer.add(
        matched(jobs, true_jobs, lambda j, t: same_place(j.employer, t["employer"], t["location"])),
        len(jobs),
        len(true_jobs),
    )
    scores.title.add(
        matched(jobs, true_jobs, lambda j, t: norm(j.title) == norm(t["title"])), len(jobs), len(true_jobs)
    )
    scores.dates.add(
        matched(jobs, true_jobs, lambda j, t: norm_dates(j.dates) == norm_dates(t["dates"])), len(jobs), len(true_jobs)
    )
    counted = [t for t in true_jobs if t["bullets"] is not None]
    scores.bullets.add(
        matched(
            jobs,
            counted,
            lambda j, t: (
                norm(j.title) == norm(t["title"])
                and norm_dates(j.dates) == norm_dates(t["dates"])
                and len(j.bullets) == t["bullets"]
            ),
        ),
        len(counted),
        len(counted),
    )

    schools = profile.education
    scores.education.add(
        matched(
            schools,
            truth["education"],
            lambda s, t: same_place(s.institution, t["institution"]) and norm_dates(s.dates) == norm_dates(t["dates"]),
        ),
        len(schools),
        len(truth["education"]),
    )

    links = {
        (kind, norm_link(getattr(profile, kind)))
        for kind in ("linkedin", "github", "portfolio")
        if getattr(profile, kind)
    }
    true_links = {(kind, norm_link(url)) for kind, url in truth["links"].items() if url}
    scores.links.add(len(links & true_links), len(links), len(true_links))

    if truth["skills"] is not None:
        skills = {norm(s) for s in profile.skills}
        true_skills = {norm(s) for s in truth["skills"]}
        scores.skills.add(len(skills & true_skills), len(skills), len(true_skills))

    contact_right = (
        (first_name_part(profile.name) == first_name_part(truth["name"]))
        + (norm(profile.email) == norm(truth["email"]))
        + (re.sub(r"\D", "", profile.phone) == re.sub(r"\D", "", truth["phone"]))
    )
    scores.contact.add(contact_right, 3, 3)

    words = extracted.text.split()
    glued = GLUED.findall(extracted.text)
    scores.glued += len(glued)
    scores.words += len(words)
    scores.letters += sum(len(w) for w in words)
    return (
        f"  {path.name:48} jobs {full}/{len(jobs)}/{len(true_jobs)}  schools {len(schools)}/{len(truth['education'])}  "
        f"links {len(links & true_links)}/{len(true_links)}  glued {len(glued)}  {scores.seconds[-1] * 1000:.0f} ms"
    )


def report(label: str, files: list[Path], show_files: bool) -> None:
    scores = Scores()
    lines = [score_file(path, scores) for path in files]
    print(f"{label}: {len(files)} résumés")
    if show_files:
        print("\n".join(lines))
    for name in ("jobs", "employer", "title", "dates", "education", "links", "skills"):
        print(f"  {name + (' fully right' if name == 'jobs' else ''):17} {getattr(scores, name)}")
    print(f"  {'contact':17} {scores.contact.right}/{scores.contact.truth} right (name, email, phone)")
    print(
        f"  {'bullet counts':17} {scores.bullets.right}/{scores.bullets.truth} jobs right "
        "with the right number of bullets"
    )
    print(
        f"  {'glued words':17} {scores.glued} (mean word length {scores.letters / max(scores.words, 1):.1f} characters)"
    )
    for clock, seconds in (("CPU seconds", sorted(scores.cpu_seconds)), ("wall seconds", sorted(scores.seconds))):
        print(f"  {clock:17} median {statistics.median(seconds):.3f} s, max {seconds[-1]:.3f} s per résumé")


def main() -> None:
    extract_text(next(DATA.glob("*.pdf")).read_bytes())  # imports pdfplumber before anything is timed
    held_out = set((DATA / "held_out.txt").read_text().split())
    files = sorted(p for p in DATA.iterdir() if p.suffix in (".pdf", ".docx") and p.with_suffix(".json").exists())
    show_files = "--files" in sys.argv
    report("development set", [p for p in files if p.name not in held_out], show_files)
    if "--held-out" in sys.argv:
        report("held-out set", [p for p in files if p.name in held_out], show_files)


if __name__ == "__main__":
    main()
