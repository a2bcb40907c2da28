"""Files the platform offers for download, built from rows by the apps (profiles, interviews)."""
import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

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
