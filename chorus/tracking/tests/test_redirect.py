from urllib.parse import parse_qs, urlsplit

import pytest

from chorus.tracking.models import Click, LinkDay, TrackedLink
from chorus.tracking.redirect import RedirectApp, links
from chorus.tracking.services import tracked_link_create, tracked_link_update

from .helpers import CHROME, CURL, IPHONE, LINKEDINBOT, flush, hit

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(journal_dir):
    return tracked_link_create(
        destination="https://www.acme.test/jobs/42?lang=pl&utm_source=old#apply",
        source="linkedin",
        campaign="42-data-engineer",
        content="17",
    )


def test_a_browser_is_redirected_with_utm_labels_keeping_the_query_and_fragment(link):
    answer = hit(link.code)
    assert answer.status == 302
    location = urlsplit(answer.headers["Location"])
    assert (location.scheme, location.netloc, location.path) == (
        "https",
        "www.acme.test",
        "/jobs/42",
    )
    assert location.fragment == "apply"
    assert parse_qs(location.query) == {
        "lang": ["pl"],
        "utm_source": ["linkedin"],
        "utm_medium": ["employee_advocacy"],
        "utm_campaign": ["42-data-engineer"],
        "utm_content": ["17"],
    }
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_click_is_counted_once_per_visitor_within_30_minutes(link):
    hit(link.code)
    hit(link.code)
    hit(link.code, agent=IPHONE)  # another visitor
    assert flush() == 3
    link.refresh_from_db()
    assert link.clicks == 2
    assert Click.objects.filter(link=link).count() == 3
    assert Click.objects.filter(link=link, counted=True).count() == 2
    assert set(Click.objects.values_list("device", flat=True)) == {"desktop", "mobile"}


def test_a_link_preview_robot_counts_as_a_preview_not_a_click(link):
    hit(link.code, agent=LINKEDINBOT)
    flush()
    link.refresh_from_db()
    assert (link.clicks, link.previews) == (0, 1)
    assert Click.objects.get().kind == Click.Kind.PREVIEW


def test_other_robots_are_recorded_but_never_counted(link):
    answer = hit(link.code, agent=CURL)
    assert answer.status == 302
    flush()
    link.refresh_from_db()
    assert (link.clicks, link.previews) == (0, 0)
    click = Click.objects.get()
    assert (click.kind, click.counted) == (Click.Kind.BOT, False)
    assert LinkDay.objects.get(link=link).bots == 1


def test_the_referrer_is_kept_as_a_domain_only(link):
    hit(link.code, referer="https://www.linkedin.com/feed/update/urn:li:activity:1?trk=me")
    flush()
    assert Click.objects.get().referrer_domain == "linkedin.com"


@pytest.mark.parametrize("code", ["unknown1", "zzzzzzzz", "short", "../../etc", "a" * 40, ""])
def test_an_unknown_code_is_a_plain_404_and_never_a_redirect(journal_dir, code):
    answer = hit(code)
    assert answer.status == 404
    assert "Location" not in answer.headers
    assert b"Link not found" in answer.body
    flush()
    assert not Click.objects.exists()


def test_a_disabled_link_stops_redirecting_at_once(link):
    assert hit(link.code).status == 302
    tracked_link_update(link=link, enabled=False)
    answer = hit(link.code)
    assert answer.status == 404
    assert "Location" not in answer.headers


def test_other_processes_forget_a_changed_link_on_their_next_refresh(link):
    links.refresh()  # the flusher's first look
    assert hit(link.code).status == 302  # now cached
    TrackedLink.objects.filter(pk=link.pk).update(enabled=False)  # as if another process did it
    TrackedLink.objects.get(pk=link.pk).save()  # bumps updated_at
    links.refresh()
    assert hit(link.code).status == 404


def test_a_cache_hit_asks_the_database_nothing(link, django_assert_num_queries):
    hit(link.code)  # miss: one query (and the day's visitor key)
    with django_assert_num_queries(0):
        assert hit(link.code).status == 302


def test_head_is_answered_without_counting_and_post_is_refused(link):
    assert hit(link.code, method="HEAD").status == 302
    assert hit(link.code, method="POST").status == 405
    flush()
    assert not Click.objects.exists()


def test_the_404_page_speaks_the_visitors_language(journal_dir):
    answer = hit("unknown1", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9,en;q=0.5")
    assert 'lang="pl"' in answer.body.decode()


def test_other_paths_go_to_django(journal_dir):
    seen = {}
    app = RedirectApp(lambda environ, start: (seen.update(path=environ["PATH_INFO"]), [b""])[1])
    app({"PATH_INFO": "/content/", "REQUEST_METHOD": "GET"}, lambda *a: None)
    assert seen["path"] == "/content/"


def test_the_django_route_answers_the_same_for_the_development_server(client, link):
    response = client.get(f"/s/{link.code}", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 302
    assert "utm_medium=employee_advocacy" in response["Location"]
    missing = client.get("/s/unknown1")
    assert missing.status_code == 404
    assert not missing.has_header("Location")
    flush()
    assert Click.objects.filter(link=link).count() == 1


def test_rollups_match_the_raw_clicks(link):
    other = tracked_link_create(destination="https://acme.test/", source="x", campaign="c")
    for n in range(5):
        hit(link.code, ip=f"198.51.100.{n}")
    hit(link.code, ip="198.51.100.1")  # a repeat
    hit(other.code, agent=LINKEDINBOT)
    hit(other.code, agent=CURL)
    flush()
    for tracked in (link, other):
        tracked.refresh_from_db()
        clicks = Click.objects.filter(link=tracked, counted=True)
        assert tracked.clicks == clicks.filter(kind="human").count()
        assert tracked.previews == clicks.filter(kind="preview").count()
        day = LinkDay.objects.get(link=tracked)
        assert (day.clicks, day.previews) == (tracked.clicks, tracked.previews)
    assert (link.clicks, other.previews) == (5, 1)


def test_a_preloaded_cache_answers_even_a_first_click_without_a_query(
    journal_dir, django_assert_num_queries
):
    made = [
        tracked_link_create(destination=f"https://acme.test/{n}", source="x", campaign="c")
        for n in range(3)
    ]
    hit(made[0].code)  # the day's visitor key, once per process and day
    links.clear()
    assert links.preload(10) == 3
    with django_assert_num_queries(0):
        assert all(hit(link.code).status == 302 for link in made)
