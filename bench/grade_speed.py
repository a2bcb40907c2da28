"""Time to grade one answer, on one CPU core, model already loaded.

    .venv/bin/python bench/grade_speed.py

Grades a ~150-word spoken-style answer against a ~120-word model answer with five key points
200 times and prints the median and 95th-percentile latency (target: under 100 ms), wall-clock
and CPU time of this thread (the steadier figure on a shared machine), of the whole
grade_answer (content score, key points, relevance: what an interview turn runs) and of
content_score alone, in the two cases the grader meets:

- reference already embedded: the usual case, since similarity.py keeps the embeddings of
  questions and references it has seen (and a question's can be computed while the
  candidate is still answering); only the answer is embedded;
- new reference: question and reference seen for the first time (each run's is made unique),
  so they are embedded along with the answer.
"""

from __future__ import annotations

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import time

import numpy as np

from interviewer.engine.grading import grade_answer
from interviewer.engine.similarity import content_score, split_sentences

RUNS = 200
TARGET_MS = 100

QUESTION = "What is the difference between a process and a thread, and when would you use each?"
REFERENCE = (
    "A process is an independent program in execution with its own address space, memory, file "
    "handles and other resources, isolated from other processes by the operating system. A thread "
    "is a unit of execution inside a process; threads of the same process share its memory and "
    "resources, but each has its own stack and registers. Creating and switching threads is "
    "cheaper than processes, and threads communicate through shared memory, which needs "
    "synchronisation such as locks to avoid race conditions, and a thread that crashes takes its "
    "whole process down with it. Use processes for isolation, fault "
    "tolerance and to use several cores where a global interpreter lock prevents threads from "
    "running in parallel; use threads for lightweight concurrency, especially I/O-bound work."
)
KEY_POINTS = (
    "A process has its own address space and resources, isolated by the operating system.",
    "Threads of a process share its memory but each has its own stack.",
    "Threads are cheaper to create and switch than processes.",
    "Shared memory needs synchronisation such as locks to avoid race conditions.",
    "Processes suit isolation and CPU parallelism; threads suit I/O-bound concurrency.",
)
ANSWER = (
    "So, a process is basically a running program, and the operating system gives each process "
    "its own memory space and its own resources, so if one process crashes it does not bring "
    "down the others. Threads live inside a process. They share the same heap memory and the "
    "open files, but every thread has its own stack. Because they share memory, threads are "
    "cheaper to create and to switch between, and they can talk to each other directly, but you "
    "have to be careful with locks or you get race conditions and bugs that are really hard to "
    "reproduce. I would use multiple processes when I want isolation, for example running "
    "untrusted plugins, or when I need true parallelism in Python because of the GIL. And I "
    "would use threads when the work is mostly waiting on I/O, like network calls or reading "
    "files, and the tasks need to share a lot of data with each other."
)


def main() -> None:
    print(f"answer {len(ANSWER.split())} words, reference {len(REFERENCE.split())} words")
    started = time.perf_counter()
    score = content_score(QUESTION, REFERENCE, ANSWER)  # loads the model
    elapsed = time.perf_counter() - started
    print(f"first call (loads the model): {elapsed:.1f} s, score {score:.1f}")

    for name, grade in (("grade_answer", grade_whole_answer), ("content_score", grade_content)):
        report(name, "reference_cached", grade, [(QUESTION, REFERENCE)] * RUNS)
        fresh = [(unique(QUESTION, f"{name} {run}"), unique(REFERENCE, f"{name} {run}")) for run in range(RUNS)]
        report(name, "new_reference", grade, fresh)


def grade_whole_answer(question: str, reference: str) -> None:
    grade_answer(
        question=question, model_answer=reference, key_points=KEY_POINTS, question_type="technical", answer=ANSWER
    )


def grade_content(question: str, reference: str) -> None:
    content_score(question, reference, ANSWER)


def unique(text: str, run: str) -> str:
    """`text` with every sentence marked by `run`, so that no embedding of it is cached."""
    return " ".join(f"{sentence} ({run})" for sentence in split_sentences(text))


def report(name: str, case: str, grade, question_references: list[tuple[str, str]]) -> None:
    wall_ms, cpu_ms = [], []
    for question, reference in question_references:
        wall, cpu = time.perf_counter(), time.thread_time()
        grade(question, reference)
        wall_ms.append((time.perf_counter() - wall) * 1000)
        cpu_ms.append((time.thread_time() - cpu) * 1000)
    for kind, timings in (("", wall_ms), ("_cpu", cpu_ms)):
        median, p95 = np.percentile(timings, [50, 95])
        print(f"{name}_{case}{kind}_median_ms={median:.1f} {name}_{case}{kind}_p95_ms={p95:.1f}", end=" ")
    print(f"(target {TARGET_MS} ms, {len(wall_ms)} runs, 1 thread)")


if __name__ == "__main__":
    main()
