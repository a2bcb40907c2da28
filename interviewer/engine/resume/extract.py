"""Text out of an uploaded résumé: PDF through pdfplumber, DOCX from its XML.

Uploads are untrusted. The type comes from the content (magic bytes), never from the name;
sizes and page counts are checked before any parsing, and a DOCX is a zip whose declared
uncompressed sizes are checked before anything is inflated (a zip bomb never gets unpacked).
Every refusal is an `UnreadableResume` whose message is shown to the candidate as it is.
"""

import io
import itertools
import re
import statistics
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
    links: tuple[str, ...] = ()  # targets of the document's link annotations, in reading order
    headings: frozenset[str] = frozenset()  # lines whose typography (size, style) marks them as headings


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
    raise UnreadableResume(
        "wrong_type",
        f"{looks_like} a PDF or Word (.docx) document, whatever its name says. "
        f"Save your résumé as PDF or .docx and upload that. {PASTE_OFFER}",
    )


def too_large_message(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB. Save it again "
        f"without large images and upload that. {PASTE_OFFER}"
    )


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
            raise UnreadableResume(
                "encrypted",
                "This PDF is protected by a password, so its text can't be read. Save a "
                "copy without a password (in your PDF viewer: Print → Save as PDF) and upload that. "
                f"{PASTE_OFFER}",
            ) from error
        raise _corrupt("PDF") from error
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as error:
            raise _corrupt("PDF") from error
        if page_count > MAX_PAGES:
            raise UnreadableResume(
                "too_many_pages",
                f"This PDF has {page_count} pages; a résumé can have at most {MAX_PAGES}. "
                "Upload the résumé on its own (one or two pages is usual).",
            )
        pages, links = [], []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(read_page(page))
                links += _page_links(page)
            except Exception as error:
                raise _corrupt("PDF") from error
            progress(number / page_count)
    lines = drop_running_lines(pages)
    text = "\n".join(line.text for line in lines).strip()
    if len(text) < MIN_CHARS_PER_PAGE * page_count:
        raise UnreadableResume(
            "no_text",
            "This PDF has no text we can read: it looks like a scan or a photo of a page, and this "
            f"server doesn't do OCR (reading text from images). {PASTE_OFFER}",
        )
    headings = frozenset(line.text for line in lines if line.heading)
    return Extracted("pdf", text, page_count, tuple(dict.fromkeys(links)), headings)


def _corrupt(kind: str) -> UnreadableResume:
    return UnreadableResume(
        "corrupt",
        f"This {kind} file is damaged and can't be opened. Open it on your computer, save it again "
        f"and upload the new copy. {PASTE_OFFER}",
    )


# --- Lines of a page ----------------------------------------------------------------------------
# Words are read from the characters with a gap tolerance that is a share of the characters' own
# size: tightly set LaTeX puts words about a fifth of an em apart, so a fixed 3-point tolerance
# glues whole lines together. If a page still reads as long glued runs (the mean word is longer
# than any language's), it is read again with a tighter share.
WORD_GAP_SHARES = (0.12, 0.08)
MAX_MEAN_WORD_LENGTH = 8.0
COLUMN_GAP = 1.5  # ems; a wider gap inside a line separates a column (a date on the right): a tab
ROWS_OPEN = 3  # lines a word may still join: a block set beside a large name runs at its own pitch
HEADING_SIZE = 1.15  # times the body text's size; a short line all in bold is a heading too
RUNNING_MARGIN = 0.08  # share of the page height at its top and bottom where running heads sit
# Icon fonts draw the envelope, phone and calendar beside contact details and dates; their
# "letters" are no text. Glyphs without a character (shown as "(cid:105)", or mapped to the
# private-use area or to U+FFFF) neither.
_ICON_FONT = re.compile(
    r"awesome|simpleicons|marvosym|academicons|ionicons|octicons|fontello|materialicons|"
    r"materialsymbols|icomoon",
    re.IGNORECASE,
)
_UNMAPPED_GLYPH = re.compile(r"(?:\(cid:\d+\)|[\ue000-\uf8ff\ufffd-\uffff])+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_RUNNING_LINE = re.compile(
    r"\bpage \d+|\b\d+ ?(?:/|of) ?\d+$|last updated|^\d+$|©|\(c\) ?\d{4}|\bcopyright\b|"
    r"all rights reserved",
    re.IGNORECASE,
)
# A running line with the candidate's contact details (a footer with the address and phone)
# is kept once, at the top, where the contact details are looked for.
_CONTACT = re.compile(r"@|\+?\d[\d ().-]{7,}\d")


@dataclass(frozen=True)
class Line:
    text: str
    top: float  # share of the page height
    heading: bool = False


def read_page(page) -> list[Line]:
    """The page's lines in reading order: a two-column page one column after the other, a page
    with labels in its left margin (dates, section names) row by row, the label a cell of its row."""
    words = _words(page)
    if not words:
        return []
    body_size = statistics.median(w["size"] for w in words)
    gutter = find_gutter(words, page.width, page.height, body_size)
    if gutter is None:
        return _lines(words, body_size, page.height)
    if gutter.labels:
        return _lines(words, body_size, page.height, tab_at=gutter.x)
    columns = [w for w in words if gutter.top <= w["top"] < gutter.bottom]
    groups = [
        [w for w in words if w["top"] < gutter.top],
        [w for w in columns if w["x1"] <= gutter.x],
        [w for w in columns if w["x0"] >= gutter.x],
        [w for w in words if w["top"] >= gutter.bottom],
    ]
    return [line for group in groups for line in _lines(group, body_size, page.height)]


def _words(page) -> list[dict]:
    page = page.filter(lambda obj: obj.get("object_type") != "char" or not _ICON_FONT.search(obj.get("fontname", "")))
    for share in WORD_GAP_SHARES:
        words = page.extract_words(
            x_tolerance_ratio=share, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
        )
        words = [w for w in words if not _UNMAPPED_GLYPH.fullmatch(w["text"])]
        letters = [len(w["text"]) for w in words if w["text"].isalpha()]
        if not letters or statistics.mean(letters) <= MAX_MEAN_WORD_LENGTH:
            break
    return words


def _lines(words: list[dict], body_size: float, page_height: float, tab_at: float | None = None) -> list[Line]:
    rows = [_cells(row, tab_at) for row in _rows(words)]
    _rejoin_wrapped_dates(rows)
    lines = []
    for cells in filter(None, rows):
        row = [w for cell in cells for w in cell.words]
        text = "\t".join(cell.text for cell in cells)
        size = max(w["size"] for w in row)
        bold = all(_BOLD.search(w["fontname"]) for w in row)
        lines.append(
            Line(
                text,
                min(w["top"] for w in row) / page_height,
                heading=(size >= HEADING_SIZE * body_size or bold)
                and len(row) <= 6
                and not any(ch.isdigit() for ch in text),
            )
        )
    return lines


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words on one line: each one's middle within the height of the line's first word and that
    word's middle within its height (a superscript and its line share their middles). Lines of
    small text set beside a large name are within its height, but most are not around its middle:
    they are lines of their own."""

    def middle(word: dict) -> float:
        return (word["top"] + word["bottom"]) / 2

    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        row = next(
            (
                row
                for row in reversed(rows[-ROWS_OPEN:])
                if row[0]["top"] <= middle(word) <= row[0]["bottom"] and word["top"] <= middle(row[0]) <= word["bottom"]
            ),
            None,
        )
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    rows.sort(key=lambda row: min(w["top"] for w in row))
    return rows


# Whole words on both sides of a change of font; a letter from a fallback font ("Bo", "ğ", "aziçi") is not.
_WORD_END = re.compile(r"[A-Za-z]{3}$")
_WORD_START = re.compile(r"[A-Za-z]{3}")


@dataclass
class _Cell:
    words: list[dict]
    text: str


def _cells(row: list[dict], tab_at: float | None) -> list[_Cell]:
    """A line's cells: what a gap wider than COLUMN_GAP (or the margin's edge) separates."""
    row = sorted(row, key=lambda w: w["x0"])
    cells = [_Cell([row[0]], row[0]["text"])]
    for before, word in itertools.pairwise(row):
        gap, size = word["x0"] - before["x1"], max(word["size"], before["size"])
        if gap > COLUMN_GAP * size or (tab_at is not None and before["x1"] <= tab_at <= word["x0"]):
            cells.append(_Cell([word], word["text"]))
            continue
        # Touching words were split by a change of font: "Acme" in bold, then ","; or a name set
        # in two weights ("john" light, "smith" bold), which is two words.
        two_weights = (
            before["fontname"] != word["fontname"]
            and abs(before["size"] - word["size"]) < 0.5
            and _WORD_END.search(before["text"])
            and _WORD_START.match(word["text"])
        )
        space = gap > WORD_GAP_SHARES[-1] * size or two_weights
        cells[-1].words.append(word)
        cells[-1].text += (" " if space else "") + word["text"]
    return cells


# A date range a narrow column broke over two lines ("Oct. 2017 -" above "Now").
_OPEN_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–—]$")
_RANGE_END = re.compile(r"(?:[a-z]{3,9}\.?\s+)?(?:19|20)\d\d|present|current|now|today|ongoing", re.IGNORECASE)


def _rejoin_wrapped_dates(rows: list[list[_Cell]]) -> None:
    for above, below in itertools.pairwise(rows):
        if not (above and below and _OPEN_RANGE.search(above[0].text) and _RANGE_END.fullmatch(below[0].text)):
            continue
        first, wrapped = above[0], below[0]
        left = (min(w["x0"] for w in first.words), min(w["x0"] for w in wrapped.words))
        right = (max(w["x1"] for w in first.words), max(w["x1"] for w in wrapped.words))
        if abs(left[0] - left[1]) < 2 or abs(right[0] - right[1]) < 2:  # the same column, left- or right-aligned
            first.words += wrapped.words
            first.text += ("" if first.text.endswith(("–", "—")) else " ") + wrapped.text
            below.pop(0)


def drop_running_lines(pages: list[list[Line]]) -> list[Line]:
    """All pages' lines without running heads and feet: lines in the top or bottom margin that
    repeat on another page (page numbers aside) or say which page, update or copyright this is.
    A repeated line with contact details stays once, first."""

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    def in_margin(line: Line) -> bool:
        return line.top < RUNNING_MARGIN or line.top > 1 - RUNNING_MARGIN

    seen: dict[str, set[int]] = {}
    for number, lines in enumerate(pages):
        for line in filter(in_margin, lines):
            seen.setdefault(key(line), set()).add(number)
    kept, contacts = [], {}
    for line in (line for lines in pages for line in lines):
        if not in_margin(line) or not (len(seen[key(line)]) > 1 or _RUNNING_LINE.search(line.text)):
            kept.append(line)
        elif _CONTACT.search(line.text) and not _RUNNING_LINE.search(line.text):
            contacts.setdefault(key(line), line)
    return [*contacts.values(), *kept]


def _page_links(page) -> list[str]:
    links = sorted(page.hyperlinks, key=lambda link: (round(link["top"]), link["x0"]))
    return [link["uri"] for link in links if link.get("uri")]


# --- Pages in two columns -----------------------------------------------------------------------
# A sidebar résumé read line by line across the page mixes the two columns into nonsense.
# The gutter is the widest band of the page's middle that no word crosses below the header;
# each column is then read on its own, the header (name, contact line) first. A narrow column
# whose lines end at one edge is a column of dates beside the entries, not a sidebar.
GUTTER_SEARCH = (0.2, 0.8)  # where on the page's width a gutter may be
MIN_GUTTER_WIDTH = 8  # points; the space between two words is about 3
MIN_COLUMN_SHARE = 0.05  # each column holds at least this share of the words (a short sidebar)
HEADER_SHARE = 0.25  # words crossing the gutter are allowed only in this top part
DATE_COLUMN_ALIGNED = 0.6  # share of a right column's lines ending at one edge that makes it a date column
DATE_COLUMN_WIDTH = 0.25  # share of the page's width a date column stays within
DATE_COLUMN_WORDS = 5  # mean words per line of a date column at most
DATE_COLUMN_DATED = 0.4  # share of a date column's lines with a figure in them, at least
HEADER_GAP = 3  # ems of blank space under a header set over one column only
LABELS_ALIGNED = 0.5  # share of a left column's lines on a baseline of the right column's that makes it labels
LABELS_WIDTH = 0.3  # share of the page's width a column of labels stays within
LABEL_WORDS = 4  # mean words per label at most


@dataclass(frozen=True)
class Gutter:
    x: float  # the gutter's middle
    top: float  # where the columns start; the words above are a header across both
    bottom: float  # where they end; the words below are a footer across both
    labels: bool  # the left column holds labels of the right one's lines (dates, section names), not a sidebar


def find_gutter(words: list[dict], width: float, height: float, body_size: float) -> Gutter | None:
    """The gutter between two columns, or None for a one-column page."""
    if len(words) < 20:
        return None
    header = [w for w in words if w["bottom"] <= height * HEADER_SHARE]
    best = None
    for x_from, x_to in _empty_bands(words, width, height):
        # Header words may reach into the band (the band is measured below them), not across its middle.
        middle, half = (x_from + x_to) / 2, MIN_GUTTER_WIDTH / 2
        crossing = [w for w in header if w["x0"] < middle + half and w["x1"] > middle - half]
        column_top = max((w["bottom"] for w in crossing), default=0) + 0.5
        column_bottom = min(
            (
                w["top"]
                for w in words
                if w["top"] >= height * (1 - RUNNING_MARGIN) and w["x0"] < middle + half and w["x1"] > middle - half
            ),
            default=height + 1,
        )
        body = [w for w in words if column_top <= w["top"] < column_bottom]
        if any(w["x0"] < middle + half and w["x1"] > middle - half for w in body):
            continue
        left = [w for w in body if w["x1"] <= middle]
        right = [w for w in body if w["x0"] >= middle]
        if min(len(left), len(right)) < MIN_COLUMN_SHARE * len(body):
            continue
        # Dates in a narrow column: on the right, read with their rows; on the left, labels of the rows.
        dates_left = _date_column(min(left, right, key=len), width)
        if dates_left and len(right) < len(left):
            continue
        if best is None or x_to - x_from > best[1] - best[0]:
            best = (x_from, x_to, column_top, column_bottom, left, right, dates_left)
    if best is None:
        return None
    x_from, x_to, column_top, column_bottom, left, right, dates_left = best
    column_top = _header_over_one_column(left, right, column_top, height * HEADER_SHARE, body_size)
    return Gutter((x_from + x_to) / 2, column_top, column_bottom, dates_left or _labels(left, right, width))


def _header_over_one_column(
    left: list[dict], right: list[dict], column_top: float, header_end: float, body_size: float
) -> float:
    """Where the columns start when a header (a name band) stands over one column only: its
    words end at a wide blank band, and the other column begins below the header."""
    for upper, lower in ((left, right), (right, left)):
        start = min(w["top"] for w in lower)
        lines = sorted(upper, key=lambda w: w["top"])
        bottom = lines[0]["bottom"]
        for word in lines[1:]:
            if bottom > min(start, header_end):
                break
            if word["top"] - bottom >= HEADER_GAP * body_size:
                return max(column_top, bottom + 0.5)
            bottom = max(bottom, word["bottom"])
    return column_top


def _labels(left: list[dict], right: list[dict], width: float) -> bool:
    """Labels in a left margin (dates, section names, "Mother tongue") are short, in a narrow
    column, and sit on the baselines of the lines beside them; a sidebar's lines run at their own
    pitch and meet the main column's by chance."""
    right_baselines = {round(w["bottom"]) for w in right}
    baselines = {round(w["bottom"]) for w in left}
    aligned = sum(any(b + shift in right_baselines for shift in (-1, 0, 1)) for b in baselines)
    narrow = max(w["x1"] for w in left) - min(w["x0"] for w in left) <= LABELS_WIDTH * width
    return narrow and len(left) <= LABEL_WORDS * len(baselines) and aligned >= LABELS_ALIGNED * len(baselines)


def _date_column(words: list[dict], width: float) -> bool:
    """Narrow, short lines, many of them dates, all starting or ending at one edge: dates and
    places beside the entries. A sidebar is wider, holds longer lines or few figures."""
    if max(w["x1"] for w in words) - min(w["x0"] for w in words) > DATE_COLUMN_WIDTH * width:
        return False
    rows: dict[int, list[dict]] = {}
    for w in words:
        rows.setdefault(round(w["top"]), []).append(w)
    dated = sum(any(ch.isdigit() for w in row for ch in w["text"]) for row in rows.values())
    if len(words) / len(rows) > DATE_COLUMN_WORDS or dated < DATE_COLUMN_DATED * len(rows):
        return False
    starts = [min(w["x0"] for w in row) for row in rows.values()]
    ends = [max(w["x1"] for w in row) for row in rows.values()]
    return any(
        sum(abs(edge - x) < 2 for x in xs) >= DATE_COLUMN_ALIGNED * len(xs)
        for xs, edge in ((starts, min(starts)), (ends, max(ends)))
    )


def _empty_bands(words: list[dict], width: float, height: float) -> list[tuple[float, float]]:
    """Bands of the middle of the page that no word between the header and the footer covers, at
    least MIN_GUTTER_WIDTH wide. Header and footer words are ignored here and checked by the caller."""
    lo, hi = (int(width * share) for share in GUTTER_SEARCH)
    covered = bytearray(hi - lo)
    foot = height * (1 - RUNNING_MARGIN)
    body = sorted((w for w in words if w["top"] < foot), key=lambda w: w["top"])
    body = body[len(body) // 10 :]  # the top tenth may hold a full-width header, the page's foot a footer
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

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_DOCX_PARAGRAPHS = 20_000  # a long CV has a few hundred


def _docx_text(data: bytes) -> Extracted:
    """The document's paragraphs in order, one per line, keeping what the layout says: list
    paragraphs start with "• ", tabs stay tabs, a table's cells come row by row, text boxes
    are read where they are anchored. Page headers and footers are other parts: not read."""
    from xml.etree import ElementTree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _corrupt("Word") from error
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise UnreadableResume(
            "wrong_type",
            "This file is a zip archive but not a Word (.docx) document. Save your résumé as PDF or "
            f".docx and upload that. {PASTE_OFFER}",
        )
    _refuse_bombs(members, len(data))
    try:
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{_W}body")
        list_styles = _list_styles(archive, names)
        links = _docx_links(archive, names)
    except Exception as error:  # a damaged XML part or a member that doesn't inflate
        raise _corrupt("Word") from error
    lines: list[str] = []
    headings: set[str] = set()
    for paragraph in _paragraphs(body):
        if len(lines) > MAX_DOCX_PARAGRAPHS:
            break
        text = "".join(_run_text(paragraph)).replace("\u00a0", " ")
        for part in text.split("\n"):
            part = part.strip(" ")
            if not part.strip():
                continue
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            style = style.get(f"{_W}val", "") if style is not None else ""
            if paragraph.find(f"{_W}pPr/{_W}numPr") is not None or style in list_styles:
                part = "• " + part.lstrip("•·▪◦-* \t")
            elif style.lower().startswith(("heading", "title")):
                headings.add(part.strip())
            lines.append(part.rstrip())
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableResume(
            "no_text", f"This Word document has no text in it (only images or empty pages). {PASTE_OFFER}"
        )
    return Extracted("docx", text, 0, links, frozenset(headings))


def _paragraphs(element):
    """Paragraphs in reading order, tables' cells included; a text box's paragraphs come
    before the paragraph it is anchored in. Word also stores each box as a fallback copy: skipped."""
    for child in element:
        if child.tag == _FALLBACK:
            continue
        if child.tag == f"{_W}p":
            for box in _text_boxes(child):
                yield from _paragraphs(box)
            yield child
        elif child.tag != f"{_W}txbxContent":
            yield from _paragraphs(child)


def _text_boxes(element):
    for child in element:
        if child.tag == f"{_W}txbxContent":
            yield child
        elif child.tag != _FALLBACK:
            yield from _text_boxes(child)


def _run_text(paragraph):
    for node in paragraph.iter():
        if node.tag == f"{_W}txbxContent":
            break  # read on its own, see _paragraphs
        if node.tag == f"{_W}t" and node.text:
            yield node.text
        elif node.tag == f"{_W}tab":
            yield "\t"
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"


def _list_styles(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """Paragraph styles that are numbered or bulleted lists ("ListBullet" and the like)."""
    from xml.etree import ElementTree

    if "word/styles.xml" not in names:
        return set()
    styles = ElementTree.fromstring(archive.read("word/styles.xml"))
    return {
        style.get(f"{_W}styleId", "")
        for style in styles.iter(f"{_W}style")
        if style.find(f"{_W}pPr/{_W}numPr") is not None or "bullet" in style.get(f"{_W}styleId", "").lower()
    }


def _docx_links(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, ...]:
    from xml.etree import ElementTree

    part = "word/_rels/document.xml.rels"
    if part not in names:
        return ()
    relations = ElementTree.fromstring(archive.read(part))
    return tuple(
        r.get("Target", "") for r in relations if r.get("TargetMode") == "External" and "hyperlink" in r.get("Type", "")
    )


def _refuse_bombs(members: list[zipfile.ZipInfo], compressed_size: int) -> None:
    """Checks what the archive says it would inflate to, before inflating anything. A member
    that lies about its size can't get past this either: zipfile never inflates more than the
    declared size (and then fails its CRC check, which is a damaged file)."""
    total = sum(m.file_size for m in members)
    if (
        len(members) > MAX_DOCX_MEMBERS
        or total > MAX_DOCX_UNCOMPRESSED
        or total > MAX_DOCX_RATIO * max(compressed_size, 1)
    ):
        raise UnreadableResume(
            "zip_bomb",
            f"This Word file would expand to {total / 1024 / 1024:.0f} MB when opened, far more than any résumé; "
            f"it was not opened. Save your résumé again as PDF or .docx and upload that. {PASTE_OFFER}",
        )
