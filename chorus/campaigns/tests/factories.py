import datetime as dt

from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.services import campaign_create
from chorus.content.tests.factories import ContentItemFactory


def campaign_make(*, by, items=None, days_ago: int = 0, days: int = 14, **fields) -> Campaign:
    """A campaign through the service: running since `days_ago` days for `days` days."""
    start = program_today() - dt.timedelta(days=days_ago)
    values = {
        "name": "Job openings in March",
        "goal_target": 500,
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=days - 1),
        "items": items if items is not None else [ContentItemFactory()],
    }
    return campaign_create(by=by, **(values | fields))
