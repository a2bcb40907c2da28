"""A cohort's roster: each student's interview count, latest and average overall score, change
from their earlier average and last practice date match the stored interviews; scores not stored
yet are computed and kept; a fixed number of queries; removing a student asks first."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from accounts.roster import roster_rows
from accounts.services import create_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Interview
from interviewer.services import load_question_bank
from reports.models import ScoreSummary
from reports.selectors import report_for
from tests.cohort_data import finished, member
from tests.report_data import finished_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


def test_the_roster_figures_match_the_stored_interviews(client, staff, cohort):
    now = timezone.now()
    ada = member(cohort, "ada@example.edu", first_name="Ada", last_name="Lovelace")
    for days_ago, overall in ((30, 60.0), (20, 80.0), (3, 55.0)):
        finished(ada, now - timedelta(days=days_ago), overall)
    Interview.objects.create(candidate=ada, candidate_name="Ada", position="Unfinished", difficulty="easy",
                             duration_minutes=15, type="mixed", status=Interview.Status.IN_PROGRESS)
    member(cohort, "grace@example.edu")  # never practised
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/roster/")

    assert response.status_code == 200
    rows = {row.email: row for row in response.context["rows"]}
    ada_row = rows["ada@example.edu"]
    assert ada_row.interviews == 3  # the unfinished one doesn't count
    assert ada_row.latest == 55.0
    assert ada_row.average == round((60 + 80 + 55) / 3, 1)
    assert ada_row.earlier_average == pytest.approx(70.0)
    assert ada_row.trend == -15.0 and ada_row.falling
    assert ada_row.last_practice == Interview.objects.filter(candidate=ada, status="finished").latest("finished_at").finished_at
    grace = rows["grace@example.edu"]
    assert grace.interviews == 0 and grace.latest is None and grace.trend is None and grace.last_practice is None
    page = response.content.decode()
    assert f'href="/cohorts/{cohort.pk}/students/{ada.pk}/"' in page
    assert "Ada Lovelace" in page and "-15" in page and "never" in page


def test_scores_not_stored_yet_are_computed_from_real_grades_and_kept(client, staff, cohort, candidate):
    load_question_bank(read_bank())
    Membership.objects.create(user=candidate, cohort=cohort)
    interview = finished_interview(candidate, questions=2, spoken=False)
    assert not ScoreSummary.objects.exists()
    client.force_login(staff)

    [row] = client.get(f"/cohorts/{cohort.pk}/roster/").context["rows"]

    expected = report_for(interview).scores.overall
    assert expected is not None and row.latest == expected and row.average == expected and row.interviews == 1
    assert ScoreSummary.objects.get(interview=interview).scores["overall"] == expected


def test_the_student_page_lists_their_interviews_with_links_to_the_reports(client, staff, cohort):
    ada = member(cohort, "ada@example.edu")
    interviews = [finished(ada, timezone.now() - timedelta(days=d), 50.0 + d) for d in (1, 2)]
    client.force_login(staff)

    page = client.get(f"/cohorts/{cohort.pk}/students/{ada.pk}/").content.decode()

    for interview in interviews:
        assert f'href="/reports/{interview.pk}/"' in page
    assert "51/100" in page and "52/100" in page


def test_the_roster_takes_a_fixed_number_of_queries(staff, cohort):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            roster_rows(cohort.membership_set.all())
        return len(queries)

    ada = member(cohort, "ada@example.edu")
    finished(ada, timezone.now(), 70.0)
    few = count_queries()
    for i in range(5):
        student = member(cohort, f"student{i}@example.edu")
        for day in range(3):
            finished(student, timezone.now() - timedelta(days=day), 40.0 + day)

    assert count_queries() == few == 1


def test_removing_a_student_asks_first_then_takes_them_out_of_the_cohort(client, staff, cohort):
    ada = member(cohort, "ada@example.edu")
    finished(ada, timezone.now(), 70.0)
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
    finished(ada, timezone.now() - timedelta(days=2), 60.0)
    finished(ada, timezone.now(), 80.0)
    member(cohort, "=cmd@example.edu")  # a hostile address must not become a formula
    client.force_login(staff)

    response = client.get(f"/cohorts/{cohort.pk}/roster.csv")

    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("email,name,joined,finished interviews,latest overall,average overall")
    assert lines[1].startswith("'=cmd@example.edu")
    assert lines[2].startswith("ada@example.edu,,") and ",2,80.0,70.0,20.0," in lines[2]
