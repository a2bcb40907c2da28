"""One client for the OpenAI chat-completions protocol: POST {base}/chat/completions with
`model` and `messages`, answered either as one JSON body or, with `stream`, as server-sent
events (`data: {...}` lines ending with `data: [DONE]`).

Every call is bounded three ways: a connect timeout, a read timeout for each read from the
socket, and an overall deadline checked between reads (a server dripping a byte at a time
never holds a turn for longer than the deadline). A circuit breaker per provider stops calling
a server that keeps failing, so a dead server costs one timeout per cool-down, not one per turn.
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

CHUNK_BYTES = 1024
# A reply larger than this is not a question or a paragraph of feedback: stop reading.
MAX_REPLY_BYTES = 256 * 1024


class LLMError(Exception):
    """The provider could not give a usable reply; the message says why, for the logs."""


class Malformed(LLMError):
    """The reply arrived but is not what was asked for (not JSON, wrong shape)."""


@dataclass(frozen=True)
class Provider:
    base_url: str  # e.g. http://127.0.0.1:11434/v1
    model: str
    api_key: str = ""
    connect_timeout_seconds: float = 3.0
    read_timeout_seconds: float = 10.0
    deadline_seconds: float = 20.0
    stream: bool = True
    breaker_failures: int = 3
    breaker_cool_down_seconds: float = 60.0

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def label(self) -> str:
        """How pages name this engine: "llama3.1:8b at 127.0.0.1:11434"."""
        return f"{self.model} at {self.host}"


class CircuitBreaker:
    """Closed: calls go through. After `failures` consecutive failures it opens and refuses
    calls; once `cool_down` seconds have passed it lets one trial call through (half-open): a
    success closes it, a failure opens it again for another cool-down."""

    def __init__(self, failures: int, cool_down_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.failures_to_open = failures
        self.cool_down_seconds = cool_down_seconds
        self.clock = clock
        self.consecutive_failures = 0
        self.opened_at: float | None = None
        self.trial_running = False
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            if self.opened_at is None:
                return True
            if self.trial_running or self.clock() - self.opened_at < self.cool_down_seconds:
                return False
            self.trial_running = True
            return True

    def record_success(self) -> None:
        with self._lock:
            self.consecutive_failures, self.opened_at, self.trial_running = 0, None, False

    def cancel_trial(self) -> None:
        """The call allowed through was not made after all (rate-limited): no verdict on the server."""
        with self._lock:
            self.trial_running = False

    def record_failure(self) -> None:
        with self._lock:
            self.consecutive_failures += 1
            if self.trial_running or self.consecutive_failures >= self.failures_to_open:
                self.opened_at = self.clock()
            self.trial_running = False

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


# One breaker per provider and per process (each web and worker process learns on its own that
# a server is down; a few extra timeouts across processes are cheaper than sharing state).
_breakers: dict[Provider, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(provider: Provider) -> CircuitBreaker:
    with _breakers_lock:
        if provider not in _breakers:
            _breakers[provider] = CircuitBreaker(provider.breaker_failures, provider.breaker_cool_down_seconds)
        return _breakers[provider]


def chat(
    provider: Provider, messages: list[dict], *, permit: Callable[[], bool] = lambda: True, json_reply: bool = True
) -> str:
    """The assistant's reply text. Raises LLMError when the breaker is open, `permit()` refuses
    (a rate limit: nothing is sent), or the call fails or runs past its deadline."""
    breaker = breaker_for(provider)
    if not breaker.allow():
        raise LLMError(f"{provider.host} failed repeatedly; not calling it until the cool-down ends")
    if not permit():
        breaker.cancel_trial()
        raise LLMError("rate limit reached: not sent")
    try:
        text = _post(provider, messages, json_reply)
    except LLMError:
        breaker.record_failure()
        raise
    breaker.record_success()
    return text


def _post(provider: Provider, messages: list[dict], json_reply: bool) -> str:
    payload = {"model": provider.model, "messages": messages, "stream": provider.stream, "temperature": 0.4}
    if json_reply:
        # A hint most servers honour; the reply is validated whatever they do with it.
        payload["response_format"] = {"type": "json_object"}
    headers = {
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if provider.stream else "application/json",
    }
    if provider.api_key:
        headers["Authorization"] = f"Bearer {provider.api_key}"
    deadline = time.monotonic() + provider.deadline_seconds
    url = provider.base_url.rstrip("/") + "/chat/completions"
    try:
        with requests.post(
            url,
            json=payload,
            headers=headers,
            stream=True,
            timeout=(provider.connect_timeout_seconds, provider.read_timeout_seconds),
        ) as response:
            if response.status_code != 200:
                raise LLMError(f"{provider.host} answered HTTP {response.status_code}")
            body = _read(response, deadline)
    except requests.RequestException as error:  # refused, timed out, dropped mid-reply
        raise LLMError(f"{provider.host}: {type(error).__name__}") from error
    return _stream_text(body) if provider.stream else _completion_text(body)


def _read(response: requests.Response, deadline: float) -> bytes:
    body = bytearray()
    for chunk in response.iter_content(CHUNK_BYTES):
        body += chunk
        if time.monotonic() > deadline:
            raise LLMError("no complete reply before the deadline")
        if len(body) > MAX_REPLY_BYTES:
            raise LLMError("the reply is too long")
    return bytes(body)


def _completion_text(body: bytes) -> str:
    try:
        content = json.loads(body)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise Malformed("the reply is not a chat completion") from error
    if not isinstance(content, str):
        raise Malformed("the completion has no text")
    return content


def _stream_text(body: bytes) -> str:
    """Joins the deltas of a server-sent event stream; a stream that stops before `[DONE]` was
    cut off, and its text is not used."""
    parts = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        if not line.startswith("data:"):
            continue  # blank separators, comments, `event:` lines
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return "".join(parts)
        try:
            delta = json.loads(data)["choices"][0].get("delta", {})
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
            raise Malformed("an event of the stream is not a chat completion chunk") from error
        if isinstance(delta.get("content"), str):
            parts.append(delta["content"])
    raise LLMError("the stream ended before [DONE]")
