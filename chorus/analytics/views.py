import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chorus.accounts.permissions import curator_required, owner_required
from chorus.analytics import charts, reports
from chorus.analytics.forms import period_form, query_of
from chorus.analytics.models import Dim
from chorus.analytics.selectors import (
    LONG,
    individuals_visible,
    item_performance,
    personal_dashboard,
    program_dashboard,
    user_zone,
)
from chorus.content.models import ContentItem
from chorus.core.errors import ChorusError
from chorus.program.selectors import program_settings_get
from chorus.sharing.selectors import networks_offered
from chorus.sharing.services import sharing_profile_update

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
        raw = request.POST.get(f"audience_{key}", "").strip().replace(" ", "").replace(",", "")
        if not raw:
            continue
        if not (raw.isascii() and raw.isdecimal() and len(raw) <= 9) or int(raw) > 100_000_000:
            errors.append(key)
            continue
        audiences[key] = int(raw)
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
    """UTF-8 with a byte-order mark, so that Excel reads Polish and Thai correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_cell(header) for header in table.headers])
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Text that a spreadsheet would run as a formula (a title like "=HYPERLINK(…)") stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
