"""The dashboards' figures shaped once for every way out: the pages, the printable page, the
CSV exports and the API all read these, so a number never differs between them."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.analytics import charts
from chorus.analytics.models import Dim
from chorus.analytics.selectors import (
    BREAKDOWNS,
    Figures,
    PersonalDashboard,
    ProgramDashboard,
    by_week,
)

DAILY_UP_TO = 45  # longer periods are drawn week by week


@dataclass
class Kpi:
    key: str
    label: str
    value: int | float | Decimal | None
    previous: int | float | Decimal | None
    kind: str = "int"  # int, ratio or money

    @property
    def change(self) -> int | None:
        """Change against the previous period in whole percent; None where it has no meaning."""
        if self.value is None or not self.previous:
            return None
        return round(100 * (float(self.value) - float(self.previous)) / float(self.previous))


def program_kpis(board: ProgramDashboard) -> list[Kpi]:
    now, before = board.figures, board.previous
    return [
        Kpi("active", _("Active advocates"), board.active, board.active_previous),
        Kpi("joined", _("Joined"), board.joined, board.joined_previous),
        Kpi("shares", _("Shares"), now.shares, before.shares),
        Kpi("clicks", _("Clicks"), now.clicks, before.clicks),
        Kpi("previews", _("Link previews"), now.previews, before.previews),
        Kpi(
            "click_through", _("Clicks per share"), now.click_through, before.click_through, "ratio"
        ),
        Kpi("reach", _("Estimated reach"), now.reach, before.reach),
        Kpi(
            "emv",
            _("Earned media value"),
            board.emv.get("total"),
            board.emv_previous.get("total"),
            "money",
        ),
    ]


def personal_kpis(board: PersonalDashboard) -> list[Kpi]:
    now, before = board.figures, board.previous
    return [
        Kpi("shares", _("Shares"), now.shares, before.shares),
        Kpi("clicks", _("Clicks"), now.clicks, before.clicks),
        Kpi("previews", _("Link previews"), now.previews, before.previews),
        Kpi("reach", _("Estimated reach"), now.reach, before.reach),
    ]


def _grouped(days: list[tuple[dt.date, Figures]]) -> tuple[list[tuple[dt.date, Figures]], bool]:
    if len(days) <= DAILY_UP_TO:
        return days, False
    return by_week(days), True


def trend(days: list[tuple[dt.date, Figures]]) -> dict:
    """Clicks (with previews stacked) as columns and shares as a line, by day or by week."""
    points, weekly = _grouped(days)
    rows = []
    for day, figures in points:
        short = formats.date_format(day, "j.n")
        if weekly:
            full = _("Week of %(day)s") % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")}
        else:
            full = formats.date_format(day, "DATE_FORMAT")
        rows.append((short, full, figures))
    chart = charts.column_chart(
        [(s, f, fig.clicks, fig.previews) for s, f, fig in rows],
        line=[fig.shares for _s, _f, fig in rows],
        number=lambda n: formats.number_format(n, force_grouping=True),
    )
    return {"chart": chart, "rows": rows, "weekly": weekly}


@dataclass
class Table:
    """One table of a dashboard: what a CSV export holds, row for row."""

    name: str
    title: str
    headers: list[str]
    rows: list[list]


FIGURE_HEADERS = (
    gettext_lazy("Shares"),
    gettext_lazy("Clicks"),
    gettext_lazy("Link previews"),
    gettext_lazy("Estimated reach"),
)


def _figures(figures: Figures) -> list[int]:
    return [figures.shares, figures.clicks, figures.previews, figures.reach]


def program_tables(board: ProgramDashboard) -> dict[str, Table]:
    """Every table on the program dashboard, by the name its export has."""
    figure_headers = [str(h) for h in FIGURE_HEADERS]
    tables = [
        Table(
            "summary",
            _("Summary"),
            [_("Figure"), _("This period"), _("Previous period"), _("Change in %")],
            [
                [k.label, _plain(k.value), _plain(k.previous), "" if k.change is None else k.change]
                for k in program_kpis(board)
            ]
            if board.visible
            else [],
        ),
        Table(
            "days",
            _("Day by day"),
            [_("Day"), *figure_headers],
            [[day.isoformat(), *_figures(f)] for day, f in board.days],
        ),
        Table(
            "funnel",
            _("Participation funnel"),
            [_("Stage"), _("People")],
            [[stage.label, "" if stage.count is None else stage.count] for stage in board.funnel],
        ),
    ]
    ranked = [
        (dim, str(Dim(dim).label), str(Dim(dim).label), board.breakdowns.get(dim, []))
        for dim in BREAKDOWNS
    ]
    ranked.append(("content", _("Top content"), _("Content"), board.top_content))
    if board.individuals:
        ranked.append(("advocates", _("Top advocates"), _("Advocate"), board.top_advocates))
    for name, title, header, rows in ranked:
        tables.append(
            Table(
                name,
                title,
                [header, *figure_headers],
                [[row.label, *_figures(row.figures)] for row in rows],
            )
        )
    if board.visible:
        tables.append(
            Table(
                "emv",
                _("Earned media value"),
                [
                    _("Network"),
                    _("Clicks"),
                    _("Cost per click"),
                    _("Estimated reach"),
                    _("Cost per 1,000 impressions"),
                    _("Value"),
                ],
                [
                    [
                        line["label"],
                        line["clicks"],
                        line["cpc"],
                        line["reach"],
                        line["cpm"],
                        line["value"],
                    ]
                    for line in board.emv.get("lines", [])
                ],
            )
        )
    return {table.name: table for table in tables}


def personal_tables(board: PersonalDashboard) -> dict[str, Table]:
    figure_headers = [str(h) for h in FIGURE_HEADERS]
    hours = [
        [str(WEEKDAYS[day]), hour, board.heat[day][hour]]
        for day in range(7)
        for hour in range(24)
        if board.heat[day][hour]
    ]
    tables = [
        Table(
            "days",
            _("Day by day"),
            [_("Day"), *figure_headers],
            [[day.isoformat(), *_figures(f)] for day, f in board.days],
        ),
        Table(
            "posts",
            _("Your best posts"),
            [_("Shared"), _("Network"), _("What"), _("Clicks"), _("Link previews")],
            [
                [
                    post.share.created_at.date().isoformat(),
                    post.share.get_network_display(),
                    post_title(post.share),
                    post.clicks,
                    post.previews,
                ]
                for post in board.best_posts
            ],
        ),
        Table(
            "hours",
            _("When your shares were clicked"),
            [_("Weekday"), _("Hour"), _("Clicks")],
            hours,
        ),
    ]
    return {table.name: table for table in tables}


def post_title(share) -> str:
    if share.item is None:
        return _("Your own post")
    return share.item.title or share.item.url


def _plain(value):
    if isinstance(value, float):
        return round(value, 2)
    return "" if value is None else value


def weekday_name(index: int) -> str:
    """Monday is 0, as in Python (and in Django's translated names)."""
    return str(WEEKDAYS[index])


def weekday_short(index: int) -> str:
    return str(WEEKDAYS_ABBR[index])
