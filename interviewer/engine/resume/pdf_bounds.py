"""A bound on what a PDF may unpack before pdfplumber reads it. A PDF of a few kilobytes can
hold one compressed page that unpacks to millions of characters, and pdfplumber builds an object
for each (a 3.9 KB file took 82 s and 5 GB). Each page's content streams are unpacked here with
zlib's output capped and their text characters counted, so a page past either bound is refused
in milliseconds and in bounded memory.
"""

import io
import itertools
import re
import zlib

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import LIT

# Content of one page, unpacked, and the characters of text it shows. The public résumés in
# tests/data/resumes use at most about 63 KB and 20,000 characters a page (hex strings of two-byte
# glyphs counted as two each; measured by tests/test_pdf_bounds.py);
# pdfplumber needs seconds per ten thousand characters on one page, and more than linearly.
MAX_PAGE_CONTENT_BYTES = 1024 * 1024
MAX_PAGE_CHARACTERS = 50_000
# The text a content stream shows: (literal) strings, escapes included, and <hex> strings.
_LITERAL = re.compile(rb"\((?:\\.|[^\\)])*\)", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_FLATE = (LIT("FlateDecode"), LIT("Fl"))


class PdfTooDense(ValueError):
    """The candidate-facing reason a PDF is refused."""


def check_pages(
    data: bytes, max_pages: int, max_bytes: int = MAX_PAGE_CONTENT_BYTES, max_characters: int = MAX_PAGE_CHARACTERS
) -> list[tuple[int, int]]:
    """(unpacked bytes, characters of text) of each page's content, up to `max_pages` pages;
    PdfTooDense as soon as a page is past either bound. Streams are unpacked only as far as
    `max_bytes`."""
    pages = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        numbered = list(itertools.islice(enumerate(PDFPage.create_pages(document), start=1), max_pages + 1))
    except (PDFException, PSException, ValueError, KeyError, TypeError):
        return pages  # damaged or encrypted: the extraction says so, as for any such file
    for number, page in numbered:
        if number > max_pages:
            break
        content = b""
        for stream in _content_streams(page):
            content += _unpacked(stream, max_bytes - len(content) + 1)
            if len(content) > max_bytes:
                raise PdfTooDense(
                    _too_dense(number, f"more than {max_bytes // 1024} KB of text and drawing instructions")
                )
        characters = sum(len(found) - 2 for found in _LITERAL.findall(content))
        characters += sum(len(re.sub(rb"\s", b"", found)) // 2 for found in _HEX.findall(content))
        if characters > max_characters:
            raise PdfTooDense(_too_dense(number, f"about {characters:,} characters of text"))
        pages.append((len(content), characters))
    return pages


def _too_dense(number: int, what: str) -> str:
    return (
        f"Page {number} of this PDF holds {what}, far more than a résumé page, so it was not read. "
        "Save the résumé again as a PDF from your editor, or paste its text."
    )


def _content_streams(page: PDFPage) -> list[PDFStream]:
    contents = page.contents if isinstance(page.contents, list) else [page.contents]
    return [stream for stream in map(resolve1, contents) if isinstance(stream, PDFStream)]


def _unpacked(stream: PDFStream, at_most: int) -> bytes:
    filters = stream.get_filters()
    raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
    if filters and [f for f, _ in filters] in ([name] for name in _FLATE):
        try:
            return zlib.decompressobj().decompress(raw, at_most)
        except zlib.error:
            return b""  # damaged: pdfplumber reports it as it does for any damaged file
    if not filters:
        return raw[:at_most]
    return stream.get_data()[:at_most]  # other filters (rare in résumés): pdfminer's decoders
