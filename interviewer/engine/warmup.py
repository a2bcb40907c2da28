"""Loading the models before the first candidate needs them: each takes seconds to load, and a
first answer shouldn't wait for that."""
import numpy as np


def warm_up() -> None:
    from interviewer.engine.similarity import encode
    from interviewer.engine.transcription import SAMPLE_RATE, transcribe

    encode(["warm up"])
    transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32))
