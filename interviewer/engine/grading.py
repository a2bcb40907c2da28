"""Grading one answer against a question's model answer and key points.

Every number here is explained to the candidate, so each is simple to state:
- content score (0–100): the calibrated semantic similarity to the model answer (similarity.py);
- key points: each covered or missed, with the sentence of the answer that covered it;
- relevance (0–100): how closely the answer addresses the question asked;
- STAR (behavioural questions): situation, task, action and result, each found or missing;
- specificity (0–100): figures, concrete actions, first-person ownership;
- answer score (0–100) and verdict: see ANSWER_SCORE_WEIGHTS and the thresholds below.
"""

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import lru_cache

import numpy as np

from interviewer.engine.answer_checks import (
    contradiction,
    non_answer_reason,
    order_conflict,
)
from interviewer.engine.similarity import (
    STOPWORDS,
    answer_texts_to_embed,
    content_score,
    content_words,
    demote,
    encode,
    is_addressed_to_grader,
    prepare_reference,
    split_sentences,
    word_recall,
    words,
)


class Verdict(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"


CORRECT_AT = 70
PARTIAL_AT = 40
# An answer this far from the question is off-topic whatever else it says.
OFF_TOPIC_BELOW = 20
ANSWER_SCORE_WEIGHTS = {
    # (content score, key-point coverage, STAR completeness)
    "behavioural": (0.35, 0.35, 0.30),
    "other": (0.5, 0.5, 0.0),
}
# A key point is stated by a sentence of the answer when, both question-demoted and the point taken
# as its claim (key_point_claim), their cosine reaches KEY_POINT_COVERED_AT or the point's words are
# said in the sentence, each matched with its closest word in context, to a mean of
# KEY_POINT_WORDS_SAID_AT (similarity.word_recall). Chosen by bench/key_point_threshold.py on the
# bank: see the README's table.
KEY_POINT_COVERED_AT = 0.60
KEY_POINT_WORDS_SAID_AT = 0.55
# A passage with under 40% of a key point's content words is too short to state it ("There is
# also the balance sheet." names the topic of a key point but makes none of its claims).
KEY_POINT_MIN_WORD_SHARE = 0.4
# Weight of the share of a key point's words in choosing which covering sentence to quote.
EVIDENCE_WORD_WEIGHT = 0.1
# Cosine between an answer and its question (or model answer), mapped to 0–100. Measured on the
# bank: model answers sit at a median of 0.59 from their own question (5th percentile 0.36),
# answers from another domain at a median of 0.15.
RELEVANCE_LOW, RELEVANCE_HIGH = 0.15, 0.55
MAX_ANSWER_WORDS = 1500
# The content score of an answer that reverses the model answer's statement or order: it uses
# the right words, which is all similarity sees, but says something else.
REVERSED_CONTENT_AT_MOST = 20.0

STAR_CUES = {
    # Ends with a story's opening sentence: "In my final year…", "On my placement…",
    # "As treasurer of the society…".
    "situation": (
        r"\b(when I was|while I was|while working|when I (joined|started)|at my (previous|last|current)|"
        r"in my (previous|last|current|first)|during (my|a|an|the|our)|last (year|summer|semester|term)|"
        r"a few (months|years) ago|there was|we were|our team was|the (company|team|project|client|hospital|"
        r"store) (was|had)|I worked (part-time |full-time )?(at|as|on|in|for)|I was (a|an|the) |"
        r"I was (coordinating|managing|working|selling|leading|running|organi[sz]ing))\b|^(in|on|at|during) (my|a|"
        r"an|our) |^as (?!a result)(a |an |the |my )?[\w'-]+( [\w'-]+){0,4} (of|for|at|on|in)\b"
    ),
    "task": (
        r"\b(my (task|job|role|responsibility|goal) was|I was (responsible|asked|tasked|in charge)|I (needed|"
        r"had) to|we (needed|had) to|the (goal|aim|objective|challenge) was|it was (my|up to me)|I (wanted|"
        r"volunteered|offered|set out|aimed) to|I took (on|ownership|responsibility)|I set (a|myself a) (goal|"
        r"target))\b"
    ),
    "action": (
        r"\b(I|we) (then |first |also )?(decided|organi[sz]ed|arranged|scheduled|spoke|talked|met|created|built|"
        r"wrote|proposed|set up|introduced|analy[sz]ed|reviewed|contacted|called|asked|listened|prioriti[sz]ed|"
        r"delegated|negotiated|designed|implemented|trained|coached|escalated|documented|tested|fixed|changed|"
        r"moved|split|mapped|presented|explained|ran|led|started|added|replaced|rewrote|rebuilt|removed|suggested|"
        r"offered|agreed|surveyed|compared|investigated|checked|gathered|raised|drafted|prepared|identified|"
        r"isolated|verified|searched|measured|tracked|followed up|apologi[sz]ed|acknowledged|volunteered|took|"
        r"made|used|sent|shared|booked|briefed|emailed|updated|switched|automated|migrated)\b"
    ),
    "result": (
        r"\b(as a result|in the end|eventually|the (result|outcome) was|this (led|resulted)|which (led|resulted|"
        r"meant)|ended up|finally|by the end|went ahead|won|(I|we) (delivered|shipped|launched|finished|hit|met|"
        r"achieved|won|saved|reduced|increased|improved|sold)|(fell|rose|dropped|went|climbed|jumped|up|"
        r"down) (from|to) |(no|zero) (\w+ )?(leaks?|complaints?|errors?|incidents?|failures?|mistakes?|issues?)\b|"
        r"(reduced|increased|improved|cut|raised|grew|saved)\b.{0,40}\d|\d+\s?(%|percent|per cent))"
    ),
}
_STAR = {element: re.compile(pattern, re.IGNORECASE) for element, pattern in STAR_CUES.items()}
# Behavioural and general questions have rubric key points ("States a measurable result",
# "Connects their background to the role"), whose claim sentence similarity finds in few answers
# (bench/key_point_threshold.py). Such a point is also covered by a sentence that shows the
# observable feature it asks for: the first feature whose cue words the key point contains;
# "claim": none, only a sentence stating the claim covers it; None: nothing the grader can check,
# reported as not checked.
_RUBRIC_FEATURES = {
    "behavioural": [
        ("reflection", r"\b(reflect|learn|lesson|differently|hindsight)"),
        ("result", r"\b(result|outcome|impact|measurable|achieved|quantif)"),
        ("action", r"\b(action|steps?|personally|they took|they did|how they)"),
        ("task", r"\b(task|responsib|goal|objective|their role)"),
        ("situation", r"\b(describes? (a|an|the) (specific|situation|context|project|team|problem))"),
        # What is left ("They gathered evidence, such as logs") is one particular action: any
        # sentence with an action in it is not evidence of it.
        ("claim", r"."),
    ],
    "general": [
        ("example", r"\b(example|evidence|concrete|achievement|supports?|backs? up)\b"),
        # "plans", not "plan": "Describes how they plan their work" is about organising, not the future.
        ("plans", r"\b(hope|future|grow|progress|plans|ambition|develop)"),
        ("research", r"\b(research|job description|sources|website|reports|conversations|speaking to)"),
        ("role", r"\b(role|organisation|organization|company|opportunity|position|requirements|sector)\b"),
        (
            "background",
            r"\b(background|educat|stud(y|ies|ied)|degree|universit|college|experience|career|qualification)",
        ),
        # "Keeps it to two minutes", "Is concise" need a judgement the grader can't make: a length
        # or a word count is not evidence of it.
        (None, r"\b(minutes?|seconds?|concise|brief|length|succinct)\b"),
        ("claim", r"."),
    ],
}
_RUBRIC_FEATURES = {
    kind: [(name, re.compile(cue, re.IGNORECASE)) for name, cue in features]
    for kind, features in _RUBRIC_FEATURES.items()
}
_ANSWER_FEATURES = {
    "reflection": r"\b(I learn(ed|t)|taught me|lesson|in hindsight|looking back|next time|I would now|I now|I "
    r"realised|I realized|since then)\b",
    "example": STAR_CUES["action"] + r"|\d",
    "plans": r"\b(I('d| would) like to|I hope|I want to|I plan|my goal|in (the )?(future|next)|five "
    r"years|grow|develop|learn more|progress)\b",
    "research": r"\b(I (read|researched|looked at|spoke|talked|noticed|saw)|your (website|report|annual "
    r"report|blog)|job description)\b",
    "role": r"\b(this|the) (role|position|job|opportunity|team)\b|\byour "
    r"(company|organisation|organization|team|mission|values)\b|\bwhy I('m| am) (applying|interested)\b",
    "background": r"\b(I stud(y|ied)|studying|degree|university|college|course|graduat\w*|internship|I worked|my "
    r"(last|previous|current) (job|role)|experience (in|with))\b",
}
_ANSWER_FEATURES = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _ANSWER_FEATURES.items()}
RUBRIC_QUESTION_TYPES = ("behavioural", "general")
_FEATURE_PATTERNS = {**_STAR, **_ANSWER_FEATURES}
# Rubric key points are written about the candidate ("The candidate describes a specific bug that
# was hard to reproduce.", "They gathered evidence, such as logs.", "Explains how they listened"),
# answers in the first person ("I went through the logs"). The point's claim is what an answer must
# state, so the rubric's frame is dropped and its third person made first before it is compared.
_RUBRIC_FRAME = re.compile(
    r"^\s*(the candidate('s)?\s+)?((describes?|explains?|states?|shows?|mentions?|gives?|identifies|reports?|presents?|"
    r"recognises?|recognizes?|reflects?\s+on|demonstrates?|makes?\s+(it\s+)?clear)\s+((that|how|what|why|who|when|where)\s+)?)?",
    re.IGNORECASE,
)
_THIRD_TO_FIRST_PERSON = {
    "they": "I",
    "them": "me",
    "their": "my",
    "theirs": "mine",
    "themselves": "myself",
    "themself": "myself",
    "they're": "I'm",
    "they've": "I've",
    "they'd": "I'd",
    "they'll": "I'll",
}
_THIRD_PERSON = re.compile(r"\b(" + "|".join(re.escape(w) for w in _THIRD_TO_FIRST_PERSON) + r")\b", re.IGNORECASE)
_FIGURE = re.compile(
    r"\b\d[\d,.]*\s?(%|percent|per "
    r"cent|k\b|m\b|million|thousand|hours?|days?|weeks?|months?|years?|minutes?|people|users|customers)?|[$£€]\s?\d"
)
_FIRST_PERSON_SINGULAR = {"i", "i'm", "i've", "i'd", "my", "me", "myself"}
_FIRST_PERSON_PLURAL = {"we", "we're", "we've", "our", "us"}


@dataclass
class KeyPointResult:
    point: str
    covered: bool
    evidence: str  # the answer's sentence that states the point ("" when missed)
    similarity: float
    # False for a rubric point the grader has no way to check ("Keeps the answer to two
    # minutes"): shown as "couldn't check", never covered.
    checked: bool = True


@dataclass
class Specificity:
    figures: list[str]
    actions: int
    first_person_share: float  # "I" among I/we words: owning the actions
    score: float


@dataclass
class Grade:
    content_score: float
    relevance: float
    key_points: list[KeyPointResult]
    star: dict[str, str | None] | None
    specificity: Specificity | None
    answer_score: float
    verdict: Verdict
    word_count: int
    notes: list[str] = field(default_factory=list)
    # Set when a check decided the verdict before any similarity: not an answer ("I don't know",
    # a repeat of the question, filler only, text addressed to the grader), or a statement of the
    # reference with its polarity or order reversed.
    reason: str = ""

    @property
    def covered(self) -> list[KeyPointResult]:
        return [k for k in self.key_points if k.covered]

    @property
    def missed(self) -> list[KeyPointResult]:
        return [k for k in self.key_points if k.checked and not k.covered]

    @property
    def unchecked(self) -> list[KeyPointResult]:
        return [k for k in self.key_points if not k.checked]

    @property
    def coverage(self) -> float:
        checked = [k for k in self.key_points if k.checked]
        return len(self.covered) / len(checked) if checked else 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Grade":
        data = dict(data)
        data["key_points"] = [KeyPointResult(**k) for k in data["key_points"]]
        data["specificity"] = Specificity(**data["specificity"]) if data["specificity"] else None
        data["verdict"] = Verdict(data["verdict"])
        return cls(**data)


def grade_answer(*, question: str, model_answer: str, key_points, question_type: str, answer: str) -> Grade:
    notes = []
    text = " ".join(answer.split())
    all_words = text.split()
    if len(all_words) > MAX_ANSWER_WORDS:
        text = " ".join(all_words[:MAX_ANSWER_WORDS])
        notes.append(f"Only the first {MAX_ANSWER_WORDS} of {len(all_words)} words were graded.")
    sentences = split_sentences(text)
    kept = [s for s in sentences if not is_addressed_to_grader(s)]
    if len(kept) < len(sentences):
        n = len(sentences) - len(kept)
        notes.append(
            f"{n} sentence{'s' if n > 1 else ''} addressed to the grader rather than the interviewer "
            f"{'were' if n > 1 else 'was'} ignored."
        )
    if kept and _looks_non_english(" ".join(kept)):
        notes.append(
            "This answer doesn't look like English. The grader understands English only, so it may score it low."
        )
    if not kept:
        reason = "The answer only addresses the grader." if sentences else ""
        return _empty_grade(key_points, question_type, len(all_words), notes, reason)

    graded_text = " ".join(kept)
    reason = non_answer_reason(question, model_answer, graded_text)
    if reason:
        return _empty_grade(key_points, question_type, len(all_words), [*notes, reason], reason)
    behavioural = question_type == "behavioural"
    terms = set(content_words(question))
    demoted_sentences = [demote(s, terms) or s for s in kept]
    groups = answer_texts_to_embed(question, model_answer, graded_text)
    # Everything the answer needs embedded, in one batch: the model call is most of grading time.
    texts = list(dict.fromkeys(demoted_sentences + groups))
    vectors = dict(zip(texts, encode(texts)))
    content = content_score(question, model_answer, graded_text, embeddings=vectors)
    relevance = _relevance(question, model_answer, np.stack([vectors[g] for g in groups]))
    star = _star(kept) if behavioural else None
    key_point_results = _key_points(
        question, question_type, key_points, kept, demoted_sentences, np.stack([vectors[s] for s in demoted_sentences])
    )
    specificity = _specificity(graded_text) if question_type in ("behavioural", "situational") else None

    off_topic = relevance < OFF_TOPIC_BELOW
    if off_topic:
        notes.append("The answer doesn't address the question asked.")
        # Nothing in an answer to another question is evidence of this question's key points,
        # and its closeness to the model answer means nothing.
        key_point_results = [KeyPointResult(k.point, False, "", k.similarity, k.checked) for k in key_point_results]
        content = min(content, relevance)
    reason = "" if question_type in RUBRIC_QUESTION_TYPES else _reversal(question, model_answer, kept, graded_text)
    if reason:
        notes.append(reason)
        content = min(content, REVERSED_CONTENT_AT_MOST)
    checked = [k for k in key_point_results if k.checked]
    coverage = sum(k.covered for k in checked) / len(checked) if checked else 0.0
    star_share = sum(v is not None for v in star.values()) / 4 if star else 0.0
    w_content, w_coverage, w_star = ANSWER_SCORE_WEIGHTS["behavioural" if behavioural else "other"]
    if not checked:
        # No key point could be checked: the content score stands for them.
        w_content, w_coverage = w_content + w_coverage, 0.0
    answer_score = w_content * content + w_coverage * 100 * coverage + w_star * 100 * star_share
    if off_topic or reason:
        answer_score = min(answer_score, PARTIAL_AT - 1)
    return Grade(
        content_score=round(content, 1),
        relevance=round(relevance, 1),
        key_points=key_point_results,
        star=star,
        specificity=specificity,
        answer_score=round(answer_score, 1),
        verdict=verdict_for(answer_score),
        word_count=len(all_words),
        notes=notes,
        reason=reason,
    )


def _reversal(question: str, model_answer: str, sentences: list[str], text: str) -> str:
    flipped = contradiction(model_answer, sentences)
    if flipped:
        return f"“{flipped}” says the opposite of the model answer."
    order = order_conflict(question, model_answer, text)
    if order:
        return f"The answer puts the steps in a different order ({order}) from the model answer."
    return ""


def verdict_for(answer_score: float) -> Verdict:
    if answer_score >= CORRECT_AT:
        return Verdict.CORRECT
    return Verdict.PARTIAL if answer_score >= PARTIAL_AT else Verdict.INCORRECT


def _empty_grade(key_points, question_type, word_count, notes, reason="") -> Grade:
    return Grade(
        content_score=0.0,
        relevance=0.0,
        key_points=[KeyPointResult(p, False, "", 0.0) for p in key_points],
        star={e: None for e in STAR_CUES} if question_type == "behavioural" else None,
        specificity=None,
        answer_score=0.0,
        verdict=Verdict.INCORRECT,
        word_count=word_count,
        notes=notes,
        reason=reason,
    )


def prepare_question(*, question: str, model_answer: str, key_points, question_type: str) -> None:
    """Embeds everything about a question ahead of grading (while the candidate answers), so that
    grading the answer only has to embed the answer."""
    prepare_reference(question, model_answer)
    for text in (question, model_answer):
        _vector(text)
    terms = set(content_words(question))
    for point in key_points:
        _vector(_demoted_claim(point, terms))


@lru_cache(maxsize=4096)
def _vector(text: str) -> np.ndarray:
    """Questions and key points recur across answers: embed each once per process."""
    return encode([text])[0]


def _relevance(question: str, model_answer: str, group_vectors: np.ndarray) -> float:
    """How closely the answer addresses the question: its cosine with the question or with the
    model answer, whichever is closer (short, open questions like "Tell me about yourself"
    say little on their own)."""
    mean = group_vectors.mean(axis=0)
    mean = mean / (np.linalg.norm(mean) or 1.0)
    cosine = max(float(mean @ _vector(question)), float(mean @ _vector(model_answer)))
    return float(np.clip((cosine - RELEVANCE_LOW) / (RELEVANCE_HIGH - RELEVANCE_LOW), 0, 1) * 100)


def key_point_claim(point: str) -> str:
    """What a key point asks the answer to state, in the answer's first person."""
    claim = _RUBRIC_FRAME.sub("", point, count=1).strip() or point
    return _THIRD_PERSON.sub(lambda m: _THIRD_TO_FIRST_PERSON[m.group(0).lower()], claim)


def _demoted_claim(point: str, question_terms: set[str]) -> str:
    claim = key_point_claim(point)
    return demote(claim, question_terms) or claim


def _key_points(
    question: str,
    question_type: str,
    key_points,
    sentences: list[str],
    demoted_sentences: list[str],
    sentence_vectors: np.ndarray,
) -> list[KeyPointResult]:
    """`sentence_vectors` embed the question-demoted sentences."""
    terms = set(content_words(question))
    sentence_words = [set(content_words(s)) for s in sentences]
    candidate_lengths = np.array([len(w) for w in sentence_words])
    results = []
    for point in key_points:
        feature = _rubric_feature(question_type, point)
        if feature is None:
            results.append(KeyPointResult(point, False, "", 0.0, checked=False))
            continue
        claim = key_point_claim(point)
        claim_words = set(content_words(claim))
        demoted_claim = _demoted_claim(point, terms)
        # A sentence that states the point reversed ("never calls itself") is not evidence of it.
        usable = (candidate_lengths >= KEY_POINT_MIN_WORD_SHARE * len(claim_words)) & np.array(
            [contradiction(claim, [s]) is None for s in sentences]
        )
        cosines = np.where(usable, sentence_vectors @ _vector(demoted_claim), -1.0)
        said = np.where(usable, word_recall(demoted_claim, demoted_sentences), 0.0)
        covering = (cosines >= KEY_POINT_COVERED_AT) | (said >= KEY_POINT_WORDS_SAID_AT)
        if feature != "claim":
            covering |= usable & np.array([bool(_FEATURE_PATTERNS[feature].search(s)) for s in sentences])
        evidence = ""
        if covering.any():
            # Of the sentences that cover it, quote the one closest to the point, sharing most of
            # its words: "inserting in the middle is linear" states "insertion in the middle is
            # O(n)" better than a sentence on the neighbouring point, though the cosines can be a
            # hair apart.
            shared = np.array([len(claim_words & w) / max(len(claim_words), 1) for w in sentence_words])
            ranking = np.where(covering, cosines + said + EVIDENCE_WORD_WEIGHT * shared, -np.inf)
            evidence = sentences[int(np.argmax(ranking))]
        # A rubric point only its statement shows, unstated, may still be in the answer in words
        # that sentence similarity misses (it finds few of them even in their own model answer:
        # bench/key_point_threshold.py), so it is not checked rather than missed.
        checked = bool(evidence) or not (question_type in RUBRIC_QUESTION_TYPES and feature == "claim")
        results.append(KeyPointResult(point, bool(evidence), evidence, round(float(cosines.max()), 3), checked))
    return results


def _rubric_feature(question_type: str, point: str) -> str | None:
    """The feature of the answer that shows a rubric point; "claim" for a point only its own
    statement shows (every point of a technical or situational question)."""
    if question_type not in RUBRIC_QUESTION_TYPES:
        return "claim"
    return next(name for name, cue in _RUBRIC_FEATURES[question_type] if cue.search(point))


def _star(sentences: list[str]) -> dict[str, str | None]:
    found = {}
    for element, pattern in _STAR.items():
        found[element] = next((s for s in sentences if pattern.search(s)), None)
    return found


def _specificity(text: str) -> Specificity:
    figures = [m.group(0).strip() for m in _FIGURE.finditer(text)]
    actions = len(_STAR["action"].findall(text))
    tokens = [w.lower() for w in words(text)]
    singular = sum(t in _FIRST_PERSON_SINGULAR for t in tokens)
    plural = sum(t in _FIRST_PERSON_PLURAL for t in tokens)
    first_person_share = singular / (singular + plural) if singular + plural else 0.0
    score = min(len(figures), 2) * 20 + min(actions, 4) * 10 + first_person_share * 20
    return Specificity(
        figures=figures[:10], actions=actions, first_person_share=round(first_person_share, 2), score=float(score)
    )


def _looks_non_english(text: str) -> bool:
    tokens = [w.lower() for w in words(text)]
    if len(tokens) < 6:
        return False
    latin = sum(w.isascii() for w in tokens) / len(tokens)
    stop = sum(w in STOPWORDS for w in tokens) / len(tokens)
    return latin < 0.5 or stop < 0.12


def missing_star_elements(grade: Grade) -> list[str]:
    return [element for element, sentence in (grade.star or {}).items() if sentence is None]
