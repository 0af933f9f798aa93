"""Background work for the digest: doors into the services."""

from django.tasks import task

from chorus.digests.services import digests_send_due


@task()
def send_digests_task() -> dict[str, int]:
    """Send the digests that are due (the periodic job); never one twice per person and period."""
    return digests_send_due()
