import pytest


@pytest.mark.django_db
def test_admins_can_use_the_django_admin(client, admin_user, candidate):
    client.force_login(admin_user)

    for url in [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{candidate.pk}/change/",
        "/admin/accounts/cohort/",
        "/admin/accounts/cohort/add/",
        "/admin/accounts/user/add/",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_career_staff_and_candidates_cannot(client, staff, candidate):
    for user in (staff, candidate):
        client.force_login(user)
        assert client.get("/admin/accounts/user/").status_code == 302
