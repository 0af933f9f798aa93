"""What a person does first: sign in, pick a language, join the program and leave it."""

import re

from django.utils import translation
from playwright.sync_api import expect

from chorus.accounts.models import AdvocacyMembership

pytestmark = __import__("pytest").mark.e2e


def test_signing_in_leads_home(sign_in, employee):
    page = sign_in(employee)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Eve Employee")


def test_a_wrong_password_says_so_and_keeps_the_address(page, employee):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(employee.email)
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("main")).to_contain_text("not correct")
    expect(page.get_by_label("Email")).to_have_value(employee.email)


def _in(language: str, text: str) -> str:
    with translation.override(language):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no {language} translation"
    return translated


def test_switching_the_language_to_thai_and_to_polish(sign_in, employee):
    page = sign_in(employee)
    page.get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    page.get_by_text("Eve Employee", exact=True).first.click()
    expect(page.get_by_role("link", name=_in("th", "Your profile"), exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=_in("th", "Home"), exact=True)).to_be_visible()
    page.get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eve Employee")
    expect(page.get_by_role("link", name=_in("pl", "Home"), exact=True)).to_be_visible()
    employee.refresh_from_db()
    assert employee.language == "pl"


def test_joining_the_program_and_leaving_it(sign_in, employee):
    page = sign_in(employee)
    page.get_by_role("link", name="See what taking part means").click()
    expect(page.get_by_role("heading", name="How much time it takes")).to_be_visible()
    page.get_by_label("I have read this and I want to take part.").check()
    page.get_by_role("button", name="Join the program").click()
    expect(page.locator(".messages")).to_contain_text("You have joined the advocacy program")
    assert AdvocacyMembership.objects.active().filter(user=employee).exists()

    page.get_by_text("Eve Employee", exact=True).first.click()
    page.get_by_role("link", name="Your profile", exact=True).click()
    page.get_by_role("button", name="Leave the program").click()
    expect(page.locator(".messages")).to_contain_text("You have left the advocacy program")
    expect(page).to_have_url(re.compile(r"/me/$"))
    assert not AdvocacyMembership.objects.active().filter(user=employee).exists()


def test_the_keyboard_reaches_the_main_content_first(page, db):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
