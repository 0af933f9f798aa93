"""The curators' workspace: the list of items, creating and editing them, the calendar."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chorus.accounts.permissions import curator_required
from chorus.content import selectors, services
from chorus.content.forms import ImageUploadForm, ItemForm, SamplePostFormSet, sample_texts
from chorus.content.models import ContentImage, ContentItem
from chorus.content.tasks import item_preview_fetch_task
from chorus.core.errors import ChorusError
from chorus.core.htmx import render_partial


@curator_required
def items(request):
    """Every item with its status; tabs per status and a search."""
    status = request.GET.get("status", "")
    if status not in ContentItem.Status.values:
        status = ""
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.items_for_curators(status=status, query=query), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "query": query,
        "status": status,
        "statuses": ContentItem.Status.choices,
        "now": timezone.now(),
    }
    return render_partial(request, "content/items.html", "items-table", context)


def _item_form_page(request, item: ContentItem | None):
    """One page creates and edits: the item, its sample posts, and (once saved) its images."""
    form = ItemForm(request.POST or None, instance=item)
    initial = [
        {"network": p.network, "language": p.language, "text": p.text}
        for p in (item.sample_posts.all() if item else [])
    ]
    formset = SamplePostFormSet(request.POST or None, initial=initial, prefix="posts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = form.item_fields()
        try:
            if item is None:
                item = services.item_create(
                    created_by=request.user, sample_posts=sample_texts(formset), **fields
                )
                messages.success(request, _("The item is saved."))
            else:
                item = services.item_update(item=item, sample_posts=sample_texts(formset), **fields)
                messages.success(request, _("Your changes are saved."))
        except ChorusError as error:
            error.add_to(form)
        else:
            return redirect("content:item-edit", item.pk)
    context = {
        "form": form,
        "formset": formset,
        "item": item,
        "image_form": ImageUploadForm() if item else None,
    }
    return render(request, "content/item_form.html", context)


@curator_required
def item_create(request):
    return _item_form_page(request, None)


@curator_required
def item_edit(request, pk):
    return _item_form_page(request, get_object_or_404(ContentItem, pk=pk))


@curator_required
def item_preview(request, pk):
    """The preview panel; htmx polls it while the page is being fetched."""
    item = get_object_or_404(ContentItem, pk=pk)
    return render(request, "content/item_form.html#preview", {"item": item})


ACTIONS = {
    "publish": (services.item_publish, gettext_lazy("Published: advocates see it now.")),
    "expire": (services.item_expire, gettext_lazy("Expired: it has left the feed.")),
    "unpublish": (
        lambda *, item: services.item_schedule(item=item, publish_at=None),
        gettext_lazy("Back to a draft: advocates no longer see it."),
    ),
}


@curator_required
@require_POST
def item_action(request, pk, action):
    """Publish, expire, make a draft again, duplicate, or fetch the preview again."""
    item = get_object_or_404(ContentItem, pk=pk)
    if action == "duplicate":
        copy = services.item_duplicate(item=item, by=request.user)
        messages.success(request, _("This is a copy, saved as a draft."))
        return redirect("content:item-edit", copy.pk)
    if action == "refetch":
        ContentItem.objects.filter(pk=item.pk).update(
            preview_state=ContentItem.PreviewState.PENDING, preview_error=""
        )
        transaction.on_commit(lambda: item_preview_fetch_task.enqueue(item.pk))
        return redirect("content:item-edit", item.pk)
    if action not in ACTIONS:
        return redirect("content:item-edit", item.pk)
    service, message = ACTIONS[action]
    try:
        service(item=item)
    except ChorusError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    if request.POST.get("next") == "edit":
        return redirect("content:item-edit", item.pk)
    return redirect("content:items")


@curator_required
@require_POST
def item_image_add(request, pk):
    item = get_object_or_404(ContentItem, pk=pk)
    form = ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.item_image_add(
                item=item, upload=form.cleaned_data["image"], alt_text=form.cleaned_data["alt_text"]
            )
            messages.success(request, _("The image is added."))
        except ChorusError as error:
            messages.error(request, error.message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("content:item-edit", item.pk)


@curator_required
@require_POST
def item_image_remove(request, pk):
    image = get_object_or_404(ContentImage, pk=pk)
    services.item_image_remove(image=image)
    messages.success(request, _("The image is removed."))
    return redirect("content:item-edit", image.item_id)


@curator_required
def calendar(request):
    """What is published or scheduled, by week or by month."""
    view = "month" if request.GET.get("view") == "month" else "week"
    today = timezone.localdate()
    try:
        anchor = date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        anchor = today
    if view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        days = 7
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
    else:
        first = anchor.replace(day=1)
        start = first - timedelta(days=first.weekday())
        next_month = (first + timedelta(days=32)).replace(day=1)
        days = ((next_month - start).days + 6) // 7 * 7
        previous = (first - timedelta(days=1)).replace(day=1)
        following = next_month
    by_day = selectors.calendar_items(start=start, days=days)
    weeks = [list(by_day.items())[i : i + 7] for i in range(0, days, 7)]
    context = {
        "view": view,
        "weeks": weeks,
        "today": today,
        "anchor": anchor,
        "month": anchor.month,
        "previous": previous,
        "following": following,
    }
    return render(request, "content/calendar.html", context)
