"""An owner writes a lesson in Polish with an image; a Polish reader sees it, others the
fallback."""

import io
import re

import pytest
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from chorus.academy.models import Course, Lesson, LessonImage

pytestmark = pytest.mark.e2e


def _pl(text: str) -> str:
    with translation.override("pl"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Polish translation"
    return translated


@pytest.fixture
def media_on_disk(settings):
    """Uploaded images as the running app keeps them: files under MEDIA_ROOT, served at /media/
    (the other tests keep them in memory)."""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    }
    yield
    for lesson_image in LessonImage.objects.all():
        lesson_image.image.delete(save=False)


def test_an_owner_writes_a_polish_lesson_with_an_image(
    page, sign_in, owner, advocate, tmp_path, media_on_disk
):
    owner.language = "pl"
    owner.save()
    picture = tmp_path / "schemat.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "teal").save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    course = Course.objects.get(key="writing-posts")

    sign_in(owner)
    page.goto(f"/academy/manage/courses/{course.pk}/?lang=pl")
    page.get_by_label(_pl("Title of the new lesson")).fill("Zdjęcie, które przyciąga wzrok")
    page.get_by_role("button", name=_pl("Add the lesson")).click()
    expect(page).to_have_url(re.compile(r"/academy/manage/lessons/\d+/\?lang=pl$"))

    page.get_by_label(_pl("Image"), exact=True).set_input_files(str(picture))
    page.get_by_label(_pl("Description for screen readers")).fill("Schemat kadru")
    page.get_by_role("button", name=_pl("Upload")).click()
    snippet = page.locator("#images figcaption code").inner_text()
    assert snippet.startswith("![Schemat kadru](/media/academy/")

    page.get_by_label(_pl("Text"), exact=True).fill(f"## Kadr\n\n{snippet}\n\nPatrz w obiektyw.")
    page.get_by_role("button", name=_pl("Save the lesson")).click()
    expect(page.locator(".messages")).to_contain_text(_pl("The lesson is saved."))

    lesson = Lesson.objects.get(texts__title="Zdjęcie, które przyciąga wzrok")
    page.context.clear_cookies()
    advocate.language = "pl"
    advocate.save()
    sign_in(advocate)
    page.goto(f"/academy/lessons/{lesson.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zdjęcie, które przyciąga wzrok")
    image = page.get_by_role("img", name="Schemat kadru")
    expect(image).to_be_visible()
    source = image.get_attribute("src")
    response = page.request.get(source)
    assert response.status == 200, source
    page.wait_for_function(
        "() => { const img = document.querySelector('main img'); return img.complete; }"
    )
    assert image.evaluate("img => img.naturalWidth") == 120
