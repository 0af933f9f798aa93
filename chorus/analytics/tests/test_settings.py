"""The owners' analytics settings (privacy, currency, headcount, rates) and each advocate's own
audience sizes, which the reach of their later shares adds up."""

import re

import pytest
from django.urls import reverse

from chorus.analytics.selectors import Period, totals
from chorus.analytics.services import analytics_update
from chorus.content.tests.factories import ContentItemFactory
from chorus.program.selectors import program_settings_get
from chorus.program.services import program_analytics_update
from chorus.sharing.models import SharingProfile
from chorus.sharing.services import share_create, sharing_profile_update

SETTINGS = reverse("program:analytics-settings")
AUDIENCES = reverse("analytics:me-audiences")


def _form(**changes) -> dict:
    data = {
        "individual_figures": "on",
        "currency": "pln",
        "headcount": "250",
        "cpc_linkedin": "2.5",
        "cpm_linkedin": "9",
        "cpc_x": "0.80",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _unchanged():
    program = program_settings_get()
    assert program.individual_figures is False
    assert program.currency == "EUR"
    assert program.headcount is None
    assert program.emv_rates == {}


def test_the_owner_saves_privacy_currency_headcount_and_rates(login, owner):
    client = login(owner)
    response = client.post(SETTINGS, _form(), follow=True)
    assert response.redirect_chain == [(SETTINGS, 302)]
    assert "The analytics settings are saved." in response.content.decode()
    program = program_settings_get()
    assert program.individual_figures is True
    assert program.currency == "PLN"  # typed in lower case, kept in upper
    assert program.headcount == 250
    assert program.emv_rates == {
        "linkedin": {"cpc": "2.50", "cpm": "9.00"},
        "x": {"cpc": "0.80"},
    }
    html = response.content.decode()
    assert 'value="PLN"' in html
    assert 'value="250"' in html

    # Unticked and emptied: individual figures off again, the headcount and rates gone.
    data = _form(individual_figures=None, headcount="", cpc_linkedin="", cpm_linkedin="", cpc_x="")
    assert client.post(SETTINGS, data).status_code == 302
    program = program_settings_get()
    assert program.individual_figures is False
    assert program.headcount is None
    assert program.emv_rates == {}
    assert program.currency == "PLN"


@pytest.mark.parametrize(
    ("currency", "message"),
    [
        ("EURO", "Ensure this value has at most 3 characters (it has 4)."),
        ("E1R", "A currency is three letters, like EUR."),
        ("", "This field is required."),
    ],
)
def test_a_currency_that_is_not_three_letters_is_refused_and_nothing_is_lost(
    login, owner, currency, message
):
    response = login(owner).post(SETTINGS, _form(currency=currency))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert response.context["form"].errors["currency"] == [message]
    # What was typed into the other fields is still there.
    assert re.search(r'<input type="checkbox" name="individual_figures"[^>]* checked>', html)
    assert 'value="250"' in html
    assert 'value="2.5"' in html
    assert 'value="0.80"' in html
    _unchanged()


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("-1", "Ensure this value is greater than or equal to 0."),
        ("abc", "Enter a number."),
        ("2.555", "Ensure that there are no more than 2 decimal places."),
        ("100001", "Ensure this value is less than or equal to 100000."),
    ],
)
def test_a_rate_that_is_not_an_amount_is_refused_with_a_message(login, owner, rate, message):
    response = login(owner).post(SETTINGS, _form(cpm_linkedin=rate))
    assert response.status_code == 200
    assert response.context["form"].errors["cpm_linkedin"] == [message]
    html = response.content.decode()
    assert f'<p class="error">{message}</p>' in html
    assert 'value="pln"' in html
    assert 'value="250"' in html
    _unchanged()


def test_an_advocate_and_a_curator_cannot_change_the_analytics_settings(login, advocate, curator):
    for person in (advocate, curator):
        client = login(person)
        assert client.get(SETTINGS).status_code == 403
        assert client.post(SETTINGS, _form()).status_code == 403
    _unchanged()


def test_an_owner_opens_the_settings_with_what_is_saved(login, owner):
    program_analytics_update(
        individual_figures=False,
        emv_rates={"linkedin": {"cpc": "12"}},
        currency="thb",
        headcount=1200,
    )
    response = login(owner).get(SETTINGS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="THB"' in html
    assert 'value="1200"' in html
    assert 'value="12.00"' in html


# --- my audience sizes -------------------------------------------------------------------------


def test_my_audience_sizes_are_saved_and_count_in_the_reach_of_later_shares(login, advocate):
    item = ContentItemFactory()
    share_create(advocate=advocate, item=item, network="linkedin", text="Before I said")
    analytics_update()
    assert totals(Period.last(1)).reach == 0

    client = login(advocate)
    data = {"audience_linkedin": "1 200", "audience_x": "850", "audience_facebook": ""}
    response = client.post(AUDIENCES, data, follow=True)
    assert response.redirect_chain == [(reverse("analytics:me"), 302)]
    html = response.content.decode()
    assert "Your audience sizes are saved. They count for your next shares." in html
    assert SharingProfile.objects.get(user=advocate).audiences == {"linkedin": 1200, "x": 850}
    assert 'id="audience_linkedin" name="audience_linkedin" value="1200"' in html

    share_create(advocate=advocate, item=ContentItemFactory(), network="linkedin", text="Now")
    share_create(advocate=advocate, item=item, network="x", text="And here")
    share_create(advocate=advocate, item=item, network="facebook", text="Not said")
    analytics_update()
    assert totals(Period.last(1)).reach == 1200 + 850  # the first share keeps its reach of 0
    me = client.get(reverse("analytics:me"))
    assert {kpi.key: kpi.value for kpi in me.context["kpis"]}["reach"] == 2050


@pytest.mark.parametrize("size", ["lots", "-5", "1.5", "100000001"])
def test_an_audience_that_is_not_a_whole_number_is_refused_and_nothing_saved(login, advocate, size):
    sharing_profile_update(user=advocate, audiences={"linkedin": 50})
    data = {"audience_linkedin": size, "audience_x": "300"}
    response = login(advocate).post(AUDIENCES, data, follow=True)
    assert response.redirect_chain == [(reverse("analytics:me"), 302)]
    assert "Audience sizes are whole numbers, like 850. Nothing was saved." in (
        response.content.decode()
    )
    assert SharingProfile.objects.get(user=advocate).audiences == {"linkedin": 50}


@pytest.mark.parametrize("size", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_digits_int_cannot_read_are_refused_like_any_other_non_number(login, advocate, size):
    response = login(advocate).post(AUDIENCES, {"audience_linkedin": size}, follow=True)
    assert "Audience sizes are whole numbers, like 850. Nothing was saved." in (
        response.content.decode()
    )
    assert not SharingProfile.objects.filter(user=advocate).exclude(audiences={}).exists()
