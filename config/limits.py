"""Bounds on the memory of one piece of work in a worker process, and on how fast one client
may ask for work."""

import resource
import time
from contextlib import contextmanager

from django.conf import settings


def _address_space_in_use() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


@contextmanager
def memory_ceiling(extra_mb: int):
    """While inside, the process may take at most `extra_mb` more address space: an allocation
    past it raises MemoryError in the work that asked for it. Only in a worker process: in the
    embedded mode the work runs in a thread of the web server, which the ceiling would also stop."""
    if settings.TASKS_IN_PROCESS:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = _address_space_in_use() + extra_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class TokenBucket:
    """Allows `rate` units a second on average and `burst` at once: each `take` spends units,
    which come back at `rate` a second up to `burst`."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.tokens, self.filled_at = float(burst), time.monotonic()

    def take(self, units: float = 1) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.filled_at) * self.rate)
        self.filled_at = now
        if self.tokens < units:
            return False
        self.tokens -= units
        return True
