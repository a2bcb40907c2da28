"""The per-cohort leaderboard: off by default; when staff turn it on, members see it on their
Cohorts page, listing only the members who opted in (display name, best overall score, finished
interviews), best first; students never see anything else of the others."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from accounts.services import create_cohort
from tests.cohort_data import finished, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


@pytest.fixture
def students(cohort, candidate):
    """ada (the candidate fixture), grace and alan, with finished interviews: (right, wrong)
    answers of three questions each, and the overall scores they make."""
    Membership.objects.create(user=candidate, cohort=cohort)
    grace = member(cohort, "hopper@example.edu", first_name="Grace")
    alan = member(cohort, "alan.turing@example.org")
    now = timezone.now()
    answers = {
        candidate: ((2, 1), (1, 1)),  # 66.7, 50: best 66.7
        grace: ((1, 2), (3, 0), (2, 1)),  # 33.3, 100, 66.7: best 100
        alan: ((1, 2),),  # 33.3
    }
    for student, interviews in answers.items():
        for days_ago, (right, wrong) in enumerate(interviews, start=1):
            finished(student, now - timedelta(days=days_ago), right=right, wrong=wrong)
    return candidate, grace, alan


def cohorts_page(client, user) -> str:
    client.force_login(user)
    return client.get("/cohorts/").content.decode()


def test_the_leaderboard_is_off_by_default_and_members_see_nothing(client, cohort, students):
    ada, grace, _ = students
    Membership.objects.filter(user=grace).update(on_leaderboard=True)

    page = cohorts_page(client, ada)

    assert not cohort.leaderboard_enabled
    assert "Leaderboard" not in page and "Grace" not in page


def test_staff_turn_it_on_and_it_lists_only_members_who_opted_in_best_first(client, staff, cohort, students):
    ada, grace, alan = students
    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/", {"enabled": "on"})
    client.force_login(grace)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/me/", {"on_leaderboard": "on"})
    client.force_login(ada)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/me/", {"on_leaderboard": "on"})

    page = cohorts_page(client, alan)  # alan hasn't opted in: he sees the others, not himself

    assert "Leaderboard" in page and "Show me on this leaderboard" in page
    board = page.split('class="leaderboard-table"')[1].split("</table>")[0]
    assert board.index("Grace") < board.index("ada") and "alan" not in board
    assert "100/100" in board and "67/100" in board and "33/100" not in board
    assert "<td>3</td>" in board and "<td>2</td>" in board  # interviews finished
    assert "hopper@example.edu" not in page and "ada@example.edu" not in page  # names only


def test_a_member_can_opt_out_again(client, staff, cohort, students):
    ada, _, _ = students
    cohort.leaderboard_enabled = True
    cohort.save()
    client.force_login(ada)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/me/", {"on_leaderboard": "on"})
    assert Membership.objects.get(user=ada).on_leaderboard

    client.post(f"/cohorts/{cohort.pk}/leaderboard/me/", {})

    assert not Membership.objects.get(user=ada).on_leaderboard
    assert "Nobody has opted in yet." in cohorts_page(client, ada)


def test_turning_it_off_hides_it_from_members(client, staff, cohort, students):
    ada, _, _ = students
    Membership.objects.filter(cohort=cohort).update(on_leaderboard=True)
    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/", {"enabled": "on"})
    assert "Grace" in cohorts_page(client, ada)

    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/leaderboard/", {})

    assert "Grace" not in cohorts_page(client, ada)


def test_only_members_can_opt_in(client, cohort, students, other_candidate):
    client.force_login(other_candidate)

    assert client.post(f"/cohorts/{cohort.pk}/leaderboard/me/", {"on_leaderboard": "on"}).status_code == 404
    assert not Membership.objects.filter(user=other_candidate).exists()
