"""With individual figures off (the default), the dashboards, their exports and the API show
groups only, and never a group of fewer than five people."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory
from chorus.analytics.selectors import BREAKDOWNS
from chorus.analytics.services import analytics_update_all
from chorus.analytics.tests.conftest import program_set
from chorus.content.tests.factories import ContentItemFactory
from chorus.sharing.services import share_create
from chorus.tracking.services import clicks_store
from chorus.tracking.tests.helpers import CHROME

API = "/api/v1/analytics/program"
HIDDEN_ITEM = "Fewer than 5 people have shared this item."
HIDDEN_PROGRAM = "Fewer than 5 people have shared so far."
EXPORTS = ["summary", "days", "funnel", *BREAKDOWNS, "content", "emv"]


def export(client, table):
    return client.get(reverse("analytics:program-export", args=[table]), {"days": "90"})


def everything_an_owner_sees(client, item) -> dict[str, str]:
    """Every page, export and API answer of the program's analytics, as text."""
    seen = {
        "page": client.get(reverse("analytics:program"), {"days": "90"}),
        "print": client.get(reverse("analytics:program-print"), {"days": "90"}),
        "item": client.get(reverse("analytics:item", args=[item.pk]), {"days": "90"}),
        "api": client.get(API, {"days": "90"}),
        **{f"{table}.csv": export(client, table) for table in EXPORTS},
    }
    for name, response in seen.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in seen.items()}


def shared_by(people, item, *, clicks=0):
    """Each person shares the item to LinkedIn today; each share is clicked `clicks` times."""
    now = timezone.now()
    rows = []
    for person in people:
        share = share_create(advocate=person, item=item, network="linkedin", text="Worth a read")
        for n in range(clicks):
            at = now - dt.timedelta(minutes=5 + n)
            rows.append((at, share.link_id, f"q{person.pk}-{n}", "linkedin.com", CHROME))
    clicks_store(rows)
    analytics_update_all()


def test_without_individual_figures_no_answer_names_an_advocate(world, login, owner, item_of):
    client = login(owner)
    seen = everything_an_owner_sees(client, item_of())
    for name, text in seen.items():
        for person in world.advocates:
            assert person.display_name not in text, (name, person.display_name)
            assert person.email not in text, (name, person.email)
    page = client.get(reverse("analytics:program"), {"days": "90"})
    assert page.context["board"].top_advocates == []
    assert "advocates" not in page.context["tables"]
    assert "no one's own numbers are shown" in seen["page"]
    assert export(client, "advocates").status_code == 404
    answer = client.get(API, {"days": "90"}).json()
    assert answer["individual_figures"] is False
    assert answer["top_advocates"] is None
    assert "advocate" not in answer["breakdowns"]
    assert answer["figures_hidden"] is False  # fourteen people shared: the program's totals show
    assert answer["shares"] > 0


def test_a_department_of_two_people_appears_nowhere(world, login, owner, item_of):
    client = login(owner)
    seen = everything_an_owner_sees(client, item_of())
    for name, text in seen.items():
        assert "Legal" not in text, name
    # Total minus Sales and Engineering would give Legal away: the smaller of the two goes too.
    departments = client.get(API, {"days": "90"}).json()["breakdowns"]["department"]
    shown = {row["label"] for row in departments}
    assert len(shown) == 1
    assert shown < {"Sales", "Engineering"}
    (kept,) = shown
    for name in ("page", "print", "department.csv"):
        assert kept in seen[name], name
    # With individual figures on, the owner sees the small department too.
    program_set(individual_figures=True)
    assert "Legal" in export(client, "department").content.decode()


def test_an_item_shared_by_fewer_than_five_people_stays_hidden(world, login, owner, curator):
    quiet = ContentItemFactory(title="A quiet announcement")
    shared_by(world.advocates[:2], quiet, clicks=40)  # the most clicked item of the period
    client = login(owner)
    url = reverse("analytics:item", args=[quiet.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert HIDDEN_ITEM in response.content.decode()
    assert response.context["perf"].figures.clicks == 0
    page = client.get(reverse("analytics:program"))
    assert quiet.title not in [row.label for row in page.context["board"].top_content]
    assert quiet.title not in page.content.decode()
    for table in ("content", "campaign"):
        assert quiet.title not in export(client, table).content.decode(), table
    answer = client.get(API).json()
    assert str(quiet.pk) not in [row["key"] for row in answer["top_content"]]

    program_set(individual_figures=True)
    page = client.get(reverse("analytics:program"))
    assert page.context["board"].top_content[0].label == quiet.title
    response = client.get(url)
    assert HIDDEN_ITEM not in response.content.decode()
    assert response.context["perf"].figures.clicks == 80
    # Individual figures are for owners: to a curator the item stays hidden.
    response = login(curator).get(url)
    assert HIDDEN_ITEM in response.content.decode()


def test_with_individual_figures_on_owners_see_top_advocates_but_curators_never_see_names(
    world, login, owner, curator, item_of
):
    program_set(individual_figures=True)
    client = login(owner)
    page = client.get(reverse("analytics:program"), {"days": "90"})
    top = page.context["board"].top_advocates
    assert top
    for row in top:
        assert row.label in page.content.decode()
    advocates = export(client, "advocates")
    assert advocates.status_code == 200
    assert top[0].label in advocates.content.decode()
    answer = client.get(API, {"days": "90"}).json()
    assert [row["label"] for row in answer["top_advocates"]] == [row.label for row in top]

    item = item_of()
    response = login(curator).get(reverse("analytics:item", args=[item.pk]), {"days": "90"})
    assert response.status_code == 200
    assert response.context["individuals"] is False
    html = response.content.decode()
    assert item.title in html
    for person in world.advocates:
        assert person.display_name not in html


@pytest.fixture
def three_sharers(db):
    """A young program: only three people have ever shared."""
    program_set(networks=["linkedin", "x"])
    people = []
    for n in range(3):
        person = UserFactory(email=f"early{n}@acme.test", display_name=f"Early Bird {n}")
        membership_join(user=person)
        guidelines_accept(user=person)
        people.append(person)
    shared_by(people, ContentItemFactory(title="Our first story"), clicks=3)
    return people


def test_with_fewer_than_five_sharers_the_totals_are_hidden_but_the_funnel_shows(
    three_sharers, login, owner
):
    client = login(owner)
    response = client.get(reverse("analytics:program"))
    assert response.status_code == 200
    html = response.content.decode()
    assert HIDDEN_PROGRAM in html
    assert 'class="stats kpis"' not in html
    assert "Our first story" not in html
    board = response.context["board"]
    assert not board.visible
    stages = {stage.key: stage.count for stage in board.funnel}
    assert stages["joined"] == 3
    assert stages["shared"] == 3
    assert "Participation funnel" in html
    assert '<span class="funnel__label">Shared in the last 30 days</span>' in html
    for person in three_sharers:
        assert person.display_name not in html

    answer = client.get(API).json()
    assert answer["figures_hidden"] is True
    assert (answer["shares"], answer["clicks"], answer["previews"]) == (0, 0, 0)
    assert answer["previous"] is None
    assert answer["advocates_active"] is None
    assert answer["emv"] is None
    assert answer["breakdowns"] == {}
    assert answer["top_content"] == []
    assert answer["days"] == []
    assert {stage["stage"]: stage["people"] for stage in answer["funnel"]}["shared"] == 3
    assert len(export(client, "summary").content.decode().splitlines()) == 1  # headers only
    assert export(client, "emv").status_code == 404

    # With individual figures on, the owner sees the totals of three.
    program_set(individual_figures=True)
    answer = client.get(API).json()
    assert answer["figures_hidden"] is False
    assert (answer["shares"], answer["clicks"]) == (3, 9)
