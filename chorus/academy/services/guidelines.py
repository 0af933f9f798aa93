"""Writes of the guidelines: publishing a version or a correction, and accepting."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chorus.academy.models import Guidelines, GuidelinesAcceptance
from chorus.academy.selectors.guidelines import guidelines_current
from chorus.academy.services.onboarding import onboarding_refresh
from chorus.core.errors import ChorusError, ForbiddenError

TEXT_MAX = 30_000


def _clean(texts: dict) -> dict:
    codes = {code for code, _label in settings.LANGUAGES}
    clean = {}
    for code, text in texts.items():
        if code not in codes:
            raise ChorusError(_("Unknown language “%(code)s”.") % {"code": code}, code="language")
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > TEXT_MAX:
            raise ChorusError(_("The text is far too long."), code="text_too_long", field=code)
        if text:
            clean[code] = text
    return clean


@transaction.atomic
def guidelines_publish(
    *, by, texts: dict, hate_advice: dict, note: str = "", new_version: bool = True
) -> Guidelines:
    """Publish the guidelines. A new version asks every advocate to accept again; a correction
    (new_version=False) changes the current version's words without asking."""
    if not by.is_owner:
        raise ForbiddenError(_("Only program owners can change the guidelines."), code="forbidden")
    texts, hate_advice = _clean(texts), _clean(hate_advice)
    if not texts:
        raise ChorusError(_("Write the guidelines in at least one language."), code="text_missing")
    current = Guidelines.objects.select_for_update().order_by("-version").first()
    if current is not None and not new_version:
        current.texts, current.hate_advice = texts, hate_advice
        current.note = note.strip()[:300] or current.note
        current.published_by = by  # who last put words in this version
        current.save(update_fields=["texts", "hate_advice", "note", "published_by", "updated_at"])
        return current
    return Guidelines.objects.create(
        version=(current.version + 1) if current else 1,
        texts=texts,
        hate_advice=hate_advice,
        note=note.strip()[:300],
        published_by=by,
    )


def guidelines_accept(*, user, version: int | None = None) -> GuidelinesAcceptance:
    """Accept the current guidelines. `version` is what the person read: if it is no longer
    current, they must read the new one first."""
    current = guidelines_current()
    if current is None:
        raise ChorusError(_("There are no guidelines to accept yet."), code="no_guidelines")
    if version is not None and version != current.version:
        raise ChorusError(
            _("The guidelines changed while you were reading. Please read the new version."),
            code="guidelines_changed",
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                acceptance = GuidelinesAcceptance.objects.create(user=user, guidelines=current)
        except IntegrityError:  # accepted already (a second tab, a double click)
            acceptance = GuidelinesAcceptance.objects.get(user=user, guidelines=current)
        onboarding_refresh(user=user)
    return acceptance
