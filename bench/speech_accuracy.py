"""How well speech is transcribed and measured, on the speech set in tests/data/speech/: real
recorded speech from other projects' test data and Piper-spoken interview answers with filler
words and long pauses at known times (both as the browser sends them: Opus in WebM).

    .venv/bin/python bench/speech_accuracy.py [--model tiny.en|base] [--held-out] [--streamed-every 1.0]

Prints, for the model chosen (one of transcription.MODELS; the default model without --model):

- wer_whole, wer_streamed: word error rate over the English items (hesitation sounds such as
  "um" left out of both sides, numbers and case normalised), transcribing each whole file,
  and through the room's streamed path: the recording growing on disk cluster by cluster, a
  live update each `--streamed-every` seconds of audio reading only what is not yet committed
  (`decode_audio_since` + `IncrementalTranscription.update`), then `finish`;
- filler_precision_*, filler_recall_*: fillers found against the Piper answers' truth (the
  same filler within 0.6 s of its true start);
- pause_error_*: mean |measured − true| length of the Piper answers' long pauses (2.5 and
  3.0 s), with how many of them were found at all;
- language_*: the language detected for the items in other languages (multilingual models);
- rtf_one_core: seconds of computing per second of audio for whole-file transcription, on
  one CPU thread (the engine configured with whisper_threads=1), the model loaded.

--held-out scores only the items kept apart (see tests/data/speech/README.md); without it,
only the others.
"""

from __future__ import annotations

from repository import ROOT  # isort: skip  (first of all: bench/repository.py)
import argparse
import json
import re
import tempfile
import time
from dataclasses import replace

DATA = ROOT / "tests" / "data" / "speech"
HESITATIONS = {"um", "uh", "er", "ah", "hmm", "mm", "erm", "umm", "uhm"}
FILLER_TOLERANCE_S = 0.6
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPELLINGS = {"mr": "mister", "mrs": "missus", "ok": "okay"}


def _number_words(n: int) -> list[str]:
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [_ONES[n // 100], "hundred"] + (_number_words(n % 100) if n % 100 else [])
    return [str(n)]


def normalised_words(text: str) -> list[str]:
    words = []
    for token in re.findall(r"[\w']+", text.lower().replace("-", " ")):
        token = token.strip("'")
        if token.isdigit():
            words += _number_words(int(token))
        elif token and token not in HESITATIONS:
            words.append(_SPELLINGS.get(token, token))
    return words


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def items(held_out: bool) -> list[dict]:
    """The set's items: name, path, language, reference text, and (Piper answers) fillers and pauses."""
    found = []
    for name, item in json.loads((DATA / "real" / "transcripts.json").read_text()).items():
        if item["held_out"] == held_out:
            found.append(
                {"name": name, "path": DATA / "real" / f"{name}.webm", **item, "fillers": None, "pauses": None}
            )
    for name, item in json.loads((DATA / "piper" / "answers.json").read_text()).items():
        if item["held_out"] == held_out:
            found.append({"name": name, "path": DATA / "piper" / f"{name}.webm", "language": "en", **item})
    return found


def filler_scores(found, truth) -> tuple[int, int, int]:
    """(matched, found, true) fillers: a found filler matches a true one of the same words
    starting within FILLER_TOLERANCE_S of it."""
    unmatched = list(truth)
    matched = 0
    for filler in found:
        for true in unmatched:
            if filler.text.lower() == true["text"].lower() and abs(filler.start - true["start"]) <= FILLER_TOLERANCE_S:
                unmatched.remove(true)
                matched += 1
                break
    return matched, len(found), len(truth)


def pause_errors(found, truth) -> tuple[list[float], int]:
    """|measured − true| length of each true pause found (overlapping a measured long pause),
    and how many true pauses there were."""
    errors = []
    for true in truth:
        overlapping = [p for p in found if p.start < true["end"] and p.end > true["start"]]
        if overlapping:
            errors.append(abs(max(p.duration for p in overlapping) - (true["end"] - true["start"])))
    return errors, len(truth)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--streamed-every", type=float, default=1.0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    from interviewer.engine.config import configure, current_config

    configure(replace(current_config(), whisper_threads=1))
    from interviewer.engine.delivery import VoiceFrames, measure_delivery
    from interviewer.engine.transcription import (
        DEFAULT_MODEL,
        decode_audio,
        detect_language,
        duration_of,
        is_multilingual,
        transcribe,
    )
    from tests.audio import streamed

    model = args.model or DEFAULT_MODEL
    print(f"model={model}")
    transcribe(
        decode_audio(DATA / "piper" / "deadline.webm")[:16000], model=model
    )  # loads the model, outside the timings
    totals = {
        path: {"errors": 0, "words": 0, "fillers": [0, 0, 0], "pauses": [], "pauses_true": 0}
        for path in ("whole", "streamed")
    }
    compute = audio = 0.0
    for item in items(args.held_out):
        data = item["path"].read_bytes()
        samples = decode_audio(data)
        if item["language"] != "en":
            if is_multilingual(model):
                language, probability = detect_language(samples, model)
                print(f"language_{item['name']}={language} ({probability:.2f}; true {item['language']})")
            else:
                print(f"language_{item['name']}=not measured ({model} knows only English)")
            continue
        started = time.process_time()
        whole = transcribe(samples, model=model)
        compute += time.process_time() - started
        audio += duration_of(samples)
        with tempfile.TemporaryDirectory() as folder:
            results = {"whole": whole, "streamed": streamed(data, args.streamed_every, folder, model)}
        reference = normalised_words(item["text"])
        for path, transcript in results.items():
            total = totals[path]
            errors = edit_distance(reference, normalised_words(transcript.text))
            total["errors"] += errors
            total["words"] += len(reference)
            if item["fillers"] is not None:
                metrics = measure_delivery(transcript, VoiceFrames.of(samples))
                total["fillers"] = [
                    a + b for a, b in zip(total["fillers"], filler_scores(metrics.fillers, item["fillers"]))
                ]
                errors_s, true = pause_errors(metrics.long_pauses, item["pauses"])
                total["pauses"] += errors_s
                total["pauses_true"] += true
            if args.verbose:
                print(f"# {item['name']} {path}: {errors}/{len(reference)} errors: {transcript.text}", flush=True)
    for path, total in totals.items():
        print(
            f"wer_{path}={100 * total['errors'] / max(total['words'], 1):.1f}% "
            f"({total['errors']}/{total['words']} words)"
        )
        matched, found, true = total["fillers"]
        print(f"filler_precision_{path}={matched / found if found else 0:.2f} ({matched}/{found})")
        print(f"filler_recall_{path}={matched / true if true else 0:.2f} ({matched}/{true})")
        found_pauses = len(total["pauses"])
        mean = sum(total["pauses"]) / found_pauses if found_pauses else float("nan")
        print(f"pause_error_{path}={mean:.2f} s (found {found_pauses}/{total['pauses_true']})")
    print(f"rtf_one_core={compute / audio:.3f}")


if __name__ == "__main__":
    main()
