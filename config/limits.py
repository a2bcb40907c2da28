"""Bounds on the memory of one piece of work in a worker process."""
import resource
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
