"""A whole Chorus installation for tests that run real processes: task workers, the scheduler,
`serve`. Such processes cannot see the test database (an in-memory SQLite, or a transaction that
is never committed), so each test gets its own migrated database, copied from one made per
session: a file for SQLite, a database made from a template on PostgreSQL."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _postgres_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


class Installation:
    """One database and data folder; runs `manage.py` commands against them."""

    def __init__(self, *, data_dir: Path, database_url: str | None):
        self.data_dir = data_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL", "EMAIL_URL"))
        }
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CHORUS_DATA_DIR": str(data_dir),
            "SECRET_KEY": "test-installation-secret",
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "WARNING",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.processes: list[subprocess.Popen] = []

    def _argv(self, args) -> list[str]:
        return [sys.executable, str(BASE_DIR / "manage.py"), *map(str, args)]

    def manage(self, *args, timeout: float = 120, check: bool = True) -> str:
        """Run a command to its end; returns what it printed."""
        done = subprocess.run(  # noqa: S603 - our own manage.py
            self._argv(args),
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(map(str, args))} failed:\n{done.stderr}")
        return done.stdout

    def python(self, code: str, timeout: float = 120):
        """Run Python inside the installation; the value of `result` comes back (as JSON)."""
        wrapped = f"{code}\nimport json as _j; print('@@' + _j.dumps(result))"
        output = self.manage("shell", "--no-imports", "-c", wrapped, timeout=timeout)
        line = next(line for line in reversed(output.splitlines()) if line.startswith("@@"))
        return json.loads(line[2:])

    def start(self, *args, log: str = "") -> subprocess.Popen:
        """Start a long-running command (stopped at the end of the test)."""
        out = open(self.data_dir / (log or f"process-{len(self.processes)}.log"), "ab")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            self._argv(args), cwd=BASE_DIR, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )
        process.log_path = out.name
        out.close()
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        if process.poll() is None:
            process.send_signal(sig)
        process.wait(timeout=30)

    def wait_for(self, condition, *, timeout: float = 60, every: float = 0.2, what: str = ""):
        """Poll `condition()` until it returns something true; fail with `what` after timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            for process in self.processes:
                if process.poll() not in (None, 0, -signal.SIGKILL, -signal.SIGTERM):
                    raise AssertionError(f"{process.args} died:\n{self.log(process)}")
            time.sleep(every)
        raise AssertionError(f"timed out waiting for {what or condition}")

    def log(self, process: subprocess.Popen) -> str:
        return Path(process.log_path).read_text(errors="replace")[-4000:]

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


class Installations:
    """Makes the session's template database once, then a copy for each test."""

    def __init__(self, root: Path):
        self.root = root
        self.postgres = _postgres_url()
        self.template: str | Path | None = None

    def _make_template(self) -> None:
        data_dir = self.root / "template"
        data_dir.mkdir(parents=True, exist_ok=True)
        url = None
        if self.postgres:
            name = f"chorus_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            _postgres_admin(self.postgres, f'CREATE DATABASE "{name}"')
            url = _with_database(self.postgres, name)
            self.template = name
        Installation(data_dir=data_dir, database_url=url).manage("migrate", "--no-input")
        if not self.postgres:
            self.template = data_dir / "chorus.sqlite3"

    def new(self) -> Installation:
        if self.template is None:
            self._make_template()
        data_dir = self.root / uuid.uuid4().hex[:8]
        data_dir.mkdir(parents=True)
        if self.postgres:
            name = f"chorus_run_{uuid.uuid4().hex[:10]}"
            _postgres_admin(self.postgres, f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            installation = Installation(
                data_dir=data_dir, database_url=_with_database(self.postgres, name)
            )
            installation.database_name = name
        else:
            shutil.copy(self.template, data_dir / "chorus.sqlite3")
            installation = Installation(data_dir=data_dir, database_url=None)
            installation.database_name = None
        return installation

    def drop(self, installation: Installation) -> None:
        installation.stop_all()
        if installation.database_name:
            _postgres_admin(
                self.postgres,
                f'DROP DATABASE IF EXISTS "{installation.database_name}" WITH (FORCE)',
            )

    def close(self) -> None:
        if self.postgres and self.template:
            _postgres_admin(
                self.postgres, f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)'
            )
