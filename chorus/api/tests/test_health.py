"""/api/v1/program/health: the health page's signals, for owners only."""

import datetime as dt

from django.utils import timezone

from chorus.accounts import services
from chorus.analytics.health import program_health
from chorus.content.tests.factories import ContentItemFactory
from chorus.notifications.models import Announcement

URL = "/api/v1/program/health"
KEYS = {"key", "level", "value", "unit", "numbers", "label", "explanation", "advice"}


def bearer(user) -> dict:
    _row, token = services.api_token_create(user=user, name="health")
    return {"Authorization": f"Bearer {token}"}


def test_an_owner_gets_every_signal_as_on_the_page(client, owner, advocate):
    now = timezone.now()
    Announcement.objects.create(
        title="Hi", body="…", created_by=owner, published_at=now - dt.timedelta(days=20)
    )
    for days in (1, 2, 3):
        ContentItemFactory(category="news", publish_at=now - dt.timedelta(days=days))
    response = client.get(URL, headers=bearer(owner))
    assert response.status_code == 200
    body = response.json()
    expected = program_health()
    assert [s["key"] for s in body["signals"]] == [s.key for s in expected]
    for got, signal in zip(body["signals"], expected, strict=True):
        assert set(got) == KEYS
        assert got["level"] == signal.level
        assert got["value"] == signal.value
        assert got["numbers"] == signal.numbers
        assert got["advice"] == signal.advice
    by_key = {s["key"]: s for s in body["signals"]}
    assert by_key["last_message"]["numbers"] == {"days": 20}
    assert by_key["last_message"]["level"] == "amber"
    assert by_key["company_only"]["numbers"] == {"company": 3, "published": 3}
    assert by_key["company_only"]["level"] == "red"
    assert by_key["content_stock"]["numbers"] == {"items": 3, "needed": 2, "advocates": 1}
    assert by_key["content_stock"]["level"] == "green"


def test_advocates_and_curators_are_refused_the_health_signals(client, login, advocate, curator):
    response = client.get(URL, headers=bearer(advocate))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the program's owners see its health.",
        "code": "forbidden",
    }
    assert login(curator).get(URL).status_code == 403


def test_without_a_token_the_health_signals_answer_401(client, db):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
