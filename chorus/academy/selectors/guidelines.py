"""Reads of the guidelines: the current version, who accepted which, the advice on hate."""

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from chorus.academy.models import Guidelines, GuidelinesAcceptance
from chorus.academy.selectors.languages import pick, reading_order
from chorus.accounts.models import AdvocacyMembership, User


def guidelines_current() -> Guidelines | None:
    return Guidelines.objects.order_by("-version").first()


@dataclass(frozen=True)
class GuidelinesView:
    guidelines: Guidelines
    language: str
    text: str
    hate_advice: str


def guidelines_for(*, user=None, guidelines: Guidelines | None = None) -> GuidelinesView | None:
    """The current guidelines in the language this person reads best."""
    guidelines = guidelines or guidelines_current()
    if guidelines is None:
        return None
    order = reading_order(user)
    language, text = pick(guidelines.texts, order)
    _language, advice = pick(guidelines.hate_advice, [language, *order])
    return GuidelinesView(guidelines, language, text or "", advice or "")


def guidelines_hate_advice(*, language: str) -> str:
    """What to do when a post attracts hate, from the current guidelines, in `language` or the
    nearest one there is."""
    current = guidelines_current()
    if current is None:
        return ""
    _language, advice = pick(current.hate_advice, [language, *reading_order()])
    return advice or ""


def guidelines_accepted(*, user: User) -> bool:
    """Has this person accepted the current version (true while there are no guidelines)?"""
    current = guidelines_current()
    if current is None:
        return True
    return GuidelinesAcceptance.objects.filter(user=user, guidelines=current).exists()


def guidelines_acceptance_of(*, user: User) -> GuidelinesAcceptance | None:
    return (
        GuidelinesAcceptance.objects.filter(user=user)
        .select_related("guidelines")
        .order_by("-guidelines__version")
        .first()
    )


def guidelines_versions() -> QuerySet[Guidelines]:
    return Guidelines.objects.select_related("published_by").order_by("-version")


def guidelines_acceptances() -> QuerySet[User]:
    """Every current advocate, annotated with the newest version they accepted (`version`)
    and when (`accepted_at`): one query however many there are, to page through."""
    newest = GuidelinesAcceptance.objects.filter(user=OuterRef("pk")).order_by(
        "-guidelines__version"
    )
    return (
        User.objects.filter(
            pk__in=AdvocacyMembership.objects.active().values("user_id"), is_active=True
        )
        .select_related("department")
        .annotate(
            version=Subquery(newest.values("guidelines__version")[:1]),
            accepted_at=Subquery(newest.values("created_at")[:1]),
        )
        .order_by("display_name", "email")
    )
