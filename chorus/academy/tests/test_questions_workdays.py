"""Two working days, as "unanswered questions older than two working days are flagged" counts
them: weekends do not count, whenever the question was asked."""

from datetime import UTC, datetime, timedelta

import pytest

from chorus.core.workdays import working_days_after, working_days_before


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in June 2026: Monday the 1st … Friday the 5th, Saturday the 6th, Sunday the 7th."""
    return datetime(2026, 6, day, hour, minute, tzinfo=UTC)


def test_june_2026_starts_on_a_monday():
    assert at(1).weekday() == 0
    assert at(6).weekday() == 5


@pytest.mark.parametrize(
    ("asked", "late_from"),
    [
        (at(1), at(3)),  # Monday → Wednesday, same time
        (at(4), at(8)),  # Thursday → Monday
        (at(5), at(9)),  # Friday → Tuesday: the weekend does not count
        (at(5, 23, 59), at(9, 23, 59)),
        (at(6), at(10, 0)),  # Saturday → Wednesday 00:00: counted from Monday morning
        (at(7, 22), at(10, 0)),  # Sunday evening → the same
    ],
)
def test_a_question_is_late_two_working_days_after_it_was_asked(asked, late_from):
    assert working_days_after(asked, 2) == late_from


def test_a_friday_question_is_not_late_on_monday_but_is_on_tuesday():
    cutoff_monday = working_days_before(at(8, 17), 2)
    cutoff_tuesday = working_days_before(at(9, 10), 2)
    assert not at(5, 10) <= cutoff_monday
    assert at(5, 10) <= cutoff_tuesday
    assert not at(5, 11) <= cutoff_tuesday


def test_a_weekend_question_is_not_late_on_tuesday():
    cutoff = working_days_before(at(9, 23, 59), 2)
    assert not at(6, 9) <= cutoff
    assert not at(7, 20) <= cutoff
    assert at(6, 9) <= working_days_before(at(10, 0), 2)


def test_on_a_saturday_a_thursday_morning_question_is_not_late_yet():
    # It becomes late on Monday morning; the cut-off on Saturday must not reach Thursday.
    cutoff = working_days_before(at(6, 10), 2)
    assert not at(4, 9) <= cutoff
    assert at(3, 23) <= cutoff


def test_the_cut_off_agrees_with_the_deadline_at_every_hour_of_two_weeks():
    """start <= working_days_before(end) exactly when working_days_after(start) <= end."""
    hours = [at(1, 0) + timedelta(minutes=90 * step) for step in range(14 * 16)]
    for end in hours[::5]:
        cutoff = working_days_before(end, 2)
        for start in hours:
            if start > end:
                break
            assert (start <= cutoff) == (working_days_after(start, 2) <= end), (start, end)
