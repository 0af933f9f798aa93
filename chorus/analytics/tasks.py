"""Background work for the read model: a door into the services."""

from django.tasks import task

from chorus.analytics.selectors import milestones_on
from chorus.analytics.services import analytics_update_all, milestones_update


@task()
def analytics_update_task() -> dict:
    """Count new shares and clicks into the rollups (the periodic job); safe to run twice."""
    update = analytics_update_all()
    return {"shares": update.shares, "tallies": update.tallies}


@task()
def milestones_update_task() -> int:
    """Record newly reached milestones (the periodic job), unless recognition is off."""
    if not milestones_on():
        return 0
    return milestones_update()
