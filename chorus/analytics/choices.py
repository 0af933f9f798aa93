"""The milestones recognition celebrates: real steps of progress, each reached once, never a
point per click (see the recognition setting in chorus.program)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class MilestoneKey(models.TextChoices):
    FIRST_SHARE = "first_share", _("First share")
    SHARES_10 = "shares_10", _("10 shares")
    FIRST_CLICK = "first_click", _("First click")
    CLICKS_100 = "clicks_100", _("100 clicks")
    CLICKS_1000 = "clicks_1000", _("1,000 clicks")
    ONBOARDING_DONE = "onboarding_done", _("Onboarding complete")
    FIRST_COURSE = "first_course", _("First course completed")
    FIRST_SUGGESTION_PUBLISHED = "first_suggestion_published", _("First suggestion published")


@dataclass(frozen=True)
class MilestoneKind:
    key: str
    text: str
    # Counted from the advocate's running totals in the read model: "shares" or "clicks".
    metric: str = ""
    threshold: int = 1
    # Shown as "next" only once this one is reached (no 1,000 clicks before the first 100).
    after: str = ""

    @property
    def label(self) -> str:
        return MilestoneKey(self.key).label


MILESTONES: tuple[MilestoneKind, ...] = (
    MilestoneKind(
        MilestoneKey.FIRST_SHARE,
        _("You shared for the first time. Every voice starts with one post."),
        metric="shares",
    ),
    MilestoneKind(
        MilestoneKey.SHARES_10,
        _("Ten posts in your own words: your network is learning what you stand for."),
        metric="shares",
        threshold=10,
        after=MilestoneKey.FIRST_SHARE,
    ),
    MilestoneKind(
        MilestoneKey.FIRST_CLICK,
        _("Someone clicked a link you shared: your post reached a real person."),
        metric="clicks",
    ),
    MilestoneKind(
        MilestoneKey.CLICKS_100,
        _("A hundred people read further because you shared."),
        metric="clicks",
        threshold=100,
        after=MilestoneKey.FIRST_CLICK,
    ),
    MilestoneKind(
        MilestoneKey.CLICKS_1000,
        _("A thousand readers came through your posts. That is an audience."),
        metric="clicks",
        threshold=1000,
        after=MilestoneKey.CLICKS_100,
    ),
    MilestoneKind(
        MilestoneKey.ONBOARDING_DONE,
        _("You are all set: guidelines read and the essential lessons done."),
    ),
    MilestoneKind(
        MilestoneKey.FIRST_COURSE,
        _("You finished a whole course in the academy. Well learnt!"),
    ),
    MilestoneKind(
        MilestoneKey.FIRST_SUGGESTION_PUBLISHED,
        _("Something you suggested is now in the hub for everyone to share."),
    ),
)

MILESTONE_BY_KEY = {kind.key: kind for kind in MILESTONES}
