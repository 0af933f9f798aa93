"""Background work for campaigns: doors into the services."""

from django.tasks import task

from chorus.campaigns import services


@task()
def campaigns_start_task() -> int:
    """Announce the campaigns that began (the periodic job); never twice per campaign."""
    return services.campaigns_start_due()
