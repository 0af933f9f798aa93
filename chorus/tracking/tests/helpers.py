"""Requests to the hot path as a web server makes them: through the WSGI app in front of Django."""

from chorus.tracking import redirect
from chorus.tracking.services import clicks_ingest

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
LINKEDINBOT = (
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"
)
CURL = "curl/8.5.0"


def _django(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"django"]


APP = redirect.RedirectApp(_django)


class Answer:
    def __init__(self, status, headers, body):
        self.status = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body


def hit(code, *, agent=CHROME, ip="198.51.100.23", method="GET", referer="", **extra):
    environ = {
        "PATH_INFO": f"/s/{code}",
        "REQUEST_METHOD": method,
        "HTTP_USER_AGENT": agent,
        "REMOTE_ADDR": ip,
        "HTTP_REFERER": referer,
        **extra,
    }
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, headers

    body = b"".join(APP(environ, start_response))
    return Answer(seen["status"], seen["headers"], body)


def flush() -> int:
    """What the flusher thread does every second: seal this process's journal, ingest."""
    redirect.journal().seal()
    return clicks_ingest()
