import pytest
from django.core.cache import cache

from chorus.accounts import services as accounts_services
from chorus.content.tests.factories import ContentItemFactory
from chorus.program.selectors import CACHE_KEY, program_settings_get
from chorus.sharing.models import Share
from chorus.tracking.models import TrackedLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _links(settings):
    settings.CHORUS_LINK_BASE_URL = "https://go.acme.com"


@pytest.fixture
def api(client):
    def _as(user):
        _row, token = accounts_services.api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return _as


def test_an_advocate_shares_through_the_api(api, advocate):
    item = ContentItemFactory(url="https://acme.test/news/1")
    response = api(advocate).post(
        f"/api/v1/content/{item.pk}/shares",
        {"network": "x", "text": "Worth a read"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    share = Share.objects.get()
    assert body["id"] == share.pk
    assert body["tracked_url"] == f"https://go.acme.com/s/{share.link.code}"
    assert body["intent_url"].startswith("https://x.com/intent/post?text=Worth%20a%20read%20")
    assert body["text"] == f"Worth a read {body['tracked_url']}"
    assert (body["clicks"], body["previews"]) == (0, 0)


def test_a_text_over_the_limit_is_refused_with_the_reason(api, advocate):
    item = ContentItemFactory()
    response = api(advocate).post(
        f"/api/v1/content/{item.pk}/shares",
        {"network": "x", "text": "x" * 300},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "text_too_long"
    assert "280" in response.json()["detail"]


def test_a_network_the_program_does_not_offer_is_refused(api, advocate):
    program = program_settings_get()
    program.networks = ["linkedin"]
    program.save()
    cache.delete(CACHE_KEY)
    item = ContentItemFactory()
    response = api(advocate).post(
        f"/api/v1/content/{item.pk}/shares",
        {"network": "x", "text": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "network_not_offered"


def test_a_non_advocate_gets_403_and_a_draft_404(api, employee, advocate):
    item = ContentItemFactory()
    draft = ContentItemFactory(publish_at=None)
    response = api(employee).post(
        f"/api/v1/content/{item.pk}/shares",
        {"network": "x", "text": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = api(advocate).post(
        f"/api/v1/content/{draft.pk}/shares",
        {"network": "x", "text": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_my_shares_with_their_counts(api, advocate, curator):
    item = ContentItemFactory()
    client = api(advocate)
    created = client.post(
        f"/api/v1/content/{item.pk}/shares",
        {"network": "linkedin", "text": "Hi"},
        content_type="application/json",
    ).json()
    TrackedLink.objects.update(clicks=12, previews=4)
    body = client.get("/api/v1/shares").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == created["id"]
    assert (body["items"][0]["clicks"], body["items"][0]["previews"]) == (12, 4)
    assert api(curator).get("/api/v1/shares").json()["count"] == 0
    assert api(curator).get(f"/api/v1/shares/{created['id']}").status_code == 404
    patched = api(advocate).patch(
        f"/api/v1/shares/{created['id']}", {"posted": "yes"}, content_type="application/json"
    )
    assert patched.json()["posted"] == "yes"


def test_an_own_post_through_the_api(api, advocate):
    response = api(advocate).post(
        "/api/v1/shares",
        {"network": "bluesky", "text": "Weekend thoughts"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["item_id"] is None
    assert response.json()["tracked_url"] is None
