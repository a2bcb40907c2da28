"""Files the platform offers for download, built from rows by the apps (profiles, interviews)."""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection"); the
# candidate's own text could be hostile, so such cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8 (accents, dashes, “quotes”)
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return response


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_BYTE_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
CHUNK_BYTES = 64 * 1024


def ranged_file_response(request, file, size: int, content_type: str):
    """A file, or the part of it that a Range header asks for (a single range, RFC 9110).

    Browsers ask for parts of a video to seek in it: without them, a long recording can't be
    played from a moment near its end (clicking a transcript sentence or a review comment).
    """
    match = _BYTE_RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        response = FileResponse(file, content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:  # "bytes=-N": the last N bytes
        start, end = max(size - int(last), 0), size - 1
    if start >= size or end < start:
        file.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    file.seek(start)
    response = StreamingHttpResponse(_read(file, end - start + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _read(file, length: int):
    with file:
        while length > 0:
            chunk = file.read(min(CHUNK_BYTES, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
