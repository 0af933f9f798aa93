"""The dashboards in a real browser: an owner reads the program's figures, changes the period,
downloads a table and reads it all in Thai; an advocate finds their own figures."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from chorus.analytics.selectors import Period, today
from chorus.analytics.tests.conftest import build_world, program_set
from chorus.analytics.tests.raw import Raw
from chorus.tracking import redirect

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _journal(settings, tmp_path):
    settings.CHORUS_CLICK_JOURNAL_DIR = tmp_path / "clicks"
    redirect._journal = None
    redirect.links.clear()
    yield
    redirect._journal = None


def _number(n: int) -> str:
    return f"{n:,}"


def test_an_owner_reads_changes_the_period_and_downloads(sign_in, owner, tmp_path):
    world = build_world()
    program_set(individual_figures=True)
    raw = Raw()
    page = sign_in(owner)
    nav = page.get_by_role("navigation", name="Main")
    nav.locator(".navmenu summary").click()  # the owners' menu
    nav.get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    thirty = Period.last(30)
    clicks = raw.figures(thirty.start, thirty.end)[1]
    kpi = page.locator(".kpi", has_text="Clicks").first
    expect(kpi.locator(".stat__value")).to_have_text(_number(clicks))
    expect(page.get_by_role("img", name="Clicks and shares over time")).to_be_visible()

    page.get_by_role("button", name="Last 7 days").click()
    page.wait_for_url("**days=7**")
    seven = Period.last(7)
    expect(page.locator(".kpi", has_text="Shares").first.locator(".stat__value")).to_have_text(
        _number(raw.figures(seven.start, seven.end)[0])
    )

    page.get_by_text("Choose dates").click()
    start, end = today() - dt.timedelta(days=60), today() - dt.timedelta(days=20)
    page.get_by_label("From", exact=True).fill(start.isoformat())
    page.get_by_label("To", exact=True).fill(end.isoformat())
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**days=custom**")
    expect(page.locator(".kpi", has_text="Shares").first.locator(".stat__value")).to_have_text(
        _number(raw.figures(start, end)[0])
    )

    with page.expect_download() as download:
        page.locator("#bd-network").locator("..").get_by_role("link", name="CSV").click()
    body = download.value.path().read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = body.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Network,Shares,Clicks")
    assert len(rows) - 1 == len(raw.by("network", start, end))

    page.get_by_role("button", name="ไทย").click()
    expect(page.get_by_role("heading", name="การวิเคราะห์")).to_be_visible()
    assert world.advocates


def test_an_advocate_finds_their_own_figures(sign_in):
    world = build_world()
    advocate = world.advocates[0]
    advocate.set_password("a-long-test-password")
    advocate.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=advocate, email=advocate.email, verified=True, primary=True)
    page = sign_in(advocate)
    page.get_by_role("link", name="My influence").click()
    thirty = Period.last(30)
    shares = Raw().figures(thirty.start, thirty.end, "advocate", str(advocate.pk))[0]
    expect(page.locator(".kpi", has_text="Shares").first.locator(".stat__value")).to_have_text(
        _number(shares)
    )
    page.get_by_label("LinkedIn").fill("1200")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your audience sizes are saved.")).to_be_visible()
    expect(page.get_by_label("LinkedIn")).to_have_value("1200")
