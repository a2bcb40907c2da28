"""A chat-completions server for the language-model tests: real HTTP on a local port, speaking
the OpenAI protocol (one JSON body, or server-sent events when the request asks for `stream`).
Each test queues the replies it wants, in order; the server records every request it gets."""

import contextlib
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0  # seconds of silence before answering
    drip: float = 0  # seconds between streamed pieces
    drop: bool = False  # close the socket halfway through the reply


def reply_json(value) -> Reply:
    return Reply(json.dumps(value))


class ChatServer:
    def __init__(self):
        self.replies: deque[Reply] = deque()
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server._lock:
                    server.requests.append(body)
                    server.headers.append(dict(self.headers))
                    reply = server.replies.popleft() if server.replies else Reply(status=500)
                with contextlib.suppress(OSError):  # the client gave up first (a timeout): nothing to do
                    server._answer(self, body, reply)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    @property
    def request_count(self) -> int:
        return len(self.requests)

    def user_messages(self) -> list[str]:
        return [m["content"] for r in self.requests for m in r["messages"] if m["role"] == "user"]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, handler, request: dict, reply: Reply) -> None:
        time.sleep(reply.delay)
        if reply.status != 200:
            body = json.dumps({"error": {"message": "refused by the test server", "code": reply.status}}).encode()
            handler.send_response(reply.status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if request.get("stream"):
            self._stream(handler, request, reply)
            return
        body = json.dumps(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": request["model"],
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": reply.content}, "finish_reason": "stop"}
                ],
            }
        ).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if reply.drop:
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        handler.wfile.write(body)

    def _stream(self, handler, request: dict, reply: Reply) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Connection", "close")
        handler.end_headers()
        size = max(1, len(reply.content) // 4)
        pieces = [reply.content[i : i + size] for i in range(0, len(reply.content), size)] or [""]
        for n, piece in enumerate(pieces):
            if reply.drop and n == len(pieces) // 2:
                handler.wfile.flush()
                handler.connection.shutdown(socket.SHUT_RDWR)
                return
            chunk = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "model": request["model"],
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }
            handler.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            handler.wfile.flush()
            time.sleep(reply.drip)
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.close_connection = True


@pytest.fixture
def chat_server():
    server = ChatServer()
    yield server
    server.close()


@pytest.fixture(params=[False, True], ids=["one-reply", "streamed"])
def llm_on(request, settings, chat_server):
    """The language model configured against the test server, answering as one JSON body and as
    server-sent events; short timeouts so the slow-server tests are quick."""
    settings.LLM_BASE_URL, settings.LLM_MODEL, settings.LLM_API_KEY = chat_server.url, "test-model", "test-key"
    settings.LLM_STREAM = request.param
    settings.LLM_CONNECT_TIMEOUT_SECONDS, settings.LLM_READ_TIMEOUT_SECONDS, settings.LLM_TIMEOUT_SECONDS = 1, 0.5, 1.5
    settings.LLM_BREAKER_FAILURES, settings.LLM_BREAKER_COOL_DOWN_SECONDS = 3, 60
    settings.LLM_REQUESTS_PER_USER_PER_HOUR = 100
    return chat_server


def written_question(n: int = 1, kind: str = "technical") -> dict:
    return {
        "text": f"Question {n} from the model: how would you design a rate limiter for a public API?",
        "type": kind,
        "model_answer": "A strong answer picks an algorithm such as a token bucket, says where the counters live "
        "(a shared store like Redis), how limits are keyed, and what the client sees when limited.",
        "key_points": [
            "Names an algorithm such as token bucket.",
            "Keeps counters in a shared store.",
            "Explains the response a limited client gets.",
        ],
        "hint": "Think about where the counts are kept.",
    }
