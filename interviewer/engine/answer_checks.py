"""Checks that decide a grade before any similarity does: text that is not an answer, and an
answer that says the opposite of the reference or puts its steps in another order.

Similarity can't see these: "I don't know" and a repeat of the question share the question's
topic, and "A function that never calls itself" shares every word but one with "A function that
calls itself". Each check returns the reason shown to the candidate, or None.
"""

from __future__ import annotations

import re

from interviewer.engine.similarity import (
    STOPWORDS,
    content_words,
    split_sentences,
    words,
)

# Phrases that say "I have no answer". Text that is only these (and filler) is not an answer.
_NO_ANSWER = re.compile(
    r"\b(i\s+(really\s+)?(do\s*n[o']?t|dont|don't)\s+(really\s+)?(know|remember|recall|understand)"
    r"(\s+(this|that|it|the answer|"
    r"what (that|this|it) "
    r"(is|means)))?|no\s+(idea|clue)|not\s+sure|i'?m\s+not\s+sure|i\s+(have|got)\s+no\s+(idea|clue)|"
    r"i\s+can'?n?o?t\s+(remember|recall|say|answer)|no\s+answer|not\s+answered|pass|skip(\s+(this|it|this one|the "
    r"question))?|"
    r"next\s+question|i\s+give\s+up|i\s+forgot|(can|could)\s+we\s+(skip|move on)|sorry|dunno|idk|n/?a)\b",
    re.IGNORECASE,
)
# Spoken filler and small talk that carries no content ("um, so, well, you know").
FILLER = frozenset(
    {
        "um",
        "umm",
        "uh",
        "uhh",
        "er",
        "erm",
        "ah",
        "ahh",
        "hmm",
        "hm",
        "mm",
        "like",
        "so",
        "well",
        "okay",
        "ok",
        "right",
        "yeah",
        "yes",
        "yep",
        "basically",
        "actually",
        "literally",
        "just",
        "you",
        "know",
        "mean",
        "kind",
        "sort",
        "anyway",
        "alright",
        "oh",
        "let",
        "see",
        "think",
        "thinking",
        "guess",
        "maybe",
        "question",
        "good",
        "great",
        "interesting",
        "nice",
        "thanks",
        "thank",
        "please",
        "hello",
        "hi",
    }
)
_NEGATION = re.compile(
    r"\b(not|no|never|none|nothing|neither|nor|without|cannot|can't|won't|isn't|aren't|doesn't|"
    r"don't|didn't|wasn't|weren't|hasn't|haven't|shouldn't|mustn't|n't)\b|\w+n't\b",
    re.IGNORECASE,
)
# Cues that a list in the reference is in an order that matters ("in-order traversal visits left,
# root, right"; "first …, then …").
_ORDER_CUE = re.compile(
    r"\b(order|ordered|traversal|sequence|steps?|first|then|before|after|followed|next|finally|priority)\b",
    re.IGNORECASE,
)
# A comma before three digits separates thousands ("£20,000"), not items.
_LIST_SEPARATOR = re.compile(
    r"\s*(?:,(?!\d{3}\b)|;|->|→|=>|>|\bthen\b|\bfollowed by\b|\band then\b|\band\b)\s*", re.IGNORECASE
)
# A statement and its flipped twin share at least this share of each one's words.
SAME_STATEMENT_SHARE = 0.6
# An answer that adds at most this many words of its own to the question's is a repeat of it.
ECHO_NEW_WORDS = 1
ECHO_QUESTION_SHARE = 0.5
# A list item longer than this is a clause, not a step's name.
MAX_ITEM_WORDS = 4


def non_answer_reason(question: str, reference: str, text: str) -> str | None:
    """Why `text` is not an answer to `question`, or None when it is one."""
    remainder = _NO_ANSWER.sub(" ", text)
    content = [w for w in words(remainder) if w not in STOPWORDS and w not in FILLER and len(w) > 1]
    if _NO_ANSWER.search(text) and len(content) < 3:
        return "The answer says the candidate doesn't know; it is graded as not answered."
    if not content and not any(ch.isdigit() for ch in text):
        return "The answer has only filler words, no content to grade."
    question_terms = set(content_words(question))
    reference_adds = set(content_words(reference)) - question_terms
    answer_terms = set(content_words(text))
    if question_terms and reference_adds and answer_terms:
        new = answer_terms - question_terms
        repeated = len(answer_terms & question_terms) / len(question_terms)
        if len(new) <= ECHO_NEW_WORDS and repeated >= ECHO_QUESTION_SHARE and not (new & reference_adds):
            return "The answer repeats the question instead of answering it."
    return None


def _statement_words(text: str) -> set[str]:
    """Content words less the negations, which are what a statement and its reversal differ by."""
    return set(content_words(_NEGATION.sub(" ", text)))


def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def contradiction(reference: str, sentences: list[str]) -> str | None:
    """An answer sentence that makes a reference sentence's statement with the opposite polarity
    (one negates what the other asserts, "with" against "without"), or None."""
    for ref_sentence in split_sentences(reference):
        ref_words = _statement_words(ref_sentence)
        if not ref_words:
            continue
        for sentence in sentences:
            words_of_sentence = _statement_words(sentence)
            shared = ref_words & words_of_sentence
            # Both ways: the same statement, not a longer sentence that also makes it (whose
            # negation may belong to another of its clauses).
            if (
                not words_of_sentence
                or min(len(shared) / len(ref_words), len(shared) / len(words_of_sentence)) < SAME_STATEMENT_SHARE
            ):
                continue
            # "without" counts as a negation: "with no children" and "without children" agree.
            if (_negations(ref_sentence) + _negations(sentence)) % 2 == 1:
                return sentence
    return None


def order_conflict(question: str, reference: str, text: str) -> str | None:
    """When the reference lists steps in an order that matters, an answer that lists the same
    steps in another order: returns the answer's order, else None."""
    if not _ORDER_CUE.search(question + " " + reference):
        return None
    reference_lists = _lists(reference)
    for items in _lists(text):
        # The answer's list against every reference list it shares three steps with: a model
        # answer may list more than one thing, and agreeing with one of them is no conflict.
        compared = [order for order in (_shared_order(items, ref_items) for ref_items in reference_lists) if order]
        if compared and not any(agrees for _, agrees in compared):
            return ", ".join(compared[0][0])
    return None


def _shared_order(items: list[str], ref_items: list[str]) -> tuple[list[str], bool] | None:
    """The steps two lists share, in the answer's order, and whether the reference has them in the
    same order; None when they share fewer than three (or the answer repeats one)."""
    common = [i for i in items if i in ref_items]
    if len(set(common)) < 3 or len(common) != len(set(common)):
        return None
    return common, common == [i for i in ref_items if i in common]


def _lists(text: str) -> list[list[str]]:
    """Runs of at least three short items separated by commas, arrows or "then", each item named
    by its last content word once the words all items share are dropped ("left subtree, root,
    right subtree" -> left, root, right)."""
    found = []
    for sentence in split_sentences(text):
        # The list is what follows the last colon ("In-order visits: left, root, right").
        part = sentence.rsplit(":", 1)[-1]
        pieces = [content_words(piece) for piece in _LIST_SEPARATOR.split(part)]
        pieces = [p for p in pieces if 0 < len(p) <= MAX_ITEM_WORDS]
        if len(pieces) < 3:
            continue
        shared = {w for w in {w for p in pieces for w in p} if sum(w in p for p in pieces) > 1}
        items = [[w for w in p if w not in shared] or p for p in pieces]
        found.append([item[-1] for item in items])
    return found
