from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Cohort, Membership
from accounts.services import create_cohort, join_cohort


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


@pytest.mark.django_db
def test_staff_create_a_cohort_and_get_an_invite_link_and_code(client, staff):
    client.force_login(staff)

    response = client.post("/cohorts/new/", {"name": "BSc Nursing", "description": "Year 3"})

    cohort = Cohort.objects.get(name="BSc Nursing")
    assert response.url == f"/cohorts/{cohort.pk}/"
    page = client.get(response.url)
    assert cohort.invite_code.encode() in page.content
    assert f"http://testserver/join/{cohort.invite_code}/".encode() in page.content
    assert list(cohort.staff.all()) == [staff]


@pytest.mark.django_db
def test_a_cohort_needs_a_name(client, staff):
    client.force_login(staff)

    response = client.post("/cohorts/new/", {"name": "  "})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Cohort.objects.exists()


@pytest.mark.django_db
def test_a_candidate_joins_by_following_the_invite_link(client, candidate, cohort):
    client.force_login(candidate)

    page = client.get(f"/join/{cohort.invite_code}/")
    assert b"MSc Data Science 2027" in page.content
    assert not Membership.objects.exists()  # looking at the link doesn't join

    client.post(f"/join/{cohort.invite_code}/")
    assert list(candidate.cohorts.all()) == [cohort]


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_with_spaces_still_joins(client, candidate, cohort):
    client.force_login(candidate)
    typed = " " + cohort.invite_code[:4].lower() + " " + cohort.invite_code[4:].lower()

    response = client.post("/cohorts/join/", {"code": typed}, follow=True)

    assert list(candidate.cohorts.all()) == [cohort]
    assert "You joined" in response.content.decode()


@pytest.mark.django_db
def test_a_candidate_can_be_in_several_cohorts_and_leave_one(client, candidate, staff, cohort):
    second = create_cohort(staff_member=staff, name="Careers fair prep")
    join_cohort(user=candidate, code=cohort.invite_code)
    join_cohort(user=candidate, code=second.invite_code)
    client.force_login(candidate)

    client.post(f"/cohorts/{cohort.pk}/leave/")

    assert list(candidate.cohorts.all()) == [second]


@pytest.mark.django_db
def test_joining_twice_says_so_and_keeps_one_membership(client, candidate, cohort):
    client.force_login(candidate)
    client.post(f"/join/{cohort.invite_code}/")

    response = client.post(f"/join/{cohort.invite_code}/", follow=True)

    assert "You are already in" in response.content.decode()
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_code_is_explained_next_to_the_field(client, candidate, cohort):
    client.force_login(candidate)

    response = client.post("/cohorts/join/", {"code": "NOPE1234"})

    assert response.status_code == 400
    assert "doesn't match any cohort" in response.context["join_form"].errors["code"][0]
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_an_unknown_invite_link_is_explained(client, candidate):
    client.force_login(candidate)
    response = client.get("/join/ZZZZZZZZ/")

    assert response.status_code == 404
    assert "doesn&#x27;t match any cohort" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_invite_is_explained_and_does_not_join(client, candidate, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(invite_expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(candidate)

    link = client.post(f"/join/{cohort.invite_code}/")
    code = client.post("/cohorts/join/", {"code": cohort.invite_code})

    assert link.status_code == 404 and "has expired" in link.content.decode()
    assert code.status_code == 400 and "has expired" in code.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_renewed_invite_retires_the_old_code(client, staff, candidate, cohort):
    old_code = cohort.invite_code
    client.force_login(staff)
    client.post(f"/cohorts/{cohort.pk}/renew-invite/")
    cohort.refresh_from_db()
    assert cohort.invite_code != old_code

    client.force_login(candidate)
    assert client.post(f"/join/{old_code}/").status_code == 404
    client.post(f"/join/{cohort.invite_code}/")
    assert list(candidate.cohorts.all()) == [cohort]


@pytest.mark.django_db
def test_the_roster_lists_members(client, staff, candidate, cohort):
    join_cohort(user=candidate, code=cohort.invite_code)
    client.force_login(staff)

    assert candidate.email in client.get(f"/cohorts/{cohort.pk}/").content.decode()


@pytest.mark.django_db
def test_staff_only_pages_refuse_candidates(client, candidate, cohort):
    client.force_login(candidate)

    assert client.get("/cohorts/new/").status_code == 403
    assert client.post("/cohorts/new/", {"name": "Mine"}).status_code == 403
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 403
    assert client.post(f"/cohorts/{cohort.pk}/renew-invite/").status_code == 403
    assert client.get("/status/").status_code == 403
    assert not Cohort.objects.filter(name="Mine").exists()


@pytest.mark.django_db
def test_staff_cannot_open_another_staff_members_cohort(client, cohort):
    from tests.conftest import make_user

    other_staff = make_user("other@example.edu", role="staff")
    client.force_login(other_staff)

    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 404
    assert client.post(f"/cohorts/{cohort.pk}/renew-invite/").status_code == 404
    assert client.get("/status/").status_code == 403


@pytest.mark.django_db
def test_admins_see_every_cohort(client, admin_user, cohort):
    client.force_login(admin_user)

    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 200
