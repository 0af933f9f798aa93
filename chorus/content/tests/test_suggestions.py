import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from chorus.accounts.tests.factories import UserFactory
from chorus.content import services
from chorus.content.models import ContentImage, ContentItem, Suggestion


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), "teal").save(out, "PNG")
    return SimpleUploadedFile("team.png", out.getvalue(), content_type="image/png")


def _suggest(client, **data):
    return client.post(reverse("content:suggest"), data)


def test_a_suggestion_travels_from_an_employee_to_a_published_item_that_credits_them(
    login, employee, curator
):
    client = login(employee)
    response = _suggest(
        client, url="https://news.acme.test/award", text="We won an award, worth telling!"
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.status == Suggestion.Status.PENDING
    assert "Waiting for review" in client.get(reverse("content:suggest")).content.decode()

    client = login(curator)
    queue = client.get(reverse("content:suggestions")).content.decode()
    assert "https://news.acme.test/award" in queue
    assert "Eve Employee" in queue
    response = client.post(reverse("content:suggestion-approve", args=[suggestion.pk]))
    item = ContentItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("content:item-edit", args=[item.pk])
    assert item.suggested_by == employee
    assert item.status == ContentItem.Status.DRAFT
    assert item.note == "We won an award, worth telling!"
    assert (
        "https://news.acme.test/award"
        not in client.get(reverse("content:suggestions")).content.decode()
    )

    client = login(employee)
    page = client.get(reverse("content:suggest")).content.decode()
    assert "Approved" in page
    assert reverse("content:item-detail", args=[item.pk]) not in page  # a draft is not linked

    services.item_publish(item=item)
    page = client.get(reverse("content:suggest")).content.decode()
    assert reverse("content:item-detail", args=[item.pk]) in page


def test_an_approved_image_suggestion_becomes_a_draft_with_the_image(login, employee, curator):
    _suggest(login(employee), image=_png(), text="Our team at the summer fair")
    suggestion = Suggestion.objects.get()
    assert suggestion.image

    response = login(curator).post(reverse("content:suggestion-approve", args=[suggestion.pk]))
    item = ContentItem.objects.get()
    assert response["Location"] == reverse("content:item-edit", args=[item.pk])
    assert item.kind == ContentItem.Kind.IMAGES
    assert item.suggested_by == employee
    picture = ContentImage.objects.get(item=item)  # a copy of its own, with a thumbnail
    with Image.open(picture.image) as copied, Image.open(suggestion.image) as original:
        assert copied.size == original.size
    assert picture.thumbnail


def test_a_declined_suggestion_shows_the_reason_to_the_employee(login, employee, curator):
    suggestion = services.suggestion_create(
        suggested_by=employee, url="https://elsewhere.test/x", text="Look at this"
    )
    response = login(curator).post(
        reverse("content:suggestion-decline", args=[suggestion.pk]),
        {"reason": "We covered this last week."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("content:suggestions")
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DECLINED

    page = login(employee).get(reverse("content:suggest")).content.decode()
    assert "Declined" in page
    assert "We covered this last week." in page


def test_declining_without_a_reason_rerenders_the_queue_with_a_message(login, employee, curator):
    suggestion = services.suggestion_create(
        suggested_by=employee, url="https://elsewhere.test/x", text="Look at this"
    )
    response = login(curator).post(
        reverse("content:suggestion-decline", args=[suggestion.pk]), {"reason": "   "}
    )
    assert response.status_code == 200
    assert "Tell the colleague why, in a sentence." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_declining_through_htmx_swaps_the_card(login, employee, curator):
    suggestion = services.suggestion_create(
        suggested_by=employee, url="https://elsewhere.test/x", text="Look at this"
    )
    client = login(curator)
    url = reverse("content:suggestion-decline", args=[suggestion.pk])
    empty = client.post(url, {"reason": ""}, headers={"HX-Request": "true"})
    assert empty.status_code == 200
    assert "Tell the colleague why, in a sentence." in empty.content.decode()
    assert "<html" not in empty.content.decode()
    assert f'id="suggestion-{suggestion.pk}"' in empty.content.decode()

    done = client.post(url, {"reason": "Off topic."}, headers={"HX-Request": "true"})
    assert "Eve Employee will see your reason." in done.content.decode()
    assert "<html" not in done.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.decline_reason == "Off topic."


def test_a_decided_suggestion_cannot_be_approved_again(login, employee, curator):
    suggestion = services.suggestion_create(
        suggested_by=employee, url="https://elsewhere.test/x", text="Look at this"
    )
    services.suggestion_decline(suggestion=suggestion, by=curator, reason="No.")
    client = login(curator)
    response = client.post(reverse("content:suggestion-approve", args=[suggestion.pk]), follow=True)
    assert "This suggestion has been decided already." in response.content.decode()
    assert not ContentItem.objects.exists()


def test_a_suggestion_without_link_or_image_gets_a_clear_error_and_keeps_the_text(login, employee):
    response = _suggest(login(employee), url="", text="A thought worth keeping")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Suggest a link or an image." in page
    assert "A thought worth keeping" in page
    assert not Suggestion.objects.exists()


def test_an_svg_image_is_refused_with_a_message(login, employee):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = _suggest(login(employee), image=svg, text="Our new logo")
    assert response.status_code == 200
    assert "Please upload a PNG, JPEG, WebP or GIF image." in response.content.decode()
    assert "Our new logo" in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("content:suggestions", "get"),
        ("content:suggestion-approve", "post"),
        ("content:suggestion-decline", "post"),
    ],
)
def test_an_advocate_cannot_moderate_suggestions(login, advocate, employee, name, method):
    suggestion = services.suggestion_create(
        suggested_by=employee, url="https://elsewhere.test/x", text="Look at this"
    )
    args = [] if name == "content:suggestions" else [suggestion.pk]
    response = getattr(login(advocate), method)(reverse(name, args=args), {"reason": "no"})
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


@pytest.mark.parametrize("name", ["content:suggestions", "content:suggest"])
def test_an_outsider_is_sent_to_sign_in(outsider, db, name):
    response = outsider.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_moderation_queue_keeps_its_query_count(login, curator, django_assert_max_num_queries):
    for n in range(12):
        person = UserFactory(email=f"person{n}@acme.test")
        services.suggestion_create(
            suggested_by=person, url=f"https://news.acme.test/{n}", text=f"Idea {n}"
        )
    client = login(curator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("content:suggestions"))
    assert response.content.decode().count("Approve and edit the draft") == 12


def test_the_suggest_page_keeps_its_query_count(
    login, employee, curator, django_assert_max_num_queries
):
    for n in range(6):
        suggestion = services.suggestion_create(
            suggested_by=employee, url=f"https://news.acme.test/{n}", text=f"Idea {n}"
        )
        if n % 2:
            services.item_publish(
                item=services.suggestion_approve(suggestion=suggestion, by=curator)
            )
    client = login(employee)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("content:suggest"))
    assert response.content.decode().count("See it in the hub") == 3
