import pytest

from chorus.accounts.services import membership_leave
from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory
from chorus.core.errors import ChorusError, ForbiddenError, NotFoundError
from chorus.sharing import services
from chorus.sharing.lengths import measure
from chorus.sharing.models import Share
from chorus.sharing.services import own_post_create, share_create
from chorus.tracking.models import TrackedLink

pytestmark = pytest.mark.django_db


def test_a_share_keeps_the_final_text_and_gets_a_tracked_link(advocate, item):
    share = share_create(advocate=advocate, item=item, network="x", text="  Look at this!  ")
    assert share.link is not None
    assert share.text == f"Look at this! https://go.acme.com/s/{share.link.code}"
    assert share.link.destination == item.url
    assert share.link.source == "x"
    assert share.link.campaign == item.slug
    assert share.link.content == str(share.pk)
    assert "utm_content=" + str(share.pk) in share.link.target_url


def test_sharing_the_same_item_to_the_same_network_reuses_the_link(advocate, item):
    first = share_create(advocate=advocate, item=item, network="linkedin", text="One")
    again = share_create(advocate=advocate, item=item, network="linkedin", text="Two")
    elsewhere = share_create(advocate=advocate, item=item, network="x", text="Three")
    assert again.link_id == first.link_id
    assert elsewhere.link_id != first.link_id
    assert TrackedLink.objects.count() == 2


def test_the_link_travels_beside_the_text_where_the_network_takes_only_a_link(advocate, item):
    share = share_create(advocate=advocate, item=item, network="linkedin", text="Proud of us")
    assert share.text == "Proud of us"
    intent = services.share_intent_url(share)
    assert intent.startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert f"go.acme.com%2Fs%2F{share.link.code}" in intent


def test_the_disclosure_tag_is_appended_and_counted(advocate, item, program):
    program.set(disclosure_tag="#iworkatACME")
    share = share_create(advocate=advocate, item=item, network="linkedin", text="Proud of us")
    assert share.text == "Proud of us #iworkatACME"
    # On X the tag (12) and the link (23) count: 280 - 12 - 23 - 2 spaces leaves 243 for words.
    share_create(advocate=advocate, item=item, network="x", text="a" * 243)
    with pytest.raises(ChorusError) as error:
        share_create(advocate=advocate, item=item, network="x", text="a" * 244)
    assert error.value.code == "text_too_long"
    assert "281" in error.value.message
    assert "280" in error.value.message


def test_x_counts_weighted_characters(advocate, item):
    text = "日本語" * 42  # 252 weighted characters + a space + a link (23) = 276: fits
    share_create(advocate=advocate, item=item, network="x", text=text)
    with pytest.raises(ChorusError):
        share_create(advocate=advocate, item=item, network="x", text="日本語" * 43)  # 282
    assert measure("ภาษาไทย zażółć", "weighted") == 14


def test_regulated_wording_cannot_be_changed(advocate, program):
    item = ContentItemFactory(regulated=True)
    sample = SamplePostFactory(item=item, text="Fund X: past performance is no guarantee.")
    with pytest.raises(ChorusError) as error:
        share_create(advocate=advocate, item=item, network="linkedin", text="Great fund!")
    assert error.value.code == "regulated_wording"
    share = share_create(advocate=advocate, item=item, network="linkedin", text=sample.text)
    assert share.sample_post == sample


def test_only_advocates_share(employee, item):
    with pytest.raises(ForbiddenError):
        share_create(advocate=employee, item=item, network="x", text="Hi")


def test_an_advocate_who_left_can_no_longer_share(advocate, item):
    membership_leave(user=advocate)
    with pytest.raises(ForbiddenError):
        share_create(advocate=advocate, item=item, network="x", text="Hi")


def test_only_offered_networks(advocate, item, program):
    with pytest.raises(ChorusError) as error:
        share_create(advocate=advocate, item=item, network="threads", text="Hi")
    assert error.value.code == "network_not_offered"
    with pytest.raises(ChorusError):
        share_create(advocate=advocate, item=item, network="myspace", text="Hi")


def test_drafts_and_internal_items_are_not_shared(advocate, program):
    draft = ContentItemFactory(publish_at=None)
    internal = ContentItemFactory(shareable=False)
    with pytest.raises(NotFoundError):
        share_create(advocate=advocate, item=draft, network="x", text="Hi")
    with pytest.raises(ChorusError):
        share_create(advocate=advocate, item=internal, network="x", text="Hi")


def test_an_empty_text_is_refused(advocate, item):
    with pytest.raises(ChorusError) as error:
        share_create(advocate=advocate, item=item, network="x", text="   ")
    assert error.value.code == "text_missing"


def test_mastodon_needs_the_advocates_server_once(advocate, item):
    with pytest.raises(ChorusError) as error:
        share_create(advocate=advocate, item=item, network="mastodon", text="Hi")
    assert error.value.code == "instance_missing"
    services.sharing_profile_update(user=advocate, mastodon_instance="@ada@Mastodon.Social")
    share = share_create(advocate=advocate, item=item, network="mastodon", text="Hi")
    assert services.share_intent_url(share).startswith("https://mastodon.social/share?text=Hi%20")


@pytest.mark.parametrize("value", ["not a host", "http://", "exa mple.org", "-bad-.org"])
def test_a_wrong_mastodon_server_is_refused(advocate, value):
    with pytest.raises(ChorusError):
        services.sharing_profile_update(user=advocate, mastodon_instance=value)


def test_an_own_post_tracks_only_links_to_the_company(advocate, program):
    program.set(company_domains=["acme.test"], disclosure_tag="#iworkatACME")
    share = own_post_create(
        advocate=advocate,
        network="bluesky",
        text="My talk: https://blog.acme.test/talk?x=1. Slides: https://slides.example.org/t",
    )
    assert share.item is None
    assert share.link.destination == "https://blog.acme.test/talk?x=1"
    assert share.link.campaign == "own-post"
    assert f"https://go.acme.com/s/{share.link.code}. Slides:" in share.text
    assert "https://slides.example.org/t" in share.text
    assert share.text.endswith("#iworkatACME")


def test_an_own_post_without_company_links_stays_as_written(advocate, program):
    program.set(company_domains=["acme.test"], disclosure_tag="#iworkatACME")
    share = own_post_create(
        advocate=advocate, network="x", text="Sunday hike https://trails.example/x"
    )
    assert share.text == "Sunday hike https://trails.example/x"
    assert share.link is None


def test_an_advocate_says_whether_a_share_went_out(advocate, curator, item):
    share = share_create(advocate=advocate, item=item, network="x", text="Hi")
    services.share_mark_posted(share=share, user=advocate, posted="yes")
    assert Share.objects.get().posted == "yes"
    with pytest.raises(ForbiddenError):
        services.share_mark_posted(share=share, user=curator, posted="no")
