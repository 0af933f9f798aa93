"""/api/v1/analytics: the program's figures (owners) and your own, with the dashboards' filters;
your milestones and the leaderboard, when the program's recognition setting shows them."""

import datetime as dt

from ninja import Query, Router, Schema

from chorus.analytics.forms import period_from
from chorus.analytics.selectors import (
    LEADERBOARD_DAYS,
    Figures,
    MilestoneState,
    Period,
    Row,
    leaderboard,
    leaderboard_on,
    milestones_of,
    milestones_on,
    personal_dashboard,
    program_dashboard,
    user_zone,
)
from chorus.analytics.services import leaderboard_visibility_set
from chorus.core.errors import ChorusError, ForbiddenError, NotFoundError
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


class MilestoneOut(Schema):
    key: str
    label: str
    text: str
    reached_at: dt.datetime | None
    new: bool
    progress: int | None  # towards the next ones, where counted (63 of 100 clicks)
    target: int | None


class MilestonesOut(Schema):
    reached: list[MilestoneOut]
    next: list[MilestoneOut]


class LeaderOut(Schema):
    rank: int
    name: str
    department: str
    clicks: int
    is_you: bool


class LeaderboardOut(Schema):
    period: PeriodOut
    advocates: list[LeaderOut]
    ranked: int
    your_rank: int | None
    your_clicks: int
    you_are_hidden: bool


class LeaderboardIn(Schema):
    days: int = 30  # 30 or 90


class VisibilityIn(Schema):
    hidden: bool


def _milestone(m: MilestoneState) -> dict:
    return {
        "key": m.key,
        "label": m.label,
        "text": m.text,
        "reached_at": m.reached_at,
        "new": m.new,
        "progress": m.value,
        "target": m.target,
    }


def _leaderboard_on() -> None:
    if not leaderboard_on():
        raise NotFoundError("The program has no leaderboard.", code="leaderboard_off")


@router.get("/me/milestones", response=MilestonesOut, summary="Your milestones")
def me_milestones(request):
    """Reading them through the API does not mark them seen: the in-app badge stays."""
    if not milestones_on():
        raise NotFoundError("Recognition is off in this program.", code="recognition_off")
    board = milestones_of(user=request.auth)
    return {
        "reached": [_milestone(m) for m in board.reached],
        "next": [_milestone(m) for m in board.next],
    }


@router.get("/leaderboard", response=LeaderboardOut, summary="The opt-in leaderboard")
def leaderboard_get(request, filters: Query[LeaderboardIn]):
    _leaderboard_on()
    if filters.days not in LEADERBOARD_DAYS:
        raise ChorusError("The period is 30 or 90 days.", code="bad_period")
    board = leaderboard(period=Period.last(filters.days), viewer=request.auth)
    return {
        "period": {"start": board.period.start, "end": board.period.end},
        "advocates": [
            {
                "rank": row.rank,
                "name": row.name,
                "department": row.department,
                "clicks": row.clicks,
                "is_you": row.is_viewer,
            }
            for row in board.rows
        ],
        "ranked": board.people,
        "your_rank": board.viewer_rank,
        "your_clicks": board.viewer_clicks,
        "you_are_hidden": board.viewer_hidden,
    }


@router.put(
    "/leaderboard/visibility", response=VisibilityIn, summary="Hide yourself or show yourself"
)
def leaderboard_visibility(request, payload: VisibilityIn):
    _leaderboard_on()
    preference = leaderboard_visibility_set(user=request.auth, hidden=payload.hidden)
    return {"hidden": preference.leaderboard_hidden}
