"""/api/v1/analytics: the program's figures (owners) and your own, with the dashboards' filters."""

import datetime as dt

from ninja import Query, Router, Schema

from chorus.analytics.forms import period_from
from chorus.analytics.selectors import (
    Figures,
    Period,
    Row,
    personal_dashboard,
    program_dashboard,
    user_zone,
)
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.program.selectors import program_settings_get

router = Router(tags=["analytics"])


class PeriodIn(Schema):
    days: str = "30"  # 7, 30, 90 or custom
    start: dt.date | None = None  # with days=custom
    end: dt.date | None = None


class PeriodOut(Schema):
    start: dt.date
    end: dt.date


class FiguresOut(Schema):
    shares: int
    clicks: int
    previews: int
    reach: int
    clicks_per_share: float | None


class DayOut(FiguresOut):
    day: dt.date


class RowOut(FiguresOut):
    key: str
    label: str


class StageOut(Schema):
    stage: str
    label: str
    people: int | None


class EmvLineOut(Schema):
    network: str
    clicks: int
    reach: int
    cost_per_click: str
    cost_per_mille: str
    value: str


class EmvOut(Schema):
    total: str
    currency: str
    formula: str
    lines: list[EmvLineOut]


class ProgramOut(FiguresOut):
    period: PeriodOut
    previous: FiguresOut | None
    individual_figures: bool
    figures_hidden: bool  # fewer than five people shared: the program's own figures stay hidden
    advocates_active: int | None
    advocates_joined: int
    days: list[DayOut]
    breakdowns: dict[str, list[RowOut]]
    top_content: list[RowOut]
    top_advocates: list[RowOut] | None
    funnel: list[StageOut]
    emv: EmvOut | None


class HourOut(Schema):
    weekday: int  # 0 is Monday
    hour: int
    clicks: int


class PostOut(Schema):
    share_id: int
    network: str
    item_id: int | None
    clicks: int
    previews: int


class MeOut(FiguresOut):
    period: PeriodOut
    previous: FiguresOut
    days: list[DayOut]
    best_posts: list[PostOut]
    hours: list[HourOut]


def _figures(figures: Figures) -> dict:
    return {**figures.as_dict(), "clicks_per_share": figures.click_through}


def _row(row: Row) -> dict:
    return {"key": row.key, "label": str(row.label), **_figures(row.figures)}


def _period(filters: PeriodIn) -> Period:
    params = {k: v for k, v in filters.dict().items() if v is not None}
    period, errors = period_from(params)
    if period is None:
        reasons = "; ".join(message for messages in errors.values() for message in messages)
        raise ChorusError(reasons or "The period is not valid.", code="bad_period")
    return period


@router.get("/analytics/program", response=ProgramOut, summary="The program's figures (owners)")
def analytics_program(request, filters: Query[PeriodIn]):
    if not request.auth.is_owner:
        raise ForbiddenError("Only the program's owners see its figures.", code="forbidden")
    period = _period(filters)
    board = program_dashboard(viewer=request.auth, program=program_settings_get(), period=period)
    visible = board.visible
    return {
        "period": {"start": period.start, "end": period.end},
        **(_figures(board.figures) if visible else _figures(Figures())),
        "previous": _figures(board.previous) if visible else None,
        "individual_figures": board.individuals,
        "figures_hidden": not visible,
        "advocates_active": board.active if visible else None,
        "advocates_joined": board.joined,
        "days": [{"day": day, **_figures(f)} for day, f in board.days],
        "breakdowns": {dim: [_row(r) for r in rows] for dim, rows in board.breakdowns.items()},
        "top_content": [_row(r) for r in board.top_content],
        "top_advocates": [_row(r) for r in board.top_advocates] if board.individuals else None,
        "funnel": [
            {"stage": s.key, "label": str(s.label), "people": s.count} for s in board.funnel
        ],
        "emv": {
            "total": str(board.emv["total"]),
            "currency": board.emv["currency"],
            "formula": "clicks * cost_per_click + reach / 1000 * cost_per_mille, per network",
            "lines": [
                {
                    "network": line["network"],
                    "clicks": line["clicks"],
                    "reach": line["reach"],
                    "cost_per_click": str(line["cpc"]),
                    "cost_per_mille": str(line["cpm"]),
                    "value": str(line["value"]),
                }
                for line in board.emv["lines"]
            ],
        }
        if visible
        else None,
    }


@router.get("/analytics/me", response=MeOut, summary="Your own figures")
def analytics_me(request, filters: Query[PeriodIn]):
    period = _period(filters)
    board = personal_dashboard(user=request.auth, period=period, zone=user_zone(request.auth))
    return {
        "period": {"start": period.start, "end": period.end},
        **_figures(board.figures),
        "previous": _figures(board.previous),
        "days": [{"day": day, **_figures(f)} for day, f in board.days],
        "best_posts": [
            {
                "share_id": post.share.pk,
                "network": post.share.network,
                "item_id": post.share.item_id,
                "clicks": post.clicks,
                "previews": post.previews,
            }
            for post in board.best_posts
        ],
        "hours": [
            {"weekday": day, "hour": hour, "clicks": board.heat[day][hour]}
            for day in range(7)
            for hour in range(24)
            if board.heat[day][hour]
        ],
    }
