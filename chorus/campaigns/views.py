"""Campaign pages: the curators' list, form and detail with progress; the advocates' view of a
campaign with its items to share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chorus.accounts.permissions import curator_required
from chorus.accounts.selectors import user_is_advocate
from chorus.campaigns import selectors, services
from chorus.campaigns.charts import progress_chart
from chorus.campaigns.forms import CampaignForm
from chorus.campaigns.models import Campaign
from chorus.core.errors import ChorusError, NotFoundError


def _campaign_for(request, pk: int) -> Campaign:
    try:
        return selectors.campaign_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None


@login_required
def campaign_list(request):
    """Curators: every campaign with its status and progress. Advocates: those running for them."""
    if not request.user.is_curator:
        running = selectors.campaigns_running_for(user=request.user)
        context = {"campaigns": selectors.campaigns_with_progress(running)}
        return render(request, "campaigns/running.html", context)
    status = request.GET.get("status", "")
    if status not in Campaign.Status.values:
        status = ""
    campaigns = selectors.campaigns_for_managers(status=status)[:200]
    context = {
        "campaigns": selectors.campaigns_with_progress(campaigns),
        "status": status,
        "statuses": Campaign.Status.choices,
    }
    return render(request, "campaigns/list.html", context)


def _form_page(request, campaign: Campaign | None):
    form = CampaignForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            if campaign is None:
                campaign = services.campaign_create(by=request.user, **form.cleaned_data)
                messages.success(
                    request,
                    _("The campaign is saved. Its advocates hear of it on its first day."),
                )
            else:
                campaign = services.campaign_update(
                    campaign=campaign, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your changes are saved."))
        except ChorusError as error:
            error.add_to(form)
        else:
            return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@curator_required
def campaign_create(request):
    return _form_page(request, None)


@curator_required
def campaign_edit(request, pk):
    return _form_page(request, _campaign_for(request, pk))


@login_required
def campaign_detail(request, pk):
    """Everyone: the message and the items to share. Curators also see the progress over time,
    the audience and the label."""
    campaign = _campaign_for(request, pk)
    progress = selectors.campaign_progress(campaign=campaign)
    items = list(selectors.campaign_items_for(campaign=campaign, user=request.user))
    context = {
        "campaign": campaign,
        "progress": progress,
        "items": items,
        "manages": request.user.is_curator,
        "is_advocate": user_is_advocate(user=request.user),
    }
    if request.user.is_curator:
        context["chart"] = progress_chart(campaign, progress)
    return render(request, "campaigns/detail.html", context)
