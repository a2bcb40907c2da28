import pytest

from tests.conftest import make_user


@pytest.mark.django_db
def test_log_in_and_out(client, candidate):
    response = client.post("/accounts/login/", {"login": candidate.email, "password": "correct horse battery"})
    assert response.url == "/"
    assert client.get("/").context["user"] == candidate

    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_career_staff_land_on_their_dashboard_unless_a_page_was_asked_for(client, staff):
    response = client.post("/accounts/login/", {"login": staff.email, "password": "correct horse battery"})
    assert response.url == "/staff/"

    client.post("/accounts/logout/")
    response = client.post(
        "/accounts/login/?next=/cohorts/", {"login": staff.email, "password": "correct horse battery"}
    )
    assert response.url == "/cohorts/"


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(client, candidate):
    response = client.post("/accounts/login/", {"login": candidate.email, "password": "wrong"})

    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    make_user("target@example.edu")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "target@example.edu", "password": "guess"})

    response = client.post("/accounts/login/", {"login": "target@example.edu", "password": "correct horse battery"})

    assert b"Too many failed login attempts" in response.content
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_pages_that_need_an_account_send_visitors_to_log_in(client):
    for url in ["/cohorts/", "/account/delete/", "/accounts/email/", "/status/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
