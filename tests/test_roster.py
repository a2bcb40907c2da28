"""A cohort's roster: each student's interview count, latest and average overall score, change
from their earlier average and last practice date match the stored interviews; scores not stored
yet are computed and kept; a fixed number of queries; removing a student asks first. The
interviews are answered through the real services (tests.cohort_data), and the expected figures
worked out by hand from the answers: a right answer scores 100, a wrong one 0."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from accounts.services import create_cohort
from interviewer.models import Interview
from reports.models import ScoreSummary
from reports.services import store_missing_scores
from staff.roster import roster_rows
from tests.cohort_data import finished, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


def test_the_roster_figures_match_the_stored_interviews(client, staff, cohort):
    now = timezone.now()
    ada = member(cohort, "ada@example.edu", first_name="Ada", last_name="Lovelace")
    for days_ago, right, wrong in ((30, 1, 1), (20, 3, 0), (3, 1, 2)):  # 50, 100, 33.3
        finished(ada, now - timedelta(days=days_ago), right=right, wrong=wrong)
    Interview.objects.create(
        candidate=ada,
        candidate_name="Ada",
        position="Unfinished",
        difficulty="easy",
        duration_minutes=15,
        type="mixed",
        status=Interview.Status.IN_PROGRESS,
    )
    member(cohort, "grace@example.edu")  # never practised
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/roster/")

    assert response.status_code == 200
    rows = {row.email: row for row in response.context["rows"]}
    ada_row = rows["ada@example.edu"]
    assert ada_row.interviews == 3  # the unfinished one doesn't count
    assert ada_row.latest == 33.3
    assert ada_row.average == 61.1  # (50 + 100 + 33.3) / 3
    assert ada_row.earlier_average == pytest.approx(75.0)  # (50 + 100) / 2
    assert ada_row.trend == -41.7 and ada_row.falling
    assert (
        ada_row.last_practice
        == Interview.objects.filter(candidate=ada, status="finished").latest("finished_at").finished_at
    )
    grace = rows["grace@example.edu"]
    assert grace.interviews == 0 and grace.latest is None and grace.trend is None and grace.last_practice is None
    page = response.content.decode()
    assert f'href="/cohorts/{cohort.pk}/students/{ada.pk}/"' in page
    assert "Ada Lovelace" in page and "-42" in page and "never" in page


def test_scores_are_stored_when_the_interview_finishes_from_real_grades(client, staff, cohort, candidate):
    Membership.objects.create(user=candidate, cohort=cohort)
    interview = finished(candidate, timezone.now(), right=1, wrong=1)  # 100, 0: 50

    stored = ScoreSummary.objects.get(interview=interview).scores
    assert (stored["overall"], stored["content"], stored["asked"], stored["correct"]) == (50.0, 50.0, 3, 1)
    client.force_login(staff)
    [row] = client.get(f"/cohorts/{cohort.pk}/roster/").context["rows"]
    assert row.latest == row.average == 50.0 and row.interviews == 1


def test_scores_the_finishing_did_not_store_are_stored_by_the_periodic_task_not_by_a_page(
    client, staff, cohort, candidate
):
    Membership.objects.create(user=candidate, cohort=cohort)
    interview = finished(candidate, timezone.now(), right=1, wrong=1)  # 100, 0: 50
    ScoreSummary.objects.all().delete()  # a process died between finishing and storing
    client.force_login(staff)

    [row] = client.get(f"/cohorts/{cohort.pk}/roster/").context["rows"]
    assert row.interviews == 1 and row.latest is None  # not measured yet, never 0
    assert not ScoreSummary.objects.exists()

    assert store_missing_scores() == 1 and store_missing_scores() == 0
    [row] = client.get(f"/cohorts/{cohort.pk}/roster/").context["rows"]
    assert row.latest == row.average == 50.0
    assert ScoreSummary.objects.get(interview=interview).scores["overall"] == 50.0


def test_the_student_page_lists_their_interviews_with_links_to_the_reports(client, staff, cohort):
    ada = member(cohort, "ada@example.edu")
    interviews = [
        finished(ada, timezone.now() - timedelta(days=1), right=1, wrong=1),  # 50
        finished(ada, timezone.now() - timedelta(days=2), right=3),
    ]  # 100
    client.force_login(staff)

    page = client.get(f"/cohorts/{cohort.pk}/students/{ada.pk}/").content.decode()

    for interview in interviews:
        assert f'href="/reports/{interview.pk}/"' in page
    assert "50/100" in page and "100/100" in page


def test_the_roster_takes_a_fixed_number_of_queries(staff, cohort):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            roster_rows(cohort.membership_set.all())
        return len(queries)

    ada = member(cohort, "ada@example.edu")
    finished(ada, timezone.now(), right=2, wrong=1)
    few = count_queries()
    for i in range(5):
        student = member(cohort, f"student{i}@example.edu")
        for day in range(3):
            finished(student, timezone.now() - timedelta(days=day), right=1, wrong=day)

    assert count_queries() == few == 1


def test_removing_a_student_asks_first_then_takes_them_out_of_the_cohort(client, staff, cohort):
    ada = member(cohort, "ada@example.edu")
    finished(ada, timezone.now(), right=2, wrong=1)
    client.force_login(staff)

    confirm = client.get(f"/cohorts/{cohort.pk}/students/{ada.pk}/remove/")
    assert confirm.status_code == 200 and "Remove ada@example.edu" in confirm.content.decode()
    assert Membership.objects.filter(user=ada, cohort=cohort).exists()  # looking doesn't remove

    response = client.post(f"/cohorts/{cohort.pk}/students/{ada.pk}/remove/", follow=True)

    assert response.redirect_chain[-1][0] == f"/cohorts/{cohort.pk}/roster/"
    assert "is no longer in" in response.content.decode()
    assert not Membership.objects.filter(user=ada, cohort=cohort).exists()
    assert Interview.objects.filter(candidate=ada).count() == 1  # their interviews stay theirs
    assert client.get(f"/cohorts/{cohort.pk}/students/{ada.pk}/").status_code == 404


def test_the_roster_csv_has_one_row_per_student_with_the_same_figures(client, staff, cohort):
    ada = member(cohort, "ada@example.edu")
    finished(ada, timezone.now() - timedelta(days=2), right=1, wrong=1)  # 50
    finished(ada, timezone.now(), right=3)  # 100
    member(cohort, "=cmd@example.edu")  # a hostile address must not become a formula
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/roster.csv")

    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("email,name,joined,finished interviews,latest overall,average overall")
    assert lines[1].startswith("'=cmd@example.edu")
    assert lines[2].startswith("ada@example.edu,,") and ",2,100.0,75.0,50.0," in lines[2]  # latest, average, change
