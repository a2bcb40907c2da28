import csv

import pytest
from django.core.management import CommandError, call_command

ROWS = [
    (
        "What is a stack?",
        "A last-in first-out collection where push adds to the top and pop removes from the top.",
        "A stack is last in first out: you push onto the top and pop from the top.",
        5,
    ),
    (
        "What is a stack?",
        "A last-in first-out collection where push adds to the top and pop removes from the top.",
        "A list of things.",
        1,
    ),
    (
        "What is a stack?",
        "A last-in first-out collection where push adds to the top and pop removes from the top.",
        "It stores items and you take the last one added first.",
        4,
    ),
    (
        "What does a compiler do?",
        "It translates source code written in a high-level language into machine code before the program runs.",
        "A compiler turns high level source code into machine code ahead of running it.",
        5,
    ),
    (
        "What does a compiler do?",
        "It translates source code written in a high-level language into machine code before the program runs.",
        "It runs the program line by line.",
        2,
    ),
    (
        "What does a compiler do?",
        "It translates source code written in a high-level language into machine code before the program runs.",
        "I don't know.",
        0,
    ),
]


def write_csv(path, rows, header=("question", "reference_answer", "answer", "score", "grader")):
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows((*row, "ta") for row in rows)
    return path


def test_grader_check_prints_agreement_and_writes_each_rows_grade(tmp_path, capsys):
    source = write_csv(tmp_path / "mine.csv", ROWS)
    out = tmp_path / "graded.csv"

    call_command("grader_check", str(source), "--out", str(out))

    lines = dict(line.split("=") for line in capsys.readouterr().out.splitlines() if "=" in line)
    assert set(lines) >= {"pearson", "spearman", "qwk", "rows"}
    assert lines["rows"] == "6" and float(lines["pearson"]) > 0.5
    graded = list(csv.DictReader(out.open()))
    assert len(graded) == 6 and set(graded[0]) >= {"content_score", "predicted_score"}
    assert float(graded[0]["content_score"]) > float(graded[5]["content_score"])
    assert {float(g["predicted_score"]) for g in graded} <= {0, 1, 2, 4, 5}


def test_a_file_without_the_needed_columns_is_explained(tmp_path):
    source = write_csv(tmp_path / "bad.csv", ROWS, header=("q", "reference_answer", "answer", "mark", "grader"))
    with pytest.raises(CommandError, match="missing column\\(s\\) question, score"):
        call_command("grader_check", str(source))


def test_scores_that_are_not_numbers_are_listed_by_line(tmp_path):
    rows = [*ROWS[:3], (*ROWS[3][:3], "five")]
    with pytest.raises(CommandError, match="not a number on line\\(s\\) 5"):
        call_command("grader_check", str(write_csv(tmp_path / "bad.csv", rows)))


def test_a_missing_or_binary_file_is_explained(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("grader_check", str(tmp_path / "nope.csv"))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 100)
    with pytest.raises(CommandError):
        call_command("grader_check", str(binary))


def test_grader_check_prints_the_error_the_low_answers_and_agreement_per_band_and_question(tmp_path, capsys):
    source = write_csv(tmp_path / "mine.csv", ROWS)

    call_command("grader_check", str(source), "--by-question")

    out = capsys.readouterr().out
    lines = dict(line.split("=") for line in out.splitlines() if "=" in line)
    assert 0 <= float(lines["mae"]) <= 5 and 0 <= float(lines["low_mean"]) <= 5
    # Human scores 5, 1, 4, 5, 2, 0 on 0–5: bottom 40% are 1, 2 and 0; bands below 40%, below 70%, from 70%.
    assert "The 3 answers you scored in the bottom 40%" in out
    assert "incorrect: 2 answers" in out and "partial: 1 answers" in out and "correct: 3 answers" in out
    assert out.count("3 answers, pearson") == 2
    assert "What is a stack?" in out and "What does a compiler do?" in out
