from datetime import timedelta

import pytest
from django.utils import timezone

from chorus.accounts import services as accounts_services
from chorus.content.models import ContentItem, Suggestion
from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory, TopicFactory


@pytest.fixture
def api(client):
    def _as(user):
        _row, token = accounts_services.api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return _as


def test_the_feed_lists_published_items_with_their_sample_posts(api, advocate):
    item = ContentItemFactory(title="Open day")
    SamplePostFactory(item=item, text="Come by!", network="linkedin")
    ContentItemFactory(title="Draft", publish_at=None)
    body = api(advocate).get("/api/v1/content").json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == "Open day"
    assert body["items"][0]["status"] == "published"
    assert body["items"][0]["sample_posts"] == [
        {"text": "Come by!", "network": "linkedin", "language": "en"}
    ]


def test_a_draft_or_expired_item_is_404_through_the_api(api, advocate):
    draft = ContentItemFactory(publish_at=None)
    expired = ContentItemFactory(expires_at=timezone.now() - timedelta(seconds=1))
    client = api(advocate)
    for item in (draft, expired):
        response = client.get(f"/api/v1/content/{item.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_a_curator_creates_and_updates_an_item(api, curator):
    topic = TopicFactory(name="Careers")
    client = api(curator)
    response = client.post(
        "/api/v1/content",
        {
            "kind": "text",
            "title": "We are hiring",
            "language": "pl",
            "topic_ids": [topic.pk],
            "sample_posts": [{"text": "Dołącz do nas!", "language": "pl"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["topics"] == ["Careers"]
    response = client.patch(
        f"/api/v1/content/{body['id']}",
        {"publish_at": timezone.now().isoformat(), "featured": True},
        content_type="application/json",
    )
    assert response.json()["status"] == "published"
    assert ContentItem.objects.get().featured is True


def test_creating_needs_a_curator_and_valid_input(api, advocate, curator):
    response = api(advocate).post(
        "/api/v1/content",
        {"kind": "text", "title": "x", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = api(curator).post(
        "/api/v1/content", {"kind": "link", "language": "en"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "url_required"


def test_anyone_may_suggest_a_link_and_list_topics(api, employee):
    TopicFactory(name="Product")
    client = api(employee)
    response = client.post(
        "/api/v1/suggestions",
        {"url": "https://blog.acme.test/post", "text": "Great read for engineers"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Suggestion.objects.get().suggested_by == employee
    assert [t["name"] for t in client.get("/api/v1/topics").json()] == ["Product"]


def test_the_openapi_document_describes_the_content_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/content", "/api/v1/content/{item_id}", "/api/v1/topics"} <= set(paths)
    assert "post" in paths["/api/v1/content"]
    assert "patch" in paths["/api/v1/content/{item_id}"]


def test_a_huge_note_or_sample_post_is_refused_with_a_reason(api, curator):
    client = api(curator)
    for body in (
        {"kind": "text", "title": "x", "language": "en", "note": "a" * 5001},
        {"kind": "text", "title": "x", "language": "en", "sample_posts": [{"text": "b" * 5001}]},
    ):
        response = client.post("/api/v1/content", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["code"] == "too_long"
    assert not ContentItem.objects.exists()
