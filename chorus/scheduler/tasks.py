"""Background work of the scheduler: a door into scheduled_run_execute."""

from django.tasks import task

from chorus.scheduler.services import scheduled_run_execute


@task()
def scheduled_run_task(run_id: int) -> str:
    """Run one occurrence of a periodic job (skipped if another worker has it or it is done)."""
    return scheduled_run_execute(run_id=run_id)
