import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interviewer.engine.delivery import VoiceFrames, delivery_notes, measure_delivery
from interviewer.engine.transcription import (
    MODELS,
    SAMPLE_RATE,
    AudioError,
    IncrementalTranscription,
    decode_audio,
    language_name,
    unusable_speech,
)

UPDATE_EVERY_S = 1.0  # as the room's one-second chunks


class Command(BaseCommand):
    help = (
        "Transcribes a recording (webm, ogg, wav, mp3, flac…) as the interview room would and prints the "
        "transcript with word times, the delivery metrics (pace, fillers with their times, pauses) and the "
        "language heard. --streamed feeds it second by second, as while the candidate speaks."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", dest="as_json", help="print everything as one JSON object")
        parser.add_argument(
            "--streamed", action="store_true", help="transcribe it as the room does while it is recorded"
        )
        parser.add_argument("--model", choices=MODELS, default=None, help="the Whisper model (default: WHISPER_MODEL)")
        parser.add_argument("--language", default="en", help="the interview's language (default: en)")

    def handle(self, *args, file: Path, as_json: bool, streamed: bool, model: str | None, language: str, **options):
        try:
            samples = decode_audio(file)
        except (AudioError, FileNotFoundError, IsADirectoryError) as error:
            raise CommandError(f"{file}: {error}") from error
        stream = IncrementalTranscription(language=language, model=model or settings.WHISPER_MODEL)
        if streamed:
            step = round(UPDATE_EVERY_S * SAMPLE_RATE)
            for end in range(step, len(samples), step):
                stream.update(samples[:end])
        transcript = stream.finish(samples)
        delivery = measure_delivery(transcript, VoiceFrames.of(samples))
        problem = unusable_speech(transcript, language)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "transcript": transcript.to_dict(),
                        "delivery": {**delivery.to_dict(), "notes": delivery_notes(delivery)},
                        "unusable": problem,
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(f"language: {language_name(transcript.language)} ({transcript.language_probability:.2f})")
        self.stdout.write(f"text: {transcript.text}")
        self.stdout.write("words:")
        for word in transcript.words:
            self.stdout.write(f"  {word.start:7.2f} {word.end:7.2f}  {word.probability:.2f}  {word.text}")
        self.stdout.write(f"pace: {delivery.words_per_minute:.0f} words per minute")
        fillers = ", ".join(f"{filler.text} at {filler.start:.2f} s" for filler in delivery.fillers)
        self.stdout.write(f"fillers: {fillers or 'none'}")
        pauses = ", ".join(
            f"{pause.start:.2f}–{pause.end:.2f} s ({pause.duration:.2f} s)" for pause in delivery.long_pauses
        )
        self.stdout.write(f"long pauses: {pauses or 'none'}")
        if problem:
            self.stdout.write(f"not graded: {problem}")
