"""Retrying background work: a failed attempt is recorded, and a later one is scheduled."""

import logging
from datetime import timedelta

from django.tasks import Task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def retry_later(task: Task, *args, attempt: int, error: Exception) -> bool:
    """Schedule attempt+1 of `task` with exponential back-off; False once attempts run out.

    The caller re-raises afterwards, so the failed attempt stays visible in the task results.
    """
    if attempt >= MAX_ATTEMPTS:
        logger.error("%s gave up after %d attempts: %s", task.name, attempt, error)
        return False
    delay = timedelta(minutes=2**attempt)
    scheduled = task
    if task.get_backend().supports_defer:
        scheduled = task.using(run_after=timezone.now() + delay)
    logger.warning("%s failed (attempt %d), retrying in %s: %s", task.name, attempt, delay, error)
    scheduled.enqueue(*args, attempt=attempt + 1)
    return True
