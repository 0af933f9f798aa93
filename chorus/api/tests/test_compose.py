import pytest

from chorus.accounts import services as accounts_services
from chorus.sharing.tests.test_lengths import CASES, needs_conformance

URL = "/api/v1/compose/check"


@pytest.fixture
def api(client):
    def _as(user):
        _row, token = accounts_services.api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return _as


def _check(client, network, text):
    return client.post(URL, {"network": network, "text": text}, content_type="application/json")


@needs_conformance
def test_the_api_counts_every_twitter_text_conformance_case_as_x_does(api, advocate):
    client = api(advocate)
    assert len(CASES) == 24
    for description, text, expected in CASES:
        response = _check(client, "x", text)
        assert response.status_code == 200, description
        assert response.json() == {"length": expected, "limit": 280, "ok": expected <= 280}, (
            description
        )


def test_the_api_counts_each_network_its_own_way(api, advocate):
    client = api(advocate)
    family = "👨‍👩‍👧‍👦"
    assert _check(client, "x", family).json() == {"length": 2, "limit": 280, "ok": True}
    assert _check(client, "bluesky", family).json() == {"length": 1, "limit": 300, "ok": True}
    assert _check(client, "linkedin", family).json() == {"length": 7, "limit": 3000, "ok": True}
    long_url = "https://example.com/" + "a" * 600
    assert _check(client, "mastodon", long_url).json() == {"length": 23, "limit": 500, "ok": True}
    assert _check(client, "email", "a" * 70_000).json() == {
        "length": 70_000,
        "limit": None,
        "ok": True,
    }


def test_a_text_over_the_limit_is_not_ok(api, advocate):
    client = api(advocate)
    assert _check(client, "x", "a" * 281).json() == {"length": 281, "limit": 280, "ok": False}
    assert _check(client, "x", "a" * 280).json()["ok"] is True
    assert _check(client, "bluesky", "ą" * 301).json()["ok"] is False
    assert _check(client, "mastodon", "a\r\n" * 167).json() == {
        "length": 334,
        "limit": 500,
        "ok": True,
    }


def test_an_unknown_network_is_400_with_a_reason(api, advocate):
    response = _check(api(advocate), "myspace", "Hello")
    assert response.status_code == 400
    body = response.json()
    assert "myspace" in body["detail"]
    assert body["code"]


def test_a_huge_text_is_400_with_a_reason(api, advocate):
    response = _check(api(advocate), "copy", "a" * 100_001)
    assert response.status_code == 400
    assert response.json()["code"] == "text_too_long"
    assert _check(api(advocate), "copy", "a" * 100_000).status_code == 200


def test_a_text_too_slow_to_count_for_x_is_400_with_a_reason(api, advocate):
    response = _check(api(advocate), "x", "a." * 5_000)
    assert response.status_code == 400
    assert response.json()["code"] == "too_long_to_count"


def test_missing_fields_are_422(api, advocate):
    response = api(advocate).post(URL, {"network": "x"}, content_type="application/json")
    assert response.status_code == 422


def test_the_api_needs_a_token(outsider, db):
    response = _check(outsider, "x", "Hello")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
