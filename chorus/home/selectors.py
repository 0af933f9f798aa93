"""Reads that compose several apps for the home pages."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from chorus.academy.models import Guidelines, Onboarding
from chorus.academy.selectors.courses import courses_for
from chorus.accounts.models import AdvocacyMembership, User
from chorus.accounts.selectors import membership_history, people_counts
from chorus.notifications.models import Announcement
from chorus.program.models import PulseSurvey
from chorus.program.selectors import program_settings_get

MIN_GROUP = 5  # groups smaller than this are not shown, so nobody is singled out


def owner_overview() -> dict:
    counts = people_counts()
    people, advocates = counts["people"], counts["advocates"]
    program = program_settings_get()
    return {
        "counts": counts,
        "participation": (advocates / people) if people else 0,
        "recent": list(membership_history()[:8]),
        "checklist": [
            (
                program.name != "Chorus" or bool(program.logo),
                "program:settings",
                _("Give the program its name and logo"),
            ),
            (counts["people"] > 1, "accounts:invitation-import", _("Invite your colleagues")),
            (
                User.objects.filter(role=User.Role.CURATOR).exists(),
                "accounts:people",
                _("Name at least one curator"),
            ),
            (
                bool(program.allowed_signup_domains),
                "program:settings",
                _("Allow sign-up for your company's e-mail domain"),
            ),
            (
                Guidelines.objects.filter(published_by__isnull=False).exists(),
                "academy:guidelines-edit",
                _("Make the social media guidelines your own"),
            ),
            (
                PulseSurvey.objects.filter(closed_at__isnull=False).exists(),
                "program:readiness",
                _("Check that the program is ready: the pulse survey and your checklist"),
            ),
            (
                Announcement.objects.exists(),
                "notifications:announcements",
                _("Write to the advocates"),
            ),
        ],
    }


def advocates_by_department() -> list[dict]:
    """Advocates per department, largest first; departments under MIN_GROUP people are pooled."""
    rows = (
        User.objects.filter(is_active=True)
        .values("department__name")
        .annotate(
            people=Count("pk", distinct=True),
            advocates=Count(
                "memberships", filter=Q(memberships__left_at__isnull=True), distinct=True
            ),
        )
        .order_by("-advocates", "department__name")
    )
    shown, other = [], {"department__name": None, "people": 0, "advocates": 0}
    for row in rows:
        if row["department__name"] and row["people"] >= MIN_GROUP:
            shown.append(row)
        else:
            other["people"] += row["people"]
            other["advocates"] += row["advocates"]
    if other["people"]:
        shown.append(other)
    for row in shown:
        row["share"] = row["advocates"] / row["people"] if row["people"] else 0
    return shown


def advocate_languages() -> list[tuple[str, int]]:
    """Which languages the program's advocates read, to know which sample posts to write."""
    counts: dict[str, int] = {}
    users = User.objects.filter(
        pk__in=AdvocacyMembership.objects.active().values("user_id")
    ).values_list("preferred_languages", flat=True)
    for languages in users:
        for code in languages or []:
            counts[code] = counts.get(code, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def profile_checklist(*, user: User) -> list[tuple[bool, str]]:
    return [
        (bool(user.display_name), "display_name"),
        (bool(user.job_title), "job_title"),
        (bool(user.department_id), "department"),
        (bool(user.preferred_languages), "languages"),
    ]


def learning_next(*, user: User) -> dict:
    """The advocate's academy progress and the next lesson to read, in their language."""
    courses = courses_for(user=user)
    lessons = [lesson for course in courses for lesson in course.lessons]
    following = next((lesson for lesson in lessons if not lesson.done), None)
    return {
        "done": sum(lesson.done for lesson in lessons),
        "total": len(lessons),
        "next": following,
        "onboarded": Onboarding.objects.filter(user=user, completed_at__isnull=False).exists(),
    }
