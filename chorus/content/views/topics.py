"""Topics: everyone chooses the ones they follow; owners add new ones on the same page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chorus.content import selectors, services
from chorus.content.forms import FollowTopicsForm, TopicForm
from chorus.core.errors import ChorusError


@login_required
def topics(request):
    """One page, two forms told apart by their submit button's `action`."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "create" and not user.is_owner:
        raise PermissionDenied
    follow_form = FollowTopicsForm(
        request.POST if action == "follow" else None,
        initial={"topics": list(user.followed_topics.values_list("pk", flat=True))},
    )
    topic_form = TopicForm(request.POST if action == "create" else None) if user.is_owner else None
    if action == "follow" and follow_form.is_valid():
        services.topics_follow(user=user, topics=follow_form.cleaned_data["topics"])
        messages.success(request, _("Your topics are saved."))
        return redirect("content:topics")
    if action == "create" and topic_form.is_valid():
        try:
            topic = services.topic_create(name=topic_form.cleaned_data["name"])
        except ChorusError as error:
            error.add_to(topic_form)
        else:
            messages.success(request, _("Topic “%(name)s” added.") % {"name": topic.name})
            return redirect("content:topics")
    context = {
        "follow_form": follow_form,
        "topic_form": topic_form,
        "has_topics": selectors.topics_all().exists(),
    }
    return render(request, "content/topics.html", context)
