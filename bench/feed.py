"""Benchmark: an advocate's first feed page with 10,000 published items and 200 topics.

Target: under 100 ms on SQLite. Prints the figures; run with `make bench` (or directly).
Builds its own SQLite database in a temporary folder, so it never touches var/.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ITEMS, TOPICS, RUNS = 10_000, 200, 30

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
data_dir = tempfile.mkdtemp(prefix="chorus-bench-")
os.environ.update(
    CHORUS_DATA_DIR=data_dir,
    DJANGO_SETTINGS_MODULE="config.settings",
    SECRET_KEY="bench",
    ALLOWED_HOSTS="testserver",
)
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chorus.accounts.models import Department, User
from chorus.accounts.services import membership_join
from chorus.content.models import ContentItem, SamplePost, Topic


def build() -> User:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    department = Department.objects.create(name="Engineering")
    topics = Topic.objects.bulk_create(Topic(name=f"Topic {n}") for n in range(TOPICS))
    now = timezone.now()
    items = ContentItem.objects.bulk_create(
        ContentItem(
            kind="link",
            title=f"Story number {n} about something worth sharing",
            note="Why this matters: **the team** did great work.",
            url=f"https://news.example/{n}",
            description="A short description of the page. " * 3,
            site_name="Example News",
            language=("en", "pl", "th")[n % 3],
            publish_at=now - timedelta(minutes=n),
            featured=n % 500 == 0,
        )
        for n in range(ITEMS)
    )
    through = ContentItem.topics.through
    through.objects.bulk_create(
        through(contentitem_id=item.pk, topic_id=topics[(i * 7 + k) % TOPICS].pk)
        for i, item in enumerate(items)
        for k in range(2)
    )
    SamplePost.objects.bulk_create(
        SamplePost(item=item, text="Proud of this one.") for item in items[::2]
    )
    user = User.objects.create_user(
        "bench@example.com",
        "x",
        department=department,
        preferred_languages=["en", "pl"],
        display_name="Bench Advocate",
    )
    user.followed_topics.set(topics[:5])
    membership_join(user=user)
    return user


def main() -> None:
    started = time.perf_counter()
    user = build()
    print(f"built {ITEMS} items, {TOPICS} topics in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(user)
    client.get("/content/")  # warm caches and templates
    timings = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        response = client.get("/content/")
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/content/")
    median, p95 = statistics.median(timings), sorted(timings)[int(RUNS * 0.95) - 1]
    verdict = "ok" if median < 100 else "SLOWER THAN TARGET"
    print(
        f"feed first page (SQLite): median {median:.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries)} queries, target < 100 ms: {verdict}"
    )


if __name__ == "__main__":
    main()
