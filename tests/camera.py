"""Camera pictures made inside the tests from scikit-image's bundled sample photos (nothing is
downloaded, no recorded fixtures): a webcam's frames with or without a face, written as the VP8
WebM a browser records, and the JPEG still a room sends for its live reading."""

import base64

import av
import cv2
import numpy as np
from skimage import data

WIDTH, HEIGHT = 640, 480
FPS = 10
# Where the astronaut's face is centred in skimage's 512×512 photo (measured with the cascade).
FACE_CENTRE_IN_PHOTO = (224, 113)


def astronaut() -> np.ndarray:
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)  # skimage gives RGB


def cameraman() -> np.ndarray:
    """A photo of a man behind a camera, whose face the frontal cascade does not find."""
    return cv2.resize(cv2.cvtColor(data.camera(), cv2.COLOR_GRAY2BGR), (WIDTH, HEIGHT))


def webcam_frame(face_x: int = WIDTH // 2, face_y: int = 200) -> np.ndarray:
    """A 640×480 frame with the astronaut's face centred on (face_x, face_y), grey elsewhere."""
    photo = astronaut()
    frame = np.full((HEIGHT, WIDTH, 3), 90, np.uint8)
    left, top = face_x - FACE_CENTRE_IN_PHOTO[0], face_y - FACE_CENTRE_IN_PHOTO[1]
    x0, y0 = max(0, left), max(0, top)
    x1, y1 = min(WIDTH, left + photo.shape[1]), min(HEIGHT, top + photo.shape[0])
    frame[y0:y1, x0:x1] = photo[y0 - top : y1 - top, x0 - left : x1 - left]
    return frame


def write_webm(path, frames, fps=FPS):
    with av.open(str(path), "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.codec_context.gop_size = fps  # a keyframe every second, like MediaRecorder's
        for image in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def astronaut_still() -> str:
    """The astronaut's photo as the room's live reading sends a camera still: a JPEG data URL."""
    _, jpeg = cv2.imencode(".jpg", astronaut())
    return "data:image/jpeg;base64," + base64.b64encode(jpeg.tobytes()).decode()
