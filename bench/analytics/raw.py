"""The dashboards' figures counted straight from the raw clicks (tracking_click joined to the
shares that carry their links), the way a dashboard without a read model would: plain
COUNT/SUM … GROUP BY queries, the yardstick the rollups are measured against."""

import datetime as dt

from django.db import connection

COUNTS = (
    "SUM(CASE WHEN c.kind = 'human' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN c.kind = 'preview' THEN 1 ELSE 0 END)"
)
USER = "JOIN accounts_user u ON u.id = s.advocate_id"
ITEM = "LEFT JOIN content_contentitem i ON i.id = s.item_id"
# dim → (join, key expression)
DIMS = {
    "all": ("", ""),
    "network": ("", "s.network"),
    "department": (USER, "u.department_id"),
    "location": (USER, "u.location_id"),
    "language": (ITEM, "i.language"),
    "topic": (
        "LEFT JOIN content_contentitem_topics t ON t.contentitem_id = s.item_id",
        "t.topic_id",
    ),
    "campaign": ("JOIN tracking_trackedlink l ON l.id = s.link_id", "l.campaign"),
    "category": (ITEM, "i.category"),
    "kind": (ITEM, "i.kind"),
    "item": ("", "s.item_id"),
    "advocate": ("", "s.advocate_id"),
}


def _bounds(start: dt.date, end: dt.date) -> list:
    """[start, end + 1 day) as the database compares stored times."""
    adapt = connection.ops.adapt_datetimefield_value
    return [
        adapt(dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)),
        adapt(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)),
    ]


def _day(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"(({column}) AT TIME ZONE 'UTC')::date"
    return f"date({column})"


def _hour(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"date_trunc('hour', ({column}) AT TIME ZONE 'UTC')"
    return f"substr({column}, 1, 13)"


def _reach() -> str:
    if connection.vendor == "postgresql":
        return "COALESCE((p.audiences ->> s.network)::bigint, 0)"
    return "COALESCE(json_extract(p.audiences, '$.' || s.network), 0)"


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def clicks_by(
    dim: str, period, *, key: str = "", where: str = "", params=(), limit: int | None = None
) -> list[tuple]:
    """(key, clicks, previews) per key of a dimension (or an expression) over a period."""
    join, expression = DIMS[dim]
    expression = key or expression
    select = f"{expression}, " if expression else ""
    sql = (
        f"SELECT {select}{COUNTS} FROM tracking_click c "  # noqa: S608 - fixed SQL
        f"JOIN sharing_share s ON s.link_id = c.link_id {join} "
        f"WHERE c.counted AND c.at >= %s AND c.at < %s {where}"
    )
    if expression:
        sql += f" GROUP BY {expression}"
    if limit:
        sql += f" ORDER BY 2 DESC LIMIT {int(limit)}"
    return _rows(sql, [*_bounds(period.start, period.end), *params])


def shares_by(dim: str, period, *, key: str = "", where: str = "", params=()) -> list[tuple]:
    """(key, shares, reach) per key over a period: shares are few, the clicks are the cost."""
    join, expression = DIMS[dim]
    expression = key or expression
    select = f"{expression}, " if expression else ""
    sql = (
        f"SELECT {select}COUNT(*), SUM({_reach()}) FROM sharing_share s {join} "  # noqa: S608
        "LEFT JOIN sharing_sharingprofile p ON p.user_id = s.advocate_id "
        f"WHERE s.created_at >= %s AND s.created_at < %s {where}"
    )
    if expression:
        sql += f" GROUP BY {expression}"
    return _rows(sql, [*_bounds(period.start, period.end), *params])


def totals(period) -> list:
    return [clicks_by("all", period), shares_by("all", period)]


def series(period) -> list:
    return [
        clicks_by("all", period, key=_day("c.at")),
        shares_by("all", period, key=_day("s.created_at")),
    ]


def breakdown(dim: str, period) -> list:
    return [clicks_by(dim, period), shares_by(dim, period)]


def top(dim: str, period, limit: int = 10) -> list:
    """The top keys by clicks, then the shares of those keys."""
    rows = clicks_by(dim, period, limit=limit)
    keys = [row[0] for row in rows if row[0] is not None]
    _join, expression = DIMS[dim]
    marks = ", ".join(["%s"] * len(keys)) or "NULL"
    return [rows, shares_by(dim, period, where=f"AND {expression} IN ({marks})", params=keys)]


def advocates_active(period) -> int:
    sql = (
        "SELECT COUNT(DISTINCT advocate_id) FROM sharing_share "
        "WHERE created_at >= %s AND created_at < %s"
    )
    return _rows(sql, _bounds(period.start, period.end))[0][0]


def personal(advocate_id: int, period) -> list:
    """An advocate's totals now and before, days, best links and click hours."""
    mine, params = "AND s.advocate_id = %s", [advocate_id]
    return [
        clicks_by("all", period, where=mine, params=params),
        clicks_by("all", period.previous(), where=mine, params=params),
        shares_by("all", period, where=mine, params=params),
        shares_by("all", period.previous(), where=mine, params=params),
        clicks_by("all", period, key=_day("c.at"), where=mine, params=params),
        clicks_by("all", period, key="c.link_id", where=mine, params=params, limit=5),
        clicks_by("all", period, key=_hour("c.at"), where=mine, params=params),
    ]


def item(item_id: int, period) -> list:
    """An item's totals and its clicks per network and day."""
    its, params = "AND s.item_id = %s", [item_id]
    per_day = f"s.network, {_day('c.at')}"
    return [
        clicks_by("all", period, where=its, params=params),
        shares_by("all", period, key="s.network", where=its, params=params),
        clicks_by("all", period, key=per_day, where=its, params=params),
    ]


def explain(sql: str, params: list) -> str:
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    rows = _rows(prefix + sql, params)
    return "\n".join(" ".join(str(v) for v in row) for row in rows)
