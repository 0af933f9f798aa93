from django.urls import reverse

from chorus.accounts.models import User
from chorus.program.services import program_settings_update


def _allow(*domains):
    program_settings_update(
        name="Acme",
        networks=["linkedin"],
        allowed_signup_domains=list(domains),
        default_language="en",
    )


def test_sign_up_is_closed_without_allowed_domains(client, db):
    response = client.get(reverse("account_signup"))
    assert "Sign-up is by invitation" in response.content.decode()


def test_sign_up_is_open_to_an_allowed_domain(client, db):
    _allow("acme.test")
    response = client.post(
        reverse("account_signup"),
        {"email": "new@acme.test", "password1": "correct-horse-9", "password2": "correct-horse-9"},
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new@acme.test").exists()


def test_sign_up_refuses_other_domains_with_the_reason(client, db):
    _allow("acme.test")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@elsewhere.test",
            "password1": "correct-horse-9",
            "password2": "correct-horse-9",
        },
    )
    assert response.status_code == 200
    assert "Sign-up is open to addresses at acme.test" in response.content.decode()
    assert not User.objects.filter(email="new@elsewhere.test").exists()


def test_password_reset_sends_an_email(client, advocate, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": advocate.email})
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
