import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from chorus.analytics.models import Running
from chorus.analytics.services import analytics_history_pruned
from chorus.analytics.tasks import analytics_update_task
from chorus.sharing.models import Share
from chorus.tracking.models import Click
from chorus.tracking.services import clicks_prune


def test_the_command_counts_what_is_new_and_then_nothing(world, capsys):
    call_command("update_analytics")
    assert "0 shares and 0 click tallies counted." in capsys.readouterr().out


def test_a_rebuild_starts_afresh_from_shares_and_raw_clicks(world, capsys):
    Running.objects.all().delete()
    call_command("update_analytics", rebuild=True)
    out = capsys.readouterr().out
    assert f"{Share.objects.count()} shares and" in out
    assert Running.objects.get(dim="all", key="").shares == Share.objects.count()


def test_a_rebuild_warns_when_pruned_clicks_cannot_come_back(world, capsys):
    assert not analytics_history_pruned()
    clicks_prune(days=20)
    assert Click.objects.filter(at__lt=timezone.now() - dt.timedelta(days=20)).count() == 0
    assert analytics_history_pruned()
    call_command("update_analytics", rebuild=True)
    assert "retention period" in capsys.readouterr().err


def test_the_task_runs_the_update(world):
    result = analytics_update_task.call()
    assert result == {"shares": 0, "tallies": 0}


def test_the_command_can_leave_the_work_to_the_worker(db, capsys):
    call_command("update_analytics", enqueue=True)
    assert "queued" in capsys.readouterr().out


def test_a_rebuild_writes_every_day_after_the_days_before_it(world, monkeypatch):
    # A figure for a day before a key's last day moves every later running sum, one statement
    # at a time: fine for a journal read late, hours for a rebuild of millions of clicks.
    from chorus.analytics import services

    def late(*args):
        raise AssertionError("a rebuild wrote a day before a later one")

    monkeypatch.setattr(services, "_write_late", late)
    update = services.analytics_rebuild()
    assert update.shares == Share.objects.count()
    assert Running.objects.get(dim="all", key="").clicks > 0


def test_a_backlog_of_many_days_catches_up_without_rewriting_later_days(db, monkeypatch):
    # Days of shares and click tallies waiting (a stopped worker), taken in small batches.
    from chorus.analytics import services
    from chorus.analytics.tests.conftest import build_world
    from chorus.analytics.tests.raw import Raw

    late = []
    real = services._write_late
    monkeypatch.setattr(services, "TALLY_BATCH", 40)
    monkeypatch.setattr(services, "_write_late", lambda *a: late.append(a) or real(*a))
    build_world()
    assert len(late) < 5  # only where one batch's hours reach back before the last one's
    figures = Raw().figures(dt.date(2000, 1, 1), timezone.now().date())
    assert Running.objects.get(dim="all", key="").clicks == figures[1]
    assert Running.objects.get(dim="all", key="").shares == Share.objects.count()
