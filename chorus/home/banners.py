"""The banner above every page that asks an advocate to accept new guidelines or to finish
onboarding: one query, made only when a page shows it, and only for advocates."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils.functional import SimpleLazyObject

from chorus.academy.models import Guidelines, GuidelinesAcceptance, Onboarding
from chorus.accounts.models import User


def _banner(request, is_advocate) -> str:
    user = request.user
    if not user.is_authenticated or request.path.startswith(("/onboarding/", "/guidelines/")):
        return ""
    if not is_advocate:
        return ""
    current = Guidelines.objects.order_by("-version").values("pk")[:1]
    state = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_guidelines=Exists(current),
            accepted=Exists(
                GuidelinesAcceptance.objects.filter(
                    user=OuterRef("pk"), guidelines=Subquery(current)
                )
            ),
            onboarded=Exists(
                Onboarding.objects.filter(user=OuterRef("pk"), completed_at__isnull=False)
            ),
        )
        .values("has_guidelines", "accepted", "onboarded")
        .first()
    )
    if state is None:
        return ""
    if state["has_guidelines"] and not state["accepted"]:
        return "guidelines"
    return "" if state["onboarded"] else "onboarding"


def banner(request, *, is_advocate) -> SimpleLazyObject:
    return SimpleLazyObject(lambda: _banner(request, bool(is_advocate)))
