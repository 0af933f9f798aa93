import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chorus.core.errors import ChorusError
from chorus.core.images import image_reencode


def _image(fmt: str, size=(1600, 800), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 60)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "png"), ("GIF", "png")]
)
def test_allowed_images_are_reencoded_and_shrunk(fmt, suffix):
    upload = SimpleUploadedFile("picture.bin", _image(fmt, mode="RGB" if fmt != "GIF" else "P"))
    result = image_reencode(upload, max_side=512, name="logo")
    assert result.name == f"logo.{suffix}"
    with Image.open(io.BytesIO(result.read())) as img:
        assert max(img.size) == 512


def test_an_svg_is_refused_with_a_clear_message():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ChorusError, match="PNG, JPEG, WebP or GIF"):
        image_reencode(SimpleUploadedFile("logo.png", svg, content_type="image/png"))


def test_a_file_is_judged_by_content_not_by_name():
    with pytest.raises(ChorusError):
        image_reencode(SimpleUploadedFile("logo.png", b"GIF89a not really an image"))


def test_other_image_formats_are_refused():
    with pytest.raises(ChorusError):
        image_reencode(SimpleUploadedFile("logo.bmp", _image("BMP", size=(20, 20))))
