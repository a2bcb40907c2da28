"""Middleware of the whole site: input made storable before any view sees it, and the
browser's security headers on every response."""

from django.http import QueryDict

from config.text import clean_text

# Scripts only from this site's static files (no inline script: every page's JS is in static/js);
# styles may be inline (Plotly writes its own); recordings and spoken questions play from blob:
# URLs; the interview socket is this site's.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The interview room needs the camera and microphone, for this site only; nothing else does.
PERMISSIONS_POLICY = "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), display-capture=()"


def _cleaned(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


def clean_input(get_response):
    """NUL characters and lone surrogates out of the path, the query and every posted form field
    (config.text): a form, a URL's code or a profile list then never takes them to the database,
    where PostgreSQL refuses them with an error."""

    def middleware(request):
        request.path_info = clean_text(request.path_info)
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _cleaned(request.POST)
        return get_response(request)

    return middleware


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
