"""Shared by every app's tests: the personas (advocate, curator, owner, outsider) and `web`, a
small real web server on 127.0.0.1 for link previews and feeds (tests have no internet)."""

import contextlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.utils import translation

from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory
from chorus.core.tests.processes import Installations


def _person(email, role, **extra):
    user = UserFactory(email=email, role=role, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture(autouse=True)
def _clear_cache():
    # Program settings are cached between requests; each test starts from the database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in Polish or Thai leaves its language active in the thread; the next test
    # starts in the default one.
    yield
    translation.deactivate()


@pytest.fixture
def advocate(db):
    """An employee who has joined the advocacy program."""
    user = _person("advocate@acme.test", "advocate", display_name="Ada Advocate")
    membership_join(user=user)
    # Joining asks for the guidelines first (academy); the persona has done it.
    guidelines_accept(user=user)
    return user


@pytest.fixture
def employee(db):
    """An employee who has not joined the program."""
    return _person("employee@acme.test", "advocate", display_name="Eve Employee")


@pytest.fixture
def curator(db):
    return _person("curator@acme.test", "curator", display_name="Cora Curator")


@pytest.fixture
def owner(db):
    return _person("owner@acme.test", "owner", display_name="Otto Owner")


@pytest.fixture
def outsider(client):
    """Someone who is not signed in."""
    return client


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


class _Site:
    """Pages by path: (status, headers, body). Every request is recorded in `hits`."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, dict[str, str], bytes]] = []  # POSTs (webhooks), with body
        self.delays: dict[str, float] = {}  # seconds a path waits before answering
        self.url = ""

    def add(self, path, body, *, status=200, content_type="text/html", headers=None):
        self.pages[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)
        return self.url + path


@pytest.fixture
def web(settings):
    """A local site; fetching from it needs CHORUS_FETCH_ALLOW_PRIVATE, which this turns on."""
    settings.CHORUS_FETCH_ALLOW_PRIVATE = True
    site = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.hits.append((self.path, dict(self.headers)))
            status, headers, body = site.pages.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            site.posts.append((self.path, dict(self.headers), body))
            time.sleep(site.delays.get(self.path, 0))
            with contextlib.suppress(OSError):  # the client may have given up waiting
                self.do_GET()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


class _Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd): yields its port and the inbox of messages."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.fixture(scope="session")
def _installations(tmp_path_factory):
    made = Installations(tmp_path_factory.mktemp("installations"))
    yield made
    made.close()


@pytest.fixture
def installation(_installations):
    """A migrated Chorus of its own (database and data folder) for tests that start real
    processes: workers, the scheduler, `serve`. See chorus/core/tests/processes.py."""
    made = _installations.new()
    yield made
    _installations.drop(made)
