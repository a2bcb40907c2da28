import csv
import math
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from interviewer.engine.agreement import agreement, on_human_scale, to_human_scale
from interviewer.engine.similarity import content_score

REQUIRED = ("question", "reference_answer", "answer", "score")


class Command(BaseCommand):
    help = (
        "Checks the answer grader against your own grading. FILE is a CSV with the columns question, "
        "reference_answer, answer and score (any numeric scale; other columns are ignored). Prints Pearson, "
        "Spearman, quadratic-weighted kappa and the mean absolute error against your scores, the grader's mean "
        "for the answers you scored in the bottom 40% of your scale, how often it agrees with your verdict band "
        "(incorrect, partial, correct), and per question the number of answers, Pearson and the mean error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--out", type=Path, help="write each row with the grader's scores to this CSV")
        parser.add_argument(
            "--by-question", action="store_true", help="print every question's figures, not only the five furthest off"
        )

    def handle(self, *args, file: Path, out: Path | None, by_question: bool = False, **options):
        rows = read_rows(file)
        predicted = [content_score(r["question"], r["reference_answer"], r["answer"]) for r in rows]
        human = [r["score"] for r in rows]
        scale = (min(human), max(human))
        result = agreement(predicted, human)
        self.stdout.write(f"pearson={result.pearson:.3f}")
        self.stdout.write(f"spearman={result.spearman:.3f}")
        self.stdout.write(f"qwk={result.qwk:.3f}")
        self.stdout.write(f"mae={result.mae:.3f}")
        self.stdout.write(f"low_mean={result.low_mean:.3f}")
        self.stdout.write(f"rows={result.rows}")
        self.stdout.write(
            f"Scale {scale[0]:g}–{scale[1]:g}. The {result.low_rows} answers you scored in the bottom 40% average "
            f"{result.low_mean:.2f} in the grader's."
        )
        self.stdout.write("Agreement per band of your score (share the grader put in the same band):")
        for band in result.bands:
            figure = "—" if band.rows == 0 else f"{band.agreement:.0%}, grader's mean {band.mean_ours:.2f}"
            self.stdout.write(f"  {band.name}: {band.rows} answers, {figure}")
        self.write_questions(rows, predicted, scale, by_question)
        if out:
            on_human_scale = to_human_scale(predicted, human)
            with out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow([*REQUIRED, "content_score", "predicted_score"])
                for row, score, mapped in zip(rows, predicted, on_human_scale):
                    writer.writerow([*(row[c] for c in REQUIRED), f"{score:.1f}", f"{mapped:g}"])
            self.stdout.write(f"Wrote {len(rows)} graded rows to {out}")

    def write_questions(self, rows, predicted, scale, every: bool) -> None:
        """Per question: answers, Pearson, and the mean error (grader minus you, on your scale)."""
        by_question: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            by_question.setdefault(row["question"], []).append(index)
        figures = []
        for question, index in by_question.items():
            human = [rows[i]["score"] for i in index]
            result = agreement([predicted[i] for i in index], human, scale=scale)
            error = float(np.mean(on_human_scale([predicted[i] for i in index], human, scale) - np.array(human)))
            figures.append((question, len(index), result.pearson, error))
        figures.sort(key=lambda f: -abs(f[3]))
        shown = figures if every else figures[:5]
        self.stdout.write("Per question" + ("" if every else " (the five furthest off; --by-question for all)") + ":")
        for question, count, pearson, error in shown:
            correlation = "—" if math.isnan(pearson) else f"{pearson:.2f}"
            self.stdout.write(f"  {count} answers, pearson {correlation}, mean error {error:+.2f}: {question[:80]}")


def read_rows(file: Path) -> list[dict]:
    if not file.is_file():
        raise CommandError(f"{file}: no such file.")
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(f"{file}: missing column(s) {', '.join(missing)}; needs {', '.join(REQUIRED)}.")
            rows, bad = [], []
            for line, row in enumerate(reader, start=2):
                try:
                    score = float(row["score"])
                    if not math.isfinite(score):
                        raise ValueError
                except (TypeError, ValueError):
                    bad.append(line)
                    continue
                rows.append({**{c: row[c] or "" for c in REQUIRED}, "score": score})
    except UnicodeDecodeError:
        raise CommandError(f"{file}: not a UTF-8 text CSV file.") from None
    if bad:
        raise CommandError(f"{file}: the score is not a number on line(s) {', '.join(map(str, bad[:20]))}.")
    if len(rows) < 3:
        raise CommandError(f"{file}: needs at least 3 graded rows to measure agreement, found {len(rows)}.")
    return rows
