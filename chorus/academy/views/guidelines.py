"""Pages: the guidelines, accepting them, editing them, and who accepted which version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.academy.forms import GuidelinesForm
from chorus.academy.selectors import guidelines as selectors
from chorus.academy.services.guidelines import guidelines_accept, guidelines_publish
from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.core.http import safe_next


@login_required
def guidelines(request):
    return render(
        request,
        "academy/guidelines.html",
        {
            "view": selectors.guidelines_for(user=request.user),
            "accepted": selectors.guidelines_acceptance_of(user=request.user),
            "is_current": selectors.guidelines_accepted(user=request.user),
            "next": safe_next(request, ""),
        },
    )


@login_required
@require_POST
def accept(request):
    if request.POST.get("accept") != "yes":
        messages.error(request, _("Please tick the box to confirm that you accept them."))
        return redirect("academy:guidelines")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        guidelines_accept(user=request.user, version=version)
    except ChorusError as error:
        messages.error(request, error.message)
        return redirect("academy:guidelines")
    messages.success(request, _("Thank you: you accepted the guidelines."))
    return redirect(safe_next(request, "academy:guidelines"))


@owner_required
def edit(request):
    current = selectors.guidelines_current()
    form = GuidelinesForm(request.POST or None, guidelines=current)
    if request.method == "POST" and form.is_valid():
        try:
            published = guidelines_publish(
                by=request.user,
                texts=form.texts("text"),
                hate_advice=form.texts("hate"),
                note=form.cleaned_data["note"],
                new_version=form.cleaned_data["new_version"] or current is None,
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            if current is None or published.version != current.version:
                messages.success(
                    request,
                    _("Version %(version)s is published; advocates are asked to accept it.")
                    % {"version": published.version},
                )
            else:
                messages.success(request, _("The correction is saved."))
            return redirect("academy:guidelines-acceptances")
    return render(request, "academy/guidelines_edit.html", {"form": form, "current": current})


@owner_required
def acceptances(request):
    rows = selectors.guidelines_acceptances()
    current = selectors.guidelines_current()
    return render(
        request,
        "academy/guidelines_acceptances.html",
        {
            "page": Paginator(rows, 100).get_page(request.GET.get("page")),
            "total": rows.count(),
            "current": current,
            "on_current": rows.filter(version=current.version).count() if current else 0,
            "versions": selectors.guidelines_versions(),
        },
    )


urlpatterns = [
    path("guidelines/", guidelines, name="guidelines"),
    path("guidelines/accept/", accept, name="guidelines-accept"),
    path("guidelines/edit/", edit, name="guidelines-edit"),
    path("guidelines/acceptances/", acceptances, name="guidelines-acceptances"),
]
