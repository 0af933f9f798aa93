"""The hot path: `/s/<code>` answered in front of Django's request handling.

Per request: a dict lookup for the code, a keyed hash of IP and user agent, one write(2) to this
process's journal, and a 302. No session, no template, no ORM query on a cache hit, no database
write on the request thread. A thread per process fills the code cache at start, then every
second seals the journal and forgets cached codes whose link changed. Sealed journals are read
into the database by `manage.py ingest_clicks --loop`, its own process (which `serve` starts),
so that classifying and counting never hold this process's interpreter lock."""

import datetime as dt
import hashlib
import hmac
import html
import logging
import os
import threading
import time

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.utils import translation
from django.utils.translation import gettext

from chorus.tracking.classify import referrer_domain
from chorus.tracking.codes import code_is_wellformed
from chorus.tracking.journal import Journal

log = logging.getLogger(__name__)
PREFIX = "/s/"
MAX_CACHED = 500_000


class LinkCache:
    """code → (link id, target URL), or None for a code that does not answer."""

    def __init__(self):
        self._entries: dict[str, tuple[int, str] | None] = {}
        self._since = None

    def resolve(self, code: str) -> tuple[int, str] | None:
        try:
            return self._entries[code]
        except KeyError:
            pass
        with connection.cursor() as cursor:
            cursor.execute(self._lookup, [code, True])
            row = cursor.fetchone()
        found = (row[0], row[1]) if row else None
        if len(self._entries) >= MAX_CACHED:
            self._entries.clear()
        self._entries[code] = found
        return found

    _lookup = "SELECT id, target_url FROM tracking_trackedlink WHERE code = %s AND enabled = %s"

    def preload(self, limit: int) -> int:
        """Fill the cache with the newest enabled links, so that even the first click of each
        is answered without a query."""
        from chorus.tracking.models import TrackedLink

        rows = (
            TrackedLink.objects.filter(enabled=True)
            .order_by("-pk")
            .values_list("code", "pk", "target_url")[: min(limit, MAX_CACHED)]
        )
        loaded = 0
        for code, pk, target in rows.iterator(chunk_size=5000):
            self._entries.setdefault(code, (pk, target))
            loaded += 1
        return loaded

    def forget(self, code: str) -> None:
        self._entries.pop(code, None)

    def clear(self) -> None:
        self._entries.clear()
        self._since = None

    def refresh(self) -> None:
        """Forget the codes of links changed since the last look (a margin for slow commits)."""
        from django.utils import timezone

        from chorus.tracking.models import TrackedLink

        now = timezone.now()
        if self._since is not None:
            changed = TrackedLink.objects.filter(updated_at__gte=self._since).values_list(
                "code", flat=True
            )
            for code in changed.iterator():
                self._entries.pop(code, None)
        self._since = now - dt.timedelta(seconds=10)


class VisitorHasher:
    """HMAC of IP and user agent under the day's key; the key comes from the database once a day."""

    def __init__(self):
        self._day = None
        self._key = b""

    def key(self) -> bytes:
        today = dt.datetime.now(dt.UTC).date()
        if today != self._day:
            from chorus.tracking.services import visitor_key_for

            self._key, self._day = visitor_key_for(today), today
        return self._key

    def __call__(self, ip: str, agent: str) -> str:
        message = f"{ip}\0{agent}".encode("utf-8", "replace")
        return hmac.new(self.key(), message, hashlib.sha256).hexdigest()[:32]


links = LinkCache()
visitor_hash = VisitorHasher()
_journal: Journal | None = None
_journal_lock = threading.Lock()


def journal() -> Journal:
    global _journal
    if _journal is None:
        with _journal_lock:
            if _journal is None:
                _journal = Journal(settings.CHORUS_CLICK_JOURNAL_DIR)
    return _journal


def client_ip(environ) -> str:
    if settings.CHORUS_BEHIND_PROXY:
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return environ.get("REMOTE_ADDR", "")


def _clean(value: str, limit: int) -> str:
    return value[:limit].replace("\t", " ").replace("\n", " ").replace("\r", " ")


def click_record(link_id: int, environ) -> None:
    """Append one click to the journal: time, link, visitor hash, referrer domain, user agent."""
    agent = _clean(environ.get("HTTP_USER_AGENT", ""), 512)
    at = time.time_ns() // 1_000_000
    visitor = visitor_hash(client_ip(environ), agent)
    referrer = _clean(referrer_domain(environ.get("HTTP_REFERER", "")), 100)
    line = f"{at}\t{link_id}\t{visitor}\t{referrer}\t{agent}\n"
    journal().append(line.encode("utf-8", "replace"))


def _not_found_body(environ) -> bytes:
    language = translation.get_supported_language_variant(settings.LANGUAGE_CODE)
    for candidate in environ.get("HTTP_ACCEPT_LANGUAGE", "").split(","):
        tag = candidate.split(";")[0].strip()
        try:
            language = translation.get_supported_language_variant(tag)
            break
        except LookupError:
            continue
    with translation.override(language):
        title = gettext("Link not found")
        text = gettext("This link does not exist or has been turned off.")
    return (
        f'<!doctype html><html lang="{language}"><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></html>"
    ).encode()


SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer-when-downgrade"),
]


def answer(code: str, environ) -> tuple[str, list[tuple[str, str]], bytes]:
    """(status, headers, body) for a request to `/s/<code>`; records the click of a GET."""
    method = environ.get("REQUEST_METHOD", "GET")
    if method not in ("GET", "HEAD"):
        return "405 Method Not Allowed", [("Allow", "GET, HEAD"), *SECURITY_HEADERS], b""
    found = links.resolve(code) if code_is_wellformed(code) else None
    if found is None:
        body = _not_found_body(environ)
        headers = [("Content-Type", "text/html; charset=utf-8"), *SECURITY_HEADERS]
        return "404 Not Found", headers, body
    link_id, target = found
    if method == "GET":
        click_record(link_id, environ)
    return "302 Found", [("Location", target), *SECURITY_HEADERS], b""


class Flusher(threading.Thread):
    """Fills the code cache, then seals this process's journal and refreshes the cache every
    interval; ingests journals itself only where no ingest process runs (`ingest`)."""

    def __init__(self, interval: float, *, ingest: bool, preload: int):
        super().__init__(name="chorus-click-flusher", daemon=True)
        self.interval = interval
        self.ingest = ingest
        self.preload = preload

    def run(self):
        from chorus.tracking.services import clicks_ingest

        try:
            links.refresh()  # note the time first: links changed while loading are forgotten
            links.preload(self.preload)
        except Exception:
            log.exception("Could not fill the tracked-link cache; codes load on first use")
        while True:
            time.sleep(self.interval)
            try:
                journal().seal()
                if self.ingest:
                    clicks_ingest(skip=journal().current)
                links.refresh()
            except OperationalError:
                log.warning("Tracked links: the database is not reachable", exc_info=True)
                close_old_connections()
            except Exception:
                log.exception("Tracked links: sealing or refreshing failed; trying again")


_flusher_pid = None


def flusher_start() -> None:
    """Start this process's flusher once (again after a fork)."""
    global _flusher_pid
    if _flusher_pid != os.getpid():
        _flusher_pid = os.getpid()
        Flusher(
            settings.CHORUS_CLICK_FLUSH_SECONDS,
            ingest=settings.CHORUS_CLICK_INGEST_IN_WEB,
            preload=settings.CHORUS_LINK_CACHE_PRELOAD,
        ).start()


class RedirectApp:
    """WSGI app: `/s/…` here, everything else to Django. With `flusher`, each process starts
    its click flusher on its first tracked-link request (after any fork by the server)."""

    def __init__(self, django_app, *, flusher: bool = False):
        self.django_app = django_app
        self.flusher = flusher

    def __call__(self, environ, start_response):
        if self.flusher and _flusher_pid != os.getpid():
            flusher_start()
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return self.django_app(environ, start_response)
        try:
            status, headers, body = answer(path[len(PREFIX) :], environ)
        except OperationalError:
            # The database went away on a cache miss: drop the connection, say so briefly.
            connection.close()
            status, headers, body = "503 Service Unavailable", [("Retry-After", "5")], b""
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]
