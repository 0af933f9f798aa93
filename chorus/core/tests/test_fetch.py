"""The SSRF-safe fetcher, against a real HTTP server on loopback (there is no internet here).

Public hosts cannot be reached from the test machine, so every fetch that must succeed goes to
the local server, either with CHORUS_FETCH_ALLOW_PRIVATE on or with the address rules widened
to admit 127.0.0.1 and the server's port.
"""

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from chorus.core import fetch as fetch_module
from chorus.core.errors import ChorusError
from chorus.core.fetch import FetchError, check_url, fetch, is_public_address

LOOPBACK = ipaddress.ip_address("127.0.0.1")


class _Handler(BaseHTTPRequestHandler):
    """Routes shaped like the pages Chorus meets: pages, redirects, big and slow bodies."""

    def do_GET(self):
        self.server.hits.append((self.path, self.headers.get("Host")))
        path = urlsplit(self.path).path
        query = parse_qs(urlsplit(self.path).query)
        try:
            if path == "/page":
                self._send(
                    200,
                    "<title>Witaj</title>".encode("iso-8859-2"),
                    "text/html; charset=ISO-8859-2",
                )
            elif path.startswith("/redirect/"):
                left = int(path.rsplit("/", 1)[1])
                self._redirect("/page" if left <= 1 else f"/redirect/{left - 1}")
            elif path == "/to":
                self._redirect(query["url"][0])
            elif path == "/etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.send_header("ETag", '"v1"')
                    self.end_headers()
                else:
                    self._send(200, b"<rss/>", "application/rss+xml", etag='"v1"')
            elif path == "/big":
                self._send(200, b"x" * 5000, "text/plain")
            elif path == "/big-unsized":
                # HTTP/1.0 without Content-Length: the body ends when the connection closes.
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"x" * 5000)
            elif path == "/gzip-bomb":
                body = gzip.compress(b"\0" * 200_000)  # about 200 bytes on the wire
                self._send(200, body, "text/plain", encoding="gzip")
            elif path == "/slow":
                time.sleep(1.5)
                self._send(200, b"late", "text/plain")
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Length", "20")
                self.end_headers()
                for _ in range(20):
                    self.wfile.write(b"x")
                    time.sleep(0.1)
            else:
                self._send(404, b"not here", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher hung up on purpose

    def _send(self, status, body, content_type, *, etag=None, encoding=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 and a random port that records every request."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_private(settings):
    settings.CHORUS_FETCH_ALLOW_PRIVATE = True


@pytest.fixture
def private_refused(settings):
    settings.CHORUS_FETCH_ALLOW_PRIVATE = False


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if anything opens a connection."""

    def refuse(sock, address):
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def server_port_allowed(monkeypatch, server):
    """Let the local server's port through, so the address rules are what is tested."""
    monkeypatch.setattr(fetch_module, "ALLOWED_PORTS", frozenset({80, 443, server.server_port}))


@pytest.fixture
def loopback_counts_as_public(monkeypatch):
    """Widen the address rules to 127.0.0.1 only: the stand-in for a public first hop."""
    monkeypatch.setattr(fetch_module, "is_public_address", lambda ip: ip == LOOPBACK)


@pytest.mark.usefixtures("private_refused", "no_connections")
@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1/", "fetch_address"),
        ("http://10.0.0.1/", "fetch_address"),
        ("http://169.254.169.254/latest/meta-data", "fetch_address"),
        ("http://[::1]/", "fetch_address"),
        ("http://0x7f000001/", "fetch_address"),
        ("http://2130706433/", "fetch_address"),
        ("http://0177.0.0.1/", "fetch_address"),
        ("http://127.1/", "fetch_address"),
        ("http://[::ffff:127.0.0.1]/", "fetch_address"),
        ("http://[64:ff9b::a00:1]/", "fetch_address"),
        ("http://[2002:a00:1::]/", "fetch_address"),
        ("http://[fd00::1]/", "fetch_address"),
        ("http://[fe80::1]/", "fetch_address"),
        ("http://100.64.0.1/", "fetch_address"),
        ("http://0.0.0.0/", "fetch_address"),
        ("https://192.168.1.1:443/", "fetch_address"),
        ("http://localhost/", "fetch_address"),
        ("http://localhost:8080/", "fetch_port"),
        ("https://8.8.8.8:8443/", "fetch_port"),
        ("ftp://example.com/", "fetch_scheme"),
        ("file:///etc/passwd", "fetch_scheme"),
        ("gopher://127.0.0.1:70/", "fetch_scheme"),
        ("example.com/page", "fetch_scheme"),
        ("http://user:pw@example.com/", "fetch_credentials"),
        ("http://example.com:99999/", "fetch_url"),
    ],
)
def test_a_url_chorus_must_not_fetch_is_refused_before_any_connection(url, code):
    with pytest.raises(FetchError) as refused:
        fetch(url)
    assert refused.value.code == code
    assert isinstance(refused.value, ChorusError)
    assert refused.value.message


@pytest.mark.usefixtures("private_refused")
def test_a_url_on_loopback_is_refused_and_never_contacted(server):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/page")
    assert refused.value.code == "fetch_port"
    assert server.hits == []


@pytest.mark.usefixtures("private_refused", "server_port_allowed")
def test_the_address_check_alone_refuses_loopback_and_the_server_is_never_contacted(server):
    with pytest.raises(FetchError, match="private or local address") as refused:
        fetch(f"{server.base}/page")
    assert refused.value.code == "fetch_address"
    assert server.hits == []


@pytest.mark.usefixtures("private_refused", "server_port_allowed")
def test_a_name_that_resolves_to_loopback_after_the_check_is_refused_at_connect_time(
    server, monkeypatch
):
    # DNS rebinding: the first answer is public, every later one is loopback.
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["93.184.215.14"])

    def rebinding(host, *args, **kwargs):
        if host == "rebind.test":
            return real_getaddrinfo(next(answers, "127.0.0.1"), *args, **kwargs)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FetchError) as refused:
        fetch(f"http://rebind.test:{server.server_port}/page")
    assert refused.value.code == "fetch_address"
    assert server.hits == []


@pytest.mark.usefixtures("private_refused", "no_connections")
def test_a_name_is_refused_when_any_of_its_addresses_is_private(monkeypatch):
    real_getaddrinfo = socket.getaddrinfo

    def mixed(host, *args, **kwargs):
        if host == "mixed.test":
            return real_getaddrinfo("8.8.8.8", *args, **kwargs) + real_getaddrinfo(
                "10.0.0.1", *args, **kwargs
            )
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(FetchError, match=r"mixed\.test") as refused:
        fetch("https://mixed.test/")
    assert refused.value.code == "fetch_address"


@pytest.mark.usefixtures("private_refused", "server_port_allowed", "loopback_counts_as_public")
def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(server, monkeypatch):
    real_getaddrinfo = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        return real_getaddrinfo("127.0.0.1" if host == "news.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    result = fetch(f"http://news.test:{server.server_port}/page")
    assert result.content.startswith(b"<title>")
    assert server.hits == [("/page", f"news.test:{server.server_port}")]


@pytest.fixture
def tls_server(tmp_path, server, monkeypatch):
    """The local server behind TLS, with a self-signed certificate for news.test only."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    arguments = "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=news.test"
    arguments += " -addext subjectAltName=DNS:news.test"
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [openssl, *arguments.split(), "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.sni = []
    context.sni_callback = lambda _sock, name, _context: server.sni.append(name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda request, address: None  # failed handshakes are expected
    real_session = fetch_module._session

    def session_trusting_the_test_certificate():
        session = real_session()
        session.verify = str(cert)
        return session

    monkeypatch.setattr(fetch_module, "_session", session_trusting_the_test_certificate)
    return server


@pytest.mark.usefixtures("private_refused", "server_port_allowed", "loopback_counts_as_public")
def test_https_goes_to_the_checked_address_and_verifies_the_certificate_for_the_name(
    tls_server, monkeypatch
):
    real_getaddrinfo = socket.getaddrinfo
    names = {"news.test", "other.test"}

    def resolver(host, *args, **kwargs):
        return real_getaddrinfo("127.0.0.1" if host in names else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    result = fetch(f"https://news.test:{tls_server.server_port}/page")
    assert result.url == f"https://news.test:{tls_server.server_port}/page"
    assert tls_server.sni == ["news.test"]
    assert tls_server.hits == [("/page", f"news.test:{tls_server.server_port}")]
    with pytest.raises(FetchError) as refused:
        fetch(f"https://other.test:{tls_server.server_port}/page")
    assert refused.value.code == "fetch_connection"
    assert len(tls_server.hits) == 1


@pytest.mark.usefixtures("private_refused", "server_port_allowed", "loopback_counts_as_public")
def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(server):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/to?url=http://[::1]:{server.server_port}/page")
    assert refused.value.code == "fetch_address"
    assert len(server.hits) == 1
    assert server.hits[0][0].startswith("/to?url=")


@pytest.mark.usefixtures("allow_private")
def test_every_redirect_target_is_checked_like_the_first_url(server, monkeypatch):
    checked = []
    real_check_url = fetch_module.check_url
    monkeypatch.setattr(
        fetch_module, "check_url", lambda url: checked.append(url) or real_check_url(url)
    )
    fetch(f"{server.base}/redirect/2")
    assert checked == [
        f"{server.base}/redirect/2",
        f"{server.base}/redirect/1",
        f"{server.base}/page",
    ]


@pytest.mark.usefixtures("allow_private")
@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://x/"])
def test_a_redirect_to_another_scheme_is_refused_even_when_private_addresses_are_allowed(
    server, target
):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/to?url={target}")
    assert refused.value.code == "fetch_scheme"


@pytest.mark.usefixtures("allow_private")
@pytest.mark.parametrize("target", ["http://[::1", "http://example.com:99999/"])
def test_a_redirect_to_a_broken_address_is_refused(server, target):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/to?url={target}")
    assert refused.value.code == "fetch_url"


@pytest.mark.usefixtures("allow_private")
def test_a_page_is_fetched_with_its_content_final_url_and_charset(server):
    result = fetch(f"{server.base}/page")
    assert result.status == 200
    assert result.url == f"{server.base}/page"
    assert result.content == "<title>Witaj</title>".encode("iso-8859-2")
    assert result.content_type == "text/html"
    assert result.charset == "iso-8859-2"
    assert result.headers["content-type"] == result.headers["Content-Type"]


@pytest.mark.usefixtures("allow_private")
def test_chorus_introduces_itself_with_its_user_agent(server, monkeypatch):
    seen = []
    real_do_get = _Handler.do_GET

    def recording(handler):
        seen.append(handler.headers.get("User-Agent"))
        real_do_get(handler)

    monkeypatch.setattr(_Handler, "do_GET", recording)
    fetch(f"{server.base}/page")
    assert seen == ["Chorus/0.1 (+link preview; self-hosted employee advocacy)"]


@pytest.mark.usefixtures("allow_private")
def test_three_redirects_are_followed(server):
    result = fetch(f"{server.base}/redirect/3")
    assert result.url == f"{server.base}/page"
    assert len(server.hits) == 4


@pytest.mark.usefixtures("allow_private")
def test_a_fourth_redirect_is_refused_without_being_followed(server):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/redirect/4")
    assert refused.value.code == "fetch_redirects"
    assert [path for path, _host in server.hits] == [f"/redirect/{n}" for n in (4, 3, 2, 1)]


@pytest.mark.usefixtures("allow_private")
@pytest.mark.parametrize("path", ["/big", "/big-unsized", "/gzip-bomb"])
def test_a_body_over_the_size_limit_is_refused(server, path):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}{path}", max_bytes=1000)
    assert refused.value.code == "fetch_too_large"


@pytest.mark.usefixtures("allow_private")
@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_slow_server_times_out_within_the_deadline(server, path):
    started = time.monotonic()
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}{path}", timeout=0.5)
    assert refused.value.code == "fetch_timeout"
    assert time.monotonic() - started < 1.0


@pytest.mark.usefixtures("allow_private")
def test_a_missing_page_raises_with_its_status(server):
    with pytest.raises(FetchError) as refused:
        fetch(f"{server.base}/missing")
    assert refused.value.code == "fetch_status"
    assert refused.value.upstream_status == 404


@pytest.mark.usefixtures("allow_private")
def test_an_unchanged_feed_answers_304_to_a_conditional_get(server):
    first = fetch(f"{server.base}/etag", accept="application/rss+xml")
    again = fetch(f"{server.base}/etag", headers={"If-None-Match": first.headers["etag"]})
    assert (first.status, again.status, again.content) == (200, 304, b"")


@pytest.mark.usefixtures("allow_private")
def test_a_server_that_is_not_there_is_a_connection_error(server):
    port = server.server_port
    server.shutdown()
    server.server_close()
    with pytest.raises(FetchError) as refused:
        fetch(f"http://127.0.0.1:{port}/page", timeout=1)
    assert refused.value.code == "fetch_connection"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.0.1",
        "100.64.0.1",
        "169.254.169.254",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not one to bind
        "224.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "192.0.2.1",
        "198.51.100.1",
        "203.0.113.1",
        "192.0.0.9",
        "192.88.99.1",
        "240.0.0.1",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::7f00:1",
        "64:ff9b::a00:1",
        "64:ff9b:1::a00:1",
        "2002:a00:1::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "3fff::1",
    ],
)
def test_private_local_and_special_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "::ffff:8.8.8.8", "2606:4700::1111"])
def test_ordinary_internet_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.usefixtures("private_refused", "no_connections")
@pytest.mark.parametrize("host", ["0x7f000001", "2130706433", "0177.0.0.1", "127.1", "0x7f.1"])
def test_odd_spellings_of_loopback_are_resolved_and_refused(host):
    assert {info[4][0] for info in socket.getaddrinfo(host, 80)} == {"127.0.0.1"}
    with pytest.raises(FetchError) as refused:
        check_url(f"http://{host}/")
    assert refused.value.code == "fetch_address"


@pytest.mark.usefixtures("allow_private")
def test_allowing_private_addresses_still_allows_only_http_and_https():
    with pytest.raises(FetchError) as refused:
        check_url("file:///etc/passwd")
    assert refused.value.code == "fetch_scheme"
    check_url("http://127.0.0.1:8000/")
