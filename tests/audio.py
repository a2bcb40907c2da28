"""Audio made inside the tests: nothing recorded is shipped."""
import io

import av
import numpy as np

from interviewer.engine.transcription import SAMPLE_RATE


def webm_opus(samples: np.ndarray) -> bytes:
    """What a browser's MediaRecorder sends: Opus audio in a WebM container."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="webm") as container:
        stream = container.add_stream("libopus", rate=48000)
        stream.layout = "mono"
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
        step = SAMPLE_RATE // 50  # 20 ms frames
        for start in range(0, len(pcm), step):
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + step], format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return buffer.getvalue()
