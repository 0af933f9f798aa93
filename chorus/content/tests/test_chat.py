"""Featured items go to the owners' chat channels once, when they go live (the `web` fixture
stands in for a Slack incoming webhook)."""

import json

import pytest
from django.conf import settings

from chorus.accounts.tests.factories import DepartmentFactory
from chorus.content.services import new_content_notify
from chorus.content.tests.factories import ContentItemFactory, TopicFactory
from chorus.notifications.models import ChatDelivery, ChatWebhook


@pytest.fixture
def slack(db, web):
    web.add("/slack", b"ok", content_type="text/plain")
    ChatWebhook.objects.create(name="#news", service="slack", url=web.url + "/slack")
    return web


def _run_twice(capture):
    for _ in range(2):
        with capture(execute=True):
            new_content_notify()


def test_a_featured_item_going_live_is_posted_once(slack, django_capture_on_commit_callbacks):
    item = ContentItemFactory(
        title="We open an office in Gdańsk", featured=True, description="Come & see <us>"
    )
    item.topics.add(TopicFactory())
    _run_twice(django_capture_on_commit_callbacks)
    [(_path, _headers, body)] = slack.posts
    message = json.loads(body)
    assert message["blocks"][0]["text"]["text"] == (
        "*We open an office in Gdańsk*\nCome &amp; see &lt;us&gt;"
    )
    share = f"{settings.CHORUS_BASE_URL}/share/{item.pk}/"
    assert message["blocks"][1]["elements"][0]["url"] == share
    delivery = ChatDelivery.objects.get()
    assert (delivery.key, delivery.event, delivery.state) == (
        f"content:{item.pk}",
        "featured",
        "sent",
    )


def test_a_featured_item_without_topics_is_posted_too(slack, django_capture_on_commit_callbacks):
    ContentItemFactory(title="Big news", featured=True)
    _run_twice(django_capture_on_commit_callbacks)
    assert len(slack.posts) == 1


def test_items_not_for_the_whole_channel_are_not_posted(slack, django_capture_on_commit_callbacks):
    topic = TopicFactory()
    ContentItemFactory(title="Ordinary", featured=False).topics.add(topic)
    ContentItemFactory(title="Internal", featured=True, shareable=False)
    ContentItemFactory(title="Draft", featured=True, publish_at=None)
    for_sales = ContentItemFactory(title="Sales only", featured=True)
    for_sales.audience_departments.add(DepartmentFactory(name="Sales"))
    _run_twice(django_capture_on_commit_callbacks)
    assert slack.posts == []
    assert not ChatDelivery.objects.exists()
