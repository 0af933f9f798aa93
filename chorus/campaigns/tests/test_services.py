import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from chorus.accounts.services import membership_leave
from chorus.campaigns.models import Campaign, program_today
from chorus.campaigns.selectors import campaign_for_share, campaigns_running_for
from chorus.campaigns.services import campaign_update, campaigns_start_due
from chorus.campaigns.tests.factories import campaign_make
from chorus.content.tests.factories import ContentItemFactory
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.notifications.choices import Kind
from chorus.notifications.models import ChatDelivery, ChatWebhook, Notification
from chorus.tracking.services import tracked_link_create

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


# Creating and changing ---------------------------------------------------------------------


def test_a_campaign_gets_a_readable_label_from_its_number_and_name(owner, item):
    campaign = campaign_make(by=owner, items=[item], name="March: job openings!")
    campaign.refresh_from_db()
    assert campaign.utm_label == f"c{campaign.pk}-march-job-openings"
    assert list(campaign.items.all()) == [item]
    assert campaign.created_by == owner
    assert campaign.status == Campaign.Status.RUNNING


def test_a_name_without_latin_letters_still_gives_a_clean_label(owner, item):
    campaign = campaign_make(by=owner, items=[item], name="รับสมัครงาน")
    assert campaign.utm_label == f"c{campaign.pk}"


def test_owners_may_choose_the_label(owner, item):
    campaign = campaign_make(by=owner, items=[item], utm_label=" March-Jobs ")
    assert campaign.utm_label == "march-jobs"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": "  "}, "name", "name_missing"),
        ({"goal_target": 0}, "goal_target", "target_invalid"),
        ({"goal_target": -5}, "goal_target", "target_invalid"),
        ({"goal_metric": "likes"}, "goal_metric", "metric_invalid"),
        ({"items": []}, "items", "items_missing"),
        ({"utm_label": "March Jobs"}, "utm_label", "label_invalid"),
        ({"utm_label": "-march"}, "utm_label", "label_invalid"),
        ({"utm_label": "märz"}, "utm_label", "label_invalid"),
        ({"utm_label": "a" * 61}, "utm_label", "label_invalid"),
        ({"intro": "x" * 3001}, "intro", "intro_too_long"),
    ],
)
def test_a_campaign_is_checked_before_it_is_saved(owner, item, fields, field, code):
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, **({"items": [item]} | fields))
    assert (error.value.field, error.value.code) == (field, code)
    assert not Campaign.objects.exists()


def test_the_last_day_cannot_come_before_the_first(owner, item):
    today = program_today()
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, items=[item], starts_on=today + DAY, ends_on=today)
    assert (error.value.field, error.value.code) == ("ends_on", "ends_before_start")
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, items=[item], starts_on=today - 9 * DAY, ends_on=today - DAY)
    assert error.value.code == "ends_in_past"
    campaign = campaign_make(by=owner, items=[item], starts_on=today, ends_on=today)
    assert campaign.days == 1


def test_internal_items_are_not_campaign_material(owner):
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, items=[ContentItemFactory(shareable=False)])
    assert error.value.code == "item_not_shareable"


def test_labels_are_unique_and_never_mix_with_other_links(owner, item):
    campaign_make(by=owner, items=[item], utm_label="march-jobs")
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, items=[item], utm_label="march-jobs")
    assert error.value.code == "label_taken"
    # An item's own label, already on links: a campaign would mix its clicks in.
    tracked_link_create(destination="https://acme.test/", source="x", campaign="7-our-office")
    with pytest.raises(ChorusError) as error:
        campaign_make(by=owner, items=[item], utm_label="7-our-office")
    assert error.value.code == "label_taken"


def test_only_curators_and_owners_manage_campaigns(advocate, curator, item):
    with pytest.raises(ForbiddenError):
        campaign_make(by=advocate, items=[item])
    campaign = campaign_make(by=curator, items=[item])
    with pytest.raises(ForbiddenError):
        campaign_update(campaign=campaign, by=advocate, name="Mine now")


def test_a_campaign_can_change_until_links_carry_its_label(owner, item):
    campaign = campaign_make(by=owner, items=[item], utm_label="march-jobs")
    other = ContentItemFactory()
    campaign = campaign_update(
        campaign=campaign,
        by=owner,
        name="April jobs",
        goal_target=800,
        items=[item, other],
        utm_label="april-jobs",
    )
    campaign.refresh_from_db()
    assert (campaign.name, campaign.goal_target, campaign.utm_label) == (
        "April jobs",
        800,
        "april-jobs",
    )
    assert set(campaign.items.all()) == {item, other}
    tracked_link_create(destination=item.url, source="x", campaign="april-jobs")
    with pytest.raises(ChorusError) as error:
        campaign_update(campaign=campaign, by=owner, utm_label="may-jobs")
    assert error.value.code == "label_in_use"
    # Saving the same label again is no change, and the rest can still change.
    campaign_update(campaign=campaign, by=owner, utm_label="april-jobs", name="Jobs")
    campaign.refresh_from_db()
    assert (campaign.name, campaign.utm_label) == ("Jobs", "april-jobs")


def test_the_dates_are_the_programs_whoever_looks(owner, item, settings):
    now = timezone.now()
    # 25 hours apart: these two zones never share a date.
    east = now.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    settings.TIME_ZONE = "Pacific/Kiritimati"
    campaign = campaign_make(by=owner, items=[item], starts_on=east, ends_on=east)
    assert campaign.status == Campaign.Status.RUNNING
    settings.TIME_ZONE = "Pacific/Pago_Pago"
    assert campaign.status == Campaign.Status.UPCOMING
    assert program_today() < east


# Who a campaign is for ------------------------------------------------------------------------


def test_a_campaign_without_an_audience_is_for_every_advocate(owner, item, make_advocate):
    campaign = campaign_make(by=owner, items=[item])
    someone = make_advocate("someone@acme.test")
    assert list(campaigns_running_for(user=someone)) == [campaign]
    assert campaign_for_share(item=item, advocate=someone) == campaign


def test_departments_and_locations_narrow_the_audience(
    owner, item, make_advocate, engineering, sales, warsaw, london
):
    by_department = campaign_make(by=owner, items=[item], departments=[engineering])
    by_both = campaign_make(by=owner, items=[item], departments=[engineering], locations=[warsaw])
    engineer_warsaw = make_advocate("ew@acme.test", department=engineering, location=warsaw)
    engineer_london = make_advocate("el@acme.test", department=engineering, location=london)
    seller = make_advocate("s@acme.test", department=sales, location=warsaw)
    nobody = make_advocate("n@acme.test")
    assert set(campaigns_running_for(user=engineer_warsaw)) == {by_department, by_both}
    assert list(campaigns_running_for(user=engineer_london)) == [by_department]
    assert not campaigns_running_for(user=seller).exists()
    assert not campaigns_running_for(user=nobody).exists()


def test_a_share_counts_for_a_campaign_only_between_its_dates(owner, item, advocate):
    campaign = campaign_make(by=owner, items=[item], days_ago=3, days=7)
    today = program_today()
    assert campaign_for_share(item=item, advocate=advocate) == campaign
    assert campaign_for_share(item=item, advocate=advocate, on=campaign.starts_on) == campaign
    assert campaign_for_share(item=item, advocate=advocate, on=campaign.ends_on) == campaign
    assert campaign_for_share(item=item, advocate=advocate, on=today - 4 * DAY) is None
    assert campaign_for_share(item=item, advocate=advocate, on=today + 4 * DAY) is None
    assert campaign_for_share(item=ContentItemFactory(), advocate=advocate) is None


def test_of_two_campaigns_of_an_item_the_latest_started_wins(owner, item, advocate):
    campaign_make(by=owner, items=[item], days_ago=5, utm_label="older")
    newer = campaign_make(by=owner, items=[item], days_ago=1, utm_label="newer")
    assert campaign_for_share(item=item, advocate=advocate) == newer


# The start notice -----------------------------------------------------------------------------


def test_the_start_is_announced_once_to_the_audience_and_the_chat(
    owner, item, make_advocate, engineering, sales, employee, django_capture_on_commit_callbacks
):
    ChatWebhook.objects.create(
        name="Team", service="slack", url="https://hooks.slack.example/T1/B1/x", on_campaign=True
    )
    campaign = campaign_make(
        by=owner, items=[item], departments=[engineering], intro="Hiring: 100% remote-friendly."
    )
    upcoming = campaign_make(by=owner, items=[item], days_ago=-3, utm_label="later")
    engineers = [
        make_advocate("e1@acme.test", department=engineering),
        make_advocate("e2@acme.test", department=engineering),
    ]
    make_advocate("s1@acme.test", department=sales)
    left = make_advocate("e3@acme.test", department=engineering)
    membership_leave(user=left)
    with django_capture_on_commit_callbacks(execute=False):
        assert campaigns_start_due() == 1
        assert campaigns_start_due() == 0
    notices = Notification.objects.filter(kind=Kind.CAMPAIGN)
    assert sorted(n.user_id for n in notices) == sorted(e.pk for e in engineers)
    notice = notices.first()
    assert notice.title == "A campaign for you: Job openings in March"
    assert notice.body == "Hiring: 100% remote-friendly."
    assert notice.url == f"/campaigns/{campaign.pk}/"
    campaign.refresh_from_db()
    upcoming.refresh_from_db()
    assert campaign.start_noticed_at is not None
    assert upcoming.start_noticed_at is None
    delivery = ChatDelivery.objects.get()
    assert delivery.key == f"campaign:{campaign.pk}"
    assert "Job openings in March" in delivery.title
    assert f"http://127.0.0.1:8000/campaigns/{campaign.pk}/" in str(delivery.payload)


def test_a_second_run_sends_nothing_even_if_the_mark_was_lost(
    owner, item, advocate, django_capture_on_commit_callbacks
):
    campaign = campaign_make(by=owner, items=[item])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns_start_due()
    assert len(mail.outbox) == 1
    assert "Job openings in March" in mail.outbox[0].subject
    # A restored backup, a second worker: the per-person keys still hold.
    Campaign.objects.filter(pk=campaign.pk).update(start_noticed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert campaigns_start_due() == 1
    assert Notification.objects.filter(kind=Kind.CAMPAIGN).count() == 1
    assert len(mail.outbox) == 1


def test_campaigns_that_ended_unannounced_are_left_alone(owner, item, advocate):
    campaign = campaign_make(by=owner, items=[item])
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=program_today() - 9 * DAY, ends_on=program_today() - DAY
    )
    assert campaigns_start_due() == 0
    assert not Notification.objects.exists()


def test_the_command_announces_now_or_queues_it(owner, item, advocate, capsys, settings):
    campaign_make(by=owner, items=[item])
    call_command("start_campaigns", "--enqueue")
    assert "queued" in capsys.readouterr().out
    assert Notification.objects.filter(kind=Kind.CAMPAIGN).count() == 1  # tasks run at once here
    call_command("start_campaigns")
    assert capsys.readouterr().out.strip() == "0 campaigns announced."
    assert settings.CHORUS_PERIODIC_JOBS["start_campaigns"] == 300
