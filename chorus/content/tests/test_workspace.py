import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from chorus.content import services
from chorus.content.models import ContentItem
from chorus.content.selectors import feed_for_advocate
from chorus.content.tasks import item_preview_fetch_task
from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory, TopicFactory
from chorus.core.fetch import FetchError
from chorus.core.tests.html import live_hazards


def _png(color="red", size=(640, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def _page(title: str, *, charset: str, description: str = "", image: str = "") -> bytes:
    meta = f'<meta charset="{charset}">' if charset else ""
    og = f'<meta property="og:title" content="{title}">'
    if description:
        og += f'<meta property="og:description" content="{description}">'
    if image:
        og += f'<meta property="og:image" content="{image}">'
    html = f"<!doctype html><html><head>{meta}{og}<title>x</title></head><body></body></html>"
    python_codec = {"windows-874": "cp874"}.get(charset, charset)  # the web's name, Python's
    return html.encode(python_codec or "utf-8")


def _create(client, **data):
    form = {
        "kind": "link",
        "category": "news",
        "language": "en",
        "posts-TOTAL_FORMS": "1",
        "posts-INITIAL_FORMS": "0",
        "posts-0-network": "",
        "posts-0-language": "en",
        "posts-0-text": "",
        **data,
    }
    return client.post(reverse("content:item-create"), form)


def test_a_curator_creates_a_link_item_and_the_preview_fills_it(
    login, curator, web, django_capture_on_commit_callbacks
):
    web.add("/cover.png", _png(), content_type="image/png")
    url = web.add(
        "/news/launch",
        _page("We launched Orbit", charset="utf-8", description="Our new app.", image="/cover.png"),
    )
    client = login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, url=url, **{"posts-0-text": "Proud of this one."})
    item = ContentItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("content:item-edit", args=[item.pk])
    assert item.title == "We launched Orbit"
    assert item.description == "Our new app."
    assert item.preview_state == ContentItem.PreviewState.READY
    assert item.image.name.endswith(".png")
    with Image.open(item.image) as picture:
        assert picture.size == (640, 400)
    assert item.status == ContentItem.Status.DRAFT
    assert [p.text for p in item.sample_posts.all()] == ["Proud of this one."]
    assert item.created_by == curator


@pytest.mark.parametrize(
    ("charset", "title"),
    [
        ("windows-1250", "Zażółć gęślą jaźń: nowa oferta pracy"),
        ("iso-8859-2", "Świąteczna zbiórka w Krakowie"),
        ("tis-620", "ข่าวประชาสัมพันธ์ล่าสุด"),
        ("windows-874", "เปิดรับสมัครวิศวกรข้อมูล"),
    ],
)
def test_the_preview_decodes_polish_and_thai_pages_in_their_own_character_sets(
    curator, web, django_capture_on_commit_callbacks, charset, title
):
    url = web.add("/page", _page(title, charset=charset))
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_create(created_by=curator, kind="link", url=url, language="pl")
    item.refresh_from_db()
    assert item.title == title


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0x7f000001/",
    ],
)
def test_a_private_address_is_refused_with_a_clear_message(
    curator, settings, django_capture_on_commit_callbacks, url
):
    settings.CHORUS_FETCH_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_create(
            created_by=curator, kind="link", url=url, title="Manual title", language="en"
        )
    item.refresh_from_db()
    assert item.preview_state == ContentItem.PreviewState.FAILED
    assert "private or local" in item.preview_error
    assert item.title == "Manual title"


def test_the_curator_sees_why_the_preview_failed_and_can_fill_it_in(
    login, curator, settings, django_capture_on_commit_callbacks
):
    settings.CHORUS_FETCH_ALLOW_PRIVATE = False
    client = login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, url="http://10.0.0.1/", title="Manual title")
    item = ContentItem.objects.get()
    page = client.get(reverse("content:item-edit", args=[item.pk])).content.decode()
    assert "Fill in the title, description and image yourself" in page
    assert "Try again" in page


def test_a_redirect_to_a_private_address_is_refused_and_never_followed(
    curator, web, settings, django_capture_on_commit_callbacks
):
    target = web.add("/secret", b"secret")
    start = web.add("/go", b"", status=302, headers={"Location": "http://169.254.169.254/"})
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_create(created_by=curator, kind="link", url=start, language="en")
    item.refresh_from_db()
    assert item.preview_state == ContentItem.PreviewState.FAILED
    assert target not in [path for path, _headers in web.hits]


def test_a_page_that_cannot_be_fetched_leaves_a_message_and_the_form(
    login, curator, web, django_capture_on_commit_callbacks
):
    url = web.url + "/missing"
    client = login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        _create(client, url=url)
    item = ContentItem.objects.get()
    assert item.preview_state == ContentItem.PreviewState.FAILED
    assert item.preview_error


def test_a_link_without_an_address_rerenders_with_the_input_kept(login, curator):
    response = _create(login(curator), url="", note="Keep me")
    assert response.status_code == 200
    assert "Keep me" in response.content.decode()
    assert not ContentItem.objects.exists()


def test_expiry_before_publishing_is_refused(login, curator):
    response = _create(
        login(curator),
        kind="text",
        title="Town hall",
        publish_at="2026-12-01T10:00",
        expires_at="2026-11-30T10:00",
    )
    assert response.status_code == 200
    assert "The expiry time must come after the publishing time." in response.content.decode()


def test_a_scheduled_item_reaches_the_feed_at_its_time(curator, advocate):
    later = timezone.now() + timedelta(hours=2)
    item = services.item_create(
        created_by=curator, kind="text", title="Town hall", language="en", publish_at=later
    )
    assert item.status == ContentItem.Status.SCHEDULED
    assert item not in feed_for_advocate(user=advocate)
    ContentItem.objects.filter(pk=item.pk).update(publish_at=timezone.now())
    assert item in feed_for_advocate(user=advocate)


def test_publish_expire_and_duplicate(login, curator):
    topic = TopicFactory()
    item = ContentItemFactory(publish_at=None, title="Open day")
    item.topics.add(topic)
    SamplePostFactory(item=item, text="Come and see us")
    client = login(curator)
    client.post(reverse("content:item-action", args=[item.pk, "publish"]))
    item.refresh_from_db()
    assert item.status == ContentItem.Status.PUBLISHED
    client.post(reverse("content:item-action", args=[item.pk, "expire"]))
    item.refresh_from_db()
    assert item.status == ContentItem.Status.EXPIRED
    response = client.post(reverse("content:item-action", args=[item.pk, "duplicate"]))
    copy = ContentItem.objects.exclude(pk=item.pk).get()
    assert response["Location"] == reverse("content:item-edit", args=[copy.pk])
    assert copy.status == ContentItem.Status.DRAFT
    assert list(copy.topics.all()) == [topic]
    assert [p.text for p in copy.sample_posts.all()] == ["Come and see us"]


def test_images_are_checked_by_content_and_get_thumbnails(login, curator):
    item = ContentItemFactory(kind="images", url="")
    client = login(curator)
    upload = SimpleUploadedFile("team.png", _png(size=(1600, 900)), content_type="image/png")
    client.post(reverse("content:item-image-add", args=[item.pk]), {"image": upload})
    picture = item.images.get()
    with Image.open(picture.thumbnail) as thumb:
        assert max(thumb.size) == 480
    svg = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.post(
        reverse("content:item-image-add", args=[item.pk]), {"image": svg}, follow=True
    )
    assert item.images.count() == 1
    assert "message--error" in response.content.decode()


def test_the_calendar_shows_what_is_scheduled_in_week_and_month(login, curator):
    when = timezone.now() + timedelta(days=1)
    ContentItemFactory(title="Tomorrow's news", publish_at=when)
    client = login(curator)
    start = timezone.localdate(when).isoformat()
    for view in ("week", "month"):
        html = client.get(reverse("content:calendar"), {"view": view, "start": start})
        assert "Tomorrow&#x27;s news" in html.content.decode()


def test_the_item_list_filters_by_status_with_bounded_queries(
    login, curator, django_assert_max_num_queries
):
    for n in range(20):
        ContentItemFactory(title=f"Live {n}")
    ContentItemFactory(title="A draft", publish_at=None)
    client = login(curator)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("content:items"), {"status": "draft"}).content.decode()
    assert "A draft" in html
    assert "Live 1" not in html


def test_advocates_cannot_open_the_workspace(login, advocate):
    client = login(advocate)
    assert client.get(reverse("content:items")).status_code == 403
    assert client.get(reverse("content:item-create")).status_code == 403
    assert client.get(reverse("content:calendar")).status_code == 403


def test_a_video_link_gets_its_preview_too(curator, web, django_capture_on_commit_callbacks):
    url = web.add("/watch", _page("Talk: offline-first sync", charset="utf-8"))
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_create(created_by=curator, kind="video", url=url, language="en")
    item.refresh_from_db()
    assert item.title == "Talk: offline-first sync"


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'


def test_hostile_text_is_inert_on_every_curator_page(login, curator, employee):
    item = ContentItemFactory(title=f"T {HOSTILE}", note=f"N {HOSTILE}", description=HOSTILE)
    SamplePostFactory(item=item, text=f"P {HOSTILE}")
    services.suggestion_create(
        suggested_by=employee, url="https://acme.example/x", text=f"S {HOSTILE}"
    )
    client = login(curator)
    pages = [
        reverse("content:items"),
        reverse("content:item-edit", args=[item.pk]),
        reverse("content:item-detail", args=[item.pk]),
        reverse("content:calendar"),
        reverse("content:suggestions"),
        reverse("content:feed"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert live_hazards(html) == [], url
        assert "alert(" in html, url  # the hostile text is there, shown as text


def test_the_item_list_pages_keep_the_status_tab(login, curator):
    for n in range(30):
        ContentItemFactory(title=f"Draft {n}", publish_at=None)
    html = login(curator).get(reverse("content:items"), {"status": "draft"}).content.decode()
    assert "?status=draft&amp;page=2" in html


def test_a_passing_failure_is_shown_while_the_preview_is_tried_again(login, curator):
    url = "https://news.does-not-resolve.invalid/page"
    item = services.item_create(
        created_by=curator, kind="link", url=url, language="en", fetch_preview=False
    )
    ContentItem.objects.filter(pk=item.pk).update(preview_state="pending")
    with pytest.raises(FetchError):
        services.item_preview_fetch(item=item, last_attempt=False)
    item.refresh_from_db()
    assert item.preview_state == ContentItem.PreviewState.PENDING
    assert "news.does-not-resolve.invalid" in item.preview_error
    page = login(curator).get(reverse("content:item-edit", args=[item.pk])).content.decode()
    assert "Chorus tries again in a few minutes" in page
    # The task tries again (at once with the test task backend) until the last attempt fails.
    with pytest.raises(FetchError):
        item_preview_fetch_task.call(item.pk)
    item.refresh_from_db()
    assert item.preview_state == ContentItem.PreviewState.FAILED
