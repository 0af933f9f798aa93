from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.utils import timezone

from chorus.accounts.models import User
from chorus.content.models import ContentItem, InspirationEntry, SamplePost, Suggestion, Topic
from chorus.content.selectors import feed_for_advocate, inspiration_inbox, suggestions_pending
from chorus.home.demo import demo_load
from chorus.home.demo_content import demo_content_load

pytestmark = pytest.mark.django_db

EXAMPLE_HOSTS = {"acme.example", "careers.acme.example", "blog.acme.example", "www.youtube.com"}


@pytest.fixture(scope="module")
def hub(django_db_setup, django_db_blocker):
    """The demo company with its hub, loaded once for this module and rolled back after it.

    Each test runs in a savepoint inside this transaction, so the tests stay independent.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


def test_loading_the_demo_twice_creates_the_hub_once(hub):
    assert hub["items"] == ContentItem.objects.count() >= 38
    assert all(count == 0 for count in demo_content_load().values())
    assert all(count == 0 for count in demo_load().values())
    languages = Counter(ContentItem.objects.values_list("language", flat=True))
    assert 18 <= languages["en"] <= 22
    assert languages["pl"] == languages["th"] == 10
    assert Topic.objects.count() == 10
    assert ContentItem.objects.filter(url="https://acme.example/news/acme-field-5").count() == 1


def test_the_hub_has_every_status_kind_and_flag(hub):
    now = timezone.now()
    statuses = Counter(item.status_at(now) for item in ContentItem.objects.all())
    assert statuses[ContentItem.Status.DRAFT] == 3
    assert statuses[ContentItem.Status.SCHEDULED] == 4
    assert statuses[ContentItem.Status.EXPIRED] == 3
    assert ContentItem.objects.live(now).filter(featured=True).count() == 4
    kinds = Counter(ContentItem.objects.values_list("kind", flat=True))
    assert kinds[ContentItem.Kind.VIDEO] == 3
    assert kinds[ContentItem.Kind.IMAGES] == 2
    for item in ContentItem.objects.filter(kind=ContentItem.Kind.IMAGES):
        assert [bool(i.image and i.thumbnail and i.alt_text) for i in item.images.all()] == [
            True
        ] * 3
    assert ContentItem.objects.filter(shareable=False).count() == 1
    assert ContentItem.objects.filter(regulated=True).count() == 1


def test_the_demo_advocate_sees_published_items_featured_first(hub):
    advocate = User.objects.get(email="advocate@example.com")
    now = timezone.now()
    feed = list(feed_for_advocate(user=advocate))
    assert len(feed) >= 15
    assert {item.status_at(now) for item in feed} == {ContentItem.Status.PUBLISHED}
    featured = [item.featured for item in feed]
    assert featured == sorted(featured, reverse=True)
    assert featured.count(True) == 4
    assert {item.language for item in feed} == {"en", "th"}
    assert advocate.followed_topics.count() == 3


def test_every_demo_link_has_its_preview_filled(hub):
    links = ContentItem.objects.filter(kind__in=[ContentItem.Kind.LINK, ContentItem.Kind.VIDEO])
    assert links.count() >= 30
    for item in links:
        filled = [item.title, item.description, item.site_name, item.image]
        assert all(filled), item.url
        assert item.preview_state == ContentItem.PreviewState.READY
        assert urlsplit(item.url).hostname in EXAMPLE_HOSTS


def test_every_demo_item_has_a_sample_post_in_its_own_language(hub):
    for item in ContentItem.objects.prefetch_related("sample_posts"):
        posts = item.sample_posts.all()
        assert 1 <= len(posts) <= 3, item.title
        assert {post.language for post in posts} == {item.language}, item.title
    assert SamplePost.objects.filter(network="linkedin").exists()
    assert SamplePost.objects.filter(network="x").exists()


def test_suggestions_wait_for_review_and_the_approved_one_is_credited(hub):
    assert len({s.suggested_by_id for s in suggestions_pending()}) == 3
    approved = Suggestion.objects.get(status=Suggestion.Status.APPROVED)
    assert approved.item.is_live
    assert approved.item.suggested_by == approved.suggested_by
    declined = Suggestion.objects.get(status=Suggestion.Status.DECLINED)
    assert declined.decline_reason


def test_the_inspiration_inbox_is_not_empty_without_internet(hub):
    assert inspiration_inbox().count() == InspirationEntry.objects.count() == 5
