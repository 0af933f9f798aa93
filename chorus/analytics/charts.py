"""Charts as plain SVG geometry, drawn by templates: no chart library, no script, nothing from
a CDN. Text stays text (the browser's fonts render Polish and Thai), every chart has a title,
a description and the same figures as a table beside it."""

import math
from dataclasses import dataclass, field

WIDTH = 720
PLOT_LEFT = 44
PLOT_RIGHT = 8
PLOT_TOP = 10
AXIS = 22  # room for the labels under the plot


@dataclass
class Column:
    x: float
    y: float
    w: float
    h: float
    label: str  # the full label, e.g. the date
    value: int
    second: int = 0  # a second figure stacked on top (previews on clicks)
    y2: float = 0
    h2: float = 0


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class XLabel:
    x: float
    label: str


@dataclass
class ColumnChart:
    width: int
    height: int
    plot_bottom: float
    columns: list[Column] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    xlabels: list[XLabel] = field(default_factory=list)
    line: str = ""  # an SVG path of a second series (shares), scaled to its own maximum
    peak: int = 0

    @property
    def empty(self) -> bool:
        return not any(c.value or c.second for c in self.columns)


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that splits 0…top into about `ticks`."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def column_chart(
    points: list[tuple[str, str, int, int]],
    *,
    height: int = 180,
    line: list[int] | None = None,
    number=str,
) -> ColumnChart:
    """Columns for (short label, full label, value, stacked value) points, oldest first;
    `line` adds a second series drawn as a line on its own scale."""
    chart = ColumnChart(width=WIDTH, height=height, plot_bottom=height - AXIS)
    if not points:
        return chart
    plot_height = chart.plot_bottom - PLOT_TOP
    top = max((v + s for _, _, v, s in points), default=0)
    step = nice_step(top)
    axis_top = max(step * math.ceil(top / step), step)
    chart.peak = top
    for n in range(0, axis_top + 1, step):
        y = chart.plot_bottom - plot_height * n / axis_top
        chart.ticks.append(Tick(round(y, 1), number(n)))
    slot = (WIDTH - PLOT_LEFT - PLOT_RIGHT) / len(points)
    gap = min(slot * 0.25, 6)
    every = max(1, math.ceil(len(points) / 8))  # about eight labels along the bottom
    for index, (short, full, value, second) in enumerate(points):
        x = PLOT_LEFT + index * slot + gap / 2
        h = plot_height * value / axis_top
        h2 = plot_height * second / axis_top
        y = chart.plot_bottom - h
        chart.columns.append(
            Column(
                x=round(x, 1),
                y=round(y, 1),
                w=round(slot - gap, 1),
                h=round(h, 1),
                label=full,
                value=value,
                second=second,
                y2=round(y - h2, 1),
                h2=round(h2, 1),
            )
        )
        if index % every == 0:
            chart.xlabels.append(XLabel(round(x + (slot - gap) / 2, 1), short))
    if line and max(line) > 0:
        peak = max(line)
        coords = []
        for index, value in enumerate(line):
            x = PLOT_LEFT + index * slot + slot / 2
            y = chart.plot_bottom - plot_height * 0.9 * value / peak
            coords.append(f"{x:.1f},{y:.1f}")
        chart.line = "M" + " L".join(coords)
    return chart


@dataclass
class BarRow:
    label: str
    value: int
    width: float  # 0…100, of the largest value


def bars(rows: list[tuple[str, int]]) -> list[BarRow]:
    """Horizontal bars as shares of the largest value."""
    top = max((value for _, value in rows), default=0) or 1
    return [BarRow(label, value, round(100 * value / top, 1)) for label, value in rows]


def heat_levels(heat: list[list[int]]) -> list[list[int]]:
    """Clicks per weekday and hour → levels 0…4 for the heat map's shades."""
    top = max((max(row) for row in heat), default=0)
    if not top:
        return [[0] * len(row) for row in heat]
    return [[0 if v == 0 else 1 + min(3, int(4 * v / (top + 1))) for v in row] for row in heat]


def sparkline(values: list[int], *, width: int = 100, height: int = 24) -> str:
    """An SVG path through the values, scaled to the box (for small per-row trends)."""
    if not values or max(values) == 0:
        return ""
    top = max(values)
    step = width / max(len(values) - 1, 1)
    points = [
        f"{n * step:.1f},{height - 2 - (height - 4) * value / top:.1f}"
        for n, value in enumerate(values)
    ]
    return "M" + " L".join(points)
