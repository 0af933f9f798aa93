"""Background work of the tracking app: doors into the services."""

from django.tasks import task

from chorus.tracking.services import clicks_prune


@task()
def clicks_prune_task() -> int:
    """Delete raw clicks past the retention period (the daily job); running it twice is harmless."""
    return clicks_prune()
