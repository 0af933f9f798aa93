import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from chorus.core.errors import ChorusError
from chorus.program.selectors import program_settings_get
from chorus.program.services import domains_parse


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(out, "PNG")
    return out.getvalue()


def _form(**changes):
    data = {
        "name": "Acme Voices",
        "networks": ["linkedin", "bluesky"],
        "allowed_signup_domains": "acme.test\n@Example.COM",
        "default_language": "th",
    }
    data.update(changes)
    return data


def test_the_owner_saves_the_program_settings(login, owner):
    data = _form(logo=SimpleUploadedFile("logo.png", _png(), content_type="image/png"))
    response = login(owner).post(reverse("program:settings"), data)
    assert response.status_code == 302
    program = program_settings_get()
    assert program.name == "Acme Voices"
    assert program.networks == ["linkedin", "bluesky"]
    assert program.allowed_signup_domains == ["acme.test", "example.com"]
    assert program.default_language == "th"
    assert program.logo.name.endswith(".png")


def test_a_bad_domain_rerenders_the_form_and_keeps_the_input(login, owner):
    response = login(owner).post(reverse("program:settings"), _form(allowed_signup_domains="acme"))
    assert response.status_code == 200
    assert "is not a domain name" in response.content.decode()
    assert response.context["form"].data["name"] == "Acme Voices"
    assert program_settings_get().name == "Chorus"


def test_an_svg_logo_is_refused_with_a_message(login, owner):
    svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = login(owner).post(reverse("program:settings"), _form(logo=svg))
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]


def test_a_curator_cannot_change_the_program(login, curator):
    assert login(curator).get(reverse("program:settings")).status_code == 403


def test_the_program_name_names_the_site_in_emails(login, owner):
    from django.contrib.sites.models import Site

    login(owner).post(reverse("program:settings"), _form(name="Głos Acme"))
    assert Site.objects.get_current().name == "Głos Acme"


@pytest.mark.parametrize("text", ["acme", "acme..test", "http://acme.test", "-acme.test"])
def test_domains_that_are_not_domains_are_refused(text):
    with pytest.raises(ChorusError):
        domains_parse(text)


def test_international_domains_are_stored_in_ascii():
    assert domains_parse("żółw.pl, ACME.test acme.test") == ["xn--w-uga1v8h.pl", "acme.test"]


def test_the_owner_sets_a_disclosure_tag_and_the_company_domains(login, owner):
    data = _form(disclosure_tag="  iworkatACME ", company_domains="acme.test\nblog.acme.test")
    assert login(owner).post(reverse("program:settings"), data).status_code == 302
    program = program_settings_get()
    assert program.disclosure_tag == "#iworkatACME"
    assert program.company_domains == ["acme.test", "blog.acme.test"]
    page = login(owner).get(reverse("program:settings")).content.decode()
    assert 'value="#iworkatACME"' in page


def test_a_bad_company_domain_is_shown_beside_its_field(login, owner):
    response = login(owner).post(reverse("program:settings"), _form(company_domains="not a domain"))
    assert response.status_code == 200
    assert program_settings_get().company_domains == []
    assert "is not a domain name" in response.content.decode()


def test_a_disclosure_tag_over_60_characters_is_refused(login, owner):
    response = login(owner).post(reverse("program:settings"), _form(disclosure_tag="#" + "a" * 70))
    assert response.status_code == 200
    assert program_settings_get().disclosure_tag == ""
