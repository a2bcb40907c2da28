"""A résumé's text → a structured, editable profile.

Résumés have no fixed format, so this reads them the way a recruiter skims: section headings
("Experience", "Technical skills"…), contact details anywhere near the top, and within a
section, entries anchored on their dates ("Jan 2021 – Present"). What the text doesn't say
clearly is left empty for the candidate to fill in; nothing is invented.
"""

import re
from collections import Counter
from dataclasses import asdict, dataclass, field, fields

from interviewer.engine.resume import skills as vocabulary

SECTION_HEADINGS = {
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "personal statement",
        "about me",
        "about",
        "objective",
        "career objective",
        "personal profile",
        "career summary",
        "professional profile",
        "professional objective",
        "executive summary",
        "summary of qualifications",
        "qualifications summary",
        "overview",
    ),
    "skills": (
        "skills",
        "technical skills",
        "key skills",
        "core skills",
        "core competencies",
        "competencies",
        "skills and tools",
        "skills & tools",
        "tools",
        "technologies",
        "tech stack",
        "skills and technologies",
        "areas of expertise",
        "expertise",
        "strengths",
        "skill",
        "leadership competencies",
        "programming",
        "transferable skills",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "experience and employment",
        "clinical experience",
        "volunteer experience",
        "research",
        "research experience",
        "teaching experience",
        "internships",
        "positions",
        "work",
        "nursing student work experience",
    ),
    "education": (
        "education",
        "education and training",
        "qualifications",
        "academic background",
        "education & qualifications",
        "education and qualifications",
        "academic qualifications",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "key projects",
        "academic projects",
        "side projects",
        "portfolio projects",
        "project",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "certification",
        "certificate",
        "licences",
        "licenses",
        "licenses and certifications",
        "licences and certifications",
        "courses",
        "training",
        "licensure and certifications",
        "licenses & certifications",
        "professional development",
    ),
    "awards": (
        "awards",
        "honors",
        "honours",
        "honors and awards",
        "honours and awards",
        "awards and honors",
        "achievements",
        "selected honors",
        "scholarships",
        "most proud of",
        "honors/awards",
    ),
    "publications": (
        "publications",
        "selected publications",
        "papers",
        "presentations",
        "presentation",
        "patents",
        "invited talks",
        "talks",
    ),
    "activities": (
        "activities",
        "extracurricular activities",
        "extracurricular activity",
        "leadership and activities",
        "on campus involvement",
        "involvement",
        "volunteering",
        "community involvement",
        "affiliations",
        "professional affiliations",
        "memberships",
    ),
    # Read for where the sections above end; not part of the profile.
    "other": (
        "interests",
        "hobbies",
        "languages",
        "references",
        "referees",
        "additional information",
        "interests and hobbies",
        "links",
        "coursework",
        "relevant coursework",
        "other information",
        "a day of my life",
        "life philosophy",
        "my life philosophy",
    ),
}
# A heading outside the list is still known by its last word ("Nursing Student Work Experience").
_HEADING_WORDS = {
    "experience": "experience",
    "employment": "experience",
    "history": "experience",
    "education": "education",
    "skills": "skills",
    "competencies": "skills",
    "projects": "projects",
    "certifications": "certifications",
    "licenses": "certifications",
    "licences": "certifications",
    "awards": "awards",
    "honors": "awards",
    "honours": "awards",
    "publications": "publications",
    "activities": "activities",
    "involvement": "activities",
    "summary": "summary",
    "objective": "summary",
    "profile": "summary",
    "interests": "other",
    "references": "other",
    "languages": "other",
    "affiliations": "activities",
    "coursework": "other",
    "volunteering": "activities",
    "certificates": "certifications",
    "expertise": "skills",
    "knowledge": "skills",
    "qualifications": "education",
    "talks": "publications",
    "patents": "publications",
}
_HEADING = {heading: kind for kind, headings in SECTION_HEADINGS.items() for heading in headings}
PROFILE_SECTIONS = ("summary", "skills", "experience", "education", "projects", "certifications")
LISTED_SECTIONS = ("awards", "publications", "activities")  # kept as lines, apart from jobs and schools

_BULLET = re.compile(r"^\s*(?:[•●▪■◦‣∙·*–—-]|\d{1,2}[.)])\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{7,}\d(?![\w/])")
_URL = re.compile(r"(?:https?://|www\.)[^\s|,;·•]+|(?:linkedin\.com|github\.com)/[^\s|,;·•]+", re.IGNORECASE)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_DATE = (
    rf"{_YEAR}\s+{_MONTH}(?!\w)|(?:(?:{_MONTH}|Spring|Summer|Fall|Autumn|Winter)\s*)?{_YEAR}|(?:0?[1-9]|1[0-2])/{_YEAR}"
)
_NOW = r"(?:present|current|now|today|ongoing|date)"
_DATES = re.compile(
    rf"(?<![\w/#$])(?:since\s+)?(?:{_DATE})(?:\s*(?:–|—|-|to|until)\s*(?:{_DATE}|{_NOW})"
    rf"|(?:\s*(?:,|and|&)\s*{_YEAR})+)?(?![\w%+])",
    re.IGNORECASE,
)
# Between a project's name and its description: "Loom Tracker — a web app…".
_PROJECT_SEPARATOR = re.compile(r"\s+[—–-]\s+|:\s+|\s+\|\s+")
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|intern|internship|assistant|consultant|designer|nurse|officer|specialist|"
    r"co-?ordinator|lead|director|scientist|administrator|associate|representative|adviser|advisor|executive|"
    r"technician|teacher|tutor|accountant|researcher|architect|head|trainee|apprentice|volunteer|agent|founder|"
    r"clerk|supervisor|tester|writer|editor|recruiter|auditor|president|partner|marketer|owner|cashier|"
    r"receptionist|practitioner|therapist|pharmacist|midwife|carer|worker|ambassador|secretary|strategist|"
    r"ceo|cto|cfo|coo|vp|fellow|member|coach|instructor|lecturer|professor|practicum|rotation|rn|lpn|cna|paralegal|"
    r"chef|cook|server|bartender|barista|housekeeper|host|hostess|concierge|waiter|waitress|salesperson|"
    r"sales|buyer|banker|teller|underwriter|controller|bookkeeper|treasurer|economist|contributor|leader|"
    r"principal|aide|caregiver|paramedic|emt|technologist|surgeon|physician|doctor|dentist|counsel+or|"
    r"attorney|lawyer|captain|sergeant|lieutenant|student|postdoc|chair|operator|mechanic|electrician|driver)s?\b",
    re.IGNORECASE,
)
_INSTITUTION_WORDS = re.compile(
    r"\b(university|college|school|institute|academy|polytechnic|conservatoire|universit[éa]|"
    r"lyc[ée]e|gymnasium|seminary|center|centre|wonderland)\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"^(?:ph\.?\s?d\.?|m\.?\s?s\.?c?\.?|b\.?\s?s\.?c?\.?|b\.?a\.?|m\.?a\.?|m\.?eng\.?|b\.?eng\.?|mba|"
    r"bachelors?|masters?|doctor|associate|diploma|certificate|high school|a-levels|gcse|bsn|msn|adn|"
    r"degree|b\.?tech|m\.?tech|jd|md)\b",
    re.IGNORECASE,
)
_ORGANISATION_WORDS = re.compile(
    r"\b(inc|ltd|llc|plc|gmbh|corp|corporation|company|co|group|hospital|clinic|bank|lab|"
    r"laboratory|research|university|college|school|district|agency|department|council|"
    r"foundation|partners|associates|technologies|solutions|services|systems|health|"
    r"center|centre|ymca|restaurant|hotel)\b\.?",
    re.IGNORECASE,
)
# Where an entry says it happened: "New Orleans, LA", "London, UK", "Istanbul, Türkiye".
_PLACE_END = re.compile(
    r"^(?:[A-Z]{2}|USA|UK|U\.S\.A?\.?|United States|United Kingdom|England|Scotland|Wales|Ireland|"
    r"India|Türkiye|Turkey|Canada|Australia|Germany|France|Spain|Italy|China|Japan|Singapore|"
    r"Remote|S\. ?Korea|South Korea|Netherlands|Nigeria|Kenya|Brazil|Mexico|Belgium|Switzerland|Austria|Sweden|"
    r"Norway|Denmark|Finland|Poland|Portugal|Greece|Hungary|Romania|Israel|Egypt|South Africa|"
    r"New Zealand|Argentina|Chile|Colombia|Pakistan|Bangladesh|Indonesia|Vietnam|Philippines|"
    r"Malaysia|Thailand|Taiwan|Hong Kong|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
    r"Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|"
    r"Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|"
    r"Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|"
    r"Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|"
    r"Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Ontario|Quebec|"
    r"British Columbia|Bavaria)$"
)
# Where a job happened when it happened nowhere in particular.
_NO_PLACE = re.compile(r"^(?:remote|hybrid|on-?site|remote, [\w ]+)$", re.IGNORECASE)
_DURATION = re.compile(r"^\d+\s+(?:years?|yrs?|months?|mos)(?:\s+\d+\s+(?:months?|mos))?$", re.IGNORECASE)
_SKILL_LABEL = re.compile(r"^[A-Za-z0-9 &/]{2,30}:\s*")
_PROJECT_TOOLS_LABEL = re.compile(r"^(?:technologies|tech|stack|tools|built with|using)\s*:\s*", re.IGNORECASE)
MAX_SKILL_WORDS = 5  # a longer "skill" is a sentence; only vocabulary skills are taken from it


# How sure the parser is of an entry or a field, 0–1. Below UNSURE the profile page asks the
# candidate to check it; an entry the candidate saved is theirs (1).
UNSURE = 0.6


@dataclass
class Experience:
    title: str = ""
    employer: str = ""
    dates: str = ""
    bullets: list[str] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Education:
    qualification: str = ""
    institution: str = ""
    dates: str = ""
    details: str = ""
    confidence: float = 1.0


@dataclass
class Project:
    name: str = ""
    description: str = ""
    technologies: list[str] = field(default_factory=list)


@dataclass
class Profile:
    name: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    github: str = ""
    portfolio: str = ""
    summary: str = ""
    skills: list[str] = field(default_factory=list)
    experience: list[Experience] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    # Fields of the contact and summary the parser was unsure of ("name", "linkedin"…), for the candidate to check.
    unsure: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Profile":
        entries = {"experience": Experience, "education": Education, "projects": Project}
        values = {}
        for f in fields(cls):
            value = data.get(f.name, f.default_factory() if callable(f.default_factory) else f.default)
            if f.name in entries:
                known = {g.name for g in fields(entries[f.name])}
                value = [entries[f.name](**{k: v for k, v in item.items() if k in known}) for item in value]
            values[f.name] = value
        return cls(**values)

    def missing_sections(self) -> list[str]:
        return [name for name in PROFILE_SECTIONS if not getattr(self, name)]

    def as_text(self) -> str:
        """All the profile's words, as a reader (or an applicant-tracking system) would see them."""
        parts = [
            self.name,
            self.email,
            self.phone,
            self.linkedin,
            self.github,
            self.portfolio,
            self.summary,
            ", ".join(self.skills),
        ]
        for job in self.experience:
            parts += [job.title, job.employer, job.dates, *job.bullets]
        for school in self.education:
            parts += [school.qualification, school.institution, school.dates, school.details]
        for project in self.projects:
            parts += [project.name, project.description, ", ".join(project.technologies)]
        parts += self.certifications + self.awards + self.publications + self.activities
        return "\n".join(p for p in parts if p)


def parse_profile(text: str, links: tuple[str, ...] = (), headings: frozenset[str] = frozenset()) -> Profile:
    """`links` are the targets of the document's link annotations, `headings` the lines its
    typography marks as headings (both from extract.Extracted; empty for pasted text)."""
    lines = _clean_lines(text)
    header, sections = _split_sections(lines, headings)
    profile = Profile()
    _read_contact(profile, header, lines, links)
    profile.summary = _paragraph(sections["summary"]) or _untitled_summary(header, profile)
    profile.skills = _skills(sections["skills"], headings)
    profile.experience = _jobs(_entries(sections["experience"]))
    if not sections["experience"]:
        profile.experience = _jobs_without_a_heading(header)
    profile.education = _schools(sections["education"])
    profile.projects = _projects(sections["projects"])
    for name in ("certifications", *LISTED_SECTIONS):
        setattr(profile, name, [" ".join(_strip_bullet(line).split()) for line in _joined_items(sections[name])])
    # A section found whose entries couldn't be read: said as such, not taken for a missing section.
    profile.unsure += [name for name in ("experience", "education") if sections[name] and not getattr(profile, name)]
    return profile


# --- Lines and sections -------------------------------------------------------------------------

_DOUBLED = re.compile(r"([^\s·|].{5,}?[^\s·|]) ?\1")
MAX_DOUBLED_LINE = 400  # longer lines aren't searched for doubles (the search grows with the square of the length)
_DASH_RUN = re.compile(r"[\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]{2,}|\u00ad")
_HYPHENATED = re.compile(r"[a-z]{2}-$")
_DATE_RANGE_OPEN = re.compile(rf"(?:{_DATE})\s*[–—-]$", re.IGNORECASE)


def _once(doubled: re.Match) -> str:
    """A doubled run once; with a space between the copies only when a copy has three words or
    more ("Houston, Houston, TX" is a city and its county, not a double)."""
    copy = doubled.group(1)
    return copy if len(doubled.group(0)) == 2 * len(copy) or copy.count(" ") >= 2 else doubled.group(0)


def _dash(run: re.Match) -> str:
    """One dash for a run of dash characters: an en dash if it had one (a range), a hyphen
    otherwise. A soft hyphen alone inside a word is only a place it may break: dropped."""
    chars = run.group(0)
    text, at = run.string, run.start()
    if chars == "\u00ad":
        inside_word = at > 0 and text[at - 1].isalpha() and at + 1 < len(text) and text[at + 1].isalpha()
        return "" if inside_word else "–"
    return "–" if any(ch in chars for ch in "\u2013\u2014\u2015") else "-"


def _clean_lines(text: str) -> list[str]:
    lines = []
    text = _DASH_RUN.sub(
        _dash, text.replace("\r", "\n").replace("\u00a0", " ").replace("\u2010", "-").replace("\u2011", "-")
    )
    for raw in text.split("\n"):
        line = "\t".join(" ".join(cell.split()) for cell in raw.split("\t")).strip("\t ")
        if len(line) <= MAX_DOUBLED_LINE:
            line = _DOUBLED.sub(
                _once, line
            )  # "EngineerEngineer": a web page's visible and hidden copies pasted together
        if not line:
            continue
        if lines and _HYPHENATED.search(lines[-1]) and line[:1].islower():
            lines[-1] = lines[-1][:-1] + line  # a word the layout hyphenated at the line's end
            continue
        if lines and _wrapped(lines[-1], line):
            lines[-1] += line if lines[-1].endswith(("/", "-", "://", ".")) else " " + line
            continue
        lines.append(line)
    return _lift_side_column(lines)


def _wrapped(previous: str, line: str) -> bool:
    """The layout broke a link or a date range over two lines."""
    if previous.endswith(("://", "www.")) or re.search(
        r"(?:linkedin\.com|github\.com)/(?:in/)?$", previous, re.IGNORECASE
    ):
        return " " not in line
    return bool(_DATE_RANGE_OPEN.search(previous) and re.match(rf"(?:{_DATE}|{_NOW})\b", line, re.IGNORECASE))


def _lift_side_column(lines: list[str]) -> list[str]:
    """A column of dates and places beside the entries is read into the lines beside it
    ("• Built the API…<tab>June 2023 – present"): the dates go to the entry's heading, which
    they belong to; places and durations beside a bullet are dropped."""
    result: list[str] = []
    header_at = None
    for line in lines:
        main, _, side = line.rpartition("\t")
        side = side.strip()
        if main and (_is_bullet(main) or _continues(main)) and len(side.split()) <= 8:
            if _is_date_range(side):
                if header_at is not None:
                    result.insert(header_at + 1, side)
                    header_at = None
                else:
                    result.append(side)
                result.append(main)
                continue
            if _is_place(side) or _DURATION.match(side):
                result.append(main)
                continue
        if not _is_bullet(line) and not _continues(line):
            header_at = len(result)
        result.append(line)
    return result


def _is_date_range(text: str) -> bool:
    match = _DATES.search(text)
    return bool(match) and not text.replace(match.group(0), "").strip(" |,–—-:()")


def _is_place(text: str) -> bool:
    if _NO_PLACE.match(text.strip()):
        return True
    city, comma, region = text.rpartition(",")
    return bool(comma) and "," not in city and 0 < len(city.split()) <= 3 and bool(_PLACE_END.match(region.strip()))


def _split_sections(lines: list[str], headings: frozenset[str] = frozenset()) -> tuple[list[str], dict[str, list[str]]]:
    header: list[str] = []
    sections: dict[str, list[str]] = {kind: [] for kind in SECTION_HEADINGS}
    current = header
    for line in lines:
        kind, rest = _heading(line, headings)
        if rest and current is sections["skills"] and kind in ("skills", "other"):
            kind = None  # "Languages: Python, Go" labels a group of skills
        if not kind and current is sections["publications"] and _sub_label(line, current[-1] if current else ""):
            # "Scientific Papers", "Journal Articles": a group of publications, not one; "Review Activities" ends them.
            last = re.sub(r"[^a-z]", "", line.split()[-1].lower())
            current = sections[_HEADING_WORDS.get(last, "publications")]
            continue
        if kind:
            current = sections[kind]
            if rest:
                current.append(rest)
        else:
            current.append(line)
    return header, sections


def _sub_label(line: str, before: str) -> bool:
    """A short capitalised line with no year or sentence in it, after a complete item (or none):
    a citation is longer, and a shorter line after an unfinished one is its wrapped end."""
    words = line.split()
    return (
        len(words) <= 4
        and not re.search(r"[\d.,;:\"“”]", line)
        and not _is_bullet(line)
        and all(w[:1].isupper() or w in ("of", "and", "&", "in", "on", "for", "the") for w in words)
        and (not before or bool(re.search(r"[.\d)]$", before)))
    )


def _heading(line: str, headings: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """("skills", "Python, SQL") for "Skills: Python, SQL"; (None, "") for a line that isn't one.
    A line is a heading by its words (a known heading, or a short line in capitals, or set as a
    heading, ending in a heading word such as "…Experience") but never a bulleted line."""
    if _is_bullet(line) or "\t" in line.strip():
        return None, ""
    words = line.strip()
    label, colon, rest = words.partition(":")
    key = " ".join(label.lower().replace("&", "and").split()).strip(" .")
    kind = _HEADING.get(key) or _HEADING.get(key.replace(" and ", " & ")) or _HEADING.get(key.replace("and", "&"))
    if not kind and not colon and "/" in key:  # "Skills/Exposure", "Achievements/Certifications": named by the first
        kind = _HEADING.get(key.split("/")[0].strip())
    if kind and (not colon or rest.strip() or label == words.rstrip(":")):
        return kind, rest.strip()
    if colon or len(words.split()) > 5 or any(ch.isdigit() for ch in words) or words.endswith((".", ",")):
        return None, ""
    letters = [ch for ch in words if ch.isalpha()]
    marked = words in headings or (len(letters) >= 4 and all(ch.isupper() for ch in letters))
    last = re.sub(r"[^a-z]", "", key.split()[-1]) if key.split() else ""
    if marked and last in _HEADING_WORDS:
        return _HEADING_WORDS[last], ""
    if (
        not marked
        and last in _HEADING_WORDS
        and key.split()[0]
        in (
            "relevant",
            "professional",
            "clinical",
            "work",
            "teaching",
            "volunteer",
            "research",
            "additional",
            "leadership",
            "nursing",
            "academic",
            "selected",
            "other",
            "key",
        )
    ):
        return _HEADING_WORDS[last], ""
    return None, ""


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def _continues(line: str) -> bool:
    """A line that carries on the one before: the layout wrapped it."""
    return line[:1].islower() or line[:1] in ",;)"


def _paragraph(lines: list[str]) -> str:
    return " ".join(_strip_bullet(line) for line in lines).strip()


def _joined_items(lines: list[str]) -> list[str]:
    """List items, with the lines the layout wrapped joined back to their item."""
    marked = any(_is_bullet(line) for line in lines)
    items: list[str] = []
    for line in lines:
        if items and (_continues(line) or (marked and not _is_bullet(line))):
            items[-1] += " " + line
        else:
            items.append(line)
    return items


# --- Contact details and summary ----------------------------------------------------------------

_BARE_DOMAIN = re.compile(
    r"(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|co|ai|app|page|site|info|blog|tech|xyz|"
    r"edu|uk|de|fr|es|it|nl|in|ca|au)(?:/[^\s|,;·•]*)?(?![\w@])",
    re.IGNORECASE,
)
# Links that say nothing about the candidate's work: social networks, identifiers, contact schemes.
_NOT_A_PORTFOLIO = re.compile(
    r"^(?:mailto:|tel:)|(?:facebook|fb|twitter|x|instagram|youtube|quora|tiktok|doi|orcid)"
    r"\.(?:com|co|org)(?:/|$)",
    re.IGNORECASE,
)


def _read_contact(profile: Profile, header: list[str], lines: list[str], links: tuple[str, ...] = ()) -> None:
    top = "\n".join(header) if header else "\n".join(lines[:8])
    everywhere = "\n".join(lines)
    if match := _EMAIL.search(top) or _EMAIL.search(everywhere):
        profile.email = match.group(0)
    profile.phone = next((m.group(0).strip() for m in _PHONE.finditer(top) if 9 <= _digits(m.group(0)) <= 15), "")
    if not profile.phone and (
        match := next((m for m in _PHONE.finditer(everywhere) if 9 <= _digits(m.group(0)) <= 15), None)
    ):
        profile.phone, profile.unsure = match.group(0).strip(), [*profile.unsure, "phone"]
    written = [url.rstrip(".,;)") for url in _URL.findall(everywhere)]
    bare = [m.group(0).rstrip(".,;)") for m in _BARE_DOMAIN.finditer(top) if "@" not in m.group(0)]
    # An address written under an entry ("See www.acme.org") is the employer's, not the candidate's site.
    below = {_address(url) for url in _URL.findall("\n".join(lines[len(header) :]))} if header else set()
    for url in [*written, *_useful_links(links), *bare]:
        lowered = url.lower()
        if "@" in url or lowered.startswith(("mailto:", "tel:")):
            continue
        if "linkedin.com/" in lowered:
            if re.search(r"linkedin\.com/in/[\w%-]+", lowered):
                profile.linkedin = profile.linkedin or url
        elif "github.com/" in lowered:
            if re.search(r"github\.com/[\w-]+", lowered):
                profile.github = profile.github or url
        elif (
            not _NOT_A_PORTFOLIO.search(re.sub(r"^https?://(www\.)?", "", lowered))
            and url not in bare[1:]
            and _address(url) not in below
        ):
            if not profile.portfolio and url in bare and url not in written:
                profile.unsure.append("portfolio")  # a bare domain: perhaps an employer's, not theirs
            profile.portfolio = profile.portfolio or url
    profile.name = next(
        (cell for line in (header or lines[:5]) for cell in line.split("\t") if _looks_like_name(cell)), ""
    )
    if not profile.name:
        profile.unsure.append("name")


def _address(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/.,;)")


def _useful_links(links: tuple[str, ...]) -> list[str]:
    return [link for link in links if link.lower().startswith(("http://", "https://"))]


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _looks_like_name(line: str) -> bool:
    words = line.split(",")[0].split()
    if (
        not 2 <= len(words) <= 5
        or _EMAIL.search(line)
        or _URL.search(line)
        or any(ch.isdigit() for ch in line)
        or "\t" in line
        or _TITLE_WORDS.search(line.split(",")[0])
    ):
        return False
    return all(w[:1].isupper() or w.lower() in ("de", "van", "von", "da", "al", "bin", "le") for w in words)


def _untitled_summary(header: list[str], profile: Profile) -> str:
    """A summary paragraph written under the name without a heading of its own."""
    known = {profile.name}
    return " ".join(
        line
        for line in header
        if line not in known and len(line.split()) >= 12 and not _EMAIL.search(line) and not _URL.search(line)
    )


# --- Skills -------------------------------------------------------------------------------------

# What comes before a listed skill and is not part of it: "Fluent in Spanish", "…, and Excel".
_SKILL_LEAD = re.compile(
    r"^(?:and|or|(?:very )?proficient (?:in|with)|fluent in|familiar with|experienced (?:in|with)|"
    r"knowledge of|skilled in)\s+",
    re.IGNORECASE,
)
_INLINE_BULLET = re.compile(r"\s[•·]\s")


def _skills(lines: list[str], headings: frozenset[str] = frozenset()) -> list[str]:
    items = []
    for line in _skill_lines(lines, headings):
        cells = _strip_bullet(line).split("\t")
        if any(_is_date_range(cell.strip()) for cell in cells):
            continue  # a dated entry ("2011 | Oral Presentation | …") under a heading such as "Communication skills"
        for at, cell in enumerate(cells):
            if len(cells) > 1 and "," not in cell and at + 1 < len(cells) and "," in cells[at + 1]:
                continue  # a label cell before its list: moderncv's "OS | Linux, Unix, MacOS"
            cell = _SKILL_LABEL.sub("", cell)  # "Languages: Python, Go" → "Python, Go"
            if len(cells) > 1:
                cell = re.sub(
                    r"^[a-z]+ (?=[A-Z])", "", cell
                )  # a label set beside its list: "desktop OpenOffice, StarOffice"
            for item in re.split(r"\s*[,;|•·]\s*|\s+-\s+|\s{3,}", cell):
                item = _SKILL_LEAD.sub(
                    "", re.sub(r"\s*\([\d/%. ]+\)$", "", item.strip()).strip(" .()")
                )  # "Hard-working (18/24)"
                if len(item.split()) > MAX_SKILL_WORDS:
                    items += vocabulary.find_in_text(item)
                elif item:
                    items.append(item)
    return vocabulary.normalise_list(items)


def _skill_lines(lines: list[str], headings: frozenset[str]) -> list[str]:
    """A skills section's lines, without the sub-headings its typography marks ("Methodology/
    Approach"), and with the items the layout wrapped joined back: in a list whose items each
    follow a bullet ("• Docker • SQL • Material" then "UI • Tailwind CSS") a line that starts
    without one carries on the item before it, as does a line after an unclosed bracket."""
    result: list[str] = []
    prefixed = False
    for line in lines:
        if line in headings:
            prefixed = False
            continue
        if _is_bullet(line):
            prefixed = bool(_INLINE_BULLET.search(_strip_bullet(line) + " "))
        elif result and (
            (prefixed and not re.search(r"[•·,;]$", result[-1]))
            or result[-1].count("(") + result[-1].count("[") > result[-1].count(")") + result[-1].count("]")
        ):
            result[-1] += line if result[-1].endswith("-") else " " + line
            continue
        result.append(line)
    return result


# --- Dated entries: jobs and schools ------------------------------------------------------------

MAX_HEADER_WORDS = 12


def _entries(lines: list[str]) -> list[tuple[list[str], str, list[str], list[str], bool]]:
    """(header units, dates, body items, units of the dates line, whether the body is bulleted)
    for each entry of a section.
    An entry is anchored on its dates; the short lines just before them (title, employer)
    belong to it. A line is an anchor only when its dates open or close it, or it is short:
    a sentence that mentions a year ("Closed $3.2M in 2023") stays a bullet of its entry."""
    if not lines:
        return []
    anchors = [i for i, line in enumerate(lines) if _is_anchor(line)]
    if not anchors:  # no dates: an entry per unbulleted line, with the bullets under it
        undated: list[tuple[list[str], str, list[str], list[str], bool]] = []
        for item in _joined_items(lines):
            if _is_bullet(item) and undated:
                undated[-1][2].append(_strip_bullet(item))
            elif not _is_bullet(item):
                undated.append((_units(item), "", [], [], True))
        return undated
    starts: list[tuple[int, int]] = []
    before = 2  # lines before the dates that may name the entry; the first entry shows how many its section uses
    for anchor in anchors:
        start = anchor
        # Lines just before the dates belong to the entry, unless the dates' own line already names it
        # or the line after it names the role ("2012–Now ACME" above "Analyst") and those before don't.
        named = len(_dated_units(lines[anchor])) >= 2
        while (
            not named
            and start - 1 >= 0
            and anchor - start < before
            and (not starts or start - 1 > starts[-1][1])
            and _is_header_line(lines[start - 1])
            and not (start >= 2 and _breaks_off(lines[start - 2]))
        ):
            start -= 1
        after = lines[anchor + 1] if anchor + 1 < len(lines) else ""
        if (
            start < anchor
            and _is_header_line(after)
            and _TITLE_WORDS.search(after)
            and not _DEGREE.match(after)
            and not any(_TITLE_WORDS.search(line) or _INSTITUTION_WORDS.search(line) for line in lines[start:anchor])
        ):
            start = anchor
        if not starts and not named:
            before = anchor - start
        starts.append((start, anchor))
    entries = []
    for n, (start, anchor) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        dates = " ".join(_DATES.search(lines[anchor]).group(0).split())
        dated_units = _dated_units(lines[anchor])
        header = [u for line in lines[start:anchor] for u in _units(line)]
        body = lines[anchor + 1 : end]
        if (
            len(header) + len(dated_units) < 2
            and body
            and not _is_bullet(body[0])
            and _is_header_line(body[0])
            and len(body[0].split()) <= 8
        ):
            header += _units(body.pop(0))  # "Acme Ltd   2019 – 2021" then the title below it
        bulleted = any(_is_bullet(line) for line in body)
        if bulleted:
            while body and not _is_bullet(body[0]):
                body.pop(0)  # a line about the unit ("36-bed ward") before the bullets: not an achievement
        entries.append((header, dates, [_strip_bullet(item) for item in _joined_items(body)], dated_units, bulleted))
    return entries


_DATE_LABEL = re.compile(
    r"\b(?:expected graduation|expected|graduated|graduation|grad\.?|date|completed|dates)\s*:\s*", re.IGNORECASE
)


def _dated_units(line: str) -> list[str]:
    """The cells of an entry's dates line other than its dates ("Acme Ltd" in "Acme Ltd | 2019 – 2021")."""
    found = _DATES.search(line)
    rest = (line[: found.start()] + "\t" + line[found.end() :]).replace("|", "\t")
    rest = re.sub(r"\(\s*\)", "", _DATE_LABEL.sub("", rest))  # "(Expected Graduation: May 2027)"
    return [
        u
        for u in _units(rest)
        if u.lower().rstrip(":.") not in ("date", "graduated", "expected graduation", "grad", "expected")
        and not re.search(r"\bgpa\b|^(?:summa |magna )?cum laude$|^(?:with )?honou?rs$", u, re.IGNORECASE)
    ]


def _is_anchor(line: str) -> bool:
    found = _DATES.search(line)
    if not found or _is_bullet(line) or (_continues(line) and found.start() > 0):
        return False
    if line.rstrip().endswith(".") and found.start() > 0:
        return False  # a sentence that mentions a year
    before, after = line[: found.start()].strip(" |,–—-:\t("), line[found.end() :].strip(" |,–—-:\t)")
    return not before or not after or len(line.split()) <= MAX_HEADER_WORDS or any(mark in line for mark in "\t|·")


def _breaks_off(line: str) -> bool:
    """A bullet the layout wrapped mid-sentence: the line after it carries it on."""
    return (_is_bullet(line) or _continues(line)) and bool(
        re.search(r"(?:[,;&–-]|\b(?:and|or|with|the|of|to|for|in|a))$", line.rstrip())
    )


def _is_header_line(line: str) -> bool:
    return (
        not _is_bullet(line)
        and len(line.split()) <= MAX_HEADER_WORDS
        and not line.endswith(".")
        and not _continues(line)
        and not re.search(r"\bgpa\b", line, re.IGNORECASE)
    )


def _units(line: str) -> list[str]:
    """The cells of an entry's heading line, what tabs and bars separate, with places ("New
    Orleans, LA") taken out. A cell may hold more than one thing ("Acme, Engineer"): `_pieces`."""
    line = _strip_bullet(line)
    role, at, rest = line.partition(" at ")
    if (
        at
        and rest[:1].isupper()
        and _TITLE_WORDS.search(role)
        and not _INSTITUTION_WORDS.search(role)
        and "\t" not in role
    ):
        line = f"{role}\t{rest}"  # "Data Analyst at Acme"
    cells = (_without_place(cell.strip(" ,|–—-")) for cell in re.split(r"\t|\s*\|\s*|\s+·\s+|\s{3,}", line))
    return [cell for cell in cells if cell]


def _without_place(cell: str) -> str:
    pieces = [piece for piece in re.split(r"\s+[—–-]\s+", cell) if not _is_place(piece.strip())]
    kept = []
    for piece in pieces:
        parts = [part.strip() for part in piece.split(",")]
        at = 1
        while at < len(parts):
            if _PLACE_END.match(parts[at]) and 0 < len(parts[at - 1].split()) <= 3:
                del parts[at - 1 : at + 1]  # "…, New Orleans, LA, …"
            else:
                at += 1
        kept.append(", ".join(part for part in parts if part))
    return " – ".join(piece for piece in kept if piece).strip(" ,")


_DASHED = re.compile(r"\s+[—–-]\s+")
_PIECE_SEPARATOR = re.compile(r",\s+|\s+[—–-]\s+")
_CAMPUS = re.compile(r"^(?:the )?university of [A-Z][\w ]+, [A-Z][a-z]+(?: [A-Z][a-z]+)?$", re.IGNORECASE)


def _pieces(cell: str) -> list[str]:
    """ "Acme Ltd, Senior Engineer" and "Engineer – Acme" → two pieces; "Bachelor of Arts, Business
    Administration" and "IT Director, Associate" stay one: a comma or dash separates pieces only
    when one side names a role (or a school) and the other does not."""
    parts = [part.strip() for part in _PIECE_SEPARATOR.split(cell) if part.strip()]
    if len(parts) == 1 or _CAMPUS.match(cell):
        return [cell]
    for kind in (_TITLE_WORDS, _INSTITUTION_WORDS):
        found = [bool(kind.search(p)) for p in parts]
        if any(found) and not all(found) and (kind is _INSTITUTION_WORDS or not _DEGREE.match(parts[0])):
            return parts
    return [cell]


def _jobs(entries: list) -> list[Experience]:
    """The jobs of an experience section. An entry that names no role the parser knows ("IMO
    preselected, SBPMef") is read like the section's other jobs, which share its layout: the
    role in the cell where theirs is. When no entry names a known role, an entry of two cells
    whose achievements are bulleted reads as a job, role first (a paragraph under a title and a
    kind, "Disney Film. | Film", need not be one). Either way it is marked for the candidate to check."""
    read = [_experience(_job_units(entry), entry) for entry in entries]
    layouts = Counter((len(units), title_at) for units, title_at, job in read if job)
    jobs = []
    for entry, (units, _, job) in zip(entries, read):
        if job is None and units:
            cells = units if len(units) >= 2 else [piece for piece in _PIECE_SEPARATOR.split(units[0]) if piece.strip()]
            bulleted = entry[4]
            title_at = next(
                (at for (count, at), _ in layouts.most_common() if count == len(cells)),
                0 if not layouts and len(cells) == 2 and bulleted else None,
            )
            if title_at is not None:
                _, _, job = _experience(cells, entry, title_at)
                job.confidence = min(job.confidence, UNSURE - 0.1)
        if job is not None:
            jobs.append(job)
    return jobs


def _job_units(entry) -> list[str]:
    """An entry's heading cells: a heading of two cells ("Engineer | Acme") is read as they are;
    one cell is split into its pieces."""
    header, _, _, dated_units, _ = entry
    units = header + [u for u in dated_units if _TITLE_WORDS.search(u) or len(header) < 2]
    return units if len(units) >= 2 else [piece for unit in units for piece in _pieces(unit)]


def _experience(
    units: list[str], entry, title_at: int | None = None
) -> tuple[list[str], int | None, Experience | None]:
    """(units, where the role is, the job) for an entry; a job needs a role and an organisation,
    and an entry without both is not taken for one."""
    _, dates, bullets, _, _ = entry
    if len(units) < 2:
        return units, None, None
    if title_at is None:
        title_at = next(
            (i for i, u in enumerate(units) if _TITLE_WORDS.search(u) and not _ORGANISATION_WORDS.search(u)),
            next((i for i, u in enumerate(units) if _TITLE_WORDS.search(u)), None),
        )
    if title_at is None:
        return units, None, None
    # The employer is named next to the role: the nearest other cell, the earlier one on a tie.
    employer_at = min((i for i in range(len(units)) if i != title_at), key=lambda i: (abs(i - title_at), i))
    title, employer = units[title_at], _organisation(units[employer_at])
    confidence = 0.9 if len(units) == 2 else 0.7
    if not _ORGANISATION_WORDS.search(employer) and _TITLE_WORDS.search(employer):
        confidence = 0.5  # both look like roles
    if not dates:
        confidence = min(confidence, 0.5)
    return (
        units,
        title_at,
        Experience(title=title, employer=employer, dates=dates, bullets=bullets, confidence=confidence),
    )


def _organisation(cell: str) -> str:
    """An employer cell without what follows a spaced dash: "Quantum Innovations – QuantumLeap"
    names the product (or team, or town) after the organisation."""
    parts = _DASHED.split(cell, maxsplit=1)
    return parts[0].strip() if len(parts) == 2 and parts[0].strip() and not _TITLE_WORDS.search(cell) else cell


def _jobs_without_a_heading(lines: list[str]) -> list[Experience]:
    """Jobs in a text without an experience heading, such as a LinkedIn profile pasted into Word:
    a short line naming a role, then a line with the organisation and dates ("Acme · Full-time
    Jan 2020 - Present · 2 yrs"). Marked for the candidate to check."""
    jobs: list[Experience] = []
    for at, line in enumerate(lines[:-1]):
        dated = _DATES.search(lines[at + 1])
        if not (
            dated
            and _TITLE_WORDS.search(line)
            and len(line.split()) <= 6
            and not _is_bullet(line)
            and not _DATES.search(line)
        ):
            continue
        employer = re.split(r"\s+·\s+|\t|\s*\|\s*", lines[at + 1][: dated.start()].strip())[0].strip(" ,–-")
        if not employer or (_TITLE_WORDS.search(employer) and not _ORGANISATION_WORDS.search(employer)):
            continue
        jobs.append(
            Experience(title=line, employer=employer, dates=" ".join(dated.group(0).split()), confidence=UNSURE - 0.1)
        )
    return jobs


def _schools(lines: list[str]) -> list[Education]:
    if any(_is_anchor(line) for line in lines):
        return [school for school in map(_education, _entries(lines)) if school.institution or school.qualification]
    return _undated_schools(lines)


MAX_INSTITUTION_WORDS = 8


def _education(entry) -> Education:
    header, dates, details, dated_units, _ = entry
    units = [piece for unit in header + dated_units for piece in _pieces(unit)]
    qualification, institution = "", ""
    for unit in units:
        degree = re.match(
            r"^((?:ph\.?\s?d|m\.?\s?s\.?c?|b\.?\s?s\.?c?|b\.?a|m\.?a|m\.?eng|b\.?eng|mba)\.?)\s+(.+)$",
            unit,
            re.IGNORECASE,
        )
        if degree and _INSTITUTION_WORDS.search(degree.group(2)) and not institution:
            institution, _, subject = degree.group(2).partition(", ")  # "PhD Princeton University, Physics"
            qualification = qualification or " in ".join(filter(None, [degree.group(1), subject]))
        elif (
            _INSTITUTION_WORDS.search(unit)
            and not _DEGREE.match(unit)
            and (not institution or len(institution.split()) > MAX_INSTITUTION_WORDS >= len(unit.split()))
        ):
            institution = unit  # a school's name, not a thesis title that mentions a university
        elif _DEGREE.match(unit) and not qualification:
            qualification = unit
    if not institution:
        rest = [u for u in units if u != qualification]
        institution = rest[0] if rest else ""
    if not qualification and details and _DEGREE.match(details[0]):
        qualification = details.pop(0)
    confidence = 0.9 if institution and _INSTITUTION_WORDS.search(institution) else 0.5
    return Education(
        qualification=qualification,
        institution=institution,
        dates=dates,
        details="; ".join(details),
        confidence=confidence,
    )


def _undated_schools(lines: list[str]) -> list[Education]:
    """Schools written without dates: each one an institution line and a qualification line, in
    either order; a line of a kind the current school already has starts the next one."""
    schools: list[Education] = []
    for line in (piece for ln in lines if not _is_bullet(ln) for unit in _units(ln) for piece in _pieces(unit)):
        kind = (
            "institution"
            if _INSTITUTION_WORDS.search(line) and not _DEGREE.match(line)
            else "qualification"
            if _DEGREE.match(line)
            else None
        )
        if kind is None:
            if schools:
                schools[-1].details = "; ".join(filter(None, [schools[-1].details, line]))
            continue
        if not schools or getattr(schools[-1], kind):
            schools.append(Education(confidence=0.7))
        setattr(schools[-1], kind, line)
    return schools


# --- Projects -----------------------------------------------------------------------------------


def _projects(lines: list[str]) -> list[Project]:
    projects: list[Project] = []
    for line in _joined_items(lines):
        text = " ".join(cell for cell in _strip_bullet(line).split("\t") if not _is_date_range(cell.strip()))
        if tools := _PROJECT_TOOLS_LABEL.match(text):
            if projects:
                projects[-1].technologies += [t.strip() for t in re.split(r"[,;|]", text[tools.end() :]) if t.strip()]
            continue
        separator = _PROJECT_SEPARATOR.search(text)
        if separator and len(text[: separator.start()].split()) <= 6:
            projects.append(
                Project(name=text[: separator.start()].strip(), description=text[separator.end() :].strip())
            )
        elif not projects or (len(text.split()) <= 6 and not text.endswith(".")):
            projects.append(Project(name=text))
        else:
            previous = projects[-1]
            previous.description = f"{previous.description} {text}".strip()
    for project in projects:
        project.technologies = vocabulary.normalise_list(
            project.technologies + vocabulary.find_in_text(f"{project.name}. {project.description}")
        )
    return projects
