"""Background work for the hub: doors into the services."""

from django.tasks import task

from chorus.content import services
from chorus.content.models import ContentItem, InspirationSource
from chorus.core.fetch import FetchError
from chorus.core.tasks import retry_later

PREVIEW_ATTEMPTS = 3


@task()
def item_preview_fetch_task(item_id: int, attempt: int = 1) -> str:
    """Fill a link item's preview; a passing network failure is tried again later."""
    item = ContentItem.objects.filter(pk=item_id).first()
    if item is None or not item.url:
        return "gone"
    try:
        item = services.item_preview_fetch(item=item, last_attempt=attempt >= PREVIEW_ATTEMPTS)
    except FetchError as error:
        retry_later(item_preview_fetch_task, item_id, attempt=attempt, error=error)
        raise
    return item.preview_state


@task()
def inspiration_source_poll_task(source_id: int) -> int:
    """Poll one feed; errors are kept on the source for the curators to see."""
    source = InspirationSource.objects.filter(pk=source_id).first()
    return services.inspiration_source_poll(source=source) if source else 0


@task()
def inspiration_poll_all_task() -> int:
    """Poll every feed (the periodic job); polling twice adds nothing twice."""
    return sum(
        services.inspiration_source_poll(source=source)
        for source in InspirationSource.objects.all()
    )


@task()
def new_content_notify_task() -> int:
    """Tell followers about items that went live (the periodic job); never twice per item."""
    return services.new_content_notify()
