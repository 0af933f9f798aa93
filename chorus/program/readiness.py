"""The readiness check's fixed parts: the pulse survey's questions, the owner's checklist, and
the arithmetic of anonymous results (eNPS, means, groups of at least MIN_GROUP answers)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# No answers of a group smaller than this are ever shown, on pages, in exports or in the API.
MIN_GROUP = 5

ENPS_QUESTION = _("How likely are you to recommend this company as a place to work?")
ENPS_LOW = _("Not at all likely")
ENPS_HIGH = _("Extremely likely")


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise
    short: Promise  # a table's column head


QUESTIONS = [
    Question("proud", _("I am proud to tell people where I work."), _("Proud")),
    Question(
        "comfortable_sharing",
        _("I would be comfortable sharing company news on my own profiles."),
        _("Comfortable sharing"),
    ),
    Question("time", _("I could spare about 15 minutes a week to share company news."), _("Time")),
    Question("trust", _("I trust the company to respect what I write in my own name."), _("Trust")),
]
QUESTION_KEYS = [question.key for question in QUESTIONS]
LIKERT = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Promise
    why: Promise
    blocking: bool  # unticked, it alone makes the verdict "not yet"


CHECKLIST = [
    ChecklistItem(
        "no_restructuring",
        _("No restructuring or layoffs are under way"),
        _("People will not speak up for an employer while they fear for their jobs."),
        True,
    ),
    ChecklistItem(
        "owner_time",
        _("The program has an owner with time for it every week"),
        _("Programs left to run themselves go quiet within a few months."),
        True,
    ),
    ChecklistItem(
        "management_first",
        _("Management is willing to go first and share themselves"),
        _("Employees follow what leaders do, not what they ask for."),
        False,
    ),
    ChecklistItem(
        "first_month_content",
        _("Content for the first month is ready"),
        _("Advocates who find nothing worth sharing in their first weeks rarely come back."),
        False,
    ),
]
CHECKLIST_KEYS = [item.key for item in CHECKLIST]


@dataclass(frozen=True)
class Answer:
    """What the arithmetic needs of one response (no key, nothing about its row)."""

    department: str
    location: str
    enps: int
    answers: dict


@dataclass
class Figures:
    """The answers of one group of at least MIN_GROUP people."""

    responses: int
    promoters: int
    passives: int
    detractors: int
    means: dict[str, float]

    @property
    def enps(self) -> int:
        """% promoters (9 or 10) minus % detractors (0 to 6), from -100 to 100."""
        return round(100 * (self.promoters - self.detractors) / self.responses)

    def percent(self, count: int) -> int:
        return round(100 * count / self.responses)

    @property
    def promoters_percent(self) -> int:
        return self.percent(self.promoters)

    @property
    def passives_percent(self) -> int:
        return self.percent(self.passives)

    @property
    def detractors_percent(self) -> int:
        return self.percent(self.detractors)

    def mean_list(self) -> list[tuple[Question, float | None]]:
        return [(question, self.means.get(question.key)) for question in QUESTIONS]


@dataclass
class Group:
    label: str
    figures: Figures
    is_other: bool = False


@dataclass
class Breakdown:
    key: str  # department or location
    title: Promise
    groups: list[Group]
    hidden: int  # how many groups are not shown on their own (pooled into "Other")


@dataclass
class Distribution:
    question: Question
    counts: list[int]  # answers 1 to 5
    mean: float


@dataclass
class Results:
    """A survey's results as they may be shown: `overall` is None below MIN_GROUP answers."""

    responses: int
    eligible: int
    overall: Figures | None = None
    enps_counts: list[int] = field(default_factory=list)  # answers 0 to 10
    distributions: list[Distribution] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def participation(self) -> float | None:
        """Responses per active employee, at most 1."""
        return min(1.0, self.responses / self.eligible) if self.eligible else None

    @property
    def visible(self) -> bool:
        return self.overall is not None


def figures_of(answers: Sequence[Answer]) -> Figures:
    """eNPS counts and the mean of each question; the caller makes sure the group is big enough."""
    sums: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for answer in answers:
        for key in QUESTION_KEYS:
            value = answer.answers.get(key)
            if isinstance(value, int):
                sums[key] += value
                counts[key] += 1
    return Figures(
        responses=len(answers),
        promoters=sum(1 for a in answers if a.enps >= 9),
        passives=sum(1 for a in answers if 7 <= a.enps <= 8),
        detractors=sum(1 for a in answers if a.enps <= 6),
        means={key: round(sums[key] / counts[key], 2) for key in QUESTION_KEYS if counts[key]},
    )


def breakdown_of(answers: Sequence[Answer], *, key: str, title: Promise) -> Breakdown:
    """Groups of at least MIN_GROUP answers by name; the rest pooled into "Other".

    A pool below MIN_GROUP would be the total minus the groups shown, so it is never left out
    on its own: the smallest shown group joins it (secondary suppression). Answers without a
    name are always pooled.
    """
    by_name: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_name[getattr(answer, key)].append(answer)
    shown = {name: rows for name, rows in by_name.items() if name and len(rows) >= MIN_GROUP}
    pooled = [row for name, rows in by_name.items() if name not in shown for row in rows]
    if 0 < len(pooled) < MIN_GROUP and shown:
        smallest = min(shown, key=lambda name: (len(shown[name]), name))
        pooled += shown.pop(smallest)
    groups = [
        Group(label=name, figures=figures_of(rows))
        for name, rows in sorted(shown.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    ]
    hidden = len(by_name) - len(shown)
    if len(pooled) >= MIN_GROUP and groups:
        groups.append(Group(label=str(_("Other")), figures=figures_of(pooled), is_other=True))
    elif len(pooled) >= MIN_GROUP:
        # Everybody is in the pool: it would only repeat the whole survey's figures.
        groups = []
    return Breakdown(key=key, title=title, groups=groups, hidden=hidden)


def results_of(answers: Sequence[Answer], *, eligible: int) -> Results:
    """Everything that may be shown of these answers; only the count below MIN_GROUP."""
    results = Results(responses=len(answers), eligible=eligible)
    if len(answers) < MIN_GROUP:
        return results
    results.overall = figures_of(answers)
    results.enps_counts = [sum(1 for a in answers if a.enps == score) for score in range(11)]
    for question in QUESTIONS:
        values = [a.answers.get(question.key) for a in answers]
        counts = [sum(1 for v in values if v == score) for score in range(1, 6)]
        results.distributions.append(
            Distribution(question, counts, results.overall.means.get(question.key, 0.0))
        )
    results.breakdowns = [
        breakdown_of(answers, key="department", title=_("By department")),
        breakdown_of(answers, key="location", title=_("By location")),
    ]
    return results


# The verdict's thresholds (see verdict_of).
LOW_MEAN = 3.0  # the scale's middle, "neither agree nor disagree"
WATCHED = {
    "comfortable_sharing": _(
        "Many are not comfortable sharing company news on their own profiles (%(mean)s of 5). "
        "Start with a small group of volunteers and let them show how it feels."
    ),
    "time": _(
        "Many say they cannot spare 15 minutes a week (%(mean)s of 5). Agree the time with "
        "their managers before asking for it."
    ),
    "trust": _(
        "Many doubt that what they write in their own name will be respected (%(mean)s of 5). "
        "Publish guidelines that trust people, and never ask them to post word for word."
    ),
}


@dataclass(frozen=True)
class Reason:
    status: str  # ok, warn or bad
    text: str


@dataclass
class Verdict:
    level: str  # ready, almost or not_yet
    reasons: list[Reason]

    LABELS = {
        "ready": _("Ready to launch"),
        "almost": _("Almost ready"),
        "not_yet": _("Not ready yet"),
    }

    @property
    def label(self) -> str:
        return str(self.LABELS[self.level])


def verdict_of(*, checklist: dict, results: Results | None, survey_open: bool) -> Verdict:
    """The readiness verdict and its reasons.

    - Checklist: a ticked item is ok. Unticked, "no restructuring" and "an owner with time"
      are bad (each alone makes the verdict "not yet"); "management goes first" and "content
      for the first month" are warnings.
    - Survey (the latest closed one): none, or fewer than MIN_GROUP answers, is a warning
      ("not enough answers yet"). An eNPS below 0 is a warning, and so is a mean below
      LOW_MEAN (3 of 5) for being comfortable sharing, for having the time, or for trusting
      the company with what one writes.
    - Level: any bad reason → not_yet; else any warning → almost; else ready.
    """
    reasons = []
    for item in CHECKLIST:
        if checklist.get(item.key):
            reasons.append(Reason("ok", str(item.label)))
        else:
            text = _("Not ticked: %(item)s. %(why)s") % {"item": item.label, "why": item.why}
            reasons.append(Reason("bad" if item.blocking else "warn", str(text)))
    overall = results.overall if results is not None else None
    if overall is None:
        if results is None and survey_open:
            text = _(
                "Not enough answers yet: the pulse survey is open, and its results count once "
                "it is closed."
            )
        elif results is None:
            text = _("Not enough answers yet: run the anonymous pulse survey to hear employees.")
        else:
            text = _(
                "Not enough answers yet: the last survey had fewer than %(min)s answers, so its "
                "results stay hidden."
            ) % {"min": MIN_GROUP}
        reasons.append(Reason("warn", str(text)))
    else:
        if overall.enps < 0:
            text = _(
                "The eNPS is %(enps)s: more employees would advise against working here than "
                "for it. Listen to them before asking them to speak for the company."
            )
            reasons.append(Reason("warn", str(text) % {"enps": overall.enps}))
        else:
            text = _("The eNPS is %(enps)s: more employees recommend the company than not.")
            reasons.append(Reason("ok", str(text) % {"enps": overall.enps}))
        low = [key for key in WATCHED if overall.means.get(key, LOW_MEAN) < LOW_MEAN]
        for key in low:
            mean = f"{overall.means[key]:.1f}"
            reasons.append(Reason("warn", str(WATCHED[key]) % {"mean": mean}))
        if not low:
            text = _("Employees are comfortable sharing, have the time and trust the company.")
            reasons.append(Reason("ok", str(text)))
    statuses = {reason.status for reason in reasons}
    level = "not_yet" if "bad" in statuses else "almost" if "warn" in statuses else "ready"
    return Verdict(level=level, reasons=reasons)
