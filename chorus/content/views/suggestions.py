"""Suggestions: any employee proposes a link or an image; curators approve or decline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.accounts.permissions import curator_required
from chorus.content import selectors, services
from chorus.content.forms import DeclineForm, SuggestionForm
from chorus.content.models import Suggestion
from chorus.core.errors import ChorusError

MODERATION_PAGE_SIZE = 20
OWN_SUGGESTIONS_SHOWN = 50


@login_required
def suggest(request):
    """Suggest a link or an image, and follow what became of one's earlier suggestions."""
    form = SuggestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_create(
                suggested_by=request.user,
                text=form.cleaned_data["text"],
                url=form.cleaned_data["url"],
                image=form.cleaned_data["image"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Thank you! A curator will look at your suggestion soon."))
            return redirect("content:suggest")
    context = {
        "form": form,
        "suggestions": selectors.suggestions_of(user=request.user)[:OWN_SUGGESTIONS_SHOWN],
    }
    return render(request, "content/suggest.html", context)


def _decline_form(suggestion: Suggestion, data=None) -> DeclineForm:
    # Several forms share the page: ids are unique per suggestion, the field name stays "reason".
    return DeclineForm(data, auto_id=f"decline-{suggestion.pk}-%s")


def _moderation_page(request, *, failed: tuple[Suggestion, DeclineForm] | None = None):
    page = Paginator(selectors.suggestions_pending(), MODERATION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(suggestion, _decline_form(suggestion)) for suggestion in page]
    if failed is not None:
        rows = [row for row in rows if row[0].pk != failed[0].pk]
        rows.insert(0, failed)  # the one that needs attention comes first, wherever it was
    return render(request, "content/suggestions.html", {"page": page, "rows": rows})


@curator_required
def moderation(request):
    """The queue of suggestions waiting for a decision."""
    return _moderation_page(request)


@curator_required
@require_POST
def suggestion_approve(request, pk):
    """Approve: a draft crediting the colleague, opened for the curator to polish."""
    suggestion = get_object_or_404(Suggestion, pk=pk)
    try:
        item = services.suggestion_approve(suggestion=suggestion, by=request.user)
    except ChorusError as error:
        messages.error(request, error.message)
        return redirect("content:suggestions")
    messages.success(
        request,
        _("Approved. Polish the draft and publish it: %(name)s is credited.")
        % {"name": suggestion.suggested_by.name},
    )
    return redirect("content:item-edit", item.pk)


@curator_required
@require_POST
def suggestion_decline(request, pk):
    """Decline with a reason; htmx swaps the card for a confirmation, a plain form comes back."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("suggested_by"), pk=pk)
    form = _decline_form(suggestion, request.POST)
    if form.is_valid():
        try:
            services.suggestion_decline(
                suggestion=suggestion, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ChorusError as error:
            error.add_to(form)
    if form.errors:
        if request.htmx:
            context = {"suggestion": suggestion, "decline_form": form}
            return render(request, "content/suggestions.html#suggestion-card", context)
        return _moderation_page(request, failed=(suggestion, form))
    if request.htmx:
        return render(
            request, "content/suggestions.html#suggestion-declined", {"suggestion": suggestion}
        )
    messages.success(
        request,
        _("Declined. %(name)s will see your reason.") % {"name": suggestion.suggested_by.name},
    )
    return redirect("content:suggestions")
