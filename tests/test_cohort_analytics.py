"""Cohort analytics: the distribution of each student's latest overall score, the cohort's median
per week, the key points most often missed in final answers, the weakest fields and the
delivery medians, all from interviews answered through the real services; the results CSV has
one row per interview. The expected figures are worked out by hand from the answers given
(tests.cohort_data: a right answer scores 100, a wrong one 0)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import create_cohort
from interviewer.engine.bank import read_bank
from interviewer.services import load_question_bank
from tests.cohort_data import (
    FIELD_NAMES,
    MARKETING,
    SQL,
    bank_questions,
    finished,
    member,
)
from tests.report_data import finished_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


def analytics_page(client, staff, cohort) -> tuple[str, dict, object]:
    client.force_login(staff)
    response = client.get(f"/cohorts/{cohort.pk}/analytics/")
    assert response.status_code == 200
    page = response.content.decode()
    figures = json.loads(page.split('<script id="report-figures" type="application/json">')[1].split("</script>")[0])
    return page, figures, response.context["analytics"]


def test_the_charts_show_the_cohorts_scores(client, staff, cohort):
    monday = timezone.localtime(timezone.now()).replace(hour=12) - timedelta(
        days=timezone.localtime(timezone.now()).weekday()
    )
    ada, grace = member(cohort, "ada@example.edu"), member(cohort, "grace@example.edu")
    finished(ada, monday - timedelta(days=7), right=1, wrong=2)  # 100, 0, 0: 33.3
    finished(ada, monday + timedelta(hours=1), right=3, field=MARKETING)  # 100
    finished(grace, monday - timedelta(days=6), right=2, wrong=1)  # 66.7
    finished(
        grace, monday + timedelta(hours=2), right=1, wrong=1, field=MARKETING
    )  # 100, 0 (the third asked, not answered): 50
    member(cohort, "alan@example.edu")  # no interviews: not in the distribution

    page, figures, analytics = analytics_page(client, staff, cohort)

    assert sorted(figures["distribution"]["data"][0]["x"]) == [50.0, 100.0]  # each student's latest
    weekly = figures["weekly"]["data"][0]
    assert weekly["y"] == [50.0, 75.0] and weekly["customdata"] == [2, 2]  # medians of (33.3, 66.7) and (100, 50)
    assert [(d.name, d.mean, d.interviews) for d in analytics.domains] == [
        (FIELD_NAMES[SQL], 50.0, 2),
        (FIELD_NAMES[MARKETING], 75.0, 2),
    ]
    assert figures["domains"]["data"][0]["x"] == [FIELD_NAMES[SQL], FIELD_NAMES[MARKETING]]
    # Final answers per question: SQL easy ✓✓, medium ✗✓, hard ✗✗; marketing easy ✓✓, medium ✓✗,
    # hard ✓ (once: too few to list). The hard SQL question's points, missed 2 of 2, come first; of
    # the points missed 1 of 2 (SQL and marketing medium), the first ten in all are listed.
    sql_hard, sql_medium, marketing_medium = (
        bank_questions(SQL)[2],
        bank_questions(SQL)[1],
        bank_questions(MARKETING)[1],
    )
    gaps = [(gap.point, gap.missed, gap.answers) for gap in analytics.key_points]
    assert gaps[:5] == [(point, 2, 2) for point in sorted(sql_hard.key_points)]
    assert len(gaps) == 10 and {(missed, answers) for _, missed, answers in gaps[5:]} == {(1, 2)}
    assert {point for point, _, _ in gaps[5:]} < set(sql_medium.key_points + marketing_medium.key_points)
    assert "2 of 2 answers" in page and "1 of 2 answers" in page
    # Typed answers: no delivery to take medians of.
    assert analytics.delivery == {"pace_wpm": None, "fillers_per_minute": None, "tone_stability": None}
    assert "not measured: no spoken answer in these interviews" in page


def test_key_points_come_from_the_final_attempt(client, staff, cohort):
    for email in ("ada@example.edu", "grace@example.edu"):
        # The easy question wrong twice (0); the medium one "I don't know.", then the model answer after the hint (100).
        finished(member(cohort, email), timezone.now(), wrong=1, retried=1)

    _, _, analytics = analytics_page(client, staff, cohort)

    # The medium question's points were missed in both first attempts, covered in both final ones.
    easy = bank_questions(SQL)[0]
    assert {gap.point: (gap.missed, gap.answers) for gap in analytics.key_points} == {
        point: (2, 2) for point in easy.key_points
    }
    assert analytics.latest_overall == [50.0, 50.0]  # final scores 100 and 0


def test_the_delivery_medians_come_from_the_spoken_interviews(client, staff, cohort):
    # Spoken as tests.report_data lays words out: 0.4 s a word, the last one 0.35 s long, a 2.5 s
    # pause after the sixth word of an answer that long; a voice whose pitch glides within 2–6
    # semitones at a steady loudness, which is tone stability 100.
    # SQL easy model answer, 129 words: 54.05 s, 143.2 words a minute, no filler word.
    finished(member(cohort, "ada@example.edu"), timezone.now(), right=1, spoken=True)
    # Marketing easy model answer, 147 words with one filler ("so"): 61.25 s, 144.0 a minute, 0.98 fillers a minute.
    finished(member(cohort, "grace@example.edu"), timezone.now(), right=1, field=MARKETING, spoken=True)
    # "I don't know." twice: 6 words in 2 × 1.15 s, 156.5 a minute.
    finished(member(cohort, "alan@example.edu"), timezone.now(), wrong=1, spoken=True)
    finished(member(cohort, "katherine@example.edu"), timezone.now(), right=1)  # typed: no delivery

    page, _, analytics = analytics_page(client, staff, cohort)

    assert analytics.delivery == {"pace_wpm": 144.0, "fillers_per_minute": 0.0, "tone_stability": 100.0}
    assert "144 words a minute" in page and "0.0 a minute" in page


def test_no_interviews_yet_says_so_instead_of_empty_charts(client, staff, cohort):
    member(cohort, "ada@example.edu")
    client.force_login(staff)

    page = client.get(f"/cohorts/{cohort.pk}/analytics/").content.decode()

    assert "No finished interviews by this cohort" in page and 'data-chart="distribution"' not in page


def test_the_results_csv_has_one_row_per_interview_of_the_cohorts_members(client, staff, cohort, other_candidate):
    ada = member(cohort, "ada@example.edu")
    interviews = [
        finished(ada, timezone.now() - timedelta(days=3), right=1, wrong=1),  # 50
        finished(ada, timezone.now() - timedelta(days=1), right=3),
    ]  # 100
    finished(other_candidate, timezone.now(), right=2)  # not a member
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/results.csv")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "interview,email,name,finished,position,field,topic,difficulty,type,overall,content,delivery,presence,"
        "accuracy,pace_wpm,fillers_per_minute,tone_stability"
    )
    assert [line.split(",")[0] for line in lines[1:]] == [str(i.pk) for i in interviews]
    first, second = lines[1].split(","), lines[2].split(",")
    assert first[5:10] == [FIELD_NAMES[SQL], "", "medium", "technical", "50.0"] and second[9] == "100.0"
    assert first[10] == "50.0"  # content: typed answers, so overall = content
    assert first[11] == first[14] == "not measured: the answers were typed"  # delivery, pace


def test_key_points_the_grader_could_not_check_are_not_counted_as_missed(client, staff, cohort):
    # The opening question "Tell me a little about yourself…" (tests.report_data's interview asks
    # it first) has a key point no grader can check in a typed answer: its length in time.
    load_question_bank(read_bank())
    for email in ("ada@example.edu", "grace@example.edu"):
        finished_interview(member(cohort, email), questions=1, spoken=False, camera=False)

    _, _, analytics = analytics_page(client, staff, cohort)

    assert "Keeps the answer to roughly one or two minutes." not in {gap.point for gap in analytics.key_points}
