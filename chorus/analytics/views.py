from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.accounts.permissions import curator_required, owner_required
from chorus.analytics import charts, reports
from chorus.analytics.forms import period_form, query_of
from chorus.analytics.health import Level, flags_waiting, program_health
from chorus.analytics.models import Dim
from chorus.analytics.selectors import (
    LEADERBOARD_DAYS,
    LONG,
    Period,
    individuals_visible,
    item_performance,
    leaderboard,
    leaderboard_on,
    milestones_of,
    milestones_on,
    personal_dashboard,
    program_dashboard,
    user_zone,
)
from chorus.analytics.services import leaderboard_visibility_set, milestones_seen_mark
from chorus.content.models import ContentItem
from chorus.core.errors import ChorusError
from chorus.core.spreadsheet import csv_response
from chorus.program.selectors import program_settings_get
from chorus.sharing.selectors import networks_offered, reaction_flags_open
from chorus.sharing.services import audience_parse, sharing_profile_update

NO_AUDIENCE = {"copy", "email"}  # not networks with followers


def _period(request):
    form = period_form(request.GET)
    period = form.period()
    preset = form.cleaned_data.get("days") or "30" if form.is_valid() else "30"
    return form, period, query_of(period, preset)


def _program(request, *, rows: int | None = 20):
    form, period, query = _period(request)
    program = program_settings_get()
    board = program_dashboard(viewer=request.user, program=program, period=period, rows=rows)
    return {
        "form": form,
        "period": period,
        "query": query,
        "board": board,
        "program": program,
        "kpis": reports.program_kpis(board),
        "trend": reports.trend(board.days),
        "funnel_bars": charts.bars([(s.label, s.count or 0) for s in board.funnel]),
        "tables": reports.program_tables(board),
        "breakdowns": [
            (dim, Dim(dim).label, found, dim in LONG and rows is not None and len(found) >= rows)
            for dim, found in board.breakdowns.items()
        ],
    }


@owner_required
def program_view(request):
    """The program dashboard: whether the program lives, and what works."""
    return render(request, "analytics/program.html", _program(request))


# Where to act on each signal: (link text, URL name).
HEALTH_ACTIONS = {
    "leaders_sharing": [
        (gettext_lazy("Find something to share"), "content:feed"),
        (gettext_lazy("People and roles"), "accounts:people"),
    ],
    "content_stock": [
        (gettext_lazy("Content calendar"), "content:calendar"),
        (gettext_lazy("Content workspace"), "content:items"),
        (gettext_lazy("Suggestions"), "content:suggestions"),
    ],
    "company_only": [
        (gettext_lazy("Content workspace"), "content:items"),
        (gettext_lazy("Inspiration"), "content:inspiration"),
    ],
    "quiet": [
        (gettext_lazy("Participation"), "accounts:advocacy-history"),
        (gettext_lazy("Write an announcement"), "notifications:announcements"),
    ],
    "onboarding_stuck": [
        (gettext_lazy("Who accepted the guidelines"), "academy:guidelines-acceptances"),
        (gettext_lazy("Academy lessons"), "academy:manage"),
    ],
    "questions": [(gettext_lazy("Answer questions"), "academy:questions-team")],
    "last_message": [(gettext_lazy("Write an announcement"), "notifications:announcements")],
    "flags": [(gettext_lazy("All reports of hostile reactions"), "sharing:flags")],
    "background": [(gettext_lazy("Background jobs"), "scheduler:jobs")],
}
FLAGS_LISTED = 20


@owner_required
def health_view(request):
    """The known failure modes of a program, each with its number and plain advice."""
    now = timezone.now()
    signals = program_health(now=now)
    flags = list(reaction_flags_open()[:FLAGS_LISTED])
    late = {flag.pk for flag in flags_waiting(flags, now)}
    return render(
        request,
        "analytics/health.html",
        {
            "signals": [
                (s, [(label, reverse(name)) for label, name in HEALTH_ACTIONS.get(s.key, [])])
                for s in signals
            ],
            "counts": {level: sum(s.level == level for s in signals) for level in Level},
            "checked_at": now,
            "flags": [(flag, flag.pk in late) for flag in flags],
        },
    )


@owner_required
def program_print(request):
    return render(request, "analytics/program_print.html", _program(request, rows=None))


@owner_required
def program_export(request, table: str):
    return _export(_program(request, rows=None), table, prefix="chorus")


def _personal(request):
    form, period, query = _period(request)
    board = personal_dashboard(user=request.user, period=period, zone=user_zone(request.user))
    heat = charts.heat_levels(board.heat)
    return {
        "form": form,
        "period": period,
        "query": query,
        "board": board,
        "kpis": reports.personal_kpis(board),
        "trend": reports.trend(board.days),
        "heat": [
            (
                reports.weekday_name(day),
                reports.weekday_short(day),
                [(hour, board.heat[day][hour], heat[day][hour]) for hour in range(24)],
            )
            for day in range(7)
        ],
        "best_hours": [(reports.weekday_name(d), h, c) for d, h, c in board.best_hours],
        "tables": reports.personal_tables(board),
    }


@login_required
def me_view(request):
    """My own figures, compared only with my own past."""
    context = _personal(request)
    profile = getattr(request.user, "sharing_profile", None)
    audiences = (profile.audiences if profile else {}) or {}
    context["audience_fields"] = [
        (network.key, network.name, audiences.get(network.key, ""))
        for network in networks_offered()
        if network.key not in NO_AUDIENCE
    ]
    if milestones_on():
        context["milestones"] = milestones_of(user=request.user)
        context["leaderboard_link"] = leaderboard_on()
        if context["milestones"].new:  # highlighted this once
            milestones_seen_mark(user=request.user)
    return render(request, "analytics/me.html", context)


@login_required
def me_export(request, table: str):
    return _export(_personal(request), table, prefix="chorus-my")


@login_required
def me_audiences(request):
    """How many people follow me on each network: the reach estimate of my shares."""
    if request.method != "POST":
        return redirect("analytics:me")
    offered = [n.key for n in networks_offered() if n.key not in NO_AUDIENCE]
    profile = getattr(request.user, "sharing_profile", None)
    kept = (profile.audiences if profile else {}) or {}
    audiences = {k: v for k, v in kept.items() if k not in offered}  # networks no longer offered
    errors = []
    for key in offered:
        try:
            size = audience_parse(request.POST.get(f"audience_{key}", ""))
        except ChorusError:
            errors.append(key)
            continue
        if size is not None:
            audiences[key] = size
    if errors:
        messages.error(request, _("Audience sizes are whole numbers, like 850. Nothing was saved."))
        return redirect("analytics:me")
    try:
        sharing_profile_update(user=request.user, audiences=audiences)
    except ChorusError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your audience sizes are saved. They count for your next shares.")
        )
    return redirect("analytics:me")


def _leaderboard_days(value: str | None) -> int:
    return int(value) if value in {str(d) for d in LEADERBOARD_DAYS} else LEADERBOARD_DAYS[0]


@login_required
def leaderboard_view(request):
    """Who drew the most clicks lately, among those who did not opt out (when it is on)."""
    if not leaderboard_on():
        raise Http404
    days = _leaderboard_days(request.GET.get("days"))
    board = leaderboard(period=Period.last(days), viewer=request.user)
    return render(
        request,
        "analytics/leaderboard.html",
        {
            "board": board,
            "days": days,
            "day_choices": [(30, _("Last 30 days")), (90, _("Last 90 days"))],
        },
    )


@login_required
def leaderboard_visibility(request):
    """Hide me from the leaderboard, or show me again."""
    if not leaderboard_on():
        raise Http404
    if request.method != "POST":
        return redirect("analytics:leaderboard")
    hidden = request.POST.get("hidden") == "1"
    leaderboard_visibility_set(user=request.user, hidden=hidden)
    messages.success(
        request,
        _("You are hidden from the leaderboard. Only you see your rank.")
        if hidden
        else _("You are on the leaderboard again."),
    )
    days = _leaderboard_days(request.POST.get("days"))
    return redirect(f"{reverse('analytics:leaderboard')}?days={days}")


@curator_required
def item_view(request, pk: int):
    """One item's shares and clicks per network over time, and how its samples fared."""
    item = get_object_or_404(ContentItem, pk=pk)
    form, period, query = _period(request)
    program = program_settings_get()
    individuals = individuals_visible(viewer=request.user, program=program)
    perf = item_performance(item=item, period=period, individuals=individuals)
    networks = [
        (label, key, figures, charts.sparkline([clicks for _day, clicks in points]))
        for label, key, figures, points in perf.networks
    ]
    return render(
        request,
        "analytics/item.html",
        {
            "form": form,
            "period": period,
            "query": query,
            "item": item,
            "perf": perf,
            "individuals": individuals,
            "trend": reports.trend(perf.days),
            "networks": networks,
        },
    )


def _export(context: dict, name: str, *, prefix: str) -> HttpResponse:
    table = context["tables"].get(name)
    if table is None:
        raise Http404
    period = context["period"]
    return _csv(table, f"{prefix}-{name}-{period.start}-{period.end}.csv")


def _csv(table: reports.Table, filename: str) -> HttpResponse:
    return csv_response([table.headers, *table.rows], filename)
