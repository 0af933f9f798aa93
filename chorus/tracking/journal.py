"""The click journal: an append-only file per web process, written before each redirect is
answered, so that a killed process loses no answered click.

A writer creates its file under a temporary name, locks it (flock) and only then gives it its
`.journal` name; it keeps the lock while it writes. `seal()` closes the file, which releases the
lock: from then on any process may ingest it. A file nobody holds a lock on is therefore either
sealed or left by a process that died, and both are read the same way."""

import fcntl
import os
import secrets
import socket
import threading
import time
from pathlib import Path

SUFFIX = ".journal"


class Journal:
    """One process's journal writer; safe across threads and across fork."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._path: Path | None = None
        self._pid = os.getpid()

    def append(self, line: bytes) -> None:
        """Write one whole line with one write(2) on an O_APPEND file (atomic for our sizes)."""
        with self._lock:
            if self._pid != os.getpid():  # forked: the parent's file is not ours
                self._fd, self._path, self._pid = None, None, os.getpid()
            if self._fd is None:
                self._open()
            os.write(self._fd, line)

    def seal(self) -> Path | None:
        """Close the current file so that it can be ingested; the next click opens a new one."""
        with self._lock:
            fd, path = self._fd, self._path
            self._fd = self._path = None
        if fd is not None and self._pid == os.getpid():
            os.close(fd)
        return path

    @property
    def current(self) -> Path | None:
        return self._path

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stem = (
            f"clicks-{socket.gethostname()}-{os.getpid()}-{time.time_ns()}-{secrets.token_hex(4)}"
        )
        temporary = self.directory / f"{stem}.open"
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC, 0o600
        )
        fcntl.flock(fd, fcntl.LOCK_EX)
        path = self.directory / f"{stem}{SUFFIX}"
        os.rename(temporary, path)
        self._fd, self._path = fd, path


def claim(path: Path) -> int | None:
    """Open and lock a journal nobody writes to; None while its writer (or an ingester) holds it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def pending(directory: Path) -> list[Path]:
    """Journal files in the folder (order does not matter: the dedupe looks both ways in time)."""
    return sorted(Path(directory).glob(f"*{SUFFIX}"))
