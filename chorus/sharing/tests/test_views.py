import io
import zipfile
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chorus.content.models import ContentImage
from chorus.core.tests.html import live_hazards
from chorus.sharing.models import Share
from chorus.sharing.services import share_create
from chorus.tracking.models import TrackedLink

pytestmark = pytest.mark.django_db


def test_the_composer_starts_from_the_sample_post_in_my_language(login, advocate, item):
    advocate.preferred_languages = ["pl"]
    advocate.save()
    page = login(advocate).get(f"/share/{item.pk}/?network=linkedin").content.decode()
    assert "Nasz zespół danych rośnie" in page
    assert 'data-length-kind="chars"' in page
    assert 'data-length-limit="3000"' in page
    assert not live_hazards(page)


def test_the_composer_counts_with_the_chosen_networks_rule(login, advocate, item):
    page = login(advocate).get(f"/share/{item.pk}/?network=x").content.decode()
    assert 'data-length-kind="weighted"' in page
    assert 'data-length-limit="280"' in page
    page = login(advocate).get(f"/share/{item.pk}/?network=bluesky").content.decode()
    assert 'data-length-kind="graphemes"' in page
    assert 'data-length-limit="300"' in page


def test_choosing_another_network_keeps_the_edited_text(login, advocate, item):
    response = login(advocate).post(
        f"/share/{item.pk}/", {"network": ["linkedin", "x"], "text": "My own words"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert ">My own words</textarea>" in page
    assert 'data-length-kind="weighted"' in page
    assert not Share.objects.exists()


def test_sharing_to_linkedin_opens_its_share_url_with_the_tracked_link(login, advocate, item):
    response = login(advocate).post(
        f"/share/{item.pk}/",
        {"network": "linkedin", "text": "Edited: we are hiring!", "action": "share", "copied": "1"},
    )
    share = Share.objects.get()
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == "www.linkedin.com"
    assert location.path == "/sharing/share-offsite/"
    assert parse_qs(location.query)["url"] == [f"https://go.acme.com/s/{share.link.code}"]
    assert share.text == "Edited: we are hiring!"


def test_without_the_clipboard_the_share_page_shows_the_text_to_copy(login, advocate, item):
    response = login(advocate).post(
        f"/share/{item.pk}/", {"network": "linkedin", "text": "Hi all", "action": "share"}
    )
    share = Share.objects.get()
    assert response["Location"] == f"/shares/{share.pk}/"
    page = login(advocate).get(response["Location"]).content.decode()
    assert "Hi all</textarea>" in page
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in page
    assert not live_hazards(page)


def test_sharing_to_x_opens_its_intent_with_text_and_link(login, advocate, item):
    response = login(advocate).post(
        f"/share/{item.pk}/", {"network": "x", "text": "Zażółć 🙂", "action": "share"}
    )
    share = Share.objects.get()
    location = urlsplit(response["Location"])
    assert location.netloc == "x.com"
    text = parse_qs(location.query)["text"][0]
    assert text == f"Zażółć 🙂 https://go.acme.com/s/{share.link.code}"


def test_a_text_over_the_limit_is_refused_and_kept(login, advocate, item):
    text = "ก" * 290
    response = login(advocate).post(
        f"/share/{item.pk}/", {"network": "x", "text": text, "action": "share"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 280" in page
    assert text in page
    assert not Share.objects.exists()


def test_someone_who_has_not_joined_cannot_share(login, employee, item):
    page = login(employee).get(f"/share/{item.pk}/").content.decode()
    assert "join the advocacy program first" in page
    response = login(employee).post(
        f"/share/{item.pk}/", {"network": "x", "text": "Hi", "action": "share"}
    )
    assert "Join the advocacy program to share." in response.content.decode()
    assert not Share.objects.exists()


def test_the_closeness_hint_warns_when_a_post_is_nearly_the_sample(login, advocate, item):
    sample = item.sample_posts.get(language="en")
    client = login(advocate)
    same = client.post(
        "/share/closeness", {"item": item.pk, "sample": sample.pk, "text": sample.text}
    ).content.decode()
    assert "nearly identical" in same
    assert "100%" in same
    own = client.post(
        "/share/closeness",
        {
            "item": item.pk,
            "sample": sample.pk,
            "text": "I joined two years ago and love the craft.",
        },
    ).content.decode()
    assert "nearly identical" not in own


def test_the_closeness_hint_compares_with_colleagues_posts(login, advocate, item, curator):
    from chorus.academy.services.guidelines import guidelines_accept
    from chorus.accounts.services import membership_join

    membership_join(user=curator)
    guidelines_accept(user=curator)
    share_create(advocate=curator, item=item, network="x", text="Best team I have worked in, join!")
    page = (
        login(advocate)
        .post("/share/closeness", {"item": item.pk, "text": "Best team I have worked in, join us!"})
        .content.decode()
    )
    assert "nearly identical" in page
    assert "colleague" in page


def test_my_shares_lists_my_shares_with_their_counts(
    login, advocate, curator, item, django_assert_max_num_queries
):
    share = share_create(advocate=advocate, item=item, network="x", text="Mine")
    TrackedLink.objects.filter(pk=share.link_id).update(clicks=7, previews=3)
    for n in range(5):
        share_create(advocate=advocate, item=item, network="linkedin", text=f"More {n}")
    client = login(advocate)
    with django_assert_max_num_queries(12):
        page = client.get("/shares/").content.decode()
    assert "We are hiring data engineers" in page
    assert 'data-label="Clicks">7</td>' in page
    assert 'data-label="Previews">3</td>' in page
    assert not live_hazards(page)
    assert "Mine" not in login(curator).get("/shares/").content.decode()


def test_an_advocate_marks_a_share_as_posted(login, advocate, curator, item):
    share = share_create(advocate=advocate, item=item, network="x", text="Mine")
    response = login(advocate).post(
        f"/shares/{share.pk}/posted", {"posted": "yes"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'value="yes" aria-pressed="true">Posted<' in response.content.decode()
    share.refresh_from_db()
    assert share.posted == "yes"
    assert login(curator).post(f"/shares/{share.pk}/posted", {"posted": "no"}).status_code == 404
    assert login(curator).get(f"/shares/{share.pk}/").status_code == 404


def test_a_graphics_set_downloads_in_one_go(login, advocate, item, png_bytes):
    for n in range(2):
        ContentImage.objects.create(
            item=item, image=SimpleUploadedFile(f"p{n}.png", png_bytes), position=n
        )
    response = login(advocate).get(f"/share/{item.pk}/images.zip")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["01.png", "02.png"]


def test_an_own_post_from_the_composer(login, advocate, program):
    program.set(company_domains=["acme.test"])
    response = login(advocate).post(
        "/share/new/",
        {"network": "x", "text": "Our new office https://www.acme.test/office", "action": "share"},
    )
    share = Share.objects.get()
    assert share.item is None
    assert share.link.destination == "https://www.acme.test/office"
    assert unquote(response["Location"]).endswith(share.text)


@pytest.fixture
def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_hostile_text_is_shown_as_text_on_every_page(login, advocate, item):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted"'
    client = login(advocate)
    response = client.post(
        f"/share/{item.pk}/", {"network": "linkedin", "text": hostile, "action": "share"}
    )
    share = Share.objects.get()
    assert share.text == hostile
    for url in (response["Location"], "/shares/"):
        page = client.get(url).content.decode()
        assert not live_hazards(page), url
        assert "&lt;script&gt;" in page


def test_a_double_submit_makes_two_shares_with_one_link(login, advocate, item):
    data = {"network": "x", "text": "Twice", "action": "share"}
    login(advocate).post(f"/share/{item.pk}/", data)
    login(advocate).post(f"/share/{item.pk}/", data)
    assert Share.objects.count() == 2
    assert Share.objects.values("link").distinct().count() == 1


def test_the_composer_starts_on_a_network_the_advocate_said_they_use(login, advocate, item):
    from chorus.sharing.selectors import networks_offered
    from chorus.sharing.services import sharing_profile_update

    assert networks_offered(user=advocate)[0].key == "linkedin"
    sharing_profile_update(user=advocate, networks=["bluesky", "x"])
    assert [n.key for n in networks_offered(user=advocate)][:2] == ["x", "bluesky"]
    response = login(advocate).get(f"/share/{item.pk}/")
    assert response.context["network"].key == "x"
