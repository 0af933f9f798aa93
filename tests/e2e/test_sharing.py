"""Sharing in a real browser: an advocate opens an item, picks LinkedIn, edits the sample post,
shares, lands on LinkedIn's share page with their tracked link, and finds the share in
"My shares"; the tracked link then redirects and its click is counted once."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory
from chorus.sharing.models import Share
from chorus.tracking import redirect
from chorus.tracking.services import clicks_ingest

pytestmark = pytest.mark.e2e

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _journal(settings, tmp_path):
    settings.CHORUS_CLICK_JOURNAL_DIR = tmp_path / "clicks"
    redirect._journal = None
    redirect.links.clear()
    yield
    redirect._journal = None


def test_an_advocate_shares_to_linkedin_in_their_own_words(
    sign_in, advocate, settings, live_server
):
    settings.CHORUS_LINK_BASE_URL = live_server.url
    item = ContentItemFactory(
        title="We are hiring data engineers", url="https://careers.acme.test/jobs/7?src=hub"
    )
    SamplePostFactory(item=item, text="Our data team is growing.")
    page = sign_in(advocate)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    landed = {}
    page.goto("/content/")
    page.get_by_role("article").filter(has_text="We are hiring data engineers").get_by_role(
        "link", name="Share"
    ).click()
    composer = f"{live_server.url}/share/{item.pk}/"
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == composer):
        page.get_by_role("button", name="LinkedIn", exact=True).click()  # htmx swaps the form
    expect(page.get_by_role("button", name="LinkedIn", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    text = page.get_by_label("Your post on LinkedIn")
    expect(text).to_have_value("Our data team is growing.")
    text.fill("Our data team is growing, and I would love you as a colleague.")
    expect(page.locator("#length")).to_contain_text("/ 3000")
    # Another network keeps the words and counts them by its own rule; then back to LinkedIn.
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == composer):
        page.get_by_role("button", name="X", exact=True).click()
    expect(page.get_by_label("Your post on X")).to_have_value(
        "Our data team is growing, and I would love you as a colleague."
    )
    expect(page.locator("#length")).to_contain_text("/ 280")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == composer):
        page.get_by_role("button", name="LinkedIn", exact=True).click()
    text = page.get_by_label("Your post on LinkedIn")
    # The browser goes on to LinkedIn (this machine reaches no outside host: catch the request).
    with page.expect_request(lambda r: r.url.startswith("https://www.linkedin.com/")) as going:
        page.get_by_role("button", name="Share on LinkedIn").click()
    landed["url"] = going.value.url
    assert going.value.is_navigation_request()

    share = Share.objects.get()
    assert share.text == "Our data team is growing, and I would love you as a colleague."
    tracked = f"{live_server.url}/s/{share.link.code}"
    query = parse_qs(urlsplit(landed["url"]).query)
    assert query["url"] == [tracked]

    page = page.context.new_page()  # the first tab is busy failing to reach LinkedIn
    page.goto(f"{live_server.url}/shares/")
    # LinkedIn's share page takes only the link: the text was copied for pasting there.
    assert page.evaluate("navigator.clipboard.readText()") == share.text
    row = page.get_by_role("row").filter(has_text="We are hiring data engineers")
    expect(row).to_be_visible()
    row.get_by_role("button", name="Posted", exact=True).click()
    expect(row.get_by_role("button", name="Posted", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    # The tracked link: a browser is redirected with the UTM labels; twice counts once.
    for _n in range(2):
        # (headless Chromium says "HeadlessChrome", which is rightly taken for a robot)
        response = page.request.get(tracked, max_redirects=0, headers={"User-Agent": BROWSER})
        assert response.status == 302
        location = urlsplit(response.headers["location"])
        assert location.netloc == "careers.acme.test"
        labels = parse_qs(location.query)
        assert labels["src"] == ["hub"]
        assert labels["utm_source"] == ["linkedin"]
        assert labels["utm_content"] == [str(share.pk)]
    redirect.journal().seal()
    clicks_ingest()
    share.link.refresh_from_db()
    assert share.link.clicks == 1
