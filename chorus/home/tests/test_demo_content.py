import datetime as dt
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.utils import timezone

from chorus.accounts.models import AdvocacyMembership, User
from chorus.analytics.models import Dim
from chorus.analytics.selectors import Period, breakdown, totals
from chorus.content.models import ContentItem, InspirationEntry, SamplePost, Suggestion, Topic
from chorus.content.selectors import feed_for_advocate, inspiration_inbox, suggestions_pending
from chorus.home.demo import demo_load
from chorus.home.demo_content import demo_content_load
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import Share, SharingProfile
from chorus.tracking.models import Click

pytestmark = pytest.mark.django_db

DAYS_SHARED = 90
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


def test_the_demo_program_has_three_months_of_growing_shares_and_clicks(hub):
    now = timezone.now()
    shares = list(Share.objects.select_related("item"))
    assert 450 <= hub["shares"] == len(shares) <= 850
    clicks = Click.objects.filter(kind=Click.Kind.HUMAN, counted=True).count()
    assert 7_000 <= clicks <= 18_000
    assert min(s.created_at for s in shares) > now - dt.timedelta(days=DAYS_SHARED)
    # The dashboards read the rollups, which hold every share and click.
    whole = totals(Period.last(DAYS_SHARED + 2))
    assert (whole.shares, whole.clicks) == (len(shares), clicks)
    start = min(s.created_at for s in shares).astimezone(dt.UTC).date()
    first, last = (
        totals(Period.last(30, until=start + dt.timedelta(days=29))),
        totals(Period.last(30)),
    )
    assert last.shares > 2 * first.shares
    assert last.clicks > 2 * first.clicks
    weekdays = Counter(s.created_at.astimezone(dt.UTC).weekday() for s in shares)
    assert (weekdays[5] + weekdays[6]) / 2 < (sum(weekdays.values()) / 7) / 2


def test_demo_shares_follow_joining_and_publishing(hub):
    joined = {
        m.user_id: m.joined_at for m in AdvocacyMembership.objects.active().order_by("-joined_at")
    }
    for share in Share.objects.select_related("item"):
        assert share.created_at > joined[share.advocate_id]
        assert share.created_at > share.item.publish_at
    assert ContentItem.objects.live().filter(shares__isnull=False).exists()
    audiences = dict(SharingProfile.objects.values_list("user_id", "audiences"))
    for advocate_id, network in Share.objects.values_list("advocate_id", "network").distinct():
        assert audiences[advocate_id][network] > 0
    for user in User.objects.filter(pk__in=joined):
        assert user.last_login is not None
        assert user.last_login >= joined[user.pk]
    assert User.objects.filter(last_login__isnull=True, memberships__isnull=True).count() >= 3


def test_some_demo_advocates_are_keen_and_some_have_gone_quiet(hub):
    month_ago = timezone.now() - dt.timedelta(days=30)
    per_person = Counter(Share.objects.values_list("advocate__email", flat=True))
    recent = set(Share.objects.filter(created_at__gte=month_ago).values_list("advocate_id"))
    assert len(recent) < AdvocacyMembership.objects.active().count()
    assert len(set(Share.objects.values_list("advocate_id")) - recent) >= 3
    counts = sorted(per_person.values())
    median = counts[len(counts) // 2]
    assert counts[-1] >= 2.5 * median
    mine = Share.objects.filter(advocate__email="advocate@example.com")
    assert mine.values("network").distinct().count() >= 3
    assert mine.filter(created_at__lt=timezone.now() - dt.timedelta(days=60)).exists()
    assert Click.objects.filter(link__in=mine.values("link"), counted=True).count() >= 500


def test_the_demo_dashboards_show_groups_of_five_and_more(hub):
    period = Period.last(DAYS_SHARED)
    for dim, least in ((Dim.NETWORK, 3), (Dim.DEPARTMENT, 3), (Dim.LOCATION, 3), (Dim.TOPIC, 6)):
        assert len(breakdown(dim, period, individuals=False)) >= least, dim
    program = program_settings_get()
    assert program.individual_figures
    assert program.headcount == 120
    assert program.currency == "EUR"
    rates = program.emv_rates
    assert set(rates) <= set(program.networks)
    assert len({rates[n]["cpc"] for n in rates}) > 3
    assert all(isinstance(value, str) for rate in rates.values() for value in rate.values())
