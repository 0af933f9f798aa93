"""The hub in a real browser: a curator makes an item from a link and schedules it, an advocate
finds it in the feed at its time, and an employee's suggestion is approved and published."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chorus.content.models import ContentItem, Suggestion

pytestmark = pytest.mark.e2e

PAGE = (
    b'<!doctype html><html><head><meta charset="utf-8">'
    b'<meta property="og:title" content="Orbit 2.0 is out">'
    b'<meta property="og:description" content="Offline maps and a faster sync.">'
    b'<meta property="og:site_name" content="Acme Blog">'
    b"</head><body></body></html>"
)


def _sign_out(page):
    page.context.clear_cookies()


def test_a_curator_creates_an_item_from_a_link_schedules_it_and_it_reaches_the_feed(
    sign_in, curator, advocate, web
):
    url = web.add("/orbit", PAGE)
    page = sign_in(curator)
    page.get_by_role("link", name="Workspace").click()
    page.get_by_role("link", name="New item").click()
    page.get_by_label("Link").fill(url)
    page.get_by_label("Note for advocates").fill("**Big release.** Say what you like about it.")
    page.locator("#id_posts-0-text").fill("Our team shipped Orbit 2.0 today!")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#preview")).to_contain_text("Orbit 2.0 is out")
    expect(page.get_by_label("Title")).to_have_value("Orbit 2.0 is out")

    later = timezone.localtime(timezone.now() + timedelta(days=2))
    page.get_by_label("Publish at").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".pagehead .badge")).to_have_text("Scheduled")
    item = ContentItem.objects.get()
    assert item.status == ContentItem.Status.SCHEDULED

    _sign_out(page)
    page = sign_in(advocate)
    page.goto("/content/")
    expect(page.get_by_text("Orbit 2.0 is out")).to_have_count(0)
    # Two days pass.
    ContentItem.objects.filter(pk=item.pk).update(publish_at=timezone.now())
    page.reload()
    card = page.locator("article.itemcard", has_text="Orbit 2.0 is out")
    expect(card).to_be_visible()
    expect(card.locator("strong")).to_have_text("Big release.")
    card.get_by_role("link", name="Share").click()
    # The composer starts from the sample post.
    expect(page.locator("#id_text")).to_have_value("Our team shipped Orbit 2.0 today!")


def test_a_suggestion_is_approved_published_and_credited(sign_in, employee, curator, web):
    url = web.add("/story", PAGE)
    page = sign_in(employee)
    page.goto("/content/suggest/")
    page.get_by_label("Link").fill(url)
    page.get_by_label("Why is it worth sharing?").fill("Customers keep asking about this.")
    page.get_by_role("button", name="Suggest").click()
    expect(page.locator("main")).to_contain_text("Customers keep asking about this.")
    assert Suggestion.objects.get().status == Suggestion.Status.PENDING

    _sign_out(page)
    page = sign_in(curator)
    page.goto("/content/suggestions/")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_label("Title")).to_have_value("Orbit 2.0 is out")
    page.get_by_role("button", name="Publish now").click()
    item = ContentItem.objects.get()
    assert item.status == ContentItem.Status.PUBLISHED
    assert item.suggested_by == employee

    _sign_out(page)
    page = sign_in(employee)
    page.goto("/content/")
    card = page.locator("article.itemcard", has_text="Orbit 2.0 is out")
    expect(card).to_contain_text("Suggested by Eve Employee")
