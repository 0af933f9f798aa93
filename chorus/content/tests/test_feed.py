from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chorus.accounts.tests.factories import DepartmentFactory, LocationFactory
from chorus.content.models import ContentItem
from chorus.content.selectors import feed_for_advocate
from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory, TopicFactory
from chorus.core.tests.html import live_hazards


def _titles(items):
    return [item.title for item in items]


def test_the_feed_shows_only_published_unexpired_items(advocate):
    now = timezone.now()
    ContentItemFactory(title="live")
    ContentItemFactory(title="draft", publish_at=None)
    ContentItemFactory(title="scheduled", publish_at=now + timedelta(hours=1))
    ContentItemFactory(title="expired", expires_at=now - timedelta(minutes=1))
    ContentItemFactory(title="ending later", expires_at=now + timedelta(days=1))
    assert set(_titles(feed_for_advocate(user=advocate))) == {"live", "ending later"}


def test_the_feed_keeps_to_the_audience(advocate):
    sales, marketing = DepartmentFactory(name="Sales"), DepartmentFactory(name="Marketing")
    warsaw = LocationFactory(name="Warsaw")
    advocate.department = sales
    advocate.save()
    ContentItemFactory(title="everyone")
    ContentItemFactory(title="sales").audience_departments.set([sales])
    ContentItemFactory(title="marketing").audience_departments.set([marketing])
    ContentItemFactory(title="warsaw").audience_locations.set([warsaw])
    both = ContentItemFactory(title="sales in warsaw")
    both.audience_departments.set([sales])
    both.audience_locations.set([warsaw])
    assert set(_titles(feed_for_advocate(user=advocate))) == {"everyone", "sales"}


def test_the_feed_keeps_to_the_languages_a_person_reads(advocate):
    ContentItemFactory(title="english", language="en")
    ContentItemFactory(title="thai", language="th")
    ContentItemFactory(title="polish", language="pl")
    advocate.preferred_languages = ["th", "pl"]
    advocate.save()
    assert set(_titles(feed_for_advocate(user=advocate))) == {"thai", "polish"}
    advocate.preferred_languages = []
    advocate.save()
    assert len(feed_for_advocate(user=advocate)) == 3


def test_featured_first_then_followed_topics_then_newest(advocate):
    now = timezone.now()
    liked = TopicFactory(name="Engineering")
    liked.followers.add(advocate)
    ContentItemFactory(title="newest", publish_at=now - timedelta(minutes=1))
    ContentItemFactory(title="old", publish_at=now - timedelta(days=3))
    ContentItemFactory(title="old featured", publish_at=now - timedelta(days=5), featured=True)
    ContentItemFactory(title="followed", publish_at=now - timedelta(days=2)).topics.add(liked)
    assert _titles(feed_for_advocate(user=advocate)) == [
        "old featured",
        "followed",
        "newest",
        "old",
    ]


def test_the_feed_searches_words_and_filters_by_topic_and_kind(advocate):
    topic = TopicFactory(name="Careers")
    ContentItemFactory(title="We are hiring a data engineer").topics.add(topic)
    ContentItemFactory(title="Quarterly results", kind=ContentItem.Kind.TEXT)
    assert _titles(feed_for_advocate(user=advocate, query="data hiring")) == [
        "We are hiring a data engineer"
    ]
    assert _titles(feed_for_advocate(user=advocate, topic=topic)) == [
        "We are hiring a data engineer"
    ]
    assert _titles(feed_for_advocate(user=advocate, kind="text")) == ["Quarterly results"]


def test_the_feed_page_loads_more_with_htmx_and_a_bounded_number_of_queries(
    login, advocate, django_assert_max_num_queries
):
    topics = [TopicFactory() for _ in range(3)]
    for n in range(30):
        item = ContentItemFactory(title=f"Story {n:02d}")
        item.topics.set(topics)
        SamplePostFactory(item=item)
    client = login(advocate)
    with django_assert_max_num_queries(16):  # 15, and one for the running campaigns on top
        response = client.get(reverse("content:feed"))
    html = response.content.decode()
    assert html.count('class="card itemcard') == 12
    assert 'hx-trigger="revealed"' in html
    more = client.get(reverse("content:feed") + "?page=3", headers={"HX-Request": "true"})
    fragment = more.content.decode()
    assert "<html" not in fragment
    assert fragment.count('class="card itemcard') == 6
    assert 'hx-trigger="revealed"' not in fragment


def test_a_draft_or_expired_item_is_not_found_for_an_advocate(login, advocate, curator):
    draft = ContentItemFactory(publish_at=None)
    expired = ContentItemFactory(expires_at=timezone.now() - timedelta(seconds=1))
    client = login(advocate)
    assert client.get(reverse("content:item-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("content:item-detail", args=[expired.pk])).status_code == 404
    client = login(curator)
    assert client.get(reverse("content:item-detail", args=[draft.pk])).status_code == 200


def test_an_item_for_another_department_is_not_found(login, advocate):
    item = ContentItemFactory()
    item.audience_departments.set([DepartmentFactory(name="Finance")])
    response = login(advocate).get(reverse("content:item-detail", args=[item.pk]))
    assert response.status_code == 404


def test_an_employee_who_has_not_joined_reads_but_is_invited_to_join(login, employee):
    ContentItemFactory(title="Open day")
    html = login(employee).get(reverse("content:feed")).content.decode()
    assert "Open day" in html
    assert reverse("accounts:advocacy-join") in html


def test_internal_news_is_read_only(login, advocate):
    ContentItemFactory(title="Canteen menu", shareable=False)
    html = login(advocate).get(reverse("content:feed")).content.decode()
    assert "Internal: read only" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
    ],
)
def test_hostile_text_is_inert_in_the_feed_and_on_the_item_page(login, advocate, hostile):
    item = ContentItemFactory(title=f"Title {hostile}", note=f"Note {hostile}")
    SamplePostFactory(item=item, text=f"Post {hostile}")
    client = login(advocate)
    for url in (reverse("content:feed"), reverse("content:item-detail", args=[item.pk])):
        html = client.get(url).content.decode()
        assert live_hazards(html) == [], url
        assert "alert(" in html, url  # the hostile text is there, shown as text


def test_loading_more_keeps_the_filters(login, advocate):
    for n in range(15):
        ContentItemFactory(title=f"Hiring story {n}")
    html = login(advocate).get(reverse("content:feed"), {"q": "hiring"}).content.decode()
    assert "?q=hiring&amp;page=2" in html
