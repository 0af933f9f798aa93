import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from chorus.tracking.models import Click, LinkDay, TrackedLink
from chorus.tracking.services import clicks_prune, clicks_store, tracked_link_create
from chorus.tracking.tests.helpers import CHROME


def test_old_raw_clicks_go_and_their_counts_stay(db, settings):
    settings.CHORUS_CLICK_RETENTION_DAYS = 30
    link = tracked_link_create(destination="https://acme.test/a", source="linkedin", campaign="c")
    now = timezone.now()
    clicks_store(
        [
            (now - dt.timedelta(days=40), link.pk, "old1", "", CHROME),
            (now - dt.timedelta(days=31), link.pk, "old2", "", CHROME),
            (now - dt.timedelta(days=29), link.pk, "new1", "", CHROME),
            (now - dt.timedelta(hours=1), link.pk, "new2", "", CHROME),
        ]
    )
    assert clicks_prune(chunk=1) == 2
    assert sorted(Click.objects.values_list("visitor", flat=True)) == ["new1", "new2"]
    assert TrackedLink.objects.get(pk=link.pk).clicks == 4
    assert sum(LinkDay.objects.values_list("clicks", flat=True)) == 4
    assert clicks_prune() == 0


def test_the_command_prunes_with_its_own_retention(db, capsys):
    link = tracked_link_create(destination="https://acme.test/b", source="x", campaign="c")
    clicks_store([(timezone.now() - dt.timedelta(days=3), link.pk, "v", "", CHROME)])
    call_command("prune_clicks", days=2)
    assert "1 raw clicks older than 2 days deleted." in capsys.readouterr().out
    assert not Click.objects.exists()
