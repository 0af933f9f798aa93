"""The advocates' side of the hub: the feed and one item."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from chorus.accounts.selectors import user_is_advocate
from chorus.content import selectors
from chorus.content.forms import FeedFilterForm
from chorus.core.errors import NotFoundError
from chorus.core.htmx import render_partial

PAGE_SIZE = 12


@login_required
def feed(request):
    """Published items for this person, featured and followed topics first; htmx loads more."""
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.feed_for_advocate(
        user=request.user,
        query=filters.get("q", ""),
        topic=filters.get("topic"),
        kind=filters.get("kind", ""),
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "is_advocate": user_is_advocate(user=request.user),
        "follows_topics": request.user.followed_topics.exists(),
    }
    return render_partial(request, "content/feed.html", "feed-items", context)


@login_required
def item_detail(request, pk):
    try:
        item = selectors.item_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None
    return render(request, "content/item_detail.html", {"item": item})
