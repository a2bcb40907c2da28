"""Error pages in the site's own layout, and a request id that ties a server error's page to
its log line: the 500 page shows the id, the log line ends with it, and every response carries
it in X-Request-ID."""

import logging
import uuid

from django.http import HttpResponseServerError
from django.shortcuts import render

log = logging.getLogger(__name__)


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


class RequestIdMiddleware:
    """Gives each request an id of its own (never one sent by the client, which could point the
    log at someone else's request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Ends Django's log line of a failed request ("Internal Server Error: /progress/") with the
    request's id, so that the id a user quotes finds the traceback. A record is marked once it
    has its id: logging.config.dictConfig adds a logger's filters again each time it runs (Django's
    setup and Celery's both run it), and the id must not be added twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = getattr(getattr(record, "request", None), "request_id", None)
        if request_id and isinstance(record.args, tuple) and not getattr(record, "has_request_id", False):
            record.msg = f"{record.msg} (request %s)"
            record.args = (*record.args, request_id)
            record.has_request_id = True
        return True


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """The 500 page in the site's layout, with the request's id. If the layout itself can't be
    drawn (its menu reads the user from a database that may be the very thing that failed), a
    bare page still gives the id."""
    request_id = getattr(request, "request_id", None) or new_request_id()
    try:
        return render(request, "500.html", {"request_id": request_id}, status=500)
    except Exception:
        log.exception("The error page could not be drawn in the site's layout (request %s)", request_id)
        return HttpResponseServerError(
            "<!doctype html><title>Server error</title><h1>Something went wrong on our side</h1>"
            f'<p>Nothing you entered was lost. Reference: <code>{request_id}</code>.</p><p><a href="/">Home</a></p>'
        )
