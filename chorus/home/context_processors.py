"""What every page's shell needs: the program, the navigation for this person's role, languages."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chorus.accounts.selectors import user_is_advocate
from chorus.analytics.selectors import leaderboard_on
from chorus.home.banners import banner
from chorus.program.selectors import program_settings_get

LANGUAGE_LABELS = {"en": "English", "pl": "Polski", "th": "ไทย"}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    url_name: str
    # Owners' pages sit in one "Program" menu, so the bar fits one line in every language.
    in_program_menu: bool = False


def _nav_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [
        NavItem(_("Home"), reverse("home:index"), "index"),
        NavItem(_("Content"), reverse("content:feed"), "feed"),
        NavItem(_("My shares"), reverse("sharing:my-shares"), "my-shares"),
        NavItem(_("My influence"), reverse("analytics:me"), "me"),
        NavItem(_("Academy"), reverse("academy:index"), "academy"),
    ]
    if leaderboard_on():
        items.append(NavItem(_("Leaderboard"), reverse("analytics:leaderboard"), "leaderboard"))
    if user.is_curator:
        items.append(NavItem(_("Workspace"), reverse("content:items"), "items"))
        items.append(NavItem(_("Campaigns"), reverse("campaigns:list"), "campaigns"))
    if user.is_owner:
        items += [
            NavItem(_("Analytics"), reverse("analytics:program"), "program", True),
            NavItem(_("Health"), reverse("analytics:health"), "health", True),
            NavItem(
                _("Announcements"), reverse("notifications:announcements"), "announcements", True
            ),
            NavItem(_("Digest"), reverse("digests:settings"), "digest", True),
            NavItem(_("People"), reverse("accounts:people"), "people", True),
            NavItem(_("Program settings"), reverse("program:settings"), "settings", True),
            NavItem(_("Background jobs"), reverse("scheduler:jobs"), "jobs", True),
        ]
    return items


def shell(request):
    user = request.user
    is_advocate = user_is_advocate(user=user) if user.is_authenticated else False
    return {
        "program": program_settings_get(),
        "nav_items": _nav_for(user),
        "is_advocate": is_advocate,
        "banner": banner(request, is_advocate=is_advocate),
        "ui_languages": [
            (code, LANGUAGE_LABELS.get(code, code)) for code, _label in settings.LANGUAGES
        ],
    }
