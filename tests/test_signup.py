import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User

PASSWORD = "a long and unusual passphrase"


def sign_up(client, email="new@example.edu", password=PASSWORD, password2=None):
    return client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password2 or password})


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_sign_up_creates_a_candidate_and_sends_a_verification_email(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="new@example.edu")
    assert user.role == User.Role.CANDIDATE
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.edu"]


@pytest.mark.django_db
def test_following_the_verification_link_verifies_the_address(client):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert b"new@example.edu" in page.content
    client.post(link)

    assert EmailAddress.objects.get(email="new@example.edu").verified


@pytest.mark.django_db
def test_embedded_mode_lets_an_unverified_user_in(client):
    response = sign_up(client)

    assert response.url == "/"
    assert client.get("/").context["user"].email == "new@example.edu"


@pytest.mark.django_db
def test_mandatory_verification_keeps_an_unverified_user_out(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    response = sign_up(client)

    assert response.url == "/accounts/confirm-email/"
    assert not client.get("/").context["user"].is_authenticated
    login = client.post("/accounts/login/", {"login": "new@example.edu", "password": PASSWORD})
    assert login.url == "/accounts/confirm-email/"


@pytest.mark.django_db
def test_a_duplicate_email_is_refused_next_to_the_field(client, candidate):
    response = sign_up(client, email=candidate.email)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert b"A user is already registered with this email address." in response.content
    assert User.objects.filter(email=candidate.email).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, password, password2, field",
    [
        ("not-an-email", PASSWORD, None, "email"),
        ("", PASSWORD, None, "email"),
        ("x@example.edu", "123", None, "password1"),
        ("x@example.edu", PASSWORD, "something else entirely", "password2"),
    ],
)
def test_bad_sign_up_input_shows_field_errors(client, email, password, password2, field):
    response = sign_up(client, email=email, password=password, password2=password2)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert b'aria-invalid="true"' in response.content
    assert not User.objects.exists()
