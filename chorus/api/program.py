"""/api/v1/program: the readiness check (owners), with the same hidden groups as its page."""

import datetime as dt

from ninja import Router, Schema

from chorus.core.errors import ForbiddenError
from chorus.program.readiness import CHECKLIST_KEYS, MIN_GROUP, Figures, Results
from chorus.program.selectors import (
    program_settings_get,
    pulse_survey_open_get,
    pulse_survey_results,
    pulse_surveys_closed,
    readiness_verdict,
)

router = Router(tags=["program"])


class ReasonOut(Schema):
    status: str  # ok, warn or bad
    text: str


class VerdictOut(Schema):
    level: str  # ready, almost or not_yet
    label: str
    reasons: list[ReasonOut]


class FiguresOut(Schema):
    responses: int
    enps: int  # % promoters (9-10) minus % detractors (0-6)
    promoters_percent: int
    passives_percent: int
    detractors_percent: int
    means: dict[str, float]  # question key → mean from 1 to 5


class GroupOut(Schema):
    label: str
    other: bool  # the pool of groups too small to show on their own
    figures: FiguresOut


class DistributionOut(Schema):
    question: str
    text: str
    counts: list[int]  # answers 1 (strongly disagree) to 5 (strongly agree)
    mean: float


class ResultsOut(Schema):
    responses: int
    participation: float | None  # responses per active employee
    visible: bool  # false below the minimum group size: only the count is given
    overall: FiguresOut | None
    enps_counts: list[int]  # answers 0 to 10
    distributions: list[DistributionOut]
    breakdowns: dict[str, list[GroupOut]]  # department, location


class SurveyOut(Schema):
    id: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    results: ResultsOut


class ReadinessOut(Schema):
    min_group: int
    verdict: VerdictOut
    checklist: dict[str, bool]
    open_survey: SurveyOut | None  # while open, results give the count only
    latest_survey: SurveyOut | None  # the latest closed one


def _figures(figures: Figures) -> dict:
    return {
        "responses": figures.responses,
        "enps": figures.enps,
        "promoters_percent": figures.promoters_percent,
        "passives_percent": figures.passives_percent,
        "detractors_percent": figures.detractors_percent,
        "means": figures.means,
    }


def _results(results: Results) -> dict:
    overall = results.overall
    return {
        "responses": results.responses,
        "participation": results.participation,
        "visible": overall is not None,
        "overall": _figures(overall) if overall is not None else None,
        "enps_counts": results.enps_counts,
        "distributions": [
            {
                "question": d.question.key,
                "text": str(d.question.text),
                "counts": d.counts,
                "mean": d.mean,
            }
            for d in results.distributions
        ],
        "breakdowns": {
            b.key: [
                {"label": g.label, "other": g.is_other, "figures": _figures(g.figures)}
                for g in b.groups
            ]
            for b in results.breakdowns
        },
    }


def _survey(survey) -> dict | None:
    if survey is None:
        return None
    return {
        "id": survey.pk,
        "opened_at": survey.opened_at,
        "closed_at": survey.closed_at,
        "results": _results(pulse_survey_results(survey=survey)),
    }


@router.get(
    "/program/readiness",
    response=ReadinessOut,
    summary="The readiness verdict, checklist and anonymous survey results (owners)",
)
def program_readiness(request):
    if not request.auth.is_owner:
        raise ForbiddenError("Only the program's owners see the readiness check.", code="forbidden")
    verdict = readiness_verdict()
    checklist = program_settings_get().readiness_checklist or {}
    return {
        "min_group": MIN_GROUP,
        "verdict": {
            "level": verdict.level,
            "label": verdict.label,
            "reasons": [{"status": r.status, "text": r.text} for r in verdict.reasons],
        },
        "checklist": {key: bool(checklist.get(key)) for key in CHECKLIST_KEYS},
        "open_survey": _survey(pulse_survey_open_get()),
        "latest_survey": _survey(pulse_surveys_closed().first()),
    }
