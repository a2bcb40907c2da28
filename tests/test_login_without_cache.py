"""Logging in while Redis (the cache that holds the login rate limits) is down: it works, and
the limits resume when Redis is back."""

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.django_db


def test_logging_in_works_while_the_cache_is_unreachable(client, candidate, settings):
    nobody_listening = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailOpenRedisCache", "LOCATION": nobody_listening}}

    refused = client.post("/accounts/login/", {"login": candidate.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": candidate.email, "password": "correct horse battery"})

    assert refused.status_code == 200 and "not correct" in refused.content.decode()
    assert response.status_code == 302
    assert client.get("/").context["user"] == candidate
