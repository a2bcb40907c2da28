import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail


@pytest.mark.django_db
def test_change_email_takes_effect_once_the_new_address_is_verified(client, candidate):
    client.force_login(candidate)

    client.post("/accounts/email/", {"action_add": "", "email": "ada.new@example.edu"})
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    client.post(link)

    candidate.refresh_from_db()
    assert candidate.email == "ada.new@example.edu"
    assert list(EmailAddress.objects.filter(user=candidate).values_list("email", flat=True)) == ["ada.new@example.edu"]


@pytest.mark.django_db
def test_an_address_taken_by_someone_else_cannot_be_claimed(client, candidate, other_candidate):
    """allauth doesn't reveal that the address has an account (enumeration); it never moves it."""
    client.force_login(candidate)

    client.post("/accounts/email/", {"action_add": "", "email": other_candidate.email})
    links = re.findall(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body)
    for link in links:  # even if the mail reaches the attacker somehow
        client.post(link)

    candidate.refresh_from_db()
    assert candidate.email == "ada@example.edu"
    assert EmailAddress.objects.get(email=other_candidate.email, verified=True).user == other_candidate
    assert not EmailAddress.objects.filter(user=candidate, email=other_candidate.email, verified=True).exists()
