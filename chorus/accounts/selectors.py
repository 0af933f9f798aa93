"""Reads about people."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from chorus.accounts.models import (
    AdvocacyMembership,
    ApiToken,
    Invitation,
    User,
    api_token_hash,
)


def membership_active_for(*, user: User) -> AdvocacyMembership | None:
    if not user.is_authenticated:
        return None
    return AdvocacyMembership.objects.active().filter(user=user).first()


def user_is_advocate(*, user: User) -> bool:
    return user.is_authenticated and AdvocacyMembership.objects.active().filter(user=user).exists()


def advocates_in(*, departments=(), locations=()) -> QuerySet[User]:
    """Active people taking part in the program now; only those in one of the departments (and
    one of the locations) when some are given. The audience of announcements and campaigns."""
    members = AdvocacyMembership.objects.active().values("user_id")
    people = User.objects.filter(is_active=True, pk__in=members)
    if departments := [getattr(d, "pk", d) for d in departments]:
        people = people.filter(department_id__in=departments)
    if locations := [getattr(place, "pk", place) for place in locations]:
        people = people.filter(location_id__in=locations)
    return people


def invitation_get_by_key(*, key: str) -> Invitation | None:
    return Invitation.objects.select_related("department", "location").filter(key=key).first()


def invitation_open_for_email(*, email: str) -> Invitation | None:
    return Invitation.objects.pending().filter(email__iexact=email).first()


def invitations_pending() -> QuerySet[Invitation]:
    return Invitation.objects.pending().select_related("department", "location", "invited_by")


def people_list(*, query: str = "", role: str = "", advocates_only: bool = False) -> QuerySet[User]:
    """Everyone, with whether they take part in the program now (annotated `is_advocate`)."""
    people = (
        User.objects.filter(is_active=True)
        .select_related("department", "location")
        .annotate(
            is_advocate=Exists(AdvocacyMembership.objects.active().filter(user=OuterRef("pk")))
        )
        .order_by("display_name", "email")
    )
    if query:
        people = people.filter(
            Q(display_name__icontains=query)
            | Q(email__icontains=query)
            | Q(department__name__icontains=query)
            | Q(location__name__icontains=query)
            | Q(job_title__icontains=query)
        )
    if role:
        people = people.filter(role=role)
    if advocates_only:
        people = people.filter(is_advocate=True)
    return people


def membership_history() -> QuerySet[AdvocacyMembership]:
    """Every join and leave, newest first, for the owners' view of who chose to take part."""
    return AdvocacyMembership.objects.select_related("user", "user__department").order_by(
        "-joined_at"
    )


def people_counts() -> dict[str, int]:
    totals = User.objects.filter(is_active=True).aggregate(
        people=Count("pk", distinct=True),
        advocates=Count(
            "pk",
            filter=Q(memberships__left_at__isnull=True) & Q(memberships__isnull=False),
            distinct=True,
        ),
    )
    totals["pending_invitations"] = Invitation.objects.pending().count()
    return totals


def api_tokens_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def api_token_lookup(*, token: str) -> ApiToken | None:
    """The active token with this secret, with its (active) user, or None."""
    if not token or not token.startswith("chorus_"):
        return None
    return (
        ApiToken.objects.active()
        .select_related("user", "user__department", "user__location")
        .filter(key_hash=api_token_hash(token), user__is_active=True)
        .first()
    )


def user_with_memberships(*, user_id: int) -> User | None:
    return (
        User.objects.select_related("department", "location")
        .prefetch_related(Prefetch("memberships", queryset=AdvocacyMembership.objects.all()))
        .filter(pk=user_id)
        .first()
    )
