"""/api/v1/program/health: the program's health signals (owners), as on the health page."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from chorus.analytics.health import program_health
from chorus.core.errors import ForbiddenError

router = Router(tags=["program"])


class SignalOut(Schema):
    key: str
    level: str  # green, amber or red
    value: int | None  # a percentage, a count or days, after `unit` (None: nothing to measure)
    unit: str  # percent, count or days
    numbers: dict[str, int]  # the counts the value comes from
    label: str
    explanation: str
    advice: str


class HealthOut(Schema):
    checked_at: dt.datetime
    signals: list[SignalOut]


@router.get(
    "/program/health",
    response=HealthOut,
    summary="The program's health signals: level, number behind it and advice (owners)",
)
def program_health_get(request):
    if not request.auth.is_owner:
        raise ForbiddenError("Only the program's owners see its health.", code="forbidden")
    now = timezone.now()
    return {
        "checked_at": now,
        "signals": [
            {
                "key": signal.key,
                "level": str(signal.level),
                "value": signal.value,
                "unit": signal.unit,
                "numbers": signal.numbers,
                "label": signal.label,
                "explanation": signal.explanation,
                "advice": signal.advice,
            }
            for signal in program_health(now=now)
        ],
    }
