"""Text out of an uploaded résumé: PDF through pdfplumber, DOCX through docx2txt.

Uploads are untrusted. The type comes from the content (magic bytes), never from the name;
sizes and page counts are checked before any parsing, and a DOCX is a zip whose declared
uncompressed sizes are checked before anything is inflated (a zip bomb never gets unpacked).
Every refusal is an `UnreadableResume` whose message is shown to the candidate as it is.
"""
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024
MAX_PAGES = 10
# A real résumé's DOCX inflates to well under a few MB; its XML compresses about 5–10 times.
MAX_DOCX_UNCOMPRESSED = 25 * 1024 * 1024
MAX_DOCX_RATIO = 100
MAX_DOCX_MEMBERS = 1000
# Fewer characters than this per page means there is no text layer (a scan or a photo).
MIN_CHARS_PER_PAGE = 40
PASTE_OFFER = "You can paste the text of your résumé instead."

# Progress is reported as a fraction 0–1 of the extraction done.
Progress = Callable[[float], None]


class UnreadableResume(Exception):
    """A file we can't turn into text. The message says why and what to do, for the candidate;
    `reason` says which check refused it (one of REASONS)."""

    REASONS = ("wrong_type", "too_large", "too_many_pages", "encrypted", "no_text", "corrupt", "zip_bomb")

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    kind: str  # "pdf" or "docx"
    text: str
    pages: int  # 0 for DOCX, which has no fixed pages


# Types people upload by mistake, named so the message can say what the file really is.
_OTHER_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) file"),
    (b"{\\rtf", "a rich-text (.rtf) file"),
)


def sniff(head: bytes) -> str:
    """The kind of document ("pdf" or "docx") from a file's first bytes, or UnreadableResume saying
    what it looks like. A zip counts as a DOCX only once word/document.xml is found in it."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if not head.strip():
        raise UnreadableResume("wrong_type", "The file is empty. Upload your résumé as a PDF or Word (.docx) file.")
    what = next((name for magic, name in _OTHER_TYPES if head.startswith(magic)), None)
    looks_like = f"This file is {what}, not" if what else "This file is not"
    raise UnreadableResume("wrong_type", f"{looks_like} a PDF or Word (.docx) document, whatever its name says. "
                     f"Save your résumé as PDF or .docx and upload that. {PASTE_OFFER}")


def too_large_message(size: int) -> str:
    return (f"The file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB. Save it again "
            f"without large images and upload that. {PASTE_OFFER}")


def extract_text(data: bytes, progress: Progress | None = None) -> Extracted:
    if len(data) > MAX_BYTES:
        raise UnreadableResume("too_large", too_large_message(len(data)))
    kind = sniff(data[:2048])
    progress = progress or (lambda fraction: None)
    extracted = _pdf_text(data, progress) if kind == "pdf" else _docx_text(data)
    progress(1.0)
    return extracted


def _pdf_text(data: bytes, progress: Progress) -> Extracted:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds of errors on a damaged file
        cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableResume("encrypted", "This PDF is protected by a password, so its text can't be read. Save a "
                                   "copy without a password (in your PDF viewer: Print → Save as PDF) and upload that. "
                                   f"{PASTE_OFFER}") from error
        raise _corrupt("PDF") from error
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as error:
            raise _corrupt("PDF") from error
        if page_count > MAX_PAGES:
            raise UnreadableResume("too_many_pages", f"This PDF has {page_count} pages; a résumé can have at most {MAX_PAGES}. "
                               "Upload the résumé on its own (one or two pages is usual).")
        texts = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                texts.append(page_text(page))
            except Exception as error:
                raise _corrupt("PDF") from error
            progress(number / page_count)
    text = "\n".join(texts).strip()
    if len(text) < MIN_CHARS_PER_PAGE * page_count:
        raise UnreadableResume("no_text", "This PDF has no text we can read: it looks like a scan or a photo of a page, and this "
                          f"server doesn't do OCR (reading text from images). {PASTE_OFFER}")
    return Extracted("pdf", text, page_count)


def _corrupt(kind: str) -> UnreadableResume:
    return UnreadableResume("corrupt", f"This {kind} file is damaged and can't be opened. Open it on your computer, save it again "
                       f"and upload the new copy. {PASTE_OFFER}")


# --- Pages in two columns -----------------------------------------------------------------------
# A sidebar résumé read line by line across the page mixes the two columns into nonsense.
# The gutter is the widest band of the page's middle that no word crosses below the header;
# each column is then read on its own, the header (name, contact line) first.
GUTTER_SEARCH = (0.2, 0.8)  # where on the page's width a gutter may be
MIN_GUTTER_WIDTH = 12  # points; the space between two words is about 3
MIN_COLUMN_SHARE = 0.05  # each column holds at least this share of the words (a short sidebar)
HEADER_SHARE = 0.25  # words crossing the gutter are allowed only in this top part


def page_text(page) -> str:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    gutter = find_gutter(words, page.width, page.height)
    if gutter is None:
        return page.extract_text() or ""
    x, column_top = gutter
    parts = [
        page.within_bbox((0, 0, page.width, column_top)),
        page.within_bbox((0, column_top, x, page.height)),
        page.within_bbox((x, column_top, page.width, page.height)),
    ]
    return "\n".join(filter(None, (part.extract_text() for part in parts)))


def find_gutter(words: list[dict], width: float, height: float) -> tuple[float, float] | None:
    """(x of the gutter's middle, y where the columns start), or None for a one-column page."""
    if len(words) < 20:
        return None
    header = [w for w in words if w["bottom"] <= height * HEADER_SHARE]
    best = None
    for x_from, x_to in _empty_bands(words, width):
        crossing = [w for w in header if w["x0"] < x_to and w["x1"] > x_from]
        column_top = max((w["bottom"] for w in crossing), default=0) + 0.5
        body = [w for w in words if w["top"] >= column_top]
        if any(w["x0"] < x_to and w["x1"] > x_from for w in body):
            continue
        left = sum(w["x1"] <= x_from for w in body)
        if min(left, len(body) - left) < MIN_COLUMN_SHARE * len(body):
            continue
        if best is None or x_to - x_from > best[1] - best[0]:
            best = (x_from, x_to, column_top)
    if best is None:
        return None
    return (best[0] + best[1]) / 2, best[2]


def _empty_bands(words: list[dict], width: float) -> list[tuple[float, float]]:
    """Bands of the middle of the page that no word below the header covers, at least
    MIN_GUTTER_WIDTH wide. Header words are ignored here and checked by the caller."""
    lo, hi = (int(width * share) for share in GUTTER_SEARCH)
    covered = bytearray(hi - lo)
    body = sorted(words, key=lambda w: w["top"])
    body = body[len(body) // 10:]  # the top tenth may hold a full-width header
    for w in body:
        for x in range(max(lo, int(w["x0"])), min(hi, int(w["x1"]) + 1)):
            covered[x - lo] = 1
    bands, start = [], None
    for offset, is_covered in enumerate(bytes(covered) + b"\x01"):
        if not is_covered and start is None:
            start = offset
        elif is_covered and start is not None:
            if offset - start >= MIN_GUTTER_WIDTH:
                bands.append((lo + start, lo + offset))
            start = None
    return bands


# --- Word documents -----------------------------------------------------------------------------

def _docx_text(data: bytes) -> Extracted:
    import docx2txt

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _corrupt("Word") from error
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise UnreadableResume("wrong_type", "This file is a zip archive but not a Word (.docx) document. Save your résumé as PDF or "
                         f".docx and upload that. {PASTE_OFFER}")
    _refuse_bombs(members, len(data))
    try:
        text = docx2txt.process(io.BytesIO(data))
    except Exception as error:  # a damaged XML part or a member that doesn't inflate
        raise _corrupt("Word") from error
    text = "\n".join(line.rstrip() for line in text.replace("\r", "").split("\n"))
    text = _squeeze_blank_lines(text).strip()
    if not text:
        raise UnreadableResume("no_text", f"This Word document has no text in it (only images or empty pages). {PASTE_OFFER}")
    return Extracted("docx", text, 0)


def _refuse_bombs(members: list[zipfile.ZipInfo], compressed_size: int) -> None:
    """Checks what the archive says it would inflate to, before inflating anything. A member
    that lies about its size can't get past this either: zipfile never inflates more than the
    declared size (and then fails its CRC check, which is a damaged file)."""
    total = sum(m.file_size for m in members)
    if len(members) > MAX_DOCX_MEMBERS or total > MAX_DOCX_UNCOMPRESSED or total > MAX_DOCX_RATIO * max(compressed_size, 1):
        raise UnreadableResume(
            "zip_bomb",
            f"This Word file would expand to {total / 1024 / 1024:.0f} MB when opened, far more than any résumé; "
            f"it was not opened. Save your résumé again as PDF or .docx and upload that. {PASTE_OFFER}"
        )


def _squeeze_blank_lines(text: str) -> str:
    """docx2txt separates paragraphs by blank lines; one line per paragraph is what the
    profile parser expects."""
    return "\n".join(line for line in text.split("\n") if line.strip())
