"""Sending e-mail: one-click unsubscribe headers that survive, and sending exactly once.

`send_once` speaks SMTP with a commit point just before the server can accept a message: the
whole message goes out except DATA's final dot, then `commit()` records it as sent (a
conditional UPDATE); only if that succeeded is the dot written. So a message the server
accepted was always recorded as sent first, and a process killed before the commit leaves the
message undelivered (an SMTP server discards a DATA that was never terminated), safe to send
again. Two senders of the same message cannot both pass the commit.

The gap that remains: a process killed, or a connection lost, after the commit and before the
server received the dot. That message is lost, never doubled: at most once, never twice.
"""

import email.policy
import re
import smtplib
import socket
from collections.abc import Callable
from email.headerregistry import HeaderRegistry, UnstructuredHeader

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.handler import DEFAULT_MAILER_BACKEND
from django.utils.module_loading import import_string


class _UrlHeader(UnstructuredHeader):
    """An ASCII header written on one line (up to RFC 5322's 998 characters): Python would
    otherwise turn a long List-Unsubscribe URL into encoded words, which mail clients ignore."""

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


_HEADERS = HeaderRegistry()
_HEADERS.map_to_type("list-unsubscribe", _UrlHeader)


class NotificationEmail(EmailMultiAlternatives):
    """An e-mail whose List-Unsubscribe header reaches the mail client intact."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(header_factory=_HEADERS))


# Sending exactly once ----------------------------------------------------------------------------


class MailError(Exception):
    """Sending failed. `committed`: after the commit point (the message may be lost, it must
    not be sent again); `code`: the server's reply code, if it answered; `permanent`: a 5xx
    answer or an address that cannot be sent to (trying again will not help)."""

    def __init__(self, error: Exception, *, committed: bool, permanent: bool = False):
        super().__init__(str(error))
        self.error, self.committed = error, committed
        self.code: int | None = getattr(error, "smtp_code", None)
        if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
            self.code = next(iter(error.recipients.values()))[0]
        self.permanent = permanent or (self.code is not None and self.code >= 500)

    @property
    def reason(self) -> str:
        """A short line for people: the server's answer, or what went wrong on the way."""
        error = self.error
        if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
            code, answer = next(iter(error.recipients.values()))
        elif isinstance(error, smtplib.SMTPResponseException):
            code, answer = error.smtp_code, error.smtp_error
        else:
            return f"{type(error).__name__}: {error}".strip()
        if isinstance(answer, bytes):
            answer = answer.decode("utf-8", "replace")
        return f"{code} {answer}".strip()


class NotCommitted(Exception):  # noqa: N818 - an outcome, not a failure
    """The commit refused (someone else sent or took over this message): nothing was sent."""


_LEADING_DOT = re.compile(rb"(?m)^\.")


class _CommitPoint:
    """smtplib.SMTP whose DATA stops before the final dot until `commit()` says yes."""

    commit: Callable[[], bool] | None = None
    committed = False

    def _get_socket(self, host, port, timeout):
        # The final dot goes out as a small write of its own, right after the message: without
        # TCP_NODELAY it would wait for the server's delayed ACK (tens of ms per message).
        sock = super()._get_socket(host, port, timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def data(self, msg):
        if self.commit is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = msg.encode("ascii")
        body = _LEADING_DOT.sub(b"..", msg)  # RFC 5321 4.5.2, as smtplib does
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.send(body)
        try:
            self.committed = bool(self.commit())
        except BaseException:
            self.close()  # the server discards the unterminated message
            raise
        if not self.committed:
            self.close()
            raise NotCommitted
        self.send(b".\r\n")
        return self.getreply()


class _OnceSMTP(_CommitPoint, smtplib.SMTP):
    pass


class _OnceSMTPSSL(_CommitPoint, smtplib.SMTP_SSL):
    pass


class _OnceBackend(SmtpBackend):
    """Django's SMTP backend (TLS, login, timeouts) on the commit-point connection."""

    @property
    def connection_class(self):
        return _OnceSMTPSSL if self.use_ssl else _OnceSMTP


def _default_backend():
    """The configured default mailer; an SMTP one is rebuilt on the commit-point connection."""
    config = getattr(settings, "MAILERS", {}).get("default", {})
    backend_class = import_string(config.get("BACKEND", DEFAULT_MAILER_BACKEND))
    if issubclass(backend_class, SmtpBackend):
        return _OnceBackend(alias="default", **config.get("OPTIONS", {}))
    return mailers.default


class Mailer:
    """One connection for many messages (reopened after an error); use as a context manager."""

    def __init__(self):
        self.backend = _default_backend()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if isinstance(self.backend, _OnceBackend):
            try:
                self.backend.close()
            except (OSError, smtplib.SMTPException):
                self.backend.connection = None

    def _drop(self) -> None:
        """Forget a connection in an unknown state; the next message opens a new one."""
        connection = getattr(self.backend, "connection", None)
        if connection is not None:
            connection.close()
        self.backend.connection = None

    def send_once(self, message: EmailMessage, *, commit: Callable[[], bool]) -> bool:
        """Send `message` if `commit()` returns true at the commit point; False if it did not
        (then nothing was delivered). A failure is raised as MailError, which says whether it
        came before or after the commit."""
        if not isinstance(self.backend, _OnceBackend):
            # Console, file and in-memory mailers have no moment where a message is half sent.
            if not commit():
                return False
            try:
                self.backend.send_messages([message])
            except (OSError, smtplib.SMTPException) as error:
                raise MailError(error, committed=True) from error
            return True
        backend = self.backend
        try:
            sender = backend.prep_address(message.from_email)
            recipients = [backend.prep_address(address) for address in message.recipients()]
        except ValueError as error:
            raise MailError(error, committed=False, permanent=True) from error
        raw = message.message(policy=email.policy.SMTP).as_bytes()
        try:
            backend.open()
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            raise MailError(error, committed=False) from error
        connection = backend.connection
        connection.commit, connection.committed = commit, False
        try:
            connection.sendmail(sender, recipients, raw)
        except NotCommitted:
            self._drop()
            return False
        except smtplib.SMTPResponseException as error:
            # The server answered; smtplib reset the transaction, so the connection serves the
            # next message, unless the server is closing it (421).
            if error.smtp_code == 421:
                self._drop()
            raise MailError(error, committed=connection.committed) from error
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            raise MailError(error, committed=connection.committed) from error
        except BaseException:
            self._drop()
            raise
        finally:
            connection.commit = None
        return True


def send_once(
    message: EmailMessage, *, commit: Callable[[], bool], mailer: Mailer | None = None
) -> bool:
    """Send one message through the default mailer exactly once (see the module's docstring):
    True when it was sent, False when `commit()` refused. Pass a `mailer` to reuse one
    connection for many messages."""
    if mailer is not None:
        return mailer.send_once(message, commit=commit)
    with Mailer() as own:
        return own.send_once(message, commit=commit)
