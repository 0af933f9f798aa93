import pytest
from django.urls import reverse

from chorus.program.services import program_settings_update


@pytest.mark.parametrize(
    ("accept", "expected", "text"),
    [
        ("th", "th", "เข้าสู่ระบบ"),
        ("pl-PL,pl;q=0.9", "pl", "Zaloguj się"),
        ("en-GB", "en", "Sign in"),
    ],
)
def test_a_page_follows_accept_language(client, db, accept, expected, text):
    response = client.get(reverse("account_login"), headers={"Accept-Language": accept})
    assert response["Content-Language"] == expected
    assert f'<html lang="{expected}">' in response.content.decode()
    assert text in response.content.decode()


def test_the_program_default_language_applies_when_the_browser_names_none_of_ours(client, db):
    program_settings_update(
        name="Acme", networks=["linkedin"], allowed_signup_domains=[], default_language="pl"
    )
    response = client.get(reverse("account_login"), headers={"Accept-Language": "de-DE"})
    assert response["Content-Language"] == "pl"


def test_the_switcher_remembers_the_choice_for_a_visitor(client, db):
    response = client.post(
        reverse("accounts:language-set"), {"language": "th", "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    page = client.get(reverse("account_login"), headers={"Accept-Language": "en"})
    assert page["Content-Language"] == "th"


def test_the_switcher_saves_the_choice_on_the_profile(login, employee):
    client = login(employee)
    client.post(reverse("accounts:language-set"), {"language": "pl", "next": "/"})
    employee.refresh_from_db()
    assert employee.language == "pl"


def test_the_switcher_does_not_redirect_elsewhere(client, db):
    response = client.post(
        reverse("accounts:language-set"), {"language": "pl", "next": "https://evil.test/"}
    )
    assert response["Location"] == "/"


def test_dates_follow_the_language(login, advocate):
    client = login(advocate)
    client.post(reverse("accounts:language-set"), {"language": "pl", "next": "/"})
    html = client.get(reverse("accounts:profile")).content.decode()
    polish_months = (
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    )
    assert any(month in html for month in polish_months)
