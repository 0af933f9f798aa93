import datetime as dt
import fcntl
import os
import string

import pytest

from chorus.tracking import journal as journal_module
from chorus.tracking.codes import CODE_LENGTH, code_new
from chorus.tracking.models import Click, IngestedJournal, LinkDay, VisitorKey
from chorus.tracking.services import (
    clicks_ingest,
    clicks_store,
    journal_ingest,
    tracked_link_create,
    visitor_key_for,
)

from .helpers import CHROME, LINKEDINBOT, flush, hit

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(journal_dir):
    return tracked_link_create(destination="https://acme.test/a", source="x", campaign="c")


def _line(at: dt.datetime, link_id: int, visitor="v1", agent=CHROME) -> bytes:
    return f"{int(at.timestamp() * 1000)}\t{link_id}\t{visitor}\tt.co\t{agent}\n".encode()


def test_codes_are_long_unguessable_base62():
    codes = {code_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == CODE_LENGTH >= 7 for code in codes)
    assert set("".join(codes)) <= set(string.ascii_letters + string.digits)
    assert len(set("".join(codes))) == 62  # every symbol shows up: the whole alphabet is used


def test_a_repeat_counts_again_after_30_minutes(link):
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    rows = [
        (start, link.pk, "v1", "", CHROME),
        (start + dt.timedelta(minutes=29), link.pk, "v1", "", CHROME),
        (start + dt.timedelta(minutes=31), link.pk, "v1", "", CHROME),
    ]
    clicks_store(rows)
    link.refresh_from_db()
    assert link.clicks == 2


def test_the_dedupe_holds_across_journals_ingested_out_of_order(link, journal_dir):
    journal_dir.mkdir(parents=True)
    now = dt.datetime.now(dt.UTC)
    (journal_dir / "b.journal").write_bytes(_line(now, link.pk))
    (journal_dir / "a.journal").write_bytes(_line(now - dt.timedelta(minutes=5), link.pk))
    assert clicks_ingest() == 2
    link.refresh_from_db()
    assert link.clicks == 1


def test_a_journal_left_by_a_killed_process_is_ingested_once(link, journal_dir):
    journal_dir.mkdir(parents=True)
    now = dt.datetime.now(dt.UTC)
    path = journal_dir / "clicks-dead-123.journal"
    # Two whole lines and a torn one: the process died inside write(2), before answering.
    path.write_bytes(_line(now, link.pk, "v1") + _line(now, link.pk, "v2") + b"17000\t1\tv3")
    assert clicks_ingest() == 2
    assert not path.exists()
    assert IngestedJournal.objects.get(name=path.name).lines == 2
    # The same file again (a crash after the commit, before the unlink): nothing twice.
    path.write_bytes(_line(now, link.pk, "v1") + _line(now, link.pk, "v2"))
    assert clicks_ingest() == 0
    assert Click.objects.count() == 2


def test_a_journal_its_writer_still_holds_is_left_alone(link, journal_dir):
    hit(link.code)
    writer = journal_module.Journal(journal_dir)
    writer.append(_line(dt.datetime.now(dt.UTC), link.pk, "other"))
    from chorus.tracking import redirect

    assert clicks_ingest(skip=redirect.journal().current) == 0  # both files are held
    writer.seal()
    assert clicks_ingest(skip=redirect.journal().current) == 1
    assert flush() == 1


def test_an_unlocked_file_is_claimed_by_one_ingester_only(link, journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "x.journal"
    path.write_bytes(_line(dt.datetime.now(dt.UTC), link.pk))
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process is ingesting it
    try:
        assert journal_ingest(path) is None
    finally:
        os.close(fd)
    assert journal_ingest(path) == 1


def test_clicks_of_a_deleted_link_are_dropped(link):
    clicks_store([(dt.datetime.now(dt.UTC), 999_999, "v", "", CHROME)])
    assert not Click.objects.exists()


def test_previews_are_counted_every_time(link):
    now = dt.datetime.now(dt.UTC)
    clicks_store([(now, link.pk, "bot", "", LINKEDINBOT), (now, link.pk, "bot", "", LINKEDINBOT)])
    assert LinkDay.objects.get(link=link).previews == 2


def test_visitor_keys_rotate_daily_and_old_ones_are_deleted(db):
    today = dt.date(2026, 11, 23)
    keys = [visitor_key_for(today - dt.timedelta(days=n)) for n in (5, 4, 3, 0)]
    assert len(set(keys)) == 4
    assert visitor_key_for(today) == keys[-1]  # stable within a day
    assert sorted(VisitorKey.objects.values_list("day", flat=True)) == [today]


def test_the_ingest_command_reads_what_the_web_processes_sealed(link, journal_dir):
    from django.core.management import call_command

    hit(link.code)
    hit(link.code, agent=LINKEDINBOT)
    from chorus.tracking import redirect

    redirect.journal().seal()
    call_command("ingest_clicks", stdout=__import__("io").StringIO())
    link.refresh_from_db()
    assert (link.clicks, link.previews) == (1, 1)
    assert not list(journal_dir.glob("*.journal"))
