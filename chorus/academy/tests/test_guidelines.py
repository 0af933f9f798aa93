import pytest

from chorus.academy.models import Guidelines, GuidelinesAcceptance
from chorus.academy.selectors.guidelines import (
    guidelines_acceptances,
    guidelines_accepted,
    guidelines_for,
    guidelines_hate_advice,
)
from chorus.academy.services.guidelines import guidelines_accept, guidelines_publish
from chorus.core.errors import ChorusError, ForbiddenError

pytestmark = pytest.mark.django_db


def test_a_new_installation_starts_with_the_shipped_guidelines_in_three_languages():
    current = Guidelines.objects.get()
    assert current.version == 1
    assert current.texts["en"].startswith("# Social media guidelines")
    assert set(current.texts) == set(current.hate_advice) == {"en", "pl", "th"}


def test_a_correction_keeps_the_version_and_nobody_is_asked_again(advocate, owner):
    guidelines_publish(by=owner, texts={"en": "Fixed a typo"}, hate_advice={}, new_version=False)
    assert Guidelines.objects.get().version == 1
    assert guidelines_accepted(user=advocate)
    assert guidelines_for(user=advocate).text == "Fixed a typo"


def test_only_owners_publish_and_an_empty_text_is_refused(owner, curator):
    with pytest.raises(ForbiddenError):
        guidelines_publish(by=curator, texts={"en": "x"}, hate_advice={})
    with pytest.raises(ChorusError) as error:
        guidelines_publish(by=owner, texts={"en": "  ", "pl": ""}, hate_advice={})
    assert error.value.code == "text_missing"
    assert Guidelines.objects.count() == 1


def test_accepting_a_version_that_is_no_longer_current_asks_to_read_the_new_one(employee, owner):
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    with pytest.raises(ChorusError) as error:
        guidelines_accept(user=employee, version=1)
    assert error.value.code == "guidelines_changed"
    guidelines_accept(user=employee, version=2)
    guidelines_accept(user=employee, version=2)  # a double click changes nothing
    assert GuidelinesAcceptance.objects.filter(user=employee).count() == 1


def test_the_guidelines_come_in_the_readers_language_with_a_fallback(employee, owner):
    guidelines_publish(
        by=owner,
        texts={"en": "English rules", "pl": "Zasady po polsku"},
        hate_advice={"en": "Stay calm"},
    )
    employee.language = "pl"
    assert guidelines_for(user=employee).text == "Zasady po polsku"
    assert guidelines_for(user=employee).hate_advice == "Stay calm"  # no Polish advice yet
    employee.language = "th"
    employee.preferred_languages = ["th"]
    assert guidelines_for(user=employee).text == "English rules"
    assert guidelines_hate_advice(language="pl") == "Stay calm"


def test_owners_see_who_accepted_which_version(login, owner, advocate, employee):
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    rows = {row.email: row.version for row in guidelines_acceptances()}
    assert rows == {advocate.email: 1}  # the employee has not joined
    page = login(owner).get("/guidelines/acceptances/").content.decode()
    assert "0 of 1 advocates accepted the current version 2" in page
    assert "v1" in page


def test_the_acceptance_list_is_for_owners_only(login, advocate, curator):
    assert login(advocate).get("/guidelines/acceptances/").status_code == 403
    assert login(curator).get("/guidelines/edit/").status_code == 403


def test_an_owner_publishes_a_version_from_the_page(login, owner, advocate):
    client = login(owner)
    form = {f"text_{code}": "" for code in ("en", "pl", "th")}
    form |= {f"hate_{code}": "" for code in ("en", "pl", "th")}
    response = client.post("/guidelines/edit/", form | {"new_version": "on"})
    assert "Write the guidelines in at least one language." in response.content.decode()
    response = client.post(
        "/guidelines/edit/", form | {"text_en": "# v2\n\nBe kind.", "new_version": "on"}
    )
    assert response.status_code == 302
    assert Guidelines.objects.order_by("-version").first().version == 2


def test_the_banner_asks_an_advocate_to_accept_changed_guidelines(login, owner, advocate):
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    client = login(advocate)
    assert "The social media guidelines changed" in client.get("/").content.decode()
    page = client.get("/guidelines/").content.decode()
    assert "Accept the guidelines" in page
    response = client.post("/guidelines/accept/", {"accept": "yes", "version": "2"})
    assert response.status_code == 302
    assert "The social media guidelines changed" not in client.get("/").content.decode()


def test_accepting_without_the_tick_changes_nothing(login, owner, advocate):
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    client = login(advocate)
    response = client.post("/guidelines/accept/", {"version": "2"}, follow=True)
    assert "Please tick the box" in response.content.decode()
    assert not guidelines_accepted(user=advocate)


def test_the_acceptance_list_needs_the_same_queries_for_many_advocates(
    login, owner, django_assert_max_num_queries
):
    from chorus.accounts.services import membership_join
    from chorus.accounts.tests.factories import UserFactory

    for _n in range(30):
        person = UserFactory()
        membership_join(user=person)
        guidelines_accept(user=person)
    client = login(owner)
    with django_assert_max_num_queries(14):
        page = client.get("/guidelines/acceptances/").content.decode()
    assert "30 of 30 advocates accepted the current version 1" in page


def test_the_guidelines_page_says_what_changed_first_and_carries_the_advice_on_hate(
    login, owner, advocate
):
    guidelines_publish(
        by=owner, texts={"en": "v2 rules"}, hate_advice={"en": "Stay calm"}, note="AI tools"
    )
    page = login(advocate).get("/guidelines/").content.decode()
    assert page.index("What changed: AI tools") < page.index("v2 rules")
    assert "Stay calm" in page
