"""Working days (Monday to Friday), for "unanswered for more than two working days"."""

from datetime import datetime, timedelta


def working_days_after(start: datetime, days: int) -> datetime:
    """The moment `days` working days after `start` (weekends do not count)."""
    moment = start
    # A weekend start counts from Monday 00:00: a Saturday question is not late on Tuesday.
    while moment.weekday() >= 5:
        moment = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    left = days
    while left:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment


def working_days_before(end: datetime, days: int) -> datetime:
    """The latest start for which working_days_after(start, days) <= end (a cut-off for queries)."""
    moment = end
    if moment.weekday() >= 5:
        # working_days_after() always lands on a working day, so a weekend `end` reaches no
        # further than the Friday's last moment (else Thursday 09:00 would be late on Saturday).
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        moment = midnight - timedelta(days=moment.weekday() - 5, microseconds=1)
    left = days
    while left:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment
