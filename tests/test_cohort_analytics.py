"""Cohort analytics: the distribution of each student's latest overall score, the cohort's median
per week, the key points most often missed in final answers, the weakest fields and the
delivery medians, all from the stored interviews; the results CSV has one row per interview."""
import json
import statistics
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import create_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Domain
from interviewer.services import load_question_bank
from reports.selectors import report_for
from tests.cohort_data import KEY_POINTS, finished, member
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


def test_the_charts_show_the_cohorts_stored_scores(client, staff, cohort):
    sql = Domain.objects.create(slug="sql", name="SQL")
    marketing = Domain.objects.create(slug="marketing", name="Marketing")
    monday = timezone.localtime(timezone.now()).replace(hour=12) - timedelta(days=timezone.localtime(timezone.now()).weekday())
    ada, grace = member(cohort, "ada@example.edu"), member(cohort, "grace@example.edu")
    finished(ada, monday - timedelta(days=7), 40.0, domain=sql, pace=120.0, fillers=2.0, tone=70.0)
    finished(ada, monday + timedelta(hours=1), 80.0, domain=marketing, pace=150.0, fillers=1.0, tone=80.0)
    finished(grace, monday - timedelta(days=6), 60.0, domain=sql, covered=(True, True, False))
    finished(grace, monday + timedelta(hours=2), 90.0, domain=marketing, pace=170.0, fillers=0.5, tone=90.0)
    member(cohort, "alan@example.edu")  # no interviews: not in the distribution

    page, figures, analytics = analytics_page(client, staff, cohort)

    assert sorted(figures["distribution"]["data"][0]["x"]) == [80.0, 90.0]  # each student's latest
    weekly = figures["weekly"]["data"][0]
    assert weekly["y"] == [50.0, 85.0] and weekly["customdata"] == [2, 2]
    assert [(d.name, d.mean, d.interviews) for d in analytics.domains] == [("SQL", 50.0, 2), ("Marketing", 85.0, 2)]
    assert figures["domains"]["data"][0]["x"] == ["SQL", "Marketing"]
    assert analytics.delivery == {"pace_wpm": 150.0, "fillers_per_minute": 1.0, "tone_stability": 80.0}
    gaps = {gap.point: (gap.missed, gap.answers) for gap in analytics.key_points}
    assert gaps == {KEY_POINTS[2]: (4, 4), KEY_POINTS[1]: (3, 4)}  # the first key point was always covered
    assert analytics.key_points[0].point == KEY_POINTS[2]
    assert "4 of 4 answers" in page and "150 words a minute" in page


def test_key_points_come_from_the_final_attempt_of_real_grades(client, staff, cohort, candidate):
    load_question_bank(read_bank())
    cohort.membership_set.create(user=candidate)
    interview = finished_interview(candidate, questions=4, spoken=False)
    report = report_for(interview)
    missed = {}
    for question in (q for q in report.questions if q.final):
        for point in question.final.grade["key_points"]:
            counts = missed.setdefault(point["point"], [0, 0])
            counts[0] += not point["covered"]
            counts[1] += 1

    _, _, analytics = analytics_page(client, staff, cohort)

    expected = {point: tuple(counts) for point, counts in missed.items() if counts[0] and counts[1] >= 2}
    assert {gap.point: (gap.missed, gap.answers) for gap in analytics.key_points} == expected
    assert analytics.latest_overall == [report.scores.overall]


def test_no_interviews_yet_says_so_instead_of_empty_charts(client, staff, cohort):
    member(cohort, "ada@example.edu")
    client.force_login(staff)

    page = client.get(f"/cohorts/{cohort.pk}/analytics/").content.decode()

    assert "No finished interviews by this cohort" in page and 'data-chart="distribution"' not in page


def test_the_results_csv_has_one_row_per_interview_of_the_cohorts_members(client, staff, cohort, other_candidate):
    ada = member(cohort, "ada@example.edu")
    interviews = [finished(ada, timezone.now() - timedelta(days=d), 50.0 + d, pace=140.0) for d in (3, 1)]
    finished(other_candidate, timezone.now(), 99.0)  # not a member
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/results.csv")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ("interview,email,name,finished,position,field,topic,difficulty,type,overall,content,delivery,presence,"
                        "accuracy,pace_wpm,fillers_per_minute,tone_stability")
    assert [line.split(",")[0] for line in lines[1:]] == [str(i.pk) for i in interviews]
    assert lines[1].split(",")[9] == "53.0" and lines[1].split(",")[14] == "140.0"
    assert statistics.mean(float(line.split(",")[9]) for line in lines[1:]) == 52.0
