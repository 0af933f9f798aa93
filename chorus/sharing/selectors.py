"""Reads of the sharing app."""

from dataclasses import dataclass

from django.db.models import F, IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from chorus.accounts.models import User
from chorus.content.models import ContentItem, SamplePost
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import ReactionFlag, Share, SharingProfile
from chorus.sharing.networks import REGISTRY, Network
from chorus.sharing.similarity import NEARLY_IDENTICAL, similarity

COLLEAGUE_SAMPLE = 50  # enough recent colleagues' posts to judge, few enough to stay fast


def networks_offered(*, user=None) -> list[Network]:
    """The program's networks; with a user, the ones they said they use come first."""
    offered = program_settings_get().networks
    networks = [network for key, network in REGISTRY.items() if key in offered]
    profile = SharingProfile.objects.filter(user=user).first() if user is not None else None
    if profile and profile.networks:
        networks.sort(key=lambda network: network.key not in profile.networks)
    return networks


def shares_of(*, user: User) -> QuerySet[Share]:
    """The advocate's shares, newest first, each with its clicks and previews."""
    return (
        Share.objects.filter(advocate=user)
        .select_related("item", "link")
        .annotate(
            extra_clicks=Coalesce(
                Sum("extra_links__clicks"), Value(0), output_field=IntegerField()
            ),
            extra_previews=Coalesce(
                Sum("extra_links__previews"), Value(0), output_field=IntegerField()
            ),
        )
        .annotate(
            clicks=Coalesce(F("link__clicks"), Value(0)) + F("extra_clicks"),
            previews=Coalesce(F("link__previews"), Value(0)) + F("extra_previews"),
        )
        .order_by("-created_at", "-pk")
    )


def share_totals(*, user: User) -> dict[str, int]:
    """The advocate's whole record at a glance: shares, clicks, previews, networks used."""
    shares = list(shares_of(user=user).values_list("network", "clicks", "previews"))
    return {
        "shares": len(shares),
        "clicks": sum(row[1] for row in shares),
        "previews": sum(row[2] for row in shares),
        "networks": len({row[0] for row in shares}),
    }


def share_get_for_user(*, user: User, pk: int) -> Share:
    from chorus.core.errors import NotFoundError

    share = shares_of(user=user).filter(pk=pk).first()
    if share is None:
        raise NotFoundError("share not found", code="not_found")
    return share


def sharing_profile_of(*, user: User) -> SharingProfile | None:
    return SharingProfile.objects.filter(user=user).first()


def sample_post_pick(*, item: ContentItem, network: str, languages: list[str]) -> SamplePost | None:
    """The sample post to start from: for this network before one for all networks, in the
    person's languages in their order, else in the item's language, else any."""
    samples = list(item.sample_posts.all())
    if not samples:
        return None

    def rank(sample: SamplePost) -> tuple[int, int]:
        by_network = 0 if sample.network == network else 1 if not sample.network else 2
        by_language = (
            languages.index(sample.language) if sample.language in languages else len(languages)
        )
        return (by_network, by_language)

    fitting = [s for s in samples if s.network in ("", network)] or samples
    return min(fitting, key=rank)


@dataclass
class Closeness:
    sample: float | None  # to the sample post started from
    colleagues: float | None  # to the closest of colleagues' posts of this item
    colleague_posts: int

    @property
    def sample_percent(self) -> int:
        return round((self.sample or 0) * 100)

    @property
    def colleagues_percent(self) -> int:
        return round((self.colleagues or 0) * 100)

    @property
    def nearly_identical(self) -> bool:
        return max(self.sample or 0, self.colleagues or 0) >= NEARLY_IDENTICAL


def closeness(
    *, text: str, item: ContentItem | None, sample_text: str = "", advocate: User | None = None
) -> Closeness:
    """How close a draft is to its sample post and to what colleagues already posted."""
    sample = similarity(text, sample_text) if sample_text.strip() and text.strip() else None
    others: list[str] = []
    if item is not None:
        shares = Share.objects.filter(item=item).order_by("-pk")
        if advocate is not None:
            shares = shares.exclude(advocate=advocate)
        others = list(shares.values_list("text", flat=True)[:COLLEAGUE_SAMPLE])
    best = (
        max((similarity(text, other) for other in others), default=None) if text.strip() else None
    )
    return Closeness(sample=sample, colleagues=best, colleague_posts=len(others))


# Hostile reactions -------------------------------------------------------------------------------


def _flags() -> QuerySet[ReactionFlag]:
    return ReactionFlag.objects.select_related("share", "share__item", "reported_by", "replied_by")


def reaction_flags_open() -> QuerySet[ReactionFlag]:
    """Reports of hostile reactions the team has not resolved, oldest first."""
    return _flags().filter(resolved_at__isnull=True).order_by("created_at", "pk")


def reaction_flags_of(*, user: User) -> QuerySet[ReactionFlag]:
    """The reports this person made, newest first."""
    return _flags().filter(reported_by=user).order_by("-created_at", "-pk")


def reaction_flag_get_for_user(*, user: User, pk: int) -> ReactionFlag:
    """A report, for the advocate who made it or for curators and owners; else not found."""
    from chorus.core.errors import NotFoundError

    flag = _flags().filter(pk=pk).first()
    if flag is None or not (flag.reported_by_id == user.pk or user.is_curator):
        raise NotFoundError("report not found", code="not_found")
    return flag
