import re

import pytest
from django.core import mail


@pytest.mark.django_db
def test_reset_a_forgotten_password_through_the_emailed_link(client, candidate):
    client.post("/accounts/password/reset/", {"email": candidate.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    new_password = "another long passphrase 42"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})

    assert done.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password(new_password)


@pytest.mark.django_db
def test_a_used_reset_link_says_it_is_invalid(client, candidate):
    client.post("/accounts/password/reset/", {"email": candidate.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": "pass phrase one two", "password2": "pass phrase one two"})

    again = client.get(link, follow=True)

    assert b"Bad Token" in again.content or b"invalid" in again.content
