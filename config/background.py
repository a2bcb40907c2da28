"""Running background work, the same way from views, consumers, tasks and commands.

Production sends Celery tasks to the worker processes through Redis. The embedded mode has no
broker: the task runs in a thread of this process, so the request or websocket that started it
is not kept waiting. Events for a signed-in user go through the channel layer to their open
pages (accounts.consumers.UserEventsConsumer).
"""

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from celery import Task
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils.module_loading import import_string

from config.cache import UNREACHABLE

log = logging.getLogger(__name__)
_threads = ThreadPoolExecutor(max_workers=settings.EMBEDDED_TASK_THREADS, thread_name_prefix="task")
# The in-memory channel layer belongs to the server's event loop; threads must send through it.
_server_loop: asyncio.AbstractEventLoop | None = None


def enqueue(task: Task | str, *args, **kwargs) -> None:
    """Runs `task` in the background. Services name their app's tasks by dotted path (a task's
    name), so that tasks.py can import services.py without services.py importing it back."""
    if isinstance(task, str):
        task = import_string(task)
    if settings.TASKS_IN_PROCESS:
        _threads.submit(_run_in_thread, task, args, kwargs)
    else:
        task.apply_async(args, kwargs)


def _run_in_thread(task: Task, args: tuple, kwargs: dict) -> None:
    try:
        result = task.apply(args, kwargs)
        if result.failed():
            log.error("Task %s failed: %s", task.name, result.traceback)
    finally:
        connections.close_all()  # pool threads live on; their connections shouldn't


# A task whose process dies is put back on the queue and started again (task_reject_on_worker_lost);
# one started this many times gives up, rather than kill one process after another.
MAX_STARTS = 2
STARTS_REMEMBERED_S = 24 * 3600


class StartedTooOften(Exception):
    pass


def count_start(task: Task) -> None:
    """Counts a start of this task's message (one id however often it is delivered); raises
    StartedTooOften past MAX_STARTS."""
    key = f"task-starts:{task.request.id}"
    cache.add(key, 0, STARTS_REMEMBERED_S)
    if cache.incr(key) > MAX_STARTS:
        raise StartedTooOften(f"{task.name} {task.request.id} was started {MAX_STARTS} times already")


def warm_up_in_process() -> None:
    """In the embedded mode this process also does the background work: load its models in a
    task thread while the first candidate signs in."""
    if settings.TASKS_IN_PROCESS:
        from interviewer.engine.warmup import warm_up

        _threads.submit(warm_up, settings.WHISPER_MODEL)


# The embedded mode's first retention run waits this long after the server starts, so that it
# doesn't compete with loading the models.
FIRST_PERIODIC_RUN_S = 60


def start_periodic_work_in_process(first_run_after: float = FIRST_PERIODIC_RUN_S) -> list[threading.Thread]:
    """The embedded mode's stand-in for Celery beat (settings.CELERY_BEAT_SCHEDULE): a daemon
    thread that runs each scheduled task in this process at its interval."""
    if not settings.TASKS_IN_PROCESS:
        return []
    threads = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = import_string(entry["task"])  # a task's name is its dotted path
        thread = threading.Thread(
            target=_run_every, args=(task, first_run_after, entry["schedule"]), daemon=True, name=f"every-{task.name}"
        )
        thread.start()
        threads.append(thread)
    return threads


def _run_every(task: Task, first_run_after: float, seconds: float) -> None:
    wait = first_run_after
    stopped = threading.Event()  # never set: the thread ends with the process
    while not stopped.wait(wait):
        _run_in_thread(task, (), {})
        wait = seconds


def remember_server_loop() -> None:
    """Called from async code (a consumer connecting) so that task threads can reach it."""
    global _server_loop
    _server_loop = asyncio.get_running_loop()


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def notify_user(user_id: int, event: dict) -> None:
    """Send an event to every open page of this user."""
    send_event(user_group(user_id), event)


def send_event(group: str, event: dict) -> None:
    """Send an event to every consumer in `group` (their `client_event` handler). Safe to call
    from any thread. Best effort: while the channel layer (Redis) is unreachable the event is
    dropped, not raised, so a task that has saved its work still succeeds; what the event said is
    in the database, and the sockets send it when they resume (config/channel_layer.py)."""
    layer = get_channel_layer()
    message = {"type": "client.event", "event": event}
    loop = _server_loop
    try:
        if settings.TASKS_IN_PROCESS and loop is not None and loop.is_running():
            asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop).result(timeout=10)
        else:
            async_to_sync(layer.group_send)(group, message)
    except UNREACHABLE as error:
        log.warning(
            "A %s event for %s was dropped: the channel layer is unreachable (%s)", event.get("type"), group, error
        )
