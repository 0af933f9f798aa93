"""Background work for the read model: a door into the services."""

from django.tasks import task

from chorus.analytics.services import analytics_update_all


@task()
def analytics_update_task() -> dict:
    """Count new shares and clicks into the rollups (the periodic job); safe to run twice."""
    update = analytics_update_all()
    return {"shares": update.shares, "tallies": update.tallies}
