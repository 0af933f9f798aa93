import random

import pytest

from chorus.program.readiness import (
    MIN_GROUP,
    Answer,
    Results,
    breakdown_of,
    figures_of,
    results_of,
    verdict_of,
)
from chorus.program.selectors import (
    pulse_pending_for,
    pulse_survey_results,
    readiness_verdict,
)
from chorus.program.services import (
    pulse_response_submit,
    pulse_survey_open,
    readiness_checklist_update,
)
from chorus.program.tests.pulse import NEUTRAL, answer, survey_with

ALL_TICKED = {
    "no_restructuring": True,
    "owner_time": True,
    "management_first": True,
    "first_month_content": True,
}


def _answers(groups: dict[str, int], **answers) -> list[Answer]:
    return [
        Answer(department=name, location="", enps=8, answers={**NEUTRAL, **answers})
        for name, count in groups.items()
        for _ in range(count)
    ]


def _labels(breakdown) -> dict[str, int]:
    return {group.label: group.figures.responses for group in breakdown.groups}


# The arithmetic.


def test_the_enps_is_the_share_of_promoters_minus_the_share_of_detractors():
    scores = [10, 9, 8, 7, 6, 0]
    figures = figures_of([Answer("", "", score, NEUTRAL) for score in scores])
    assert (figures.promoters, figures.passives, figures.detractors) == (2, 2, 2)
    assert figures.enps == 0
    figures = figures_of([Answer("", "", score, NEUTRAL) for score in [10, 10, 10, 9, 0]])
    assert figures.enps == 60
    figures = figures_of([Answer("", "", score, NEUTRAL) for score in [6, 6, 6, 6, 6, 9]])
    assert figures.enps == -67


def test_the_results_give_the_mean_and_the_distribution_of_each_question():
    answers = [Answer("", "", 8, {**NEUTRAL, "time": value}) for value in [1, 2, 2, 5, 5]]
    results = results_of(answers, eligible=10)
    time = next(d for d in results.distributions if d.question.key == "time")
    assert time.counts == [1, 2, 0, 0, 2]
    assert time.mean == pytest.approx(3.0)
    assert results.enps_counts == [0] * 8 + [5, 0, 0]
    assert results.participation == pytest.approx(0.5)


# Groups of fewer than MIN_GROUP answers.


def test_below_five_answers_only_the_count_is_given():
    results = results_of(_answers({"Sales": MIN_GROUP - 1}), eligible=10)
    assert results.responses == 4
    assert not results.visible
    assert results.overall is None
    assert results.distributions == results.breakdowns == results.enps_counts == []


def test_exactly_five_answers_are_shown():
    results = results_of(_answers({"Sales": MIN_GROUP}), eligible=10)
    assert results.visible
    assert results.overall.responses == 5


def test_groups_of_five_or_more_are_shown_by_name_and_nothing_is_pooled():
    breakdown = breakdown_of(_answers({"Sales": 5, "Engineering": 9}), key="department", title="")
    assert _labels(breakdown) == {"Engineering": 9, "Sales": 5}
    assert breakdown.hidden == 0


def test_small_groups_are_pooled_into_other_when_the_pool_has_five():
    answers = _answers({"Engineering": 9, "Finance": 2, "Legal": 3})
    breakdown = breakdown_of(answers, key="department", title="")
    assert _labels(breakdown) == {"Engineering": 9, "Other": 5}
    assert breakdown.groups[-1].is_other
    assert breakdown.hidden == 2


def test_a_single_small_group_takes_the_next_smallest_group_into_the_pool():
    # Shown alone, Engineering and Sales would give away Finance's answers: total minus both.
    answers = _answers({"Engineering": 9, "Sales": 6}) + _answers({"Finance": 2}, time=1)
    breakdown = breakdown_of(answers, key="department", title="")
    assert _labels(breakdown) == {"Engineering": 9, "Other": 8}
    assert breakdown.hidden == 2


def test_the_next_smallest_group_is_chosen_by_name_on_a_tie():
    answers = _answers({"Sales": 6, "Marketing": 6, "Engineering": 9, "Finance": 1})
    assert _labels(breakdown_of(answers, key="department", title="")) == {
        "Engineering": 9,
        "Sales": 6,
        "Other": 7,
    }


def test_when_everyone_would_be_in_the_pool_the_breakdown_shows_no_group():
    answers = _answers({"Engineering": 6, "Finance": 2})
    assert breakdown_of(answers, key="department", title="").groups == []
    answers = _answers({"Finance": 2, "Legal": 2, "Sales": 3})
    assert breakdown_of(answers, key="department", title="").groups == []


def test_answers_without_a_department_are_always_pooled():
    answers = _answers({"Engineering": 6, "": 5})
    assert _labels(breakdown_of(answers, key="department", title="")) == {
        "Engineering": 6,
        "Other": 5,
    }


def test_no_group_smaller_than_five_can_be_seen_or_worked_out_in_any_breakdown():
    rng = random.Random(5)  # noqa: S311 - repeatable cases, not secrets
    for _round in range(500):
        sizes = {f"G{i}": rng.choice([1, 2, 3, 4, 5, 6, 7, 12]) for i in range(rng.randint(1, 7))}
        if rng.random() < 0.3:
            sizes[""] = rng.randint(1, 6)
        answers = [
            Answer(name, "", rng.randint(0, 10), {key: rng.randint(1, 5) for key in NEUTRAL})
            for name, count in sizes.items()
            for _ in range(count)
        ]
        results = results_of(answers, eligible=100)
        if len(answers) < MIN_GROUP:
            assert not results.visible
            assert results.breakdowns == []
            continue
        department = results.breakdowns[0]
        shown = [group.figures.responses for group in department.groups]
        assert all(count >= MIN_GROUP for count in shown), sizes
        # The shown groups add up to everyone, so subtracting them from the total leaves
        # nobody out: no hidden group is the difference of what is shown.
        assert not shown or sum(shown) == len(answers), sizes
        for group in department.groups:
            if group.is_other:
                continue
            assert sizes[group.label] >= MIN_GROUP
            members = [a for a in answers if a.department == group.label]
            assert group.figures == figures_of(members)


# Through the database.


@pytest.mark.django_db
def test_an_open_survey_gives_only_its_count_even_with_many_answers(owner):
    survey = survey_with({"Sales": 7}, close=False)
    results = pulse_survey_results(survey=survey)
    assert results.responses == 7
    assert not results.visible
    assert results.breakdowns == []


@pytest.mark.django_db
def test_a_closed_surveys_results_are_broken_down_with_the_small_groups_pooled(owner):
    survey = survey_with({"Engineering": 6, "Sales": 5}, close=False)
    answer(survey, department="Finance", enps=0, time=1)
    survey.closed_at = survey.opened_at
    survey.save()
    results = pulse_survey_results(survey=survey)
    assert results.overall.responses == 12
    department = results.breakdowns[0]
    assert _labels(department) == {"Engineering": 6, "Other": 6}
    # The participation counts every active person, not only those who answered.
    assert results.participation == pytest.approx(12 / 13)


@pytest.mark.django_db
def test_the_pending_survey_is_the_open_one_until_the_person_answers(owner, advocate):
    assert pulse_pending_for(user=advocate) is None
    survey = pulse_survey_open(by=owner)
    assert pulse_pending_for(user=advocate) == survey
    pulse_response_submit(survey=survey, user=advocate, enps=9, answers=NEUTRAL)
    assert pulse_pending_for(user=advocate) is None
    assert pulse_pending_for(user=owner) == survey


# The verdict.


def _results(**answers) -> Results:
    enps = answers.pop("enps", 9)
    return results_of([Answer("", "", enps, {**NEUTRAL, **answers}) for _ in range(6)], eligible=10)


def test_with_everything_ticked_and_good_answers_the_program_is_ready():
    verdict = verdict_of(checklist=ALL_TICKED, results=_results(), survey_open=False)
    assert verdict.level == "ready"
    assert {reason.status for reason in verdict.reasons} == {"ok"}


def test_a_restructuring_or_no_owner_time_means_not_yet():
    for key in ("no_restructuring", "owner_time"):
        checklist = {**ALL_TICKED, key: False}
        verdict = verdict_of(checklist=checklist, results=_results(), survey_open=False)
        assert verdict.level == "not_yet", key
        assert [r.status for r in verdict.reasons].count("bad") == 1


def test_management_not_going_first_or_no_content_yet_means_almost():
    for key in ("management_first", "first_month_content"):
        checklist = {**ALL_TICKED, key: False}
        verdict = verdict_of(checklist=checklist, results=_results(), survey_open=False)
        assert verdict.level == "almost", key


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"enps": 3}, "The eNPS is -100"),
        ({"comfortable_sharing": 2}, "not comfortable sharing"),
        ({"time": 2}, "cannot spare 15 minutes"),
        ({"trust": 1}, "doubt"),
    ],
)
def test_unhappy_or_reluctant_employees_are_a_warning(answers, words):
    verdict = verdict_of(checklist=ALL_TICKED, results=_results(**answers), survey_open=False)
    assert verdict.level == "almost"
    warnings = [r.text for r in verdict.reasons if r.status == "warn"]
    assert len(warnings) == 1
    assert words in warnings[0]


def test_without_enough_answers_the_verdict_says_so():
    for results, survey_open in [(None, False), (None, True), (_results_of(4), False)]:
        verdict = verdict_of(checklist=ALL_TICKED, results=results, survey_open=survey_open)
        assert verdict.level == "almost"
        assert verdict.reasons[-1].status == "warn"
        assert verdict.reasons[-1].text.startswith("Not enough answers yet")


def _results_of(count: int) -> Results:
    return results_of([Answer("", "", 9, NEUTRAL)] * count, eligible=10)


@pytest.mark.django_db
def test_a_new_program_is_not_ready_until_the_owner_ticks_and_asks(owner):
    verdict = readiness_verdict()
    assert verdict.level == "not_yet"
    assert [r.status for r in verdict.reasons] == ["bad", "bad", "warn", "warn", "warn"]
    readiness_checklist_update(checklist=ALL_TICKED)
    survey_with({"Sales": 5})
    assert readiness_verdict().level == "ready"


@pytest.mark.django_db
def test_the_verdict_reads_the_latest_closed_survey_not_the_open_one(owner):
    readiness_checklist_update(checklist=ALL_TICKED)
    survey_with({"Sales": 5}, enps=0)
    survey_with({"Sales": 5}, enps=10, close=False)
    verdict = readiness_verdict()
    assert verdict.level == "almost"
    assert any("The eNPS is -100" in r.text for r in verdict.reasons)
