"""`make run`'s server (`manage.py serve`: web, click ingest and the worker) shows a scheduled
item in feeds within a minute of its time, and tells the topic's followers, even when the server
was restarted in between. Real processes on a database of their own."""

import json
import signal
import socket
import urllib.request
from datetime import datetime

import pytest

pytestmark = pytest.mark.django_db

SETUP = """
from datetime import timedelta
from django.utils import timezone
from allauth.account.models import EmailAddress
from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.models import User
from chorus.accounts.services import membership_join
from chorus.content.models import ContentItem, Topic
user = User.objects.create_user(email="ada@acme.test", password="x", role="advocate")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
membership_join(user=user)
guidelines_accept(user=user)
topic = Topic.objects.create(name="Careers")
user.followed_topics.set([topic])
item = ContentItem.objects.create(
    kind="text", title="We are hiring in Gdańsk", description="Ten new roles.",
    publish_at=timezone.now() + timedelta(seconds=DELAY),
)
item.topics.set([topic])
result = item.publish_at.isoformat()
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, token: str = ""):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
        return json.load(response) if token else response.status


def _up(url: str) -> bool:
    try:
        return _get(url) == 200
    except OSError:
        return False


def test_a_scheduled_item_goes_live_within_a_minute_across_a_restart(installation):
    delay = 25
    publish_at = datetime.fromisoformat(installation.python(SETUP.replace("DELAY", str(delay))))
    token = installation.manage("issue_api_token", "ada@acme.test").strip()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"

    def feed_titles():
        return [item["title"] for item in _get(f"{base}/api/v1/content", token)["items"]]

    serve = ["serve", f"--port={port}", "--workers=1"]
    server = installation.start(*serve, log="serve-1.log")
    installation.wait_for(lambda: _up(f"{base}/healthz"), timeout=60, what="the server")
    assert "We are hiring in Gdańsk" not in feed_titles()
    # A restart before the item's time: the schedule lives in the database, not in a process.
    installation.kill(server, signal.SIGTERM)
    installation.start(*serve, log="serve-2.log")
    installation.wait_for(lambda: _up(f"{base}/healthz"), timeout=60, what="the restart")
    assert "We are hiring in Gdańsk" not in feed_titles()

    installation.wait_for(
        lambda: "We are hiring in Gdańsk" in feed_titles(), timeout=delay + 60, every=1
    )
    seen = datetime.now(tz=publish_at.tzinfo)
    assert (seen - publish_at).total_seconds() < 60
    # The follower's notice comes from the periodic job, run by the restarted worker.
    notices = installation.wait_for(
        lambda: installation.python(
            "from chorus.notifications.models import Notification\n"
            "result = list(Notification.objects.filter(kind='new_content')"
            ".values_list('title', flat=True))"
        ),
        timeout=90,
        every=2,
        what="the new-content notice",
    )
    assert len(notices) == 1
    assert "We are hiring in Gdańsk" in notices[0]
    noticed = datetime.now(tz=publish_at.tzinfo)
    assert (noticed - publish_at).total_seconds() < 90
