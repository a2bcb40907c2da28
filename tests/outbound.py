"""Programs run under strace, which records every connection, datagram and program they start,
and what those recordings say: what left the machine, and which programs were started with which
environment (tests/test_egress.py)."""

import codecs
import ipaddress
import os
import re
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

# --- Recording ----------------------------------------------------------------------------------


@dataclass
class Recorded:
    name: str
    strace: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        """The recorded program's own process (strace's only child)."""
        return int(_children(self.strace.pid)[0])

    def processes(self) -> list[int]:
        """The program and every process under it that is still running."""
        found, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            queue += map(int, _children(pid))
        return found

    def stop(self) -> str:
        """SIGTERM to the program (strace itself ignores it), then strace ends with it; returns
        what the program printed."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            self.strace.wait(timeout=60)
        except (IndexError, ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.strace.pid, signal.SIGKILL)  # strace's own session: only what this test started
            self.strace.wait()
        return self.strace.stdout.read()


def _children(pid: int) -> list[str]:
    try:
        return [
            child
            for task in os.listdir(f"/proc/{pid}/task")
            for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def recorded(name: str, command: list[str], env: dict, folder: Path) -> Recorded:
    log = folder / f"{name}.strace"
    strace = subprocess.Popen(
        # --no-abbrev prints the whole environment of each program they start. strace stops
        # following a process when it starts another program (--detach-on=execve): followed,
        # Kaleido's Chromium hung at start-up in 5 runs of 10 (it made no connection in the others).
        [
            "strace",
            "--follow-forks",
            "--detach-on=execve",
            "-qq",
            "--signal=none",
            "--no-abbrev",
            "--trace=connect,sendto,sendmsg,sendmmsg,execve",
            f"--output={log}",
            *command,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return Recorded(name, strace, log)


def maps_onnx_runtime(pid: int) -> bool:
    try:
        return "onnxruntime" in Path(f"/proc/{pid}/maps").read_text()
    except FileNotFoundError:
        return False


# --- Reading the recordings ---------------------------------------------------------------------

ADDRESS = re.compile(
    r"sa_family=AF_INET6?, sin6?_port=htons\((?P<port>\d+)\).*?"
    r'(?:inet_addr\("(?P<v4>[^"]+)"\)|inet_pton\(AF_INET6, "(?P<v6>[^"]+)")'
)
FAMILY = re.compile(r"sa_family=(AF_\w+)")
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC", "AF_INET", "AF_INET6"}  # the last two are judged by address
# Sockets of local daemons that resolve names (when present, glibc asks them before any DNS server).
RESOLVER_SOCKETS = ("/run/systemd/resolve/io.systemd.Resolve", "avahi-daemon/socket")
DNS_PORTS = {53, 853}  # plain DNS, DNS over TLS
SYSCALL = re.compile(r"^(\d+) +(\w+)\(")
EXECVE = re.compile(r'^(\d+) +execve\("([^"]+)", \[.*?\], \[(.*)\]')


def outbound(line: str) -> str | None:
    """Why this recorded call sends something off this machine, or None when it stays local.
    A name look-up counts even to a resolver on loopback: it is how a library calling home shows
    itself first, even on a server with no route out."""
    for match in ADDRESS.finditer(line):
        address, port = ipaddress.ip_address(match["v4"] or match["v6"]), int(match["port"])
        if port in DNS_PORTS:
            return f"name look-up via {address}:{port}"
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_loopback:
            return f"connection to {address}:{port}"
    for family in FAMILY.findall(line):
        if family not in LOCAL_FAMILIES:
            return f"a {family} socket"
    if any(path in line for path in RESOLVER_SOCKETS):
        return "name look-up through a local resolver"
    return None


def looked_up_name(line: str) -> str:
    """The start of the name in the DNS query this call sends (strace prints 32 bytes)."""
    payload = re.search(r'"((?:[^"\\]|\\.)*)"', line)
    query, labels, at = codecs.escape_decode(payload[1])[0] if payload else b"", [], 12  # after the 12-byte header
    while at < len(query) and query[at]:
        labels.append(query[at + 1 : at + 1 + query[at]].decode("ascii", "replace"))
        at += 1 + query[at]
    return ".".join(labels)


def departures(log: Path) -> list[str]:
    """Every recorded call that sends something off this machine, with its process id; a name
    look-up names what was looked up (sent on the socket after connecting it to the server)."""
    found, dns_sockets = [], {}
    for line in log.read_text(errors="replace").splitlines():
        call = SYSCALL.match(line)
        if not call or call[2] not in ("connect", "sendto", "sendmsg", "sendmmsg"):
            continue
        socket = (call[1], line[call.end() :].split(",")[0])  # (process, file descriptor)
        if socket in dns_sockets and (name := looked_up_name(line)):
            found[dns_sockets.pop(socket)] += f" of {name}"
        if reason := outbound(line):
            if reason.startswith("name look-up"):
                dns_sockets[socket] = len(found)
            found.append(f"process {call[1]}: {reason}")
    return found


def programs_started(log: Path) -> list[tuple[int, str, set[str]]]:
    """(process id, program, environment) of every execve, the recorded program's own first;
    strace shortens each string to 32 characters, enough for the variables checked here."""
    return [
        (int(m[1]), m[2], set(re.findall(r'"([^"]*)"', m[3])))
        for m in map(EXECVE.match, log.read_text(errors="replace").splitlines())
        if m
    ]


def inherited(environment: set[str]) -> bool:
    """Whether a program got its parent's environment (ctypes runs ldconfig with only LC_ALL and
    LANG, for one)."""
    return any(entry.startswith("DJANGO_SETTINGS_MODULE=") for entry in environment)
