"""Audio made inside the tests: nothing recorded is shipped."""

import difflib
import io
import json
import re
from pathlib import Path

import av
import numpy as np

from interviewer.engine.transcription import (
    DEFAULT_MODEL,
    SAMPLE_RATE,
    IncrementalTranscription,
    Transcript,
    decode_audio_since,
    webm_clusters,
)


def webm_opus(samples: np.ndarray) -> bytes:
    """What a browser's MediaRecorder sends: Opus audio in a WebM container."""
    return webm_recording(samples)


def webm_recording(samples: np.ndarray, video_frames: list[np.ndarray] | None = None, fps: int = 2) -> bytes:
    """What a browser's MediaRecorder sends: Opus audio and, with the camera on, VP8 video in one
    WebM container. `video_frames` are BGR images shown one after the other at `fps` (the last
    is held for the rest of the audio); two a second are enough for the presence analysis,
    which samples a frame every 0.5 s, and more only make the tests slower."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="webm") as container:
        video = None
        if video_frames:
            height, width = video_frames[0].shape[:2]
            video = container.add_stream("libvpx", rate=fps)
            video.width, video.height, video.pix_fmt = width, height, "yuv420p"
            video.codec_context.gop_size = fps  # a keyframe every second, like MediaRecorder's
            video.options = {"deadline": "realtime", "cpu-used": "8"}  # a browser encodes live too
        audio = container.add_stream("libopus", rate=48000)
        audio.layout = "mono"
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
        step = SAMPLE_RATE // 50  # 20 ms frames
        frames_shown = 0
        for start in range(0, len(pcm), step):
            while video is not None and frames_shown <= start * fps // SAMPLE_RATE:
                image = video_frames[min(frames_shown, len(video_frames) - 1)]
                container.mux(video.encode(av.VideoFrame.from_ndarray(image, format="bgr24")))
                frames_shown += 1
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + step], format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            container.mux(audio.encode(frame))
        container.mux(audio.encode(None))
        if video is not None:
            container.mux(video.encode(None))
    return buffer.getvalue()


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_errors(expected: str, heard: str) -> int:
    """Words inserted, deleted or replaced to go from one text to the other (case and
    punctuation ignored)."""
    a, b = words_of(expected), words_of(heard)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def streamed(recording: bytes, every: float, folder, model: str = DEFAULT_MODEL, hotwords: str = "") -> Transcript:
    """The room's path for a recording (WebM): it grows on disk cluster by cluster as the
    browser's chunks arrive; each `every` seconds of audio a live update reads only what is not
    yet committed (decode_audio_since) and updates the transcription kept between calls as
    JSON; when the recording ends, the rest is finished."""
    path = Path(folder) / "growing.webm"
    state = IncrementalTranscription(model=model, hotwords=hotwords).to_dict()
    clusters = webm_clusters(recording)
    next_update = every
    for offset, start in clusters[1:]:
        if start - clusters[0][1] >= next_update:
            path.write_bytes(recording[:offset])
            stream = IncrementalTranscription.from_dict(json.loads(json.dumps(state)))
            stream.update(*decode_audio_since(path, stream.committed_until))
            state = stream.to_dict()
            next_update += every
    path.write_bytes(recording)
    stream = IncrementalTranscription.from_dict(state)
    return stream.finish(*decode_audio_since(path, stream.committed_until))
