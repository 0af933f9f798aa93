"""The progress chart as plain SVG geometry, drawn by a template like the analytics charts: the
running total day by day across the campaign's dates, the goal as a line, and the even pace that
reaches it on the last day. No script, no library; a table beside it holds the same figures."""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils import formats

from chorus.campaigns.models import Campaign
from chorus.campaigns.selectors import Progress

WIDTH = 720
HEIGHT = 200
LEFT = 44
RIGHT = 8
TOP = 10
AXIS = 22  # room for the dates under the plot


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class XLabel:
    x: float
    label: str


@dataclass
class ProgressChart:
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: float = WIDTH - RIGHT
    plot_bottom: float = HEIGHT - AXIS
    line: str = ""  # the running total so far
    area: str = ""  # the same, closed to the axis
    goal_y: float = 0
    pace: str = ""  # from nothing on the first day to the goal on the last
    last_x: float = 0
    last_y: float = 0
    ticks: list[Tick] = field(default_factory=list)
    xlabels: list[XLabel] = field(default_factory=list)


def _step(top: float) -> int:
    """A round step (1, 2 or 5 times a power of ten) that splits 0…top into about four."""
    if top <= 4:
        return 1
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    return int(next(f * power for f in (1, 2, 5, 10) if f * power >= raw))


def progress_chart(campaign: Campaign, progress: Progress) -> ProgressChart:
    """The chart's geometry across the campaign's whole span (the days to come stay empty)."""
    chart = ProgressChart()
    top = max(campaign.goal_target, progress.total, 1)
    step = _step(top)
    axis_top = step * math.ceil(top * 1.05 / step)
    plot_height = chart.plot_bottom - TOP
    span = max(campaign.days - 1, 1)
    slot = (chart.plot_right - LEFT) / span

    def x(day: dt.date) -> float:
        return round(LEFT + (day - campaign.starts_on).days * slot, 1)

    def y(value: float) -> float:
        return round(chart.plot_bottom - plot_height * value / axis_top, 1)

    for n in range(0, axis_top + 1, step):
        chart.ticks.append(Tick(y(n), formats.number_format(n, force_grouping=True)))
    chart.goal_y = y(campaign.goal_target)
    chart.pace = (
        f"M{x(campaign.starts_on)},{y(0)} L{x(campaign.ends_on)},{chart.goal_y}"
        if campaign.days > 1
        else ""
    )
    every = max(1, math.ceil(campaign.days / 7))  # about seven dates along the bottom
    for n in range(0, campaign.days, every):
        day = campaign.starts_on + dt.timedelta(days=n)
        chart.xlabels.append(XLabel(x(day), formats.date_format(day, "j M")))
    if progress.days:
        points = [(x(day), y(total)) for day, total in progress.days]
        if len(points) == 1:  # the first day: a short level line makes a single point visible
            points.append((points[0][0] + min(slot, 8), points[0][1]))
        chart.line = "M" + " L".join(f"{px},{py}" for px, py in points)
        chart.area = f"{chart.line} L{points[-1][0]},{y(0)} L{points[0][0]},{y(0)} Z"
        chart.last_x, chart.last_y = points[-1]
    return chart
