"""Writes of onboarding: steps done or skipped, and completion."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chorus.academy.models import Onboarding, ProfileChecklist
from chorus.academy.profile import PROFILE_ITEMS
from chorus.academy.selectors.onboarding import onboarding_status
from chorus.core.errors import ChorusError

SKIPPABLE = {"topics": "topics_at", "networks": "networks_at"}


@transaction.atomic
def onboarding_step_done(*, user, step: str) -> Onboarding:
    """Mark the topics or networks step as done (or skipped): onboarding moves on."""
    if step not in SKIPPABLE:
        raise ChorusError(_("There is no such step."), code="step_invalid")
    state, _created = Onboarding.objects.select_for_update().get_or_create(user=user)
    if getattr(state, SKIPPABLE[step]) is None:
        setattr(state, SKIPPABLE[step], timezone.now())
        state.save(update_fields=[SKIPPABLE[step], "updated_at"])
    onboarding_refresh(user=user)
    state.refresh_from_db()
    return state


@transaction.atomic
def onboarding_refresh(*, user) -> Onboarding | None:
    """Record when onboarding became complete; it stays complete when lessons are added."""
    status = onboarding_status(user=user)
    if not status.complete:
        return None
    state, _created = Onboarding.objects.select_for_update().get_or_create(user=user)
    if state.completed_at is None:
        state.completed_at = timezone.now()
        state.save(update_fields=["completed_at", "updated_at"])
    return state


@transaction.atomic
def profile_checklist_set(*, user, done: list[str]) -> ProfileChecklist:
    """The profile items the person says they have; private to them."""
    known = {item.key for item in PROFILE_ITEMS}
    unknown = set(done) - known
    if unknown:
        raise ChorusError(_("Unknown checklist item."), code="item_invalid")
    checklist, _created = ProfileChecklist.objects.update_or_create(
        user=user, defaults={"done": [item.key for item in PROFILE_ITEMS if item.key in done]}
    )
    return checklist
