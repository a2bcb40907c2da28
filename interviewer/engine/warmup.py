"""Loading the models before the first candidate needs them: each takes seconds to load, and a
first answer shouldn't wait for that."""

from interviewer.engine.transcription import DEFAULT_MODEL


def warm_up(whisper: str = DEFAULT_MODEL) -> None:
    """Loads the embedding model and the Whisper model `whisper` (assembling it first if it
    ships in parts)."""
    from interviewer.engine.similarity import encode
    from interviewer.engine.transcription import whisper_model

    encode(["warm up"])
    whisper_model(whisper)
