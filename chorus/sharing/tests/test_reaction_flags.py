"""Help when a post attracts hate: the advocate reports, the team is alerted and answers."""

import pytest
from django.urls import reverse

from chorus.academy.services.guidelines import guidelines_publish
from chorus.accounts.tests.factories import UserFactory
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.sharing.models import ReactionFlag, Share
from chorus.sharing.selectors import reaction_flags_of, reaction_flags_open
from chorus.sharing.services import (
    reaction_flag_create,
    reaction_flag_reply,
    reaction_flag_resolve,
)

pytestmark = pytest.mark.django_db

ADVICE = {
    "en": "Breathe first. You do not have to answer.",
    "pl": "Najpierw weź oddech. Nie musisz odpowiadać.",
}


@pytest.fixture
def share(advocate):
    return Share.objects.create(advocate=advocate, network="linkedin", text="We are hiring!")


@pytest.fixture
def advice(owner):
    """The current guidelines with our own advice (a correction: nobody must accept again)."""
    guidelines_publish(by=owner, texts={"en": "Be kind."}, hate_advice=ADVICE, new_version=False)


def flag_on(share, note="Someone called me a liar under my post."):
    return reaction_flag_create(
        share=share, user=share.advocate, url="https://www.linkedin.com/feed/update/1", note=note
    )


# Services ----------------------------------------------------------------------------------------


def test_an_advocate_reports_a_hostile_reaction_to_their_share(share, advocate):
    flag = flag_on(share)
    assert flag.reported_by == advocate
    assert flag.status == "open"
    assert list(reaction_flags_open()) == [flag]
    assert list(reaction_flags_of(user=advocate)) == [flag]


def test_the_link_is_optional_but_a_few_words_are_not(share, advocate):
    flag = reaction_flag_create(share=share, user=advocate, url="", note="Nasty replies.")
    assert flag.url == ""
    with pytest.raises(ChorusError) as error:
        reaction_flag_create(share=share, user=advocate, url="", note="  ")
    assert error.value.field == "note"


def test_a_link_that_is_not_a_web_address_is_refused(share, advocate):
    with pytest.raises(ChorusError) as error:
        reaction_flag_create(share=share, user=advocate, url="javascript:alert(1)", note="Hm")
    assert error.value.field == "url"
    assert not ReactionFlag.objects.exists()


def test_a_note_of_more_than_a_few_words_is_refused(share, advocate):
    with pytest.raises(ChorusError) as error:
        reaction_flag_create(share=share, user=advocate, url="", note="x" * 2001)
    assert error.value.code == "note_too_long"


def test_another_advocate_cannot_report_on_my_share(share):
    other = UserFactory()
    with pytest.raises(ForbiddenError):
        reaction_flag_create(share=share, user=other, url="", note="Not yours")
    assert not ReactionFlag.objects.exists()


def test_a_curator_replies_and_resolves(share, curator):
    flag = flag_on(share)
    flag = reaction_flag_reply(
        flag=flag, by=curator, reply="We saw it. Don't answer; we report it."
    )
    assert (flag.status, flag.replied_by) == ("replied", curator)
    flag = reaction_flag_resolve(flag=flag, by=curator)
    assert flag.status == "resolved"
    assert list(reaction_flags_open()) == []


def test_advocates_cannot_reply_or_resolve(share, advocate):
    flag = flag_on(share)
    with pytest.raises(ForbiddenError):
        reaction_flag_reply(flag=flag, by=advocate, reply="I answer myself")
    with pytest.raises(ForbiddenError):
        reaction_flag_resolve(flag=flag, by=advocate)
    flag.refresh_from_db()
    assert (flag.reply, flag.resolved_at) == ("", None)


def test_an_empty_reply_is_refused(share, owner):
    with pytest.raises(ChorusError) as error:
        reaction_flag_reply(flag=flag_on(share), by=owner, reply=" ")
    assert error.value.field == "reply"


# The alert ---------------------------------------------------------------------------------------


def test_every_active_owner_and_curator_is_emailed_at_once(
    share, curator, owner, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(role="curator", is_active=False, email="gone@acme.test")
    UserFactory(role="advocate", email="colleague@acme.test")
    with django_capture_on_commit_callbacks(execute=True):
        flag = flag_on(share, note="They wrote <b>awful</b> things & more.")
    assert sorted(mail.to[0] for mail in mailoutbox) == ["curator@acme.test", "owner@acme.test"]
    mail = mailoutbox[0]
    assert "Ada Advocate" in mail.subject
    assert "\n" not in mail.subject
    assert "They wrote <b>awful</b> things & more." in mail.body  # plain text, not escaped
    assert f"/flags/{flag.pk}/" in mail.body
    assert "https://www.linkedin.com/feed/update/1" in mail.body
    html = mail.alternatives[0][0]
    assert "&lt;b&gt;awful&lt;/b&gt;" in html  # the HTML part escapes what advocates wrote


def test_nothing_is_sent_when_the_report_is_rolled_back(share, curator, mailoutbox):
    # Without the commit (the test's transaction never commits) the alert is never enqueued.
    flag_on(share)
    assert mailoutbox == []


def test_the_alert_is_written_in_each_recipients_language(
    share, curator, owner, mailoutbox, django_capture_on_commit_callbacks
):
    curator.language = "pl"
    curator.save()
    with django_capture_on_commit_callbacks(execute=True):
        flag_on(share)
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    # The greeting is in the catalogues already; the rest follows when the lead translates.
    assert "Dzień dobry, Cora Curator," in by_address["curator@acme.test"].body
    assert "Hello Otto Owner," in by_address["owner@acme.test"].body


# Pages -------------------------------------------------------------------------------------------


def test_the_share_page_offers_to_report_a_hostile_reaction(login, share):
    page = login(share.advocate).get(reverse("sharing:share-detail", args=[share.pk]))
    assert reverse("sharing:flag-create", args=[share.pk]) in page.text


def test_an_advocate_reports_with_the_form_and_lands_on_the_report(
    login, share, advice, curator, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(share.advocate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sharing:flag-create", args=[share.pk]),
            {"url": "www.linkedin.com/feed/update/2", "note": "Insults under my post."},
        )
    flag = ReactionFlag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:flag-detail", args=[flag.pk])
    assert flag.url == "https://www.linkedin.com/feed/update/2"
    assert sorted(mail.to[0] for mail in mailoutbox) == ["curator@acme.test", "owner@acme.test"]
    page = client.get(response["Location"])
    assert ADVICE["en"] in page.text
    assert "Their personal answer will appear on this page" in page.text
    detail = client.get(reverse("sharing:share-detail", args=[share.pk]))
    assert reverse("sharing:flag-detail", args=[flag.pk]) in detail.text


def test_a_report_without_words_comes_back_with_a_message(login, share):
    response = login(share.advocate).post(
        reverse("sharing:flag-create", args=[share.pk]), {"url": "", "note": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not ReactionFlag.objects.exists()


def test_another_advocate_cannot_open_the_form_for_my_share(login, share):
    other = UserFactory()
    client = login(other)
    assert client.get(reverse("sharing:flag-create", args=[share.pk])).status_code == 404
    response = client.post(reverse("sharing:flag-create", args=[share.pk]), {"note": "Mine now"})
    assert response.status_code == 404
    assert not ReactionFlag.objects.exists()


def test_another_advocate_cannot_read_my_report(login, share):
    flag = flag_on(share)
    assert (
        login(UserFactory()).get(reverse("sharing:flag-detail", args=[flag.pk])).status_code == 404
    )


def test_the_advocate_sees_the_advice_in_polish(login, share, advice):
    share.advocate.language = "pl"
    share.advocate.save()
    flag = flag_on(share)
    page = login(share.advocate).get(reverse("sharing:flag-detail", args=[flag.pk]))
    assert ADVICE["pl"] in page.text
    assert ADVICE["en"] not in page.text


def test_the_advice_falls_back_to_the_programs_language_then_english(login, share, advice, program):
    share.advocate.language = "th"
    share.advocate.save()
    flag = flag_on(share)
    client = login(share.advocate)
    assert ADVICE["en"] in client.get(reverse("sharing:flag-detail", args=[flag.pk])).text
    program.set(default_language="pl")
    assert ADVICE["pl"] in client.get(reverse("sharing:flag-detail", args=[flag.pk])).text


def test_the_advocate_sees_the_teams_personal_reply(login, share, curator):
    flag = flag_on(share)
    reaction_flag_reply(flag=flag, by=curator, reply="We are with you. **Do not** answer.")
    page = login(share.advocate).get(reverse("sharing:flag-detail", args=[flag.pk]))
    assert "<strong>Do not</strong> answer." in page.text
    assert "Cora Curator" in page.text


def test_advocates_cannot_open_the_team_list_or_reply(login, share):
    flag = flag_on(share)
    client = login(share.advocate)
    assert client.get(reverse("sharing:flags")).status_code == 403
    response = client.post(
        reverse("sharing:flag-reply", args=[flag.pk]), {f"f{flag.pk}-reply": "x"}
    )
    assert response.status_code == 403
    assert client.post(reverse("sharing:flag-resolve", args=[flag.pk])).status_code == 403
    flag.refresh_from_db()
    assert (flag.reply, flag.resolved_at) == ("", None)


def test_the_team_list_shows_open_reports_and_an_empty_state(login, share, owner):
    client = login(owner)
    assert "No open reports" in client.get(reverse("sharing:flags")).text
    flag_on(share, note="Trolls everywhere")
    page = client.get(reverse("sharing:flags"))
    assert "Trolls everywhere" in page.text
    assert "Ada Advocate needs help" in page.text


def test_a_curator_replies_and_resolves_from_the_team_list(login, share, curator):
    flag = flag_on(share)
    client = login(curator)
    response = client.post(
        reverse("sharing:flag-reply", args=[flag.pk]), {f"f{flag.pk}-reply": "We are on it."}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.reply == "We are on it."
    response = client.post(
        reverse("sharing:flag-resolve", args=[flag.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "left the list" in response.text
    assert "No open reports" in client.get(reverse("sharing:flags")).text


def test_an_empty_reply_re_renders_with_the_message(login, share, curator):
    flag = flag_on(share)
    response = login(curator).post(
        reverse("sharing:flag-reply", args=[flag.pk]), {f"f{flag.pk}-reply": "", "from": "detail"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert "Someone called me a liar" in response.text


def test_a_curator_replies_with_htmx_and_gets_the_card_back(login, share, curator):
    flag = flag_on(share)
    response = login(curator).post(
        reverse("sharing:flag-reply", args=[flag.pk]),
        {f"f{flag.pk}-reply": "On it."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card" id="flag-{flag.pk}"')
    assert "Your reply is saved" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "https://[::1]/",
        "https://10.1.2.3/x",
        "https://localhost:8000/",
    ],
)
def test_a_link_to_this_machine_or_a_private_network_is_refused(share, advocate, url):
    with pytest.raises(ChorusError) as error:
        reaction_flag_create(share=share, user=advocate, url=url, note="Look")
    assert error.value.code == "url_invalid"
    assert not ReactionFlag.objects.exists()


def test_a_report_sent_twice_is_kept_once(share, advocate, mailoutbox):
    first = reaction_flag_create(share=share, user=advocate, url="", note="Nasty reply")
    again = reaction_flag_create(share=share, user=advocate, url="", note="Nasty reply")
    assert again == first
    assert ReactionFlag.objects.count() == 1
