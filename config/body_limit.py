"""A cap on request bodies, checked before anything reads them: Django's ASGI handler would
otherwise take the whole body (100 MB sent to the login page, say) before any view or form limit
applies. The proxy in front should refuse such bodies first (README: "Behind a proxy")."""

from django.conf import settings

TOO_LARGE = "This request is too large for this site: uploads (résumés) may be at most 5 MB.".encode()


class RequestTooLarge(Exception):
    pass


def limit_request_body(app):
    """Wraps the HTTP application: a declared Content-Length over MAX_REQUEST_BYTES is refused
    with 413 at once; a body sent without one (chunked) is counted as it arrives and cut off."""

    async def limited(scope, receive, send):
        limit = settings.MAX_REQUEST_BYTES
        length = dict(scope.get("headers", ())).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > limit:
            await _refuse(send)
            return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise RequestTooLarge()
            return message

        try:
            await app(scope, counted_receive, send)
        except RequestTooLarge:
            await _refuse(send)

    return limited


async def _refuse(send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE})
