"""Writes of the sharing app: shares and the advocate's sharing profile."""

import ipaddress
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.academy.selectors.guidelines import guidelines_accepted
from chorus.accounts.models import User
from chorus.accounts.selectors import user_is_advocate
from chorus.campaigns.selectors import campaign_for_share
from chorus.content.models import ContentItem, SamplePost
from chorus.content.selectors import item_get_for_user
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.fetch import is_public_address
from chorus.notifications.choices import Kind
from chorus.notifications.services import notify
from chorus.program.selectors import program_settings_get
from chorus.program.services import DOMAIN_RE
from chorus.sharing.lengths import check, compose_text
from chorus.sharing.models import ReactionFlag, Share, SharingProfile
from chorus.sharing.networks import REGISTRY, Network, network_get
from chorus.sharing.similarity import similarity
from chorus.tracking.models import TrackedLink
from chorus.tracking.services import tracked_link_create, tracked_url

TEXT_MAX = 10_000
OWN_POST_CAMPAIGN = "own-post"
URL_RE = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,:;!?)\]]")


def post_text(*, text: str, network: Network, disclosure: str, link_url: str) -> str:
    """The post as it goes out: the advocate's words, then the disclosure tag and, where the
    network reads links from the text, the tracked link (the same joining as the browser's)."""
    extra = " ".join(
        part for part in (disclosure, link_url if network.link_in_text else "") if part
    )
    return compose_text(text, extra)


def _check_sharer(advocate: User, network: Network) -> None:
    """May this person share to this network now (an advocate, a network on offer, and for
    Mastodon a server to share on)?"""
    if not user_is_advocate(user=advocate):
        raise ForbiddenError(_("Join the advocacy program to share."), code="not_an_advocate")
    if not guidelines_accepted(user=advocate):
        raise ForbiddenError(
            _("The guidelines changed: please read and accept them before you share."),
            code="guidelines_not_accepted",
        )
    if network.key not in program_settings_get().networks:
        raise ChorusError(
            _("%(network)s is not offered in this program.") % {"network": network.name},
            code="network_not_offered",
            field="network",
        )
    if network.needs_instance and not _instance_for(advocate, network):
        raise ChorusError(
            _("Tell us your Mastodon server first."), code="instance_missing", field="instance"
        )


def _check_words(text: str) -> None:
    if not text.strip():
        raise ChorusError(_("Write a few words to go with it."), code="text_missing", field="text")
    if len(text) > TEXT_MAX:
        raise ChorusError(_("The text is far too long."), code="text_too_long", field="text")


def _check_length(text: str, network: Network) -> None:
    result = check(text, network.rule)
    if not result.ok:
        raise ChorusError(
            _(
                "The post is %(length)s characters long as %(network)s counts them; "
                "the limit is %(limit)s."
            )
            % {"length": result.length, "network": network.name, "limit": result.limit},
            code="text_too_long",
            field="text",
        )


def _instance_for(advocate: User, network: Network) -> str:
    if not network.needs_instance:
        return ""
    profile = SharingProfile.objects.filter(user=advocate).first()
    return profile.mastodon_instance if profile else ""


def share_intent_url(share: Share) -> str:
    """Where the browser goes after a share: the network's own share page, or "" (copy)."""
    network = network_get(share.network)
    link = tracked_url(share.link) if share.link_id else ""
    subject = share.item.title if share.item_id else ""
    text = share.text if network.takes_text else ""
    return network.intent_url(
        text=text, url=link, instance=_instance_for(share.advocate, network), subject=subject
    )


@transaction.atomic
def share_create(
    *,
    advocate: User,
    item: ContentItem,
    network: str,
    text: str,
    sample_post: SamplePost | None = None,
) -> Share:
    """Share an item: keep the final text and give the advocate their tracked link for it
    (the same link again when they share the same item to the same network). During a
    campaign of the item meant for the advocate, the share counts for it and its link carries
    the campaign's label instead of the item's."""
    network_ = network_get(network)
    _check_sharer(advocate, network_)
    item = item_get_for_user(user=advocate, pk=item.pk)
    if item.status != ContentItem.Status.PUBLISHED or not item.shareable:
        raise ChorusError(_("This item cannot be shared now."), code="not_shareable")
    samples = list(item.sample_posts.all())
    if sample_post is not None and sample_post.item_id != item.pk:
        sample_post = None
    text = text.replace("\r\n", "\n").strip()
    if item.regulated:
        matching = [s for s in samples if s.text.replace("\r\n", "\n").strip() == text]
        if samples and not matching:
            raise ChorusError(
                _("This item has regulated wording: share one of its sample posts unchanged."),
                code="regulated_wording",
                field="text",
            )
        sample_post = matching[0] if matching else sample_post
    disclosure = program_settings_get().disclosure_tag
    campaign = campaign_for_share(item=item, advocate=advocate)
    previous = (
        Share.objects.filter(
            advocate=advocate, item=item, network=network, link__isnull=False, campaign=campaign
        )
        .select_related("link")
        .order_by("pk")
        .first()
    )
    link = previous.link if previous else None
    # The length is checked with a link of the real length before the link exists.
    placeholder = (link and tracked_url(link)) or tracked_url(TrackedLink(code="x" * 8))
    link_part = placeholder if item.url else ""
    _check_words(text)
    full = post_text(text=text, network=network_, disclosure=disclosure, link_url=link_part)
    _check_length(full, network_)
    share = Share.objects.create(
        advocate=advocate,
        item=item,
        network=network,
        text=text,
        sample_post=sample_post,
        sample_similarity=similarity(text, sample_post.text) if sample_post else None,
        campaign=campaign,
    )
    if item.url and link is None:
        link = tracked_link_create(
            destination=item.url,
            source=network,
            campaign=campaign.utm_label if campaign else item.slug,
            content=str(share.pk),
        )
    share.link = link
    share.text = post_text(
        text=text,
        network=network_,
        disclosure=disclosure,
        link_url=tracked_url(link) if link else "",
    )
    share.save(update_fields=["link", "text", "updated_at"])
    return share


def _company_host(host: str, domains: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


@transaction.atomic
def own_post_create(*, advocate: User, network: str, text: str) -> Share:
    """The advocate's own post: links to the company's domains get tracked links (and then the
    disclosure tag, since it promotes the company); any other link is left as it is."""
    network_ = network_get(network)
    _check_sharer(advocate, network_)
    text = text.replace("\r\n", "\n").strip()
    _check_words(text)
    program = program_settings_get()
    company_urls = []
    for match in URL_RE.finditer(text):
        url = match.group(0)
        if _company_host(urlsplit(url).hostname or "", program.company_domains):
            company_urls.append(url)
    disclosure = program.disclosure_tag if company_urls else ""
    placeholder = tracked_url(TrackedLink(code="x" * 8))
    draft = text
    for url in dict.fromkeys(company_urls):
        draft = draft.replace(url, placeholder)
    _check_length(compose_text(draft, disclosure), network_)
    share = Share.objects.create(advocate=advocate, item=None, network=network, text=text)
    links = []
    for url in dict.fromkeys(company_urls):
        link = tracked_link_create(
            destination=url, source=network, campaign=OWN_POST_CAMPAIGN, content=str(share.pk)
        )
        text = text.replace(url, tracked_url(link))
        links.append(link)
    share.text = compose_text(text, disclosure)
    share.link = links[0] if links else None
    share.save(update_fields=["link", "text", "updated_at"])
    if links[1:]:
        share.extra_links.set(links[1:])
    return share


def share_mark_posted(*, share: Share, user: User, posted: str) -> Share:
    """The advocate says whether the share really went out (an intent cannot tell us)."""
    if share.advocate_id != user.pk:
        raise ForbiddenError(_("This is not your share."), code="forbidden")
    if posted not in Share.Posted.values:
        raise ChorusError(_("Unknown choice."), code="invalid", field="posted")
    share.posted = posted
    share.save(update_fields=["posted", "updated_at"])
    return share


def mastodon_instance_clean(value: str) -> str:
    """mastodon.social, https://mastodon.social/@me or @me@mastodon.social → mastodon.social."""
    value = (value or "").strip().lower()
    if "@" in value and "://" not in value:
        value = value.rsplit("@", 1)[-1]
    host = urlsplit(value if "://" in value else f"https://{value}").hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = ""
    if not DOMAIN_RE.match(host):
        raise ChorusError(
            _("“%(value)s” is not a server name like mastodon.social.") % {"value": value},
            code="instance_invalid",
            field="instance",
        )
    return host


AUDIENCE_MAX = 100_000_000


def audience_parse(text: str) -> int | None:
    """An audience size as people type it ("1 200", "1,200"): None when left empty."""
    raw = (text or "").strip().replace(" ", "").replace(",", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdecimal() and len(raw) <= 9) or int(raw) > AUDIENCE_MAX:
        raise ChorusError(
            _("An audience size is a whole number from 0 to 100,000,000."),
            code="audience",
            field="audiences",
        )
    return int(raw)


def sharing_profile_update(
    *,
    user: User,
    mastodon_instance: str | None = None,
    audiences: dict | None = None,
    networks: list[str] | None = None,
) -> SharingProfile:
    """Where the advocate shares: their Mastodon server, and how many people follow them on
    each network (what estimated reach adds up; empty where they'd rather not say)."""
    defaults: dict = {}
    if mastodon_instance is not None:
        host = mastodon_instance_clean(mastodon_instance) if mastodon_instance.strip() else ""
        defaults["mastodon_instance"] = host
    if audiences is not None:
        clean = {}
        for key, size in audiences.items():
            if key not in REGISTRY:
                raise ChorusError(
                    _("There is no network “%(key)s”.") % {"key": key}, code="network"
                )
            if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= AUDIENCE_MAX:
                raise ChorusError(
                    _("An audience size is a whole number from 0 to 100,000,000."),
                    code="audience",
                    field="audiences",
                )
            clean[key] = size
        defaults["audiences"] = clean
    if networks is not None:
        unknown = [key for key in networks if key not in REGISTRY]
        if unknown:
            raise ChorusError(
                _("There is no network “%(key)s”.") % {"key": unknown[0]}, code="network"
            )
        defaults["networks"] = [key for key in REGISTRY if key in networks]
    profile, _created = SharingProfile.objects.update_or_create(user=user, defaults=defaults)
    return profile


# Hostile reactions -------------------------------------------------------------------------------

FLAG_NOTE_MAX = ReactionFlag._meta.get_field("note").max_length
FLAG_URL_MAX = ReactionFlag._meta.get_field("url").max_length
FLAG_REPLY_MAX = ReactionFlag._meta.get_field("reply").max_length


def _check_flag_team(by: User) -> None:
    if not (by.is_active and by.is_curator):
        raise ForbiddenError(
            _("Only curators and program owners can answer a report of a hostile reaction."),
            code="forbidden",
        )


@transaction.atomic
def reaction_flag_create(*, share: Share, user: User, url: str, note: str) -> ReactionFlag:
    """An advocate reports a hostile reaction to their share; owners and curators are e-mailed
    at once (after the commit)."""
    from chorus.sharing.tasks import reaction_flag_alert_task  # tasks import services

    if share.advocate_id != user.pk:
        raise ForbiddenError(
            _("You can report reactions to your own shares only."), code="forbidden"
        )
    note = (note or "").replace("\r\n", "\n").strip()
    if not note:
        raise ChorusError(
            _("Tell us in a few words what happened."), code="note_missing", field="note"
        )
    if len(note) > FLAG_NOTE_MAX:
        raise ChorusError(
            _("A few words are enough: please stay under %(max)s characters.")
            % {"max": FLAG_NOTE_MAX},
            code="note_too_long",
            field="note",
        )
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ChorusError(
                _("The link must be a web address starting with https://."),
                code="url_invalid",
                field="url",
            ) from None
        if len(url) > FLAG_URL_MAX:
            raise ChorusError(_("The link is far too long."), code="url_too_long", field="url")
        if not _public_host(urlsplit(url).hostname or ""):
            raise ChorusError(
                _("The link must point to the network where the reaction is."),
                code="url_invalid",
                field="url",
            )
    same = ReactionFlag.objects.filter(
        share=share, reported_by=user, url=url, note=note, resolved_at__isnull=True
    ).first()
    if same is not None:  # sent twice: the team is already on it
        return same
    flag = ReactionFlag.objects.create(share=share, reported_by=user, url=url, note=note)
    transaction.on_commit(lambda: reaction_flag_alert_task.enqueue(flag.pk))
    return flag


def _public_host(host: str) -> bool:
    """Not this machine or a private network: such a link can't be a reaction on a network."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        return is_public_address(ipaddress.ip_address(host))
    except ValueError:  # a name, not an address
        return True


@transaction.atomic
def reaction_flag_reply(*, flag: ReactionFlag, by: User, reply: str) -> ReactionFlag:
    """The team's personal answer to the advocate (a second reply replaces the first)."""
    _check_flag_team(by)
    reply = (reply or "").replace("\r\n", "\n").strip()
    if not reply:
        raise ChorusError(_("Write your reply first."), code="reply_missing", field="reply")
    if len(reply) > FLAG_REPLY_MAX:
        raise ChorusError(
            _("Please keep the reply under %(max)s characters.") % {"max": FLAG_REPLY_MAX},
            code="reply_too_long",
            field="reply",
        )
    flag = ReactionFlag.objects.select_for_update().get(pk=flag.pk)
    first_reply = flag.replied_at is None
    flag.reply = reply
    flag.replied_by = by
    flag.replied_at = timezone.now()
    flag.save(update_fields=["reply", "replied_by", "replied_at", "updated_at"])
    if first_reply:  # a corrected reply replaces the first on the page; one notice is enough
        notify(
            user=flag.reported_by,
            kind=Kind.FLAG_REPLY,
            title=gettext_lazy("The team replied to the reaction you reported"),
            url=reverse("sharing:flag-detail", args=[flag.pk]),
        )
    return flag


@transaction.atomic
def reaction_flag_resolve(*, flag: ReactionFlag, by: User) -> ReactionFlag:
    """The team considers the matter settled; the flag leaves the open list."""
    _check_flag_team(by)
    flag = ReactionFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.resolved_at is None:
        flag.resolved_at = timezone.now()
        flag.save(update_fields=["resolved_at", "updated_at"])
    return flag
