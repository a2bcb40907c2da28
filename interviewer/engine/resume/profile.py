"""A résumé's text → a structured, editable profile.

Résumés have no fixed format, so this reads them the way a recruiter skims: section headings
("Experience", "Technical skills"…), contact details anywhere near the top, and within a
section, entries anchored on their dates ("Jan 2021 – Present"). What the text doesn't say
clearly is left empty for the candidate to fill in; nothing is invented.
"""
import re
from dataclasses import asdict, dataclass, field, fields

from interviewer.engine.resume import skills as vocabulary

SECTION_HEADINGS = {
    "summary": ("summary", "profile", "professional summary", "personal statement", "about me", "about", "objective",
                "career objective", "personal profile", "career summary", "professional profile"),
    "skills": ("skills", "technical skills", "key skills", "core skills", "core competencies", "competencies",
               "skills and tools", "skills & tools", "tools", "technologies", "tech stack", "skills and technologies"),
    "experience": ("experience", "work experience", "professional experience", "employment", "employment history",
                   "work history", "career history", "relevant experience", "experience and employment"),
    "education": ("education", "education and training", "qualifications", "academic background",
                  "education & qualifications", "education and qualifications"),
    "projects": ("projects", "personal projects", "selected projects", "key projects", "academic projects",
                 "side projects", "portfolio projects"),
    "certifications": ("certifications", "certificates", "certification", "licences", "licenses",
                       "licenses and certifications", "licences and certifications", "courses", "training"),
    # Read for where the sections above end; not part of the profile.
    "other": ("interests", "hobbies", "languages", "references", "volunteering", "awards", "achievements",
              "publications", "activities", "additional information", "interests and hobbies"),
}
_HEADING = {heading: kind for kind, headings in SECTION_HEADINGS.items() for heading in headings}
PROFILE_SECTIONS = ("summary", "skills", "experience", "education", "projects", "certifications")

_BULLET = re.compile(r"^\s*(?:[•●▪■◦‣∙·*–—-]|\d{1,2}[.)])\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{7,}\d(?![\w/])")
_URL = re.compile(r"(?:https?://|www\.)[^\s|,;·•]+|(?:linkedin\.com|github\.com)/[^\s|,;·•]+", re.IGNORECASE)
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = rf"(?:(?:{_MONTH}\s+)?(?:19|20)\d\d|(?:0?[1-9]|1[0-2])/(?:19|20)\d\d)"
_NOW = r"(?:present|current|now|today|ongoing|date)"
_DATES = re.compile(rf"(?:{_DATE})(?:\s*(?:–|—|-|to|until)\s*(?:{_DATE}|{_NOW}))?", re.IGNORECASE)
# Between a title and an employer, a name and a description: "Engineer — Acme", "Acme | Engineer".
_SEPARATOR = re.compile(r"\s+[—–|-]\s+|\s*\|\s*|\s+·\s+|\t+|\s{3,}")
_PROJECT_SEPARATOR = re.compile(r"\s+[—–-]\s+|:\s+|\s+\|\s+")
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|intern|assistant|consultant|designer|nurse|officer|specialist|"
    r"co-?ordinator|lead|director|scientist|administrator|associate|representative|adviser|advisor|executive|"
    r"technician|teacher|tutor|accountant|researcher|architect|head|trainee|apprentice|volunteer|agent|founder|"
    r"clerk|supervisor|tester|writer|editor|recruiter|auditor|president|partner|marketer|owner|cashier|"
    r"receptionist|practitioner|therapist|pharmacist|midwife|carer|worker|ambassador|secretary|strategist)s?\b",
    re.IGNORECASE,
)
_INSTITUTION_WORDS = re.compile(r"\b(university|college|school|institute|academy|polytechnic|conservatoire|universit[éa])\b", re.IGNORECASE)
_SKILL_LABEL = re.compile(r"^[A-Za-z &/]{2,30}:\s*")
_PROJECT_TOOLS_LABEL = re.compile(r"^(?:technologies|tech|stack|tools|built with|using)\s*:\s*", re.IGNORECASE)
MAX_SKILL_WORDS = 5  # a longer "skill" is a sentence; only vocabulary skills are taken from it


@dataclass
class Experience:
    title: str = ""
    employer: str = ""
    dates: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class Education:
    qualification: str = ""
    institution: str = ""
    dates: str = ""
    details: str = ""


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
        parts = [self.name, self.email, self.phone, self.linkedin, self.github, self.portfolio, self.summary,
                 ", ".join(self.skills)]
        for job in self.experience:
            parts += [job.title, job.employer, job.dates, *job.bullets]
        for school in self.education:
            parts += [school.qualification, school.institution, school.dates, school.details]
        for project in self.projects:
            parts += [project.name, project.description, ", ".join(project.technologies)]
        parts += self.certifications
        return "\n".join(p for p in parts if p)


def parse_profile(text: str) -> Profile:
    lines = _clean_lines(text)
    header, sections = _split_sections(lines)
    profile = Profile()
    _read_contact(profile, header, lines)
    profile.summary = _paragraph(sections["summary"]) or _untitled_summary(header, profile)
    profile.skills = _skills(sections["skills"])
    profile.experience = [_experience(entry) for entry in _entries(sections["experience"])]
    profile.education = [_education(entry) for entry in _entries(sections["education"])]
    profile.projects = _projects(sections["projects"])
    profile.certifications = [_strip_bullet(line) for line in _joined_items(sections["certifications"])]
    return profile


# --- Lines and sections -------------------------------------------------------------------------

def _clean_lines(text: str) -> list[str]:
    lines = []
    for raw in text.replace("\r", "\n").replace("\u00a0", " ").split("\n"):
        line = " ".join(raw.split()) if "\t" not in raw else raw.strip()
        if not line:
            continue
        if lines and lines[-1].endswith(("://", "www.")):  # a link the layout broke in two
            lines[-1] += line
            continue
        lines.append(line)
    return lines


def _split_sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    header: list[str] = []
    sections: dict[str, list[str]] = {kind: [] for kind in SECTION_HEADINGS}
    current = header
    for line in lines:
        kind, rest = _heading(line)
        if rest and current is sections["skills"] and kind in ("skills", "other"):
            kind = None  # "Languages: Python, Go" labels a group of skills
        if kind:
            current = sections[kind]
            if rest:
                current.append(rest)
        else:
            current.append(line)
    return header, sections


def _heading(line: str) -> tuple[str | None, str]:
    """("skills", "Python, SQL") for "Skills: Python, SQL"; (None, "") for a line that isn't one."""
    words = _strip_bullet(line).strip()
    label, colon, rest = words.partition(":")
    key = " ".join(label.lower().replace("&", "and").split()).strip(" .")
    kind = _HEADING.get(key) or _HEADING.get(key.replace("and", "&"))
    if kind and (not colon or rest.strip() or label == words.rstrip(":")):
        return kind, rest.strip()
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

def _read_contact(profile: Profile, header: list[str], lines: list[str]) -> None:
    top = "\n".join(header) if header else "\n".join(lines[:8])
    everywhere = "\n".join(lines)
    if match := _EMAIL.search(top) or _EMAIL.search(everywhere):
        profile.email = match.group(0)
    profile.phone = next((m.group(0).strip() for m in _PHONE.finditer(top) if 9 <= _digits(m.group(0)) <= 15), "")
    for url in _URL.findall(everywhere):
        url = url.rstrip(".,;)")
        if "@" in url:
            continue
        lowered = url.lower()
        if "linkedin.com" in lowered:
            profile.linkedin = profile.linkedin or url
        elif "github.com" in lowered:
            profile.github = profile.github or url
        else:
            profile.portfolio = profile.portfolio or url
    profile.name = next((line for line in (header or lines[:5]) if _looks_like_name(line)), "")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or _EMAIL.search(line) or _URL.search(line) or any(ch.isdigit() for ch in line):
        return False
    return all(w[:1].isupper() or w.lower() in ("de", "van", "von", "da", "al", "bin", "le") for w in words)


def _untitled_summary(header: list[str], profile: Profile) -> str:
    """A summary paragraph written under the name without a heading of its own."""
    known = {profile.name}
    return " ".join(line for line in header if line not in known and len(line.split()) >= 12
                    and not _EMAIL.search(line) and not _URL.search(line))


# --- Skills -------------------------------------------------------------------------------------

def _skills(lines: list[str]) -> list[str]:
    items = []
    for line in lines:
        line = _SKILL_LABEL.sub("", _strip_bullet(line))  # "Languages: Python, Go" → "Python, Go"
        for item in re.split(r"\s*[,;|•·]\s*|\s+-\s+|\t+|\s{3,}", line):
            item = item.strip(" .()")
            if len(item.split()) > MAX_SKILL_WORDS:
                items += vocabulary.find_in_text(item)
            elif item:
                items.append(item)
    return vocabulary.normalise_list(items)


# --- Dated entries: jobs and schools ------------------------------------------------------------

MAX_HEADER_WORDS = 12


def _entries(lines: list[str]) -> list[tuple[list[str], str, list[str]]]:
    """(header parts, dates, body items) for each entry of a section. An entry is anchored on
    its dates; the short lines just before them (title, employer) belong to it."""
    if not lines:
        return []
    anchors = [i for i, line in enumerate(lines) if _DATES.search(line) and not _is_bullet(line)]
    if not anchors:  # no dates: one entry per unbulleted line
        return [(_parts(item), "", []) for item in _joined_items([ln for ln in lines if not _is_bullet(ln)])]
    starts = []
    for anchor in anchors:
        start = anchor
        while start - 1 >= 0 and anchor - start < 2 and (not starts or start - 1 > starts[-1][1]) and _is_header_line(lines[start - 1]):
            start -= 1
        starts.append((start, anchor))
    entries = []
    for n, (start, anchor) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        dates_line = lines[anchor]
        dates = " ".join(_DATES.search(dates_line).group(0).split())
        header = lines[start:anchor] + [dates_line.replace(_DATES.search(dates_line).group(0), " ")]
        parts = [p for line in header for p in _parts(line)]
        body = lines[anchor + 1:end]
        if len(parts) < 2 and body and not _is_bullet(body[0]) and _is_header_line(body[0]) and len(body[0].split()) <= 6:
            parts.append(body.pop(0))  # "Acme Ltd   2019 – 2021" then the title below it
        entries.append((parts, dates, [_strip_bullet(item) for item in _joined_items(body)]))
    return entries


def _is_header_line(line: str) -> bool:
    return not _is_bullet(line) and len(line.split()) <= MAX_HEADER_WORDS and not line.endswith(".") and not _continues(line)


def _parts(line: str) -> list[str]:
    line = re.sub(r"\s+at\s+", " | ", _strip_bullet(line), count=1) if re.search(r"\s+at\s+[A-Z]", line) else line
    pieces = []
    for piece in _SEPARATOR.split(line):
        pieces += [p for p in re.split(r",\s+", piece)] if not _DATES.search(piece) else [piece]
    return [p.strip(" ,|–—-()") for p in pieces if p.strip(" ,|–—-()")]


def _experience(entry) -> Experience:
    parts, dates, bullets = entry
    title_at = next((i for i, p in enumerate(parts) if _TITLE_WORDS.search(p)), 0)
    title = parts[title_at] if parts else ""
    employer = ", ".join(p for i, p in enumerate(parts) if i != title_at)
    return Experience(title=title, employer=employer, dates=dates, bullets=bullets)


def _education(entry) -> Education:
    parts, dates, details = entry
    school_at = next((i for i, p in enumerate(parts) if _INSTITUTION_WORDS.search(p)), 1 if len(parts) > 1 else None)
    institution = parts[school_at] if school_at is not None else ""
    qualification = ", ".join(p for i, p in enumerate(parts) if i != school_at)
    return Education(qualification=qualification, institution=institution, dates=dates, details="; ".join(details))


# --- Projects -----------------------------------------------------------------------------------

def _projects(lines: list[str]) -> list[Project]:
    projects: list[Project] = []
    for line in _joined_items(lines):
        text = _strip_bullet(line)
        if tools := _PROJECT_TOOLS_LABEL.match(text):
            if projects:
                projects[-1].technologies += [t.strip() for t in re.split(r"[,;|]", text[tools.end():]) if t.strip()]
            continue
        separator = _PROJECT_SEPARATOR.search(text)
        if separator and len(text[:separator.start()].split()) <= 6:
            projects.append(Project(name=text[:separator.start()].strip(), description=text[separator.end():].strip()))
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
