"""The site's URLs plus one view that fails, for the error-page tests (pytest.mark.urls)."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import handler400, handler500
from config.urls import urlpatterns as site_urls


def fails(request):
    raise RuntimeError("a bug nobody has found yet")


def suspicious(request):
    raise SuspiciousOperation("a request no browser sends")


urlpatterns = [*site_urls, path("test-fails/", fails), path("test-suspicious/", suspicious)]
__all__ = ["handler400", "handler500", "urlpatterns"]
