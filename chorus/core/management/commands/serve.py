"""Run the web server (granian) and the background worker together, for one machine; Ctrl-C stops
both. The worker (`manage.py worker`) runs queued tasks and the periodic jobs' scheduler.

The web server is granian: a Rust HTTP server in front of our WSGI app, several times faster
than a pure-Python server on the tracked-link hot path. No access log: it would hold addresses."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand

DEMO_LOGINS = ("owner@example.com", "curator@example.com", "advocate@example.com")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve Chorus (granian) and run the background worker until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2, help="web server processes")
        parser.add_argument(
            "--threads", type=int, default=4, help="threads per web process for Django pages"
        )
        parser.add_argument(
            "--web-only",
            action="store_true",
            help="web server and click ingest only; run `manage.py worker` elsewhere",
        )

    def handle(self, *args, host, port, workers, threads, web_only, **options):
        # A service manager stops us with SIGTERM: stop both children then, as on Ctrl-C.
        signal.signal(signal.SIGTERM, _interrupt)
        bin_dir = os.path.dirname(sys.executable)
        web = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                os.path.join(bin_dir, "granian"),
                "--interface=wsgi",
                f"--host={host}",
                f"--port={port}",
                f"--workers={workers}",
                f"--blocking-threads={threads}",
                "--respawn-failed-workers",
                "--no-access-log",
                "--log-level=warning",
                "config.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
        )
        # Reads the click journals the web processes seal every second (see chorus.tracking),
        # and at once those a killed process left behind.
        ingest = subprocess.Popen(
            [sys.executable, "manage.py", "ingest_clicks", "--loop"], cwd=settings.BASE_DIR
        )
        children = [web, ingest]
        if not web_only:
            children.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "worker"],
                    cwd=settings.BASE_DIR,
                )
            )
        try:
            url = f"http://{host}:{port}/"
            if self._wait_until_up(url + "healthz", children):
                self._greet(url)
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("A process stopped; stopping the others.")
        except KeyboardInterrupt:
            pass
        finally:
            # The web server first, so that the click ingest reads its last journals.
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Chorus stopped.")

    def _wait_until_up(self, url, children, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(child.poll() is not None for child in children):
                return False
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
                    return True
            except OSError:
                time.sleep(0.3)
        return False

    def _greet(self, url):
        lines = [
            "",
            f"Chorus is running at {url}  (Ctrl-C stops the web server and the task worker)",
            "Demo logins (password: chorus-demo):",
            *(f"  {login}" for login in DEMO_LOGINS),
            "",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
