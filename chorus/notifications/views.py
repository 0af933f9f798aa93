from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.notifications.forms import AnnouncementForm
from chorus.notifications.selectors import announcements_published
from chorus.notifications.services import announcement_create

LISTED = 50


@owner_required
def announcements(request):
    """Write a message to every advocate, and see the ones sent before."""
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement_create(by=request.user, **form.cleaned_data)
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The announcement is published on advocates' home page."))
            return redirect("notifications:announcements")
    return render(
        request,
        "notifications/announcements.html",
        {"form": form, "announcements": announcements_published()[:LISTED]},
    )
