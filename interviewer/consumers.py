"""The interview room's websocket (protocol: interviewer/PROTOCOL.md). Thin: it checks each
message, then hands the work to the services and tasks, whose results come back as events."""

import base64
import json
import logging
import time

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from kombu.exceptions import OperationalError

from config.background import enqueue, remember_server_loop
from config.channel_layer import ResumesAfterLayerOutage
from config.limits import TokenBucket
from config.text import clean_data
from interviewer import events, recordings, services, tasks
from interviewer.engine.presence import (
    FrameError,
    live_expression,
    read_frame,
    read_presence,
)
from interviewer.models import Interview

log = logging.getLogger(__name__)
MAX_TEXT_FRAME = 2 * 1024 * 1024
SERVER_ERROR = "The server couldn't handle that just now; nothing you sent before was lost. Please try again."
MAX_TYPED_CHARACTERS = 20_000
TOO_FAST = "Too many messages in a short time: this one was not handled. Wait a moment and send it again."
# The live transcript is refreshed after this many recording chunks (the page sends one a second).
CHUNKS_PER_LIVE_UPDATE = 3
# The live expression indicator reads at most one camera still a second.
FRAME_INTERVAL_S = 1.0


class InterviewConsumer(ResumesAfterLayerOutage, AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope["user"]
        if not user.is_authenticated:
            await self.close(code=4401)
            return
        interview_id = self.scope["url_route"]["kwargs"]["interview_id"]
        self.interview = await Interview.objects.filter(pk=interview_id, candidate=user).afirst()
        if self.interview is None:
            await self.close(code=4403)  # someone else's interview, or none: the same answer
            return
        remember_server_loop()
        self.group = events.interview_group(self.interview.pk)
        self.recording = None
        self.chunks_since_update = 0
        self.last_frame_at = 0.0
        self.messages = TokenBucket(settings.SOCKET_MESSAGES_PER_SECOND, settings.SOCKET_MESSAGE_BURST)
        self.answers = TokenBucket(settings.SOCKET_ANSWERS_PER_SECOND, settings.SOCKET_ANSWER_BURST)
        self.recording_bytes = TokenBucket(
            settings.SOCKET_RECORDING_BYTES_PER_SECOND, settings.SOCKET_RECORDING_BYTE_BURST
        )
        self.answer_in_flight = None  # (question, attempt) and the task grading it, with its arguments
        await self.join_group(self.group)
        await self.accept()
        await self.send_json(await database_sync_to_async(self._open_room)())

    def _open_room(self) -> dict:
        """The room shows the current question now: its clock, and the interview's, start."""
        if self.interview.status != Interview.Status.FINISHED:
            services.ask_current_question(self.interview)
        return events.state(self.interview)

    async def disconnect(self, code):
        await self.leave_groups()

    async def channel_layer_back(self, message):
        """After an outage of Redis: the room shows where the interview is now, and the feedback
        on an answer graded meanwhile (`last_answer`), whose `graded` event was lost. An answer
        still waiting for its grade is queued again, since a restarted Redis has lost the tasks
        it held; a copy of a task that did survive finds the answer graded and says so again."""
        try:
            state = await database_sync_to_async(events.state)(self.interview)
            await self.send_json(state)
            if (
                self.answer_in_flight
                and state["question"]
                and self.answer_in_flight[0] == (state["question"]["id"], state["attempt"])
            ):
                _, task, args = self.answer_in_flight
                await enqueue_off_loop(task, *args)
        except Exception:
            # The database, or Redis gone again: the room stays open and resumes from its next state.
            log.exception("Interview %s: the room could not resume after the channel layer's outage", self.interview.pk)

    async def receive(self, text_data=None, bytes_data=None):
        try:
            if not self.messages.take():
                raise services.Refused("rate_limited", TOO_FAST)
            if bytes_data is not None:
                await self.append_to_recording(bytes_data)
                return
            if len(text_data) > MAX_TEXT_FRAME:
                raise services.Refused("too_large", "That message is too large.")
            try:
                message = clean_data(json.loads(text_data))
            except (json.JSONDecodeError, RecursionError):  # RecursionError: nested thousands deep
                raise services.Refused("bad_message", "Messages must be JSON objects.") from None
            handler = getattr(self, f"on_{message.get('type')}", None) if isinstance(message, dict) else None
            if handler is None:
                raise services.Refused("bad_message", "Unknown message type.")
            await handler(message)
        except services.Refused as refused:
            await self.send_json(events.error(refused.code, str(refused)))
        except Exception:
            # The room stays open and says so, rather than closing with 1011 on a bug or a lost
            # connection to the database or Redis; the message can be sent again.
            log.exception("Interview %s: a message could not be handled", self.interview.pk)
            await self.send_json(events.error("server_error", SERVER_ERROR))

    async def send_json(self, content):
        await self.send(text_data=json.dumps(content))

    async def client_event(self, message):
        await self.send_json(message["event"])

    # --- Answers ------------------------------------------------------------------------------

    def _take_answer_work(self):
        if not self.answers.take():
            raise services.Refused("rate_limited", TOO_FAST)

    async def on_answer_start(self, message):
        self._take_answer_work()
        question, attempt = _turn(message)
        self.recording = await database_sync_to_async(recordings.start_recording)(
            self.interview, question, attempt, str(message.get("mime", ""))
        )
        self.chunks_since_update = 0

    async def append_to_recording(self, data: bytes):
        if self.recording is None:
            raise services.Refused("not_recording", "Send answer_start before the recording.")
        if not self.recording_bytes.take(len(data)):
            raise services.Refused("rate_limited", TOO_FAST)
        await database_sync_to_async(recordings.append_chunk)(self.recording, data)
        self.chunks_since_update += 1
        if self.chunks_since_update >= CHUNKS_PER_LIVE_UPDATE:
            self.chunks_since_update = 0
            if await sync_to_async(recordings.claim_live_update)(self.recording.pk):
                try:
                    await enqueue_off_loop(tasks.transcribe_live, self.recording.pk)
                except (
                    OperationalError
                ) as error:  # Redis unreachable: the chunk is saved, and the final transcription reads it
                    log.warning("Interview %s: a live transcript update was skipped: %s", self.interview.pk, error)

    async def on_answer_end(self, message):
        self._take_answer_work()
        question, attempt = _turn(message)
        if self.recording is None or (self.recording.question_id, self.recording.attempt) != (question, attempt):
            raise services.Refused("not_recording", "There is no recording in progress for that answer.")
        recording, self.recording = self.recording, None
        await database_sync_to_async(recordings.end_recording)(recording)
        await enqueue_off_loop(tasks.finish_spoken_answer, recording.pk)
        self.answer_in_flight = (question, attempt), tasks.finish_spoken_answer, (recording.pk,)

    async def on_typed_answer(self, message):
        self._take_answer_work()
        question, attempt = _turn(message)
        text = message.get("text")
        if not isinstance(text, str):
            raise services.Refused("bad_message", "typed_answer needs the answer as text.")
        if len(text) > MAX_TYPED_CHARACTERS:
            raise services.Refused("too_large", f"Typed answers may be at most {MAX_TYPED_CHARACTERS:,} characters.")
        await database_sync_to_async(services.expect_current)(self.interview, question, attempt)
        grading = (self.interview.pk, question, attempt, text, time.time())
        await enqueue_off_loop(tasks.grade_typed_answer, *grading)
        self.answer_in_flight = (question, attempt), tasks.grade_typed_answer, grading

    # --- The room -------------------------------------------------------------------------------

    async def on_frame(self, message):
        if not self.interview.analyses_camera:
            raise services.Refused("camera_not_analysed", "The camera isn't analysed in this interview.")
        now = time.monotonic()
        if now - self.last_frame_at < FRAME_INTERVAL_S:
            return
        self.last_frame_at = now
        image = message.get("image")
        if not isinstance(image, str) or "," not in image:
            raise services.Refused("bad_message", "frame needs an image data URL.")
        try:
            reading = await sync_to_async(_read_still, thread_sensitive=False)(image, self.interview.reads_expressions)
        except (FrameError, ValueError) as error:
            raise services.Refused("bad_media", f"That camera image could not be read ({error}).") from error
        await self.send_json(
            {
                "type": "expression",
                "face": reading.face,
                "dark": reading.dark,
                "faces": reading.faces,
                "dominant": live_expression(reading),
                "looking_at_camera": reading.looking_at_camera,
            }
        )

    async def on_pause(self, message):
        await self._change(services.pause)

    async def on_resume(self, message):
        await self._change(services.resume)

    async def on_finish(self, message):
        await self._change(services.finish_interview)
        await self.send_json(
            {
                "type": "finished",
                "message": "Interview finished. Your feedback is ready.",
                "report_url": self.interview.get_absolute_url(),
            }
        )

    async def _change(self, change):
        def apply():
            self.interview.refresh_from_db()
            if self.interview.status == Interview.Status.FINISHED:
                raise services.Refused("finished", "This interview has finished.")
            change(self.interview)
            return events.state(self.interview)

        state = await database_sync_to_async(apply)()
        if not await self.send_to_group(self.group, {"type": "client.event", "event": state}):
            await self.send_json(state)  # the room's other sockets get it when the layer is back


# Sending a task to Redis is blocking network I/O: keep it off the event loop.
enqueue_off_loop = sync_to_async(enqueue)


def _turn(message) -> tuple[int, int]:
    question, attempt = message.get("question"), message.get("attempt")
    if not isinstance(question, int) or not isinstance(attempt, int):
        raise services.Refused("bad_message", "Answers must name their question and attempt as numbers.")
    return question, attempt


def _read_still(data_url: str, expressions: bool):
    return read_presence(
        read_frame(base64.b64decode(data_url.split(",", 1)[1], validate=True)), expressions=expressions
    )
