"""The web process's memory when anonymous clients send huge request bodies.

    .venv/bin/python bench/body_memory.py [megabytes ...]     (default: 100 200)

Starts Daphne as `make run` does (embedded mode, a fresh data folder), signs nobody in, and
POSTs a body of each size to the login page, sending it a megabyte at a time; prints the status
and the web process's resident memory before, at its highest while sending, and after. The
application refuses bodies over MAX_REQUEST_BYTES (6 MB) with 413 before Django reads them;
Daphne itself still receives the whole body (README, "Behind the proxy").
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import http.client
import os
import subprocess
import sys
import tempfile
import time

from repository import ROOT

PORT = 8799
MEGABYTE = 1 << 20


def resident_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) // 1024


def wait_for_page(timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            connection.request("GET", "/accounts/login/")
            connection.getresponse().read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def post(pid: int, megabytes: int) -> tuple[str, int]:
    """Sends the body; returns the response's status (or how the connection ended) and the
    highest resident memory seen while sending."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=300)
    connection.putrequest("POST", "/accounts/login/")
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(megabytes * MEGABYTE))
    connection.endheaders()
    peak = resident_mb(pid)
    try:
        for _ in range(megabytes):
            connection.send(b"a" * MEGABYTE)
            peak = max(peak, resident_mb(pid))
        return str(connection.getresponse().status), peak
    except OSError as error:
        return f"connection ended ({type(error).__name__})", peak


def main() -> None:
    sizes = [int(size) for size in sys.argv[1:]] or [100, 200]
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATA_DIR=tempfile.mkdtemp(prefix="bench-body-"), LOG_LEVEL="WARNING")
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    web = subprocess.Popen(
        [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(PORT), "config.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_page()
        for megabytes in sizes:
            before = resident_mb(web.pid)
            status, peak = post(web.pid, megabytes)
            print(
                f"post_mb={megabytes} status={status} web_rss_before_mb={before} web_rss_peak_mb={peak} "
                f"web_rss_after_mb={resident_mb(web.pid)}",
                flush=True,
            )
    finally:
        web.terminate()
        web.wait(timeout=30)


if __name__ == "__main__":
    main()
