"""The acceptance test of the digest: kill the worker while it sends a digest to 1,000 people,
start it again, and everyone gets exactly one. Real processes on their own database (SQLite or
PostgreSQL, see chorus/core/tests/processes.py) and a real SMTP server on loopback."""

import os
import signal
import socket
import threading
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

pytestmark = pytest.mark.django_db

PEOPLE = 1000
KILL_AT = 300

MAKE_PEOPLE = f"""
from datetime import timedelta
from django.utils import timezone
from chorus.accounts.models import AdvocacyMembership, User
from chorus.content.models import ContentItem
from chorus.digests.models import DigestSettings
zones = ["Asia/Bangkok", "America/New_York", "Europe/Warsaw", "UTC"]
people = User.objects.bulk_create(
    User(email=f"a{{n:04d}}@acme.test", display_name=f"Advocate {{n}}", time_zone=zones[n % 4])
    for n in range({PEOPLE})
)
AdvocacyMembership.objects.bulk_create(AdvocacyMembership(user=user) for user in people)
ContentItem.objects.create(
    title="Our new office", url="https://acme.test/office",
    publish_at=timezone.now() - timedelta(hours=1),
)
# Monday 00:00 in each person's zone: whatever the day, this week's digest is due for all.
DigestSettings.objects.update_or_create(pk=1, defaults={{"weekday": 0, "hour": 0}})
result = User.objects.count()
"""

SENDS = """
from collections import Counter
from chorus.digests.models import DigestSend
result = dict(Counter(DigestSend.objects.values_list("state", flat=True)))
"""


class KillingInbox:
    """An SMTP server's handler that keeps every message and, at message number `kill_at`,
    SIGKILLs the sending process: after the message's final dot, before answering ("data": the
    worst moment, the message is complete and the sender never learns it was accepted), or at
    its recipient ("rcpt": before the sender's commit point)."""

    def __init__(self, kill_at: int):
        self.kill_at = kill_at
        self.moment = "data"
        self.victim: int | None = None
        self.recipients: list[str] = []
        self.started = 0  # messages whose recipient was given
        self.killed = threading.Event()
        self.lock = threading.Lock()

    def _kill(self):
        os.kill(self.victim, signal.SIGKILL)
        self.killed.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            self.started += 1
            if self.moment == "rcpt" and self.started == self.kill_at and self.victim:
                self._kill()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.content, policy=default_policy)
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
            assert message["To"] == envelope.rcpt_tos[0]
            if self.moment == "data" and len(self.recipients) == self.kill_at and self.victim:
                self._kill()
        return "250 OK"


@pytest.fixture
def killing_smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = KillingInbox(KILL_AT)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def _only_digests(installation):
    """Every periodic job off but the digest; the scheduler ticks fast and a run whose worker
    died is taken over after 2 seconds without a heartbeat."""
    names = installation.python(
        "from django.conf import settings\nresult = list(settings.CHORUS_PERIODIC_JOBS)"
    )
    every = dict.fromkeys(names, 0) | {"send_digests": 3600}
    installation.env |= {
        "CHORUS_JOB_INTERVALS": ",".join(f"{name}={seconds}" for name, seconds in every.items()),
        "CHORUS_SCHEDULER_TICK": "0.1",
        "CHORUS_RUN_STALE_SECONDS": "2",
    }


@pytest.mark.parametrize(
    ("runner", "moment"), [("worker", "data"), ("worker", "rcpt"), ("send_digests", "data")]
)
def test_killing_the_sender_mid_way_still_gives_everyone_exactly_one_digest(
    installation, killing_smtp, runner, moment
):
    port, inbox = killing_smtp
    inbox.moment = moment
    installation.env["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    assert installation.python(MAKE_PEOPLE, timeout=180) == PEOPLE
    if runner == "worker":
        _only_digests(installation)
        args = ("worker", "--interval=0.1")
    else:
        args = ("send_digests",)

    first = installation.start(*args, log="first.log")
    inbox.victim = first.pid
    assert inbox.killed.wait(timeout=240), installation.log(first)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    if moment == "data":
        # The 300th message reached the server whole, and was recorded as sent before its dot.
        assert len(inbox.recipients) == KILL_AT
        assert installation.python(SENDS) == {"sent": KILL_AT}
    else:
        # Killed before its commit point: the 300th is not delivered and waits to be sent.
        assert len(inbox.recipients) == KILL_AT - 1
        assert installation.python(SENDS) == {"sent": KILL_AT - 1, "sending": 1}

    if runner == "worker":
        installation.start(*args, log="second.log")
    else:
        installation.manage("send_digests", timeout=300)
    installation.wait_for(
        lambda: len(set(inbox.recipients)) >= PEOPLE,
        timeout=300,
        every=0.5,
        what=f"{PEOPLE} people to get their digest",
    )
    # Counted by recipient, not by Message-ID: nobody got a second one.
    per_person = Counter(inbox.recipients)
    assert len(per_person) == PEOPLE
    assert set(per_person.values()) == {1}
    assert installation.python(SENDS) == {"sent": PEOPLE}
    # And a run after that sends nothing at all.
    installation.manage("send_digests")
    assert len(inbox.recipients) == PEOPLE
