"""How ready a profile is for an applicant-tracking system (ATS) and a recruiter's first read:
a score 0–100 made of parts that are each shown, each with what was counted and a concrete tip
for every point lost. It describes the document, never the person."""

import re
from dataclasses import asdict, dataclass, field

from interviewer.engine.resume import skills as vocabulary
from interviewer.engine.resume.profile import Profile

SECTION_POINTS = {"summary": 4, "skills": 4, "experience": 6, "education": 4, "projects": 2}
# Projects are expected of people in technology (and of those whose line of work can't be told);
# a nurse or an accountant isn't asked for them.
PROJECT_FIELDS = ("technology", "")
_FIELD_WORDS = {
    "care": r"nurs|\brn\b|patient|clinical|carer|midwife|healthcare|hospital|medical|therap|paramedic|\bemt\b",
    "teaching": r"teach|tutor|classroom|lesson|pupil|lecturer|instructor|curriculum",
    "sales": r"\bsales\b|account executive|business development|retail|quota|customer success",
    "finance": r"accountant|accounting|audit|\btax\b|financ|\bbank|bookkeep|payroll|\bcpa\b",
    "business": r"office manager|operations|administrat|co-?ordinator|practice manager|human "
    r"resources|\bhr\b|marketing",
    "technology": r"engineer|developer|software|programm|data scien|devops|\bit\b|computer|cloud|machine learning|"
    r"desktop support|system administrator|web\b",
}
SECTION_TIPS = {
    "summary": "Add a two- or three-line summary at the top: the role you want and your strongest relevant experience.",
    "skills": "Add a Skills section listing the tools and methods you use, in the words job adverts use.",
    "experience": "Add your work experience (placements, part-time jobs and volunteering count), each with dates and "
    "achievements.",
    "education": "Add your education: qualification, institution and dates.",
    "projects": "Add one or two projects (coursework, personal or open-source) saying what you built and with what.",
}
# A section the résumé has but whose entries couldn't be read: not "add one".
UNREAD_SECTION_TIPS = {
    "experience": "Your résumé has an experience section, but its jobs couldn't be read: add each one on the profile "
    "page (title, employer, dates), and in the résumé put each job's title, employer and dates on one or two lines.",
    "education": "Your résumé has an education section, but its entries couldn't be read: add them on the profile page "
    "(qualification, institution, dates).",
}
CONTACT_POINTS = {"name": 2, "email": 3, "phone": 3, "link": 2}
QUANTIFIED_POINTS, QUANTIFIED_TARGET = 20, 0.5  # full marks when half the achievements carry a figure
VERB_POINTS, VERB_TARGET = 15, 0.8
LENGTH_POINTS, GOOD_LENGTH, MIN_LENGTH, MAX_LENGTH = 15, (300, 900), 100, 1600
KEYWORD_POINTS = 20
TIPS_PER_PART = 3  # bullets named in a part's tips; the detail line gives the full count

_FIGURE = re.compile(
    r"\d|[%£$€]|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|dozens?|hundreds?|thousands?|millions?)\b",
    re.IGNORECASE,
)
# Past-tense action verbs; the present tense of a current job ("Lead", "Manage", "Care for") counts too.
_VERBS_BY_FIELD = {
    "any": """
        accelerated achieved analysed analyzed architected arranged authored automated boosted budgeted built calculated
        chaired championed coached collaborated completed configured consolidated coordinated co-ordinated created cut
        debugged decreased delivered deployed designed developed devised diagnosed directed doubled drafted drove earned
        edited eliminated enabled engineered established evaluated expanded facilitated fixed forecast founded generated
        grew guided handled hired identified implemented improved increased influenced initiated installed integrated
        introduced investigated launched led lowered maintained managed mentored merged migrated modelled modeled
        monitored negotiated optimised optimized orchestrated organised organized oversaw performed piloted planned
        prepared presented prioritised prioritized produced programmed promoted proposed prototyped published raised
        rebuilt recruited redesigned reduced refactored reorganised replaced reported researched resolved restructured
        reviewed revised rewrote saved scaled scheduled secured served shipped simplified solved spearheaded
        standardised standardized streamlined strengthened supervised supported tested trained transformed translated
        tripled upgraded won wrote co-authored co-designed co-founded ported benchmarked containerised containerized
        instituted modernised modernized overhauled communicated
    """,
    "sales": """
        exceeded surpassed closed sold upsold cross-sold prospected acquired retained converted booked pitched sourced
        onboarded renewed captured outperformed topped beat
    """,
    "care": """
        administered assessed cared treated triaged documented educated precepted charted advocated responded stabilised
        stabilized titrated transported counselled counseled provided delivered comforted rehabilitated dressed
        catheterised catheterized resuscitated interpreted
    """,
    "teaching": """
        taught instructed tutored lectured graded differentiated engaged inspired motivated supervised assessed
        mentored coached adapted integrated
    """,
    "finance": """
        audited reconciled forecasted budgeted filed computed valued underwrote processed allocated invested balanced
        modelled priced collected recovered consolidated restated
    """,
}
ACTION_VERBS = frozenset(verb for verbs in _VERBS_BY_FIELD.values() for verb in verbs.split())
# Present tenses that aren't the past tense without its ending.
_IRREGULAR = {
    "lead": "led",
    "build": "built",
    "write": "wrote",
    "drive": "drove",
    "teach": "taught",
    "oversee": "oversaw",
    "grow": "grew",
    "win": "won",
    "sell": "sold",
    "cut": "cut",
    "rewrite": "rewrote",
    "care": "cared",
    "run": "ran",
    "make": "made",
    "bring": "brought",
    "set": "set",
    "hold": "held",
    "keep": "kept",
}
_IRREGULAR_PAST = {"ran", "made", "brought", "set", "held", "kept"}
WEAK_OPENINGS = (
    "responsible for",
    "helped",
    "helping",
    "worked on",
    "working on",
    "assisted",
    "involved in",
    "duties included",
    "tasked with",
    "participated in",
    "in charge of",
)


@dataclass
class Part:
    key: str
    label: str
    earned: float
    out_of: int
    detail: str  # what was counted, in plain words
    tips: list[str] = field(default_factory=list)


@dataclass
class Readiness:
    score: int
    parts: list[Part]
    line_of_work: str = ""  # what the profile reads as ("care", "technology"…; "" when it can't be told)
    job_skills: list[str] = field(default_factory=list)  # skills the job description asks for
    matched_keywords: list[str] = field(default_factory=list)
    missing_keywords: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def line_of_work(profile: Profile) -> str:
    """The line of work the profile's job titles (which count most), summary and skills point to."""
    titles = " ".join(job.title for job in profile.experience).lower()
    rest = " ".join([profile.summary, *profile.skills]).lower()
    counts = {
        name: 3 * len(re.findall(words, titles)) + len(re.findall(words, rest)) for name, words in _FIELD_WORDS.items()
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else ""


def readiness(profile: Profile, job_description: str = "") -> Readiness:
    work = line_of_work(profile)
    parts = [
        _sections(profile, work),
        _contact(profile),
        _quantified(profile, work),
        _action_verbs(profile, work),
        _length(profile, work),
    ]
    job_skills, matched, missing = [], [], []
    if job_description.strip():
        job_skills, matched, missing = keyword_match(profile, job_description)
        if job_skills:
            parts.append(_keywords(job_skills, matched, missing))
    score = round(100 * sum(p.earned for p in parts) / sum(p.out_of for p in parts))
    return Readiness(score, parts, work, job_skills, matched, missing)


def keyword_match(profile: Profile, job_description: str) -> tuple[list[str], list[str], list[str]]:
    """The job description's skills (as the vocabulary names them), those the profile shows
    anywhere, and those it doesn't."""
    wanted = vocabulary.find_in_text(job_description)
    have = {s.lower() for s in vocabulary.normalise_list(profile.skills + vocabulary.find_in_text(profile.as_text()))}
    for project in profile.projects:
        have |= {t.lower() for t in project.technologies}
    matched = [s for s in wanted if s.lower() in have]
    return wanted, matched, [s for s in wanted if s.lower() not in have]


def _sections(profile: Profile, work: str) -> Part:
    expected = {
        name: points
        for name, points in SECTION_POINTS.items()
        if name != "projects" or work in PROJECT_FIELDS or profile.projects
    }
    missing = [name for name in expected if not getattr(profile, name)]
    earned = sum(points for name, points in expected.items() if name not in missing)
    detail = "All the usual sections are there." if not missing else f"No {_list(missing)} section found."
    return Part(
        "sections",
        "Section completeness",
        earned,
        sum(expected.values()),
        detail,
        [
            f"{UNREAD_SECTION_TIPS.get(name, SECTION_TIPS[name]) if name in profile.unsure else SECTION_TIPS[name]} "
            f"(+{expected[name]})"
            for name in missing
        ],
    )


def _contact(profile: Profile) -> Part:
    present = {
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "link": profile.linkedin or profile.github or profile.portfolio,
    }
    tips = {
        "name": "Put your full name at the top, on a line of its own.",
        "email": "Add an email address you check, in plain text (not only as an icon).",
        "phone": "Add a phone number with its country code, e.g. +44 7700 900123.",
        "link": "Add a LinkedIn, GitHub or portfolio link so a recruiter can see more of your work.",
    }
    missing = [key for key, value in present.items() if not value]
    earned = sum(points for key, points in CONTACT_POINTS.items() if key not in missing)
    labels = {"name": "name", "email": "email", "phone": "phone number", "link": "LinkedIn, GitHub or portfolio link"}
    detail = (
        "Name, email, phone and a link are all there."
        if not missing
        else f"Missing: {_list([labels[k] for k in missing])}."
    )
    return Part(
        "contact",
        "Contact details",
        earned,
        sum(CONTACT_POINTS.values()),
        detail,
        [f"{tips[key]} (+{CONTACT_POINTS[key]})" for key in missing],
    )


def _achievements(profile: Profile) -> list[str]:
    """Experience bullets; for someone without jobs yet, their project descriptions."""
    bullets = [b for job in profile.experience for b in job.bullets if b.strip()]
    return bullets or [p.description for p in profile.projects if p.description.strip()]


def _work_items(work: str) -> str:
    return "job or project" if work in PROJECT_FIELDS else "job"


def _quantified(profile: Profile, work: str = "") -> Part:
    bullets = _achievements(profile)
    if not bullets:
        return Part(
            "quantified",
            "Quantified achievements",
            0,
            QUANTIFIED_POINTS,
            "No achievement bullet points found.",
            [
                (
                    f"Under each {_work_items(work)}, add bullet points saying what you achieved, with a figure "
                    "where you "
                    "can (people served, time saved, % improved)."
                )
            ],
        )
    with_figure = [b for b in bullets if _FIGURE.search(b)]
    share = len(with_figure) / len(bullets)
    earned = round(QUANTIFIED_POINTS * min(1.0, share / QUANTIFIED_TARGET), 1)
    detail = f"{len(with_figure)} of {len(bullets)} achievement{'s' if len(bullets) != 1 else ''} contain a figure."
    tips = []
    if earned < QUANTIFIED_POINTS:
        needed = max(1, round(QUANTIFIED_TARGET * len(bullets)) - len(with_figure))
        without = [b for b in bullets if b not in with_figure]
        tips.append(
            f"Add a figure to {needed} more achievement{'s' if needed != 1 else ''} (how many, how much, how "
            f"often, what % changed), for example: " + "; ".join(f"“{_short(b)}”" for b in without[:TIPS_PER_PART])
        )
    return Part("quantified", "Quantified achievements", earned, QUANTIFIED_POINTS, detail, tips)


_TOOL_LABEL = re.compile(r"^[^:.]{1,40}:\s+(?=\w)")  # "TensorFlow: built…", "Key result: reduced…"


def starts_with_action_verb(bullet: str) -> bool:
    """ "Reduced…", "Lead daily operations…" and "TensorFlow: built…" start with an action verb."""
    words = _TOOL_LABEL.sub("", bullet.strip(), count=1).split()
    first = re.sub(r"[^a-z-]", "", words[0].lower()) if words else ""
    return (
        first in ACTION_VERBS
        or _IRREGULAR.get(first) in ACTION_VERBS | _IRREGULAR_PAST
        or any(form in ACTION_VERBS for form in _past_tenses(first))
    )


def _past_tenses(word: str) -> tuple[str, ...]:
    """What a present-tense verb's past tense may be: manage(s) → managed, plan → planned, copy → copied."""
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    forms = [stem + "d", stem + "ed", stem + stem[-1:] + "ed"]
    if stem.endswith("y"):
        forms.append(stem[:-1] + "ied")
    if stem.endswith("e"):
        forms.append(stem[:-1] + "ed")
    return tuple(forms) if len(stem) > 2 else ()


# Verbs a tip suggests, in the words of the profile's line of work.
VERB_EXAMPLES = {
    "care": ("Administered", "Assessed", "Educated", "Reduced"),
    "sales": ("Exceeded", "Closed", "Grew", "Won"),
    "teaching": ("Taught", "Designed", "Raised", "Mentored"),
    "finance": ("Reconciled", "Audited", "Forecast", "Reduced"),
    "business": ("Organised", "Managed", "Reduced", "Negotiated"),
}
DEFAULT_VERB_EXAMPLES = ("Built", "Reduced", "Led", "Resolved")


def _action_verbs(profile: Profile, work: str = "") -> Part:
    bullets = _achievements(profile)
    if not bullets:
        return Part(
            "verbs",
            "Action verbs",
            0,
            VERB_POINTS,
            "No achievement bullet points found.",
            [
                "Start each achievement with a verb saying what you did: "
                + ", ".join(f"“{verb}…”" for verb in VERB_EXAMPLES.get(work, DEFAULT_VERB_EXAMPLES)[:3])
                + "."
            ],
        )
    strong = [b for b in bullets if starts_with_action_verb(b)]
    earned = round(VERB_POINTS * min(1.0, len(strong) / len(bullets) / VERB_TARGET), 1)
    detail = f"{len(strong)} of {len(bullets)} achievement{'s' if len(bullets) != 1 else ''} start with an action verb."
    tips = []
    if earned < VERB_POINTS:
        weak = [b for b in bullets if b not in strong]
        examples = "; ".join(f"“{_short(b)}”{_weak_note(b)}" for b in weak[:TIPS_PER_PART])
        verbs = ", ".join(VERB_EXAMPLES.get(work, DEFAULT_VERB_EXAMPLES))
        tips.append(f"Start these with a verb for what you did ({verbs}…): {examples}")
    return Part("verbs", "Action verbs", earned, VERB_POINTS, detail, tips)


def _weak_note(bullet: str) -> str:
    opening = next((w for w in WEAK_OPENINGS if bullet.lower().startswith(w)), None)
    return f" (“{opening}” says you were there, not what you did)" if opening else ""


def _length(profile: Profile, work: str = "") -> Part:
    count = len(profile.as_text().split())
    low, high = GOOD_LENGTH
    if count < low:
        earned = LENGTH_POINTS * max(0.0, (count - MIN_LENGTH) / (low - MIN_LENGTH))
        tip = f"Add about {low - count} words: more detail on what you did and achieved in each {_work_items(work)}."
    elif count > high:
        earned = LENGTH_POINTS * max(0.0, (MAX_LENGTH - count) / (MAX_LENGTH - high))
        tip = f"Cut about {count - high} words: keep the achievements most relevant to the job, one line each."
    else:
        earned, tip = LENGTH_POINTS, ""
    detail = f"{count} words; {low}–{high} (one to two pages) reads best."
    return Part("length", "Length", round(earned, 1), LENGTH_POINTS, detail, [tip] if tip else [])


def _keywords(job_skills: list[str], matched: list[str], missing: list[str]) -> Part:
    earned = round(KEYWORD_POINTS * len(matched) / len(job_skills), 1)
    detail = f"{len(matched)} of the {len(job_skills)} skills the job description names appear in your profile."
    tips = []
    if missing:
        tips.append(
            f"The job description asks for {_list(missing)}. Where you have used them, name them in your "
            "skills and in the achievement where you used them; applicant-tracking systems match the words."
        )
    return Part("keywords", "Job description keywords", earned, KEYWORD_POINTS, detail, tips)


def _short(text: str, words: int = 12) -> str:
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
