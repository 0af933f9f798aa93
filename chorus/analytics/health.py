"""Program health: the known ways an advocacy program dies, each watched by one signal.

Each signal is green, amber or red, carries the counts it was computed from and a plain
sentence of advice. Every threshold is a named constant below, with the reasoning behind it.

The counts are read straight from the tables (shares, memberships, items), not from the
dashboards' rollups: they count people and items over sliding windows ending now, which is one
indexed query each, and they must not lag behind while the rollup task has not run.

"Active advocates" here means people with an active membership whose account is active.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chorus.academy.selectors.questions import questions_overdue
from chorus.accounts.models import AdvocacyMembership
from chorus.content.models import ContentItem
from chorus.notifications.selectors import announcements_published
from chorus.scheduler.models import ScheduledRun
from chorus.scheduler.selectors import jobs_overview, worker_silent
from chorus.sharing.models import Share
from chorus.sharing.selectors import reaction_flags_open

User = get_user_model()


class Level(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


# --- leaders_sharing ---------------------------------------------------------------------------
# Employees follow what their leaders do. Chorus has no manager role: the leaders it knows are
# the owners and curators, the people who run the program. Share of them who shared anything
# (an item or an own post) in the last LEADERS_DAYS days: green from half, amber from a quarter.
LEADERS_DAYS = 30
LEADERS_GREEN = 50  # % at least
LEADERS_AMBER = 25  # % at least

# --- content_stock -----------------------------------------------------------------------------
# Fresh shareable items for the next two weeks: published in the last STOCK_DAYS days or
# scheduled for the next STOCK_DAYS days, and not expiring within STOCK_EXPIRY_MARGIN (an item
# about to end cannot carry the coming days), whatever their audience. Needed: the rule of thumb
# of about 3.5 new items per 100 active advocates per week, over the two weeks, never fewer than
# STOCK_MIN. The need is measured against all active advocates, not only those who shared
# lately: the quiet ones are the ones fresh content should bring back, and counting only sharers
# would lower the need just when a program is fading. Green from the need, amber from half.
STOCK_DAYS = 14
STOCK_EXPIRY_MARGIN = dt.timedelta(days=3)
STOCK_PER_100_A_WEEK = Fraction("3.5")  # exact: a float product could round a whole need up
STOCK_MIN = 2

# --- company_only ------------------------------------------------------------------------------
# People follow people, not logos: advocates build their own name with expertise, articles and
# events. Based on the category curators give each item: News and Job opening count as only
# about the company. Share of the shareable items published in the last COMPANY_DAYS days:
# green up to 50 %, amber up to 70 %, red above.
COMPANY_DAYS = 30
COMPANY_CATEGORIES = (ContentItem.Category.NEWS, ContentItem.Category.JOB)
COMPANY_GREEN = 50  # % at most
COMPANY_AMBER = 70  # % at most

# --- quiet -------------------------------------------------------------------------------------
# Active advocates who have been members for at least QUIET_DAYS days (newer ones had no fair
# chance yet) and shared nothing in the last QUIET_DAYS days: green below 40 %, amber below 70 %.
QUIET_DAYS = 30
QUIET_GREEN = 40  # % below
QUIET_AMBER = 70  # % below

# --- onboarding_stuck --------------------------------------------------------------------------
# Active advocates who joined more than STUCK_AFTER_DAYS days ago (a week is plenty for guidelines
# and a few short lessons) and whose onboarding is not complete: green up to 10 %, amber below 30 %.
STUCK_AFTER_DAYS = 7
STUCK_GREEN = 10  # % at most
STUCK_AMBER = 30  # % below

# --- questions ---------------------------------------------------------------------------------
# Open questions older than two working days (academy's questions_overdue): none is green, one
# or two amber, three or more red.
QUESTIONS_AMBER = 1  # at least
QUESTIONS_RED = 3  # at least

# --- last_message ------------------------------------------------------------------------------
# Days since the last announcement: up to two weeks green, up to a month amber, then (or never)
# red. Advocates who hear nothing from the program for a month assume it has stopped.
MESSAGE_GREEN = 14  # days at most
MESSAGE_AMBER = 30  # days at most

# --- flags -------------------------------------------------------------------------------------
# Hostile reactions advocates flagged that the team has not resolved (sharing's
# reaction_flags_open): none is green, any open one amber, and red once one has waited
# FLAG_RED_AFTER without a reply: someone attacked for sharing needs a personal answer the same
# day, or stops sharing. A flag the team has answered stays amber until it is resolved.
FLAG_RED_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class Signal:
    """One failure mode: its level, the headline number, the counts behind it and advice."""

    key: str
    level: Level
    value: int | None  # the headline: a percentage, a count or days (None: nothing to measure)
    unit: str  # "percent", "count" or "days"
    numbers: dict[str, int] = field(default_factory=dict)
    label: str = ""
    explanation: str = ""  # the number in words
    advice: str = ""


def _percent(part: int, whole: int) -> int | None:
    """Rounded half up; None when there is nothing to divide."""
    return (part * 200 + whole) // (2 * whole) if whole else None


def _members(now: dt.datetime):
    """Active memberships of active accounts (one per person), begun by `now`."""
    return AdvocacyMembership.objects.active().filter(user__is_active=True, joined_at__lte=now)


def _shared_since(since: dt.datetime, now: dt.datetime):
    """Ids of the people who shared anything in (since, now]."""
    return Share.objects.filter(created_at__gt=since, created_at__lte=now).values("advocate_id")


def leaders_sharing(now: dt.datetime) -> Signal:
    leaders = User.objects.filter(
        is_active=True, role__in=[User.Role.OWNER, User.Role.CURATOR]
    ).values("pk")
    total = leaders.count()
    shared = leaders.filter(
        pk__in=_shared_since(now - dt.timedelta(days=LEADERS_DAYS), now)
    ).count()
    if shared * 100 >= LEADERS_GREEN * total:
        level = Level.GREEN
    elif shared * 100 >= LEADERS_AMBER * total:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="leaders_sharing",
        level=level,
        value=_percent(shared, total),
        unit="percent",
        numbers={"shared": shared, "leaders": total},
        label=_("Leaders who share"),
        explanation=ngettext(
            "%(shared)d of %(leaders)d owner or curator shared in the last %(days)d days.",
            "%(shared)d of %(leaders)d owners and curators shared in the last %(days)d days.",
            total,
        )
        % {"shared": shared, "leaders": total, "days": LEADERS_DAYS},
        advice=_("Leaders go first, and colleagues see it. Keep sharing where they can see you.")
        if level == Level.GREEN
        else _(
            "Employees do what their leaders do, not what they are asked to. Share one item a "
            "week yourself and ask the other owners and curators to do the same. Chorus has no "
            "manager role: invite department heads to join as advocates and go first."
        ),
    )


def stock_needed(advocates: int) -> int:
    """Items needed for the next two weeks by `advocates` active advocates (rule of thumb)."""
    needed = STOCK_PER_100_A_WEEK * advocates / 100 * Fraction(STOCK_DAYS, 7)
    return max(STOCK_MIN, math.ceil(needed))


def content_stock(now: dt.datetime) -> Signal:
    advocates = _members(now).count()
    window = dt.timedelta(days=STOCK_DAYS)
    items = (
        ContentItem.objects.filter(
            shareable=True, publish_at__gt=now - window, publish_at__lte=now + window
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now + STOCK_EXPIRY_MARGIN))
        .count()
    )
    needed = stock_needed(advocates)
    if items >= needed:
        level = Level.GREEN
    elif items * 2 >= needed:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="content_stock",
        level=level,
        value=items,
        unit="count",
        numbers={"items": items, "needed": needed, "advocates": advocates},
        label=_("Fresh content for the next two weeks"),
        explanation=ngettext(
            "%(items)d shareable item published in the last %(days)d days or scheduled for "
            "the next %(days)d; %(advocates)d active advocates need about %(needed)d.",
            "%(items)d shareable items published in the last %(days)d days or scheduled for "
            "the next %(days)d; %(advocates)d active advocates need about %(needed)d.",
            items,
        )
        % {"items": items, "days": STOCK_DAYS, "advocates": advocates, "needed": needed},
        advice=_("Enough fresh content. Keep the calendar filled two weeks ahead.")
        if level == Level.GREEN
        else _(
            "Advocates who find nothing new stop looking. Plan the next two weeks in the "
            "content calendar, with colleagues' expertise, articles and events, and ask "
            "advocates to suggest links."
        ),
    )


def company_only(now: dt.datetime) -> Signal:
    published = ContentItem.objects.filter(
        shareable=True,
        publish_at__gt=now - dt.timedelta(days=COMPANY_DAYS),
        publish_at__lte=now,
    )
    total = published.count()
    company = published.filter(category__in=COMPANY_CATEGORIES).count()
    if company * 100 <= COMPANY_GREEN * total:
        level = Level.GREEN
    elif company * 100 <= COMPANY_AMBER * total:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="company_only",
        level=level,
        value=_percent(company, total),
        unit="percent",
        numbers={"company": company, "published": total},
        label=_("Content only about the company"),
        explanation=(
            ngettext(
                "%(company)d of %(published)d item published in the last %(days)d days is "
                "company news or a job opening.",
                "%(company)d of %(published)d items published in the last %(days)d days are "
                "company news or job openings.",
                total,
            )
            % {"company": company, "published": total, "days": COMPANY_DAYS}
            if total
            else _("No shareable item was published in the last %(days)d days.")
            % {"days": COMPANY_DAYS}
        )
        + " "
        + _("Counted by category: News and Job opening are about the company only."),
        advice=_(
            "A good mix: advocates get content that builds their own name, not only the company's."
        )
        if level == Level.GREEN
        else _(
            "People follow people, not logos. Add colleagues' expertise, useful articles and "
            "events, so that sharing builds the advocates' own name too."
        ),
    )


def quiet(now: dt.datetime) -> Signal:
    since = now - dt.timedelta(days=QUIET_DAYS)
    settled = _members(now).filter(joined_at__lte=since)
    total = settled.count()
    silent = settled.exclude(user_id__in=_shared_since(since, now)).count()
    if silent * 100 < QUIET_GREEN * total or not total:
        level = Level.GREEN
    elif silent * 100 < QUIET_AMBER * total:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="quiet",
        level=level,
        value=_percent(silent, total),
        unit="percent",
        numbers={"quiet": silent, "advocates": total},
        label=_("Advocates gone quiet"),
        explanation=ngettext(
            "%(quiet)d of %(advocates)d advocate who joined at least %(days)d days ago has not "
            "shared in the last %(days)d days.",
            "%(quiet)d of %(advocates)d advocates who joined at least %(days)d days ago have "
            "not shared in the last %(days)d days.",
            total,
        )
        % {"quiet": silent, "advocates": total, "days": QUIET_DAYS},
        advice=_("Most advocates keep sharing. Thank them now and then.")
        if level == Level.GREEN
        else _(
            "Ask, don't push: find out what they miss. Send an announcement with two or three "
            "items worth sharing, and check that the content fits their topics and languages."
        ),
    )


def onboarding_stuck(now: dt.datetime) -> Signal:
    due = _members(now).filter(joined_at__lt=now - dt.timedelta(days=STUCK_AFTER_DAYS))
    total = due.count()
    stuck = due.exclude(user__onboarding__completed_at__isnull=False).count()
    if stuck * 100 <= STUCK_GREEN * total:
        level = Level.GREEN
    elif stuck * 100 < STUCK_AMBER * total:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="onboarding_stuck",
        level=level,
        value=_percent(stuck, total),
        unit="percent",
        numbers={"stuck": stuck, "advocates": total},
        label=_("Onboarding stuck"),
        explanation=ngettext(
            "%(stuck)d of %(advocates)d advocate who joined more than %(days)d days ago has "
            "not finished onboarding.",
            "%(stuck)d of %(advocates)d advocates who joined more than %(days)d days ago have "
            "not finished onboarding.",
            total,
        )
        % {"stuck": stuck, "advocates": total, "days": STUCK_AFTER_DAYS},
        advice=_("New advocates get started.")
        if level == Level.GREEN
        else _(
            "People who never finish onboarding rarely share. Remind them personally, offer "
            "half an hour together, and check the lessons where people stop."
        ),
    )


def questions(now: dt.datetime) -> Signal:
    overdue = questions_overdue(now=now).count()
    if overdue >= QUESTIONS_RED:
        level = Level.RED
    elif overdue >= QUESTIONS_AMBER:
        level = Level.AMBER
    else:
        level = Level.GREEN
    return Signal(
        key="questions",
        level=level,
        value=overdue,
        unit="count",
        numbers={"overdue": overdue},
        label=_("Unanswered questions"),
        explanation=ngettext(
            "%(overdue)d question has waited more than two working days for an answer.",
            "%(overdue)d questions have waited more than two working days for an answer.",
            overdue,
        )
        % {"overdue": overdue},
        advice=_("Questions get answered in time.")
        if level == Level.GREEN
        else _(
            "An unanswered question tells advocates nobody is listening. Answer today, and "
            "put answers others need in the FAQ."
        ),
    )


def last_message(now: dt.datetime) -> Signal:
    last = announcements_published(now=now).first()
    days = (now - last.published_at).days if last else None
    if days is not None and days <= MESSAGE_GREEN:
        level = Level.GREEN
    elif days is not None and days <= MESSAGE_AMBER:
        level = Level.AMBER
    else:
        level = Level.RED
    return Signal(
        key="last_message",
        level=level,
        value=days,
        unit="days",
        numbers={} if days is None else {"days": days},
        label=_("Last message to advocates"),
        explanation=_("No announcement has gone out yet.")
        if days is None
        else ngettext(
            "The last announcement went out %(days)d day ago.",
            "The last announcement went out %(days)d days ago.",
            days,
        )
        % {"days": days},
        advice=_("Advocates hear from you regularly.")
        if level == Level.GREEN
        else _(
            "Write to advocates: what is coming, what worked, a thank-you. A few lines every "
            "week or two keep a program alive."
        ),
    )


def flags_waiting(flags, now: dt.datetime) -> list:
    """The open flags nobody has replied to for FLAG_RED_AFTER or longer."""
    return [f for f in flags if f.replied_at is None and f.created_at <= now - FLAG_RED_AFTER]


def flags(now: dt.datetime) -> Signal:
    open_ = reaction_flags_open().filter(created_at__lte=now)
    found = open_.count()
    waiting = open_.filter(replied_at__isnull=True, created_at__lte=now - FLAG_RED_AFTER).count()
    if waiting:
        level = Level.RED
    elif found:
        level = Level.AMBER
    else:
        level = Level.GREEN
    return Signal(
        key="flags",
        level=level,
        value=found,
        unit="count",
        numbers={"open": found, "waiting": waiting},
        label=_("Hostile reactions"),
        explanation=ngettext(
            "%(open)d hostile reaction flagged by an advocate is open; without a reply "
            "for a day or more: %(waiting)d.",
            "%(open)d hostile reactions flagged by advocates are open; without a reply "
            "for a day or more: %(waiting)d.",
            found,
        )
        % {"open": found, "waiting": waiting},
        advice=_("No advocate is waiting for help with a hostile reaction.")
        if level == Level.GREEN
        else _(
            "Answer each advocate personally, today: say what to do (the guidelines' advice "
            "on hate), whether to reply at all, and that the company stands behind them."
        ),
    )


# background: the periodic jobs (chorus.scheduler) that keep the rest true. Red when a job's
# latest run failed every attempt (digests, notices or figures have stopped), amber while one is
# being retried or when runs wait and no worker picks them up, green otherwise.


def background(now: dt.datetime) -> Signal:
    jobs = jobs_overview(now=now)
    failed = sum(1 for job in jobs if job.last and job.last.state == ScheduledRun.State.FAILED)
    retrying = sum(1 for job in jobs if job.last and job.last.state == ScheduledRun.State.RETRYING)
    silent = worker_silent(now=now)
    if failed:
        level = Level.RED
    elif retrying or silent:
        level = Level.AMBER
    else:
        level = Level.GREEN
    if silent:
        explanation = _("Jobs are waiting and no worker has started one for a while.")
    else:
        explanation = ngettext(
            "%(failed)d of %(jobs)d background job failed its last run; being retried: "
            "%(retrying)d.",
            "%(failed)d of %(jobs)d background jobs failed their last run; being retried: "
            "%(retrying)d.",
            failed,
        ) % {"failed": failed, "jobs": len(jobs), "retrying": retrying}
    return Signal(
        key="background",
        level=level,
        value=failed + retrying,
        unit="count",
        numbers={"jobs": len(jobs), "failed": failed, "retrying": retrying, "silent": int(silent)},
        label=_("Background jobs"),
        explanation=explanation,
        advice=_("Digests, notices and figures go out on time.")
        if level == Level.GREEN
        else _(
            "Open the background jobs to read the error; your administrator may need to start a "
            "worker (manage.py worker) or fix the mail or database settings."
        ),
    )


CHECKS = (
    leaders_sharing,
    content_stock,
    company_only,
    quiet,
    onboarding_stuck,
    questions,
    last_message,
    flags,
    background,
)


def program_health(*, now: dt.datetime | None = None) -> list[Signal]:
    """Every signal, in a fixed order, as of `now`."""
    now = now or timezone.now()
    return [check(now) for check in CHECKS]
