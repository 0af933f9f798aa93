from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chorus.accounts import services
from chorus.accounts.models import AdvocacyMembership, Invitation, User


def test_the_invitation_link_lets_the_invitee_choose_a_password_and_signs_them_in(client, owner):
    invitation = services.invitation_create(
        invited_by=owner, email="new@acme.test", display_name="New Person", send=False
    )
    url = reverse("accounts:invitation-accept", args=[invitation.key])
    page = client.get(url)
    assert page.status_code == 200
    assert b"new@acme.test" in page.content
    response = client.post(
        url,
        {
            "display_name": "New Person",
            "password1": "correct-horse-9",
            "password2": "correct-horse-9",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("home:index")).context["user"].email == "new@acme.test"


def test_the_invitation_page_speaks_the_invitees_language_unless_they_switch(client, owner):
    invitation = services.invitation_create(
        invited_by=owner, email="nowa@acme.test", language="pl", send=False
    )
    url = reverse("accounts:invitation-accept", args=[invitation.key])
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="pl">' in page
    assert "Załóż konto" in page
    client.cookies["chorus_language"] = "th"
    assert '<html lang="th">' in client.get(url).content.decode()


def test_an_invitation_link_used_twice_gives_a_clear_page(client, owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    services.invitation_accept(invitation=invitation, password="correct-horse-9")
    response = client.get(reverse("accounts:invitation-accept", args=[invitation.key]))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    again = client.post(
        reverse("accounts:invitation-accept", args=[invitation.key]),
        {"display_name": "X", "password1": "correct-horse-9", "password2": "correct-horse-9"},
    )
    assert again.status_code == 410
    assert User.objects.filter(email="new@acme.test").count() == 1


def test_an_expired_invitation_link_gives_a_clear_page(client, owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    response = client.get(reverse("accounts:invitation-accept", args=[invitation.key]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_an_unknown_invitation_link_gives_a_clear_page(client, db):
    response = client.get(reverse("accounts:invitation-accept", args=["nope"]))
    assert response.status_code == 404
    assert "do not know this invitation" in response.content.decode()


def test_mismatched_passwords_rerender_the_form_with_the_name_kept(client, owner):
    invitation = services.invitation_create(invited_by=owner, email="new@acme.test", send=False)
    response = client.post(
        reverse("accounts:invitation-accept", args=[invitation.key]),
        {"display_name": "Kept Name", "password1": "correct-horse-9", "password2": "other-horse-9"},
    )
    assert response.status_code == 200
    assert "The two passwords differ." in response.content.decode()
    assert 'value="Kept Name"' in response.content.decode()


def test_an_advocate_cannot_open_the_people_page(login, advocate):
    assert login(advocate).get(reverse("accounts:people")).status_code == 403


def test_an_outsider_is_sent_to_sign_in(outsider, db):
    response = outsider.get(reverse("accounts:people"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_owner_sees_people_with_their_participation(
    login, owner, advocate, employee, django_assert_max_num_queries
):
    client = login(owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:people"))
    people = {person.email: person.is_advocate for person in response.context["page"]}
    assert people == {owner.email: False, advocate.email: True, employee.email: False}


def test_the_people_search_answers_htmx_with_the_table_only(login, owner, advocate):
    response = login(owner).get(
        reverse("accounts:people"), {"q": "Ada"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="people-table">')
    assert advocate.email in html
    assert owner.email not in html


def test_a_csv_upload_reports_bad_lines_and_imports_the_rest(login, owner):
    data = b"name,email\nGood One,good@acme.test\nBad One,bad-address\n"
    response = login(owner).post(
        reverse("accounts:invitation-import"),
        {"file": SimpleUploadedFile("people.csv", data, content_type="text/csv")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Line 3" in html
    assert "bad-address" in html
    assert Invitation.objects.filter(email="good@acme.test").exists()


def test_joining_needs_the_explicit_tick(login, employee):
    client = login(employee)
    response = client.post(reverse("accounts:advocacy-join"), {})
    assert response.status_code == 200
    assert not AdvocacyMembership.objects.filter(user=employee).exists()
    client.post(reverse("accounts:advocacy-join"), {"consent": "yes"})
    assert AdvocacyMembership.objects.active().filter(user=employee).exists()


def test_the_join_page_says_what_is_measured_and_how_much_time_it_takes(login, employee):
    html = login(employee).get(reverse("accounts:advocacy-join")).content.decode()
    assert "What is measured, and who sees it" in html
    assert "How much time it takes" in html


def test_leaving_is_one_click_from_the_profile(login, advocate):
    client = login(advocate)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:advocacy-leave") in profile
    client.post(reverse("accounts:advocacy-leave"))
    assert not AdvocacyMembership.objects.active().filter(user=advocate).exists()


def test_an_owner_joining_enrols_only_themselves(login, owner, employee):
    login(owner).post(reverse("accounts:advocacy-join"), {"consent": "yes", "user": employee.pk})
    assert AdvocacyMembership.objects.filter(user=owner).exists()
    assert not AdvocacyMembership.objects.filter(user=employee).exists()


def test_owners_see_who_joined_and_who_left(login, owner, advocate):
    services.membership_leave(user=advocate)
    response = login(owner).get(reverse("accounts:advocacy-history"))
    rows = list(response.context["page"])
    assert [(row.user, row.left_at is not None) for row in rows] == [(advocate, True)]


def test_the_profile_saves_languages_and_time_zone(login, employee):
    client = login(employee)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Eve",
            "job_title": "Engineer",
            "preferred_languages": ["pl", "de"],
            "language": "pl",
            "time_zone": "Asia/Bangkok",
        },
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert (employee.preferred_languages, employee.time_zone) == (["pl", "de"], "Asia/Bangkok")


def test_a_bad_time_zone_rerenders_the_profile_with_a_message(login, employee):
    response = login(employee).post(
        reverse("accounts:profile"), {"display_name": "Eve", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]


def test_tokens_are_created_shown_once_and_revoked(login, advocate):
    client = login(advocate)
    response = client.post(
        reverse("accounts:api-tokens"), {"name": "script"}, headers={"HX-Request": "true"}
    )
    token = response.context["new_token"]
    assert token.startswith("chorus_")
    assert token in response.content.decode()
    listing = client.get(reverse("accounts:api-tokens")).content.decode()
    assert token not in listing
    row = advocate.api_tokens.get()
    client.post(reverse("accounts:api-token-revoke", args=[row.pk]))
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_the_owner_changes_a_role(login, owner, employee):
    login(owner).post(reverse("accounts:person-role", args=[employee.pk]), {"role": "curator"})
    employee.refresh_from_db()
    assert employee.role == "curator"
