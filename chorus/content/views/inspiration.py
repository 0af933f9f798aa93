"""The inspiration inbox: entries of RSS and Atom feeds a curator turns into items or dismisses."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chorus.accounts.permissions import curator_required
from chorus.content import selectors, services
from chorus.content.forms import InspirationSourceForm
from chorus.content.models import InspirationEntry, InspirationSource
from chorus.core.errors import ChorusError

PAGE_SIZE = 30


def _inbox_page(request, *, source_form: InspirationSourceForm | None = None):
    page = Paginator(selectors.inspiration_inbox(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "sources": list(selectors.inspiration_sources()),
        "source_form": source_form or InspirationSourceForm(),
    }
    return render(request, "content/inspiration.html", context)


@curator_required
def inbox(request):
    """The feeds with their health, a form to add one, and the entries nobody has handled yet."""
    return _inbox_page(request)


@curator_required
@require_POST
def source_add(request):
    form = InspirationSourceForm(request.POST)
    if form.is_valid():
        try:
            source = services.inspiration_source_create(
                added_by=request.user, url=form.cleaned_data["url"], name=form.cleaned_data["name"]
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(
                request,
                _("“%(name)s” is added. Its entries arrive in a moment.") % {"name": source.name},
            )
            return redirect("content:inspiration")
    return _inbox_page(request, source_form=form)


@curator_required
@require_POST
def source_poll(request, pk):
    """Check one feed now, while the curator waits, and say what came of it."""
    source = get_object_or_404(InspirationSource, pk=pk)
    added = services.inspiration_source_poll(source=source)
    source.refresh_from_db()
    if source.last_error:
        messages.error(
            request,
            _("“%(name)s” could not be read: %(error)s")
            % {"name": source.name, "error": source.last_error},
        )
    elif added:
        messages.success(
            request,
            ngettext(
                "“%(name)s”: %(count)d new entry.",
                "“%(name)s”: %(count)d new entries.",
                added,
            )
            % {"name": source.name, "count": added},
        )
    else:
        messages.info(request, _("“%(name)s”: nothing new.") % {"name": source.name})
    return redirect("content:inspiration")


@curator_required
@require_POST
def entry_use(request, pk):
    """The entry becomes a draft item, opened for editing."""
    entry = get_object_or_404(InspirationEntry, pk=pk)
    try:
        item = services.inspiration_entry_to_item(entry=entry, by=request.user)
    except ChorusError as error:
        messages.error(request, error.message)
        return redirect("content:inspiration")
    messages.success(request, _("A draft is made from the entry. Check it and publish it."))
    return redirect("content:item-edit", item.pk)


@curator_required
@require_POST
def entry_dismiss(request, pk):
    """Out of the inbox; htmx removes its row, a plain form comes back to the inbox."""
    entry = get_object_or_404(InspirationEntry, pk=pk)
    services.inspiration_entry_dismiss(entry=entry)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Dismissed: “%(title)s”.") % {"title": entry.title})
    return redirect("content:inspiration")
