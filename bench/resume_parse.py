"""Time to read a two-page résumé into a profile (text extraction + parsing), one thread.

    .venv/bin/python bench/resume_parse.py [runs]

Builds two-page résumés (one-column and two-column PDF, and the same content as DOCX) with
tests/resume_documents.py, reads each `runs` times (default 30) and prints the median and
95th-percentile time of extract_text + parse_profile (and the median CPU time). Target: under 1 s for the PDFs.
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import statistics
import sys
import time

from interviewer.engine.resume.extract import extract_text
from interviewer.engine.resume.profile import parse_profile
from tests.resume_documents import (
    RESUME,
    docx_with_skills_table,
    pdf_one_column,
    pdf_two_columns,
)

# Eight jobs of five achievements fill two A4 pages in the one-column layout, seven in the
# two-column one (its main column is narrower).
JOBS = [
    {
        **job,
        "title": f"{job['title']} {n}",
        "bullets": job["bullets"]
        + [
            f"Led a migration of {n * 3} services to a new deployment pipeline, cutting release time by {10 + n}%.",
            "Ran fortnightly reviews with product managers and analysts to prioritise the reporting backlog.",
        ],
    }
    for n in range(1, 5)
    for job in RESUME["experience"]
]
TWO_PAGES = {**RESUME, "experience": JOBS}
TWO_PAGES_IN_COLUMNS = {**RESUME, "experience": JOBS[:7]}


def measure(document: bytes, runs: int) -> tuple[list[float], list[float], int, int]:
    """Wall-clock and CPU seconds of each run (the CPU time is what one core spends, whatever
    else shares the machine)."""
    times, cpu_times = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        extracted = extract_text(document)
        profile = parse_profile(extracted.text, extracted.links, extracted.headings)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    return times, cpu_times, extracted.pages, len(profile.experience)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    documents = {
        "PDF, one column": pdf_one_column(TWO_PAGES),
        "PDF, two columns": pdf_two_columns(TWO_PAGES_IN_COLUMNS),
        "DOCX": docx_with_skills_table(TWO_PAGES),
    }
    for name, document in documents.items():
        times, cpu_times, pages, jobs = measure(document, runs)
        times.sort()
        cpu_times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        pages_said = f"{pages} pages" if pages else "no fixed pages"
        print(
            f"{name:17} ({pages_said}, {jobs} jobs read, {len(document) // 1024} KB): "
            f"CPU median {statistics.median(cpu_times) * 1000:.0f} ms; "
            f"wall median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {runs} runs"
        )


if __name__ == "__main__":
    main()
