"""The composer, the share that follows it, and the advocate's own shares."""

import io
import os
import zipfile
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.academy.selectors.guidelines import guidelines_hate_advice
from chorus.accounts.permissions import curator_required
from chorus.accounts.selectors import user_is_advocate
from chorus.content.models import SamplePost
from chorus.content.selectors import item_get_for_user
from chorus.core.errors import ChorusError, NotFoundError
from chorus.core.htmx import render_partial
from chorus.program.selectors import program_settings_get
from chorus.sharing import selectors, services
from chorus.sharing.forms import ComposeForm, ReactionFlagForm, ReactionReplyForm
from chorus.sharing.models import ReactionFlag, Share
from chorus.sharing.networks import REGISTRY
from chorus.tracking.models import TrackedLink
from chorus.tracking.services import tracked_url

PAGE_SIZE = 25


def _languages(request) -> list[str]:
    user = request.user
    languages = list(user.preferred_languages or [])
    for language in (user.language, getattr(request, "LANGUAGE_CODE", "")):
        if language and language not in languages:
            languages.append(language)
    return languages


def _item_or_404(request, pk):
    try:
        return item_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None


def _network_from(request, offered):
    key = request.POST.get("network") or request.GET.get("network") or ""
    keys = [network.key for network in offered]
    return REGISTRY[key] if key in keys else (offered[0] if offered else None)


def _composer(request, *, item=None):
    """One composer for items and own posts. POST with `action=share` shares; any other POST
    (choosing a network or a sample post) re-renders with the text kept."""
    offered = selectors.networks_offered(user=request.user)
    network = _network_from(request, offered)
    program = program_settings_get()
    profile = selectors.sharing_profile_of(user=request.user)
    instance = profile.mastodon_instance if profile else ""
    samples = list(item.sample_posts.all()) if item else []
    sample = None
    posted = request.method == "POST"
    action = request.POST.get("action", "") if posted else ""
    chosen = request.POST.get("sample") or request.GET.get("sample") or ""
    if chosen.isdigit():
        sample = next((s for s in samples if s.pk == int(chosen)), None)
    elif chosen != "blank" and item is not None and network is not None:
        sample = selectors.sample_post_pick(
            item=item, network=network.key, languages=_languages(request)
        )
    if posted and not action.startswith("sample"):
        text = request.POST.get("text", "")
    else:
        text = sample.text if sample else ""
    if item is not None and item.regulated and sample is not None:
        text = sample.text
    form = ComposeForm(
        request.POST if action == "share" else None, initial={"text": text, "instance": instance}
    )
    if action == "share" and network is not None and form.is_valid():
        try:
            if network.needs_instance and form.cleaned_data["instance"].strip():
                services.sharing_profile_update(
                    user=request.user, mastodon_instance=form.cleaned_data["instance"]
                )
            if item is not None:
                share = services.share_create(
                    advocate=request.user,
                    item=item,
                    network=network.key,
                    text=form.cleaned_data["text"],
                    sample_post=sample,
                )
            else:
                share = services.own_post_create(
                    advocate=request.user, network=network.key, text=form.cleaned_data["text"]
                )
        except ChorusError as error:
            error.add_to(form)
        else:
            return _after_share(request, share)
    disclosure = program.disclosure_tag if item is not None else ""
    extra = ""
    if network is not None:
        # What the server appends to the words (post_text), with a link of the real length.
        link = tracked_url(TrackedLink(code="x" * 8)) if item is not None and item.url else ""
        extra = services.post_text(text="", network=network, disclosure=disclosure, link_url=link)
    context = {
        "item": item,
        "form": form,
        "offered": offered,
        "network": network,
        "sample": sample,
        "samples": samples,
        "text": form.data.get("text", text) if form.is_bound else text,
        "disclosure": disclosure,
        "extra": extra,
        "instance": instance,
        "is_advocate": user_is_advocate(user=request.user),
        "company_domains": program.company_domains,
    }
    response = render_partial(request, "sharing/compose.html", "composer", context)
    response._csp_config = _composer_csp(offered, instance)
    return response


def _composer_csp(offered, instance: str) -> dict:
    """The composer's form goes on to the network's own share page (a redirect after the POST),
    which CSP's form-action must allow: exactly those origins, nothing else."""
    origins = set()
    for network in offered:
        if network.intent.startswith("https://") and not network.needs_instance:
            origins.add("https://" + urlsplit(network.intent).netloc)
        elif network.needs_instance and instance:
            origins.add(f"https://{instance}")
    config = dict(settings.SECURE_CSP)
    config["form-action"] = [*config.get("form-action", []), *sorted(origins)]
    return config


@login_required
def compose(request, pk):
    item = _item_or_404(request, pk)
    if not item.shareable:
        raise Http404
    return _composer(request, item=item)


@login_required
def own_post(request):
    return _composer(request, item=None)


def _after_share(request, share: Share):
    """Open the network's own share page where it takes our text (or we copied it); else the
    share's page, with the text to copy and the link."""
    network = REGISTRY[share.network]
    intent = services.share_intent_url(share)
    copied = request.POST.get("copied") == "1"
    if intent.startswith("https://") and (network.takes_text or copied):
        return redirect(intent)
    return redirect("sharing:share-detail", pk=share.pk)


@login_required
@require_POST
def closeness(request):
    """The "make it yours" hint for the draft, as htmx asks while the advocate types."""
    item = None
    item_pk = request.POST.get("item", "")
    if item_pk.isdigit():
        item = _item_or_404(request, int(item_pk))
    sample_text = ""
    sample_pk = request.POST.get("sample", "")
    if item is not None and sample_pk.isdigit():
        sample = SamplePost.objects.filter(pk=int(sample_pk), item=item).first()
        sample_text = sample.text if sample else ""
    result = selectors.closeness(
        text=request.POST.get("text", "")[:10_000],
        item=item,
        sample_text=sample_text,
        advocate=request.user,
    )
    return render(request, "sharing/compose.html#closeness", {"closeness": result})


@login_required
def share_detail(request, pk):
    try:
        share = selectors.share_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None
    network = REGISTRY[share.network]
    context = {
        "share": share,
        "network": network,
        "intent": services.share_intent_url(share),
        "tracked": tracked_url(share.link) if share.link_id else "",
        "images": list(share.item.images.all()) if share.item_id else [],
        "flags": selectors.reaction_flags_of(user=request.user).filter(share=share),
    }
    return render(request, "sharing/share_detail.html", context)


@login_required
def my_shares(request):
    shares = selectors.shares_of(user=request.user)
    page = Paginator(shares, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sharing/my_shares.html",
        {
            "page": page,
            "totals": selectors.share_totals(user=request.user),
            "is_advocate": user_is_advocate(user=request.user),
        },
    )


@login_required
@require_POST
def share_posted(request, pk):
    try:
        share = selectors.share_get_for_user(user=request.user, pk=pk)
        services.share_mark_posted(
            share=share, user=request.user, posted=request.POST.get("posted", "")
        )
    except NotFoundError:
        raise Http404 from None
    except ChorusError as error:
        return HttpResponse(error.message, status=error.status)
    share = selectors.share_get_for_user(user=request.user, pk=pk)
    if request.htmx:
        return render(request, "sharing/my_shares.html#posted", {"share": share})
    messages.success(request, _("Thank you, noted."))
    return redirect(request.POST.get("next") or reverse("sharing:my-shares"))


@login_required
def item_images(request, pk):
    """A graphics set in one go, for networks where images are uploaded by hand."""
    item = _item_or_404(request, pk)
    pictures = list(item.images.all())
    if not pictures:
        raise Http404
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number, picture in enumerate(pictures, start=1):
            with picture.image.open("rb") as source:
                extension = os.path.splitext(picture.image.name)[1] or ".jpg"
                archive.writestr(f"{number:02d}{extension}", source.read())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.zip"'
    return response


# Hostile reactions -------------------------------------------------------------------------------


@login_required
def flag_create(request, pk):
    """Report a hostile reaction to one of your shares: a link and a few words."""
    try:
        share = selectors.share_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None
    form = ReactionFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag = services.reaction_flag_create(
                share=share,
                user=request.user,
                url=form.cleaned_data["url"],
                note=form.cleaned_data["note"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("Thank you for telling us. The team is alerted and will answer you.")
            )
            return redirect("sharing:flag-detail", pk=flag.pk)
    context = {"share": share, "network": REGISTRY[share.network], "form": form}
    return render(request, "sharing/flag_create.html", context, status=400 if form.errors else 200)


def _flag_or_404(request, pk) -> ReactionFlag:
    try:
        return selectors.reaction_flag_get_for_user(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None


def _reply_form(flag: ReactionFlag, data=None) -> ReactionReplyForm:
    return ReactionReplyForm(data, prefix=f"f{flag.pk}", initial={"reply": flag.reply})


def _flag_page(request, flag: ReactionFlag, *, reply_form=None):
    is_reporter = flag.reported_by_id == request.user.pk
    context = {
        "flag": flag,
        "network": REGISTRY.get(flag.share.network),
        "is_reporter": is_reporter,
        # The guidelines' advice, in the language this page is shown in (or the nearest one).
        "advice": guidelines_hate_advice(language=translation.get_language() or "")
        if is_reporter
        else "",
        "reply_form": reply_form or (_reply_form(flag) if request.user.is_curator else None),
    }
    status = 400 if reply_form is not None else 200
    return render(request, "sharing/flag_detail.html", context, status=status)


@login_required
def flag_detail(request, pk):
    """The advocate's report: the guidelines' advice, where it stands, the team's reply. The team
    sees the same report with the reply form."""
    return _flag_page(request, _flag_or_404(request, pk))


def _flags_page(request, *, failed=None):
    rows = [
        (flag, failed[1] if failed and failed[0].pk == flag.pk else _reply_form(flag))
        for flag in selectors.reaction_flags_open()
    ]
    status = 400 if failed else 200
    return render(request, "sharing/flags.html", {"rows": rows}, status=status)


@curator_required
def flags(request):
    """Open reports of hostile reactions, oldest first, each with a reply form."""
    return _flags_page(request)


def _back_to(request, flag: ReactionFlag) -> str:
    if request.POST.get("from") == "detail":
        return reverse("sharing:flag-detail", args=[flag.pk])
    return reverse("sharing:flags")


@curator_required
@require_POST
def flag_reply(request, pk):
    flag = _flag_or_404(request, pk)
    form = _reply_form(flag, request.POST)
    if form.is_valid():
        try:
            flag = services.reaction_flag_reply(
                flag=flag, by=request.user, reply=form.cleaned_data["reply"]
            )
        except ChorusError as error:
            error.add_to(form)
    if form.errors:
        if request.htmx:
            return render(
                request,
                "sharing/flags.html#flag-card",
                {"flag": flag, "reply_form": form},
                status=400,
            )
        if request.POST.get("from") == "detail":
            return _flag_page(request, flag, reply_form=form)
        return _flags_page(request, failed=(flag, form))
    if request.htmx:
        context = {"flag": flag, "reply_form": _reply_form(flag), "saved": "reply"}
        return render(request, "sharing/flags.html#flag-card", context)
    messages.success(request, _("Your reply is saved; the advocate sees it on their report."))
    return redirect(_back_to(request, flag))


@curator_required
@require_POST
def flag_resolve(request, pk):
    flag = services.reaction_flag_resolve(flag=_flag_or_404(request, pk), by=request.user)
    if request.htmx:
        return render(request, "sharing/flags.html#flag-resolved", {"flag": flag})
    messages.success(request, _("Marked as resolved."))
    return redirect(_back_to(request, flag))
