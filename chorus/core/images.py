"""Uploaded images: checked by content, never by name, and re-encoded so no payload survives."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from chorus.core.errors import ChorusError

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def image_reencode(
    upload: UploadedFile, *, max_side: int = 1024, name: str = "image"
) -> ContentFile:
    """A re-encoded copy of an uploaded PNG, JPEG, WebP or GIF, at most max_side on a side."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ChorusError(
            _("The image is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20},
            code="image_too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in ALLOWED_FORMATS:
            raise UnidentifiedImageError(fmt)
        upload.seek(0)
        with Image.open(upload) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ChorusError(_("The image has too many pixels."), code="image_too_large")
            img.load()
            img.thumbnail((max_side, max_side))
            out = io.BytesIO()
            if fmt == "JPEG":
                img.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
            else:
                if img.mode not in ("RGB", "RGBA"):
                    img = img.convert("RGBA")
                fmt = "PNG"
                img.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ChorusError(
            _("Please upload a PNG, JPEG, WebP or GIF image."), code="image_invalid"
        ) from None
    return ContentFile(out.getvalue(), name=f"{name}.{ALLOWED_FORMATS[fmt]}")
