"""The onboarding flow: guidelines, topics, networks, required lessons. It composes the
academy, content and sharing apps, so it lives here; every step can be left and resumed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chorus.academy.selectors.courses import done_lessons, required_lessons
from chorus.academy.selectors.guidelines import guidelines_for
from chorus.academy.selectors.languages import pick, reading_order
from chorus.academy.selectors.onboarding import STEPS, onboarding_status
from chorus.academy.services.onboarding import onboarding_step_done
from chorus.accounts.selectors import user_is_advocate
from chorus.content.selectors import topics_all
from chorus.content.services import topics_follow
from chorus.core.errors import ChorusError
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import SharingProfile
from chorus.sharing.networks import REGISTRY
from chorus.sharing.services import audience_parse, sharing_profile_update


@login_required
def start(request):
    """Onboarding resumes where the person stopped."""
    if not user_is_advocate(user=request.user):
        return redirect("accounts:advocacy-join")
    return redirect("home:onboarding-step", step=onboarding_status(user=request.user).next_step)


def _topics(request) -> dict:
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("topics") if pk.isdigit()}
        topics_follow(user=request.user, topics=topics_all().filter(pk__in=chosen))
        onboarding_step_done(user=request.user, step="topics")
        return {"redirect": True}
    followed = set(request.user.followed_topics.values_list("pk", flat=True))
    return {"topics": [(topic, topic.pk in followed) for topic in topics_all()]}


def _networks(request) -> dict:
    profile = SharingProfile.objects.filter(user=request.user).first()
    offered = [REGISTRY[key] for key in program_settings_get().networks if key in REGISTRY]
    offered = [network for network in offered if network.key != "copy"]
    errors = []
    if request.method == "POST":
        used = [net.key for net in offered if request.POST.get(f"use_{net.key}") == "yes"]
        audiences = dict(profile.audiences) if profile else {}
        for net in offered:
            try:
                size = audience_parse(request.POST.get(f"audience_{net.key}", ""))
            except ChorusError:
                errors.append(
                    _("%(network)s: an audience size is a whole number, or leave it empty.")
                    % {"network": net.name}
                )
                continue
            if size is None:
                audiences.pop(net.key, None)
            else:
                audiences[net.key] = size
        if not errors:
            try:
                sharing_profile_update(user=request.user, networks=used, audiences=audiences)
            except ChorusError as error:
                errors.append(error.message)
            else:
                onboarding_step_done(user=request.user, step="networks")
                return {"redirect": True}
    used = set(profile.networks) if profile else set()
    audiences = profile.audiences if profile else {}
    if request.method == "POST":
        used = {net.key for net in offered if request.POST.get(f"use_{net.key}") == "yes"}
        audiences = {net.key: request.POST.get(f"audience_{net.key}", "") for net in offered}
    rows = [(net, net.key in used, audiences.get(net.key, "")) for net in offered]
    return {"networks": rows, "errors": errors}


def _lessons(request) -> dict:
    done = done_lessons(user=request.user)
    order = reading_order(request.user)
    rows = []
    for lesson in required_lessons().select_related("course").prefetch_related("texts"):
        _language, text = pick({row.language: row for row in lesson.texts.all()}, order)
        rows.append((lesson, text.title if text else lesson.key, lesson.pk in done))
    return {"lessons": rows}


@login_required
def step(request, step):
    if step not in STEPS:
        raise Http404
    if not user_is_advocate(user=request.user):
        return redirect("accounts:advocacy-join")
    context: dict = {"step": step}
    if request.method == "POST" and "skip" in request.POST and step in ("topics", "networks"):
        onboarding_step_done(user=request.user, step=step)
        return redirect("home:onboarding")
    if step == "topics":
        context |= _topics(request)
    elif step == "networks":
        context |= _networks(request)
    elif step == "lessons":
        context |= _lessons(request)
    elif step == "guidelines":
        context["guidelines"] = guidelines_for(user=request.user)
    if context.pop("redirect", False):
        messages.success(request, _("Saved."))
        return redirect("home:onboarding")
    status = onboarding_status(user=request.user)
    context |= {
        "status": status,
        "steps": [
            (name, label, getattr(status, name) if name != "done" else status.complete)
            for name, label in (
                ("guidelines", _("Guidelines")),
                ("topics", _("Topics")),
                ("networks", _("Networks")),
                ("lessons", _("Lessons")),
                ("done", _("Done")),
            )
        ],
    }
    return render(request, "home/onboarding.html", context)
