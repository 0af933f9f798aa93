"""The one way Chorus fetches a URL someone gave it: public addresses only, small and quick.

Link previews, images and feeds all come through `fetch`. Each hop is checked (scheme, port,
every address the name resolves to), and the connection then goes to the address that was
checked, with the Host header and TLS name kept: requests-hardened's IPFilterAdapter pins the
resolved IP, and our subclass holds that pinned IP to the same rules, so a DNS answer that
changes between the check and the connection (rebinding) is refused too.
"""

import ipaddress
import json
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
import urllib3
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from requests.structures import CaseInsensitiveDict
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from chorus.core.errors import ChorusError

type IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = "Chorus/0.1 (+link preview; self-hosted employee advocacy)"
DEFAULT_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_PORTS = frozenset({80, 443})
MAX_REDIRECTS = 3
_CHUNK_BYTES = 64 * 1024

# Ranges `is_global` lets through but that must not be fetched, beside requests-hardened's own
# list (so our check is never looser than the library's, and its refusals get our messages).
# IPv6 ranges that embed an IPv4 address are refused whole rather than judged by the embedded
# address: requests-hardened refuses them whole as well.
_REFUSED_NETWORKS = (
    *EXTRA_BLOCKED_NET_RANGES,
    ipaddress.ip_network("::/96"),  # IPv4-compatible IPv6 (deprecated)
    ipaddress.ip_network("64:ff9b::/96"),  # NAT64, well-known prefix
    ipaddress.ip_network("64:ff9b:1::/48"),  # NAT64, local use
    ipaddress.ip_network("2002::/16"),  # 6to4
    ipaddress.ip_network("2001::/32"),  # Teredo
    ipaddress.ip_network("fc00::/7"),  # unique local
    ipaddress.ip_network("fec0::/10"),  # site-local (deprecated)
)


class FetchError(ChorusError):
    """A URL could not or must not be fetched; `code` says why, e.g. "fetch_address"."""

    def __init__(self, message: str, *, code: str, upstream_status: int | None = None):
        super().__init__(message, code=code)
        self.upstream_status = upstream_status


@dataclass(frozen=True)
class FetchResult:
    """A fetched response: final URL, status (2xx or 304), headers and the whole body."""

    url: str
    status: int
    headers: Mapping[str, str]  # case-insensitive
    content: bytes
    content_type: str  # lower-case media type without parameters, "" when absent
    charset: str | None


def fetch(
    url: str,
    *,
    max_bytes: int = 1_000_000,
    timeout: float = 10.0,
    accept: str = DEFAULT_ACCEPT,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET a user-given URL safely, following at most MAX_REDIRECTS redirects, each checked."""
    deadline = time.monotonic() + timeout
    request_headers = {"Accept": accept, **(headers or {})}
    url = url.strip()
    with _session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url)
            with _send(session, url, request_headers, deadline) as response:
                if not response.is_redirect:
                    return _result(response, max_bytes=max_bytes, deadline=deadline)
                url = urljoin(response.url, session.get_redirect_target(response))
    raise FetchError(
        _("The page redirects more than %(count)d times.") % {"count": MAX_REDIRECTS},
        code="fetch_redirects",
    )


def post_json(
    url: str, *, payload: object, timeout: float = 10.0, max_bytes: int = 100_000
) -> FetchResult:
    """POST a JSON body to a user-given URL (chat webhooks), checked like `fetch`. Redirects
    are not followed (the body would not go along): a redirect answers with an error."""
    deadline = time.monotonic() + timeout
    url = url.strip()
    check_url(url)
    headers = {"Accept": "*/*", "Content-Type": "application/json"}
    body = json.dumps(payload, ensure_ascii=False).encode()
    with _session() as session, _send(session, url, headers, deadline, data=body) as response:
        if response.is_redirect:
            host = parse_url(url).host or url
            raise FetchError(
                _("%(host)s answered with a redirect (HTTP %(status)d).")
                % {"host": host, "status": response.status_code},
                code="fetch_status",
                upstream_status=response.status_code,
            )
        return _result(response, max_bytes=max_bytes, deadline=deadline)


def check_url(url: str) -> None:
    """Raise FetchError unless Chorus may fetch this URL (only scheme and credentials when
    CHORUS_FETCH_ALLOW_PRIVATE is on)."""
    try:
        parts = parse_url(url)
    except LocationParseError:
        raise _url_error() from None
    if parts.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            _("Chorus only fetches http:// and https:// addresses."), code="fetch_scheme"
        )
    if not parts.host:
        raise _url_error()
    if parts.auth is not None:
        raise FetchError(
            _("Remove the user name and password from the address; Chorus does not send them."),
            code="fetch_credentials",
        )
    if settings.CHORUS_FETCH_ALLOW_PRIVATE:
        return
    if parts.port is not None:
        _check_port(parts.port)
    addresses = _resolve(parts.host)
    if not addresses or not all(is_public_address(ip) for ip in addresses):
        raise _address_error(parts.host)


def is_public_address(ip: IPAddress) -> bool:
    """Whether an address is on the public internet, and so may be fetched from."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return False
    return (
        ip.is_global
        and not ip.is_multicast
        and not ip.is_reserved
        and not any(ip in network for network in _REFUSED_NETWORKS)
    )


class _PinnedAdapter(IPFilterAdapter):
    """requests-hardened's adapter, which connects to the IP it resolved and checked, with
    that same IP and the port held to our rules as well."""

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        if host_params["port"] is not None:
            _check_port(host_params["port"])
        if not is_public_address(ipaddress.ip_address(host_params["host"].strip("[]"))):
            raise _address_error(parse_url(request.url).host or "")
        return host_params, pool_kwargs


def _session() -> requests.Session:
    config = Config(
        ip_filter_enable=False,  # _PinnedAdapter, mounted below, does the filtering
        ip_filter_allow_loopback_ips=True,
        never_redirect=True,  # fetch() follows redirects itself, checking each hop
        default_timeout=(10, 10),
        user_agent_override=USER_AGENT,
    )
    session = HTTPSession(config)
    # No proxies or .netrc from the environment: a proxy would resolve the name itself.
    session.trust_env = False
    if not settings.CHORUS_FETCH_ALLOW_PRIVATE:
        # Loopback is left to is_public_address, so one policy decides every address.
        session.mount("http://", _PinnedAdapter(is_https_proto=False, allow_loopback=True))
        session.mount("https://", _PinnedAdapter(is_https_proto=True, allow_loopback=True))
    return session


def _send(
    session: requests.Session,
    url: str,
    headers: dict[str, str],
    deadline: float,
    data: bytes | None = None,
) -> requests.Response:
    """GET the URL, or POST `data` when given."""
    host = parse_url(url).host or url
    remaining = _remaining(deadline, host)
    method = "GET" if data is None else "POST"
    try:
        prepared = session.prepare_request(
            requests.Request(method, url, headers=headers, data=data)
        )
        return session.send(
            prepared,
            stream=True,
            allow_redirects=False,
            # `total` bounds connecting plus waiting for the headers by what is left.
            timeout=urllib3.Timeout(total=remaining, connect=remaining, read=remaining),
        )
    except InvalidIPAddress:
        raise _address_error(host) from None
    except requests.Timeout:
        raise _timeout_error(host) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, ValueError):
        # ValueError: requests parses a redirect's Location early, e.g. "http://[::1".
        raise _url_error() from None
    except requests.RequestException:
        raise _connection_error(host) from None


def _result(response: requests.Response, *, max_bytes: int, deadline: float) -> FetchResult:
    host = parse_url(response.url).host or response.url
    status = response.status_code
    if status != 304 and not 200 <= status < 300:
        raise FetchError(
            _("%(host)s answered with an error (HTTP %(status)d).")
            % {"host": host, "status": status},
            code="fetch_status",
            upstream_status=status,
        )
    content = _read_body(response, host=host, max_bytes=max_bytes, deadline=deadline)
    content_type, charset = _parse_content_type(response.headers.get("Content-Type", ""))
    return FetchResult(
        url=response.url,
        status=status,
        headers=CaseInsensitiveDict(response.headers),
        content=content,
        content_type=content_type,
        charset=charset,
    )


def _read_body(response: requests.Response, *, host: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large_error(max_bytes)
    raw = response.raw
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            remaining = _remaining(deadline, host)
            # Each read waits at most until the deadline, so a server dripping bytes slowly
            # cannot hold the fetch open past it.
            connection = raw.connection
            if connection is not None and connection.sock is not None:
                connection.sock.settimeout(remaining)
            # read1 returns what has arrived, and inflates compressed bodies only up to the
            # chunk size, so a small gzip bomb is counted as it grows.
            chunk = raw.read1(_CHUNK_BYTES, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise _too_large_error(max_bytes)
            chunks.append(chunk)
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise _timeout_error(host) from None
    except (urllib3.exceptions.HTTPError, OSError):
        raise _connection_error(host) from None


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        name, _sep, param_value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = param_value.strip().strip("\"'").lower() or None
    return media_type.strip().lower(), charset


def _resolve(host: str) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(
            _("Chorus could not find %(host)s.") % {"host": host}, code="fetch_connection"
        ) from None
    return [
        ipaddress.ip_address(info[4][0])
        for info in infos
        if info[0] in (socket.AF_INET, socket.AF_INET6)
    ]


def _check_port(port: int) -> None:
    if port not in ALLOWED_PORTS:
        raise FetchError(
            _("Chorus only fetches from the web ports 80 and 443, not %(port)d.") % {"port": port},
            code="fetch_port",
        )


def _remaining(deadline: float, host: str) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout_error(host)
    return remaining


def _url_error() -> FetchError:
    return FetchError(_("This is not a web address Chorus can fetch."), code="fetch_url")


def _address_error(host: str) -> FetchError:
    return FetchError(
        _(
            "Chorus only fetches pages on the public internet; "
            "%(host)s is a private or local address."
        )
        % {"host": host},
        code="fetch_address",
    )


def _timeout_error(host: str) -> FetchError:
    return FetchError(_("%(host)s took too long to answer.") % {"host": host}, code="fetch_timeout")


def _connection_error(host: str) -> FetchError:
    return FetchError(
        _("Chorus could not connect to %(host)s.") % {"host": host}, code="fetch_connection"
    )


def _too_large_error(max_bytes: int) -> FetchError:
    return FetchError(
        _("The page is larger than %(size)s.") % {"size": filesizeformat(max_bytes)},
        code="fetch_too_large",
    )
