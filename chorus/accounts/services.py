"""Writes about people: invitations, accepting them, advocacy membership, profiles, API tokens."""

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chorus.accounts.models import (
    AdvocacyMembership,
    ApiToken,
    Department,
    Invitation,
    Location,
    User,
    api_token_hash,
)
from chorus.core.errors import ChorusError

CSV_MAX_ROWS = 5000


def _normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ChorusError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": email}, code="email_invalid"
        ) from None
    return email


def _enqueue_invitation_mail(invitation: Invitation) -> None:
    from chorus.accounts.tasks import invitation_send_task  # tasks import services

    transaction.on_commit(lambda: invitation_send_task.enqueue(invitation.pk))


@transaction.atomic
def invitation_create(
    *,
    invited_by: User | None,
    email: str,
    display_name: str = "",
    department: Department | None = None,
    location: Location | None = None,
    language: str = "",
    role: str = User.Role.ADVOCATE,
    send: bool = True,
) -> Invitation:
    """Invite one address; the e-mail with the link is sent in the background."""
    email = _normalize_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ChorusError(
            _("%(email)s already has an account.") % {"email": email}, code="already_member"
        )
    if Invitation.objects.pending().filter(email__iexact=email).exists():
        raise ChorusError(
            _("%(email)s has already been invited.") % {"email": email}, code="already_invited"
        )
    # An expired, never-used invitation to the same address makes room for the new one.
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if language and language not in dict(settings.LANGUAGES):
        raise ChorusError(
            _("Unknown language “%(language)s”.") % {"language": language}, code="language_invalid"
        )
    if role not in User.Role.values:
        raise ChorusError(_("Unknown role “%(role)s”.") % {"role": role}, code="role_invalid")
    invitation = Invitation.objects.create(
        email=email,
        display_name=display_name.strip()[:150],
        department=department,
        location=location,
        language=language,
        role=role,
        key=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.CHORUS_INVITATION_DAYS),
    )
    if send:
        _enqueue_invitation_mail(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send the link again and give it a fresh validity period."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ChorusError(_("This invitation is closed."), code="invitation_closed")
    invitation.expires_at = timezone.now() + timedelta(days=settings.CHORUS_INVITATION_DAYS)
    invitation.save(update_fields=["expires_at", "updated_at"])
    _enqueue_invitation_mail(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at:
        raise ChorusError(_("This invitation has already been accepted."), code="invitation_used")
    invitation.revoked_at = invitation.revoked_at or timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


def invitation_mark_sent(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


@dataclass
class ImportReport:
    """What a CSV import did: invitations made and, per line, why a row was skipped."""

    invited: list[Invitation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


CSV_COLUMNS = ("name", "email", "department", "location", "language")
CSV_HEADER_ALIASES = {
    "name": "name",
    "display name": "name",
    "full name": "name",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "department": "department",
    "location": "location",
    "office": "location",
    "language": "language",
    "lang": "language",
}


def _read_csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1250", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ChorusError(_("The file is not readable text."), code="csv_invalid")  # pragma: no cover


def invitations_import_csv(*, invited_by: User, data: bytes) -> ImportReport:
    """Invite everyone in a CSV (name, e-mail, department, location, language).

    Each valid row is invited on its own; each invalid one is reported with its line and reason.
    Departments and locations are created on first mention.
    """
    text = _read_csv_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise ChorusError(_("The file is empty."), code="csv_empty")
    header = [CSV_HEADER_ALIASES.get(cell.strip().lower()) for cell in rows[0]]
    if "email" in header:
        columns, body, first_line = header, rows[1:], 2
    else:
        columns, body, first_line = list(CSV_COLUMNS), rows, 1
    if len(body) > CSV_MAX_ROWS:
        raise ChorusError(
            _("The file has more than %(count)d rows; please split it.") % {"count": CSV_MAX_ROWS},
            code="csv_too_long",
        )
    report = ImportReport()
    languages = {code for code, _label in settings.LANGUAGES}
    language_names = {str(label).lower(): code for code, label in settings.LANGUAGES}
    for line, row in enumerate(body, start=first_line):
        if not any(cell.strip() for cell in row):
            continue
        values = {col: cell.strip() for col, cell in zip(columns, row, strict=False) if col}
        language = values.get("language", "").lower()
        language = language_names.get(language, language)
        if language and language not in languages:
            report.errors.append(
                (
                    line,
                    _("unknown language “%(language)s” (use en, pl or th)")
                    % {"language": values.get("language")},
                )
            )
            continue
        if not values.get("email"):
            report.errors.append((line, _("the e-mail address is missing")))
            continue
        try:
            with transaction.atomic():
                department = _get_or_create_named(Department, values.get("department", ""))
                location = _get_or_create_named(Location, values.get("location", ""))
                report.invited.append(
                    invitation_create(
                        invited_by=invited_by,
                        email=values["email"],
                        display_name=values.get("name", ""),
                        department=department,
                        location=location,
                        language=language,
                    )
                )
        except ChorusError as error:
            report.errors.append((line, error.message))
        except IntegrityError:
            report.errors.append((line, _("this address appears twice in the file")))
    return report


def _get_or_create_named(model, name: str):
    name = name.strip()[:120]
    if not name:
        return None
    existing = model.objects.filter(name__iexact=name).first()
    return existing or model.objects.create(name=name)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, display_name: str = "") -> User:
    """Turn an open invitation into an account with the chosen password; it works only once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ChorusError(_("This invitation has already been used."), code="invitation_used")
    if invitation.revoked_at:
        raise ChorusError(_("This invitation was withdrawn."), code="invitation_revoked")
    if invitation.is_expired:
        raise ChorusError(_("This invitation has expired."), code="invitation_expired")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ChorusError(_("An account with this address already exists."), code="already_member")
    user = User(
        email=invitation.email,
        display_name=(display_name or invitation.display_name).strip()[:150],
        department=invitation.department,
        location=invitation.location,
        language=invitation.language,
        preferred_languages=[invitation.language] if invitation.language else [],
        role=invitation.role,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ChorusError(
            " ".join(error.messages), code="password_invalid", field="password1"
        ) from None
    user.set_password(password)
    user.save()
    # The link reached this mailbox, so the address is verified.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user", "updated_at"])
    return user


@transaction.atomic
def membership_join(*, user: User) -> AdvocacyMembership:
    """The person's own, explicit opt-in to the advocacy program. Nobody can do it for them."""
    current = AdvocacyMembership.objects.active().filter(user=user).first()
    if current:
        return current
    return AdvocacyMembership.objects.create(user=user)


@transaction.atomic
def membership_leave(*, user: User) -> AdvocacyMembership | None:
    """Leave the program at once; the history of having taken part stays for the owners."""
    current = AdvocacyMembership.objects.active().select_for_update().filter(user=user).first()
    if current:
        current.left_at = timezone.now()
        current.save(update_fields=["left_at", "updated_at"])
    return current


PROFILE_FIELDS = (
    "display_name",
    "job_title",
    "department",
    "location",
    "preferred_languages",
    "language",
    "time_zone",
)


@transaction.atomic
def user_update_profile(*, user: User, **changes) -> User:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ChorusError(_("These fields cannot be changed here."), code="field_invalid")
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ChorusError(_("Unknown language."), code="language_invalid")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


@transaction.atomic
def user_set_role(*, actor: User, user: User, role: str) -> User:
    """Owners give and take roles; the program always keeps at least one owner."""
    if not actor.is_owner:
        raise ChorusError(_("Only owners can change roles."), code="forbidden")
    if role not in User.Role.values:
        raise ChorusError(_("Unknown role “%(role)s”.") % {"role": role}, code="role_invalid")
    if (
        user.is_owner
        and role != User.Role.OWNER
        and (
            not User.objects.filter(role=User.Role.OWNER, is_active=True)
            .exclude(pk=user.pk)
            .exists()
        )
    ):
        raise ChorusError(_("The program needs at least one owner."), code="last_owner")
    user.role = role
    user.save(update_fields=["role"])
    return user


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token; returns the row and the token, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ChorusError(
            _("Give the token a name, so you know where it is used."), code="name_missing"
        )
    token = "chorus_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name[:100], prefix=token[:14], key_hash=api_token_hash(token)
    )
    return row, token


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    row = ApiToken.objects.filter(user=user, pk=token_id).first()
    if row is None:
        raise ChorusError(_("No such token."), code="not_found")
    if not row.revoked_at:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at", "updated_at"])
    return row


def api_token_touch(*, token: ApiToken) -> None:
    """Record use, at most once a minute, so busy clients do not write on every call."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
