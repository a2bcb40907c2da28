import csv
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviewer.engine.agreement import agreement, to_human_scale
from interviewer.engine.similarity import content_score

REQUIRED = ("question", "reference_answer", "answer", "score")


class Command(BaseCommand):
    help = (
        "Checks the answer grader against your own grading. FILE is a CSV with the columns question, "
        "reference_answer, answer and score (any numeric scale; other columns are ignored). Prints Pearson, "
        "Spearman and quadratic-weighted kappa against your scores."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--out", type=Path, help="write each row with the grader's scores to this CSV")

    def handle(self, *args, file: Path, out: Path | None, **options):
        rows = read_rows(file)
        predicted = [content_score(r["question"], r["reference_answer"], r["answer"]) for r in rows]
        human = [r["score"] for r in rows]
        result = agreement(predicted, human)
        self.stdout.write(f"pearson={result.pearson:.3f}")
        self.stdout.write(f"spearman={result.spearman:.3f}")
        self.stdout.write(f"qwk={result.qwk:.3f}")
        self.stdout.write(f"rows={result.rows}")
        if out:
            on_human_scale = to_human_scale(predicted, human)
            with out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow([*REQUIRED, "content_score", "predicted_score"])
                for row, score, mapped in zip(rows, predicted, on_human_scale):
                    writer.writerow([*(row[c] for c in REQUIRED), f"{score:.1f}", f"{mapped:g}"])
            self.stdout.write(f"Wrote {len(rows)} graded rows to {out}")


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
        raise CommandError(f"{file}: not a UTF-8 text CSV file.")
    if bad:
        raise CommandError(f"{file}: the score is not a number on line(s) {', '.join(map(str, bad[:20]))}.")
    if len(rows) < 3:
        raise CommandError(f"{file}: needs at least 3 graded rows to measure agreement, found {len(rows)}.")
    return rows
