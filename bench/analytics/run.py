"""Benchmark: the dashboards' read model (chorus/analytics) on a big program, on SQLite and
PostgreSQL, against the same figures counted from the raw clicks.

    make bench-analytics                         # both databases, 5,000,000 clicks
    CLICKS=200000 make bench-analytics           # a quick trial
    .venv/bin/python bench/analytics/run.py --database sqlite --clicks 200000 --keep
    .venv/bin/python bench/analytics/run.py --help

What it does, per database, each in its own process (Django's settings are process-wide):
 1. makes a scratch database: SQLite in a temporary folder under /tmp, or PostgreSQL
    `chorus_bench` on 127.0.0.1:5432 as user postgres (dropped and created afresh), and migrates;
 2. generates a program from a fixed seed (dataset.py) and loads it with bulk SQL: 20
    departments, 15 locations, 30 topics, 2,000 advocates (plus owners and bystanders), 5,000
    items in en/pl/th, 100,000 shares over 90 days with a tracked link each, and --clicks raw
    clicks (77% counted human, 8% repeats, 10% previews, 5% robots), with LinkDay, ClickTally
    and the links' totals computed from those clicks; popularity is Zipf-like;
 3. builds the rollups with the real services and prints how long it spent in them
    (`rollup_build`), one of three ways (--rollup):
      replay   (default) 91 times: store one day's shares and click tallies, then call
               `analytics_update_all(share_lookback=None)`: the live path, the outbox consumed
               as production consumes it (about 4 min on SQLite, 7 on PostgreSQL at 5M clicks);
      rebuild  store everything, then call `analytics_rebuild()` (it recounts the raw clicks,
               day by day);
      backlog  store everything, then one `analytics_update_all(share_lookback=None)`: a
               stopped worker catching up; each batch of tallies counts only the shares up to
               its last hour, so days are written oldest first here too;
 4. times every dashboard query for the last 90 and the last 7 days (median of --runs after one
    warm-up): series, totals, each breakdown, top content, top advocates, active advocates, the
    funnel, the whole program, personal and item dashboards, and the rendered pages through
    Django's test client where their URLs exist (skipped with a note where not); beside each,
    where it makes sense, the same figures counted from the raw clicks with plain GROUP BY
    queries (raw.py; `raw`, --raw-runs after one warm-up per period: they are seconds-long
    scans), and for the program dashboard the sum of its raw parts;
 5. prints a summary per database and whether the goals are met: every dashboard page under
    300 ms on PostgreSQL (aim: 100 ms) and under 1 s on SQLite.

Each figure is one line with the database's name first, e.g. `postgresql top_content 90d 42.1 ms`
and `postgresql top_content 90d raw 812.4 ms`. The scratch databases are removed unless --keep.
PostgreSQL is not analyzed by hand beyond what autovacuum would have done (ANALYZE after the
load and after the rollups); SQLite gets no ANALYZE, as in production.
"""

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PY = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "chorus_bench"
DATABASES = ("sqlite", "postgresql")
# database → (goal, aim) in ms for every dashboard page
GOALS = {"postgresql": (300.0, 100.0), "sqlite": (1000.0, None)}
PAGES = {
    "page_program": ("program_dashboard", "/analytics/"),
    "page_personal": ("personal_dashboard", "/analytics/me/"),
    "page_item": ("item_performance", "/analytics/content/{item}/"),
}
PERIODS = (90, 7)
ROLLUPS = {
    "replay": "analytics_update_all(share_lookback=None) after each day's shares and tallies",
    "rebuild": "analytics_rebuild() after everything is stored",
    "backlog": "one analytics_update_all(share_lookback=None) after everything is stored",
}


def say(text: str = "") -> None:
    print(text, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both")
    parser.add_argument("--clicks", type=int, default=5_000_000, help="raw clicks to load")
    parser.add_argument("--shares", type=int, default=100_000)
    parser.add_argument("--advocates", type=int, default=2_000)
    parser.add_argument("--items", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per read-model query")
    parser.add_argument(
        "--raw-runs", type=int, default=1, help="timed runs per raw query (after one warm-up)"
    )
    parser.add_argument("--no-raw", action="store_true", help="skip the raw-click yardsticks")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of the slowest statements"
    )
    parser.add_argument(
        "--profile-rollup", action="store_true", help="run the rollup build under cProfile"
    )
    parser.add_argument(
        "--rollup",
        choices=tuple(ROLLUPS),
        default="replay",
        help="how the rollups are built (see the notes at the top); default: replay",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--worker", choices=DATABASES, help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- the parent: one process per database --------------------------------------------------


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def worker_env(database: str, tmp: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CHORUS_")
        and key not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "CONN_MAX_AGE")
    }
    env.update(
        CHORUS_DATA_DIR=str(tmp),
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="bench-analytics",
        DEBUG="off",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    if database == "postgresql":
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    return env


def run_database(args, database: str) -> dict | None:
    tmp = Path(tempfile.mkdtemp(prefix=f"chorus-bench-analytics-{database}-"))
    results = tmp / "results.json"
    try:
        if database == "postgresql":
            try:
                pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
                pg_admin(f"CREATE DATABASE {PG_NAME}")
            except Exception as error:  # any failure means: no server to use
                say(f"postgresql: cannot use {PG_SERVER} as postgres ({error}); skipped")
                return None
        argv = [PY, str(Path(__file__).resolve()), "--worker", database, "--results", str(results)]
        for name in ("clicks", "shares", "advocates", "items", "runs", "raw_runs", "rollup"):
            argv += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
        for flag in ("no_raw", "explain", "profile_rollup"):
            if getattr(args, flag):
                argv.append(f"--{flag.replace('_', '-')}")
        process = subprocess.run(argv, cwd=ROOT, env=worker_env(database, tmp))  # noqa: S603
        if process.returncode != 0 or not results.exists():
            say(f"{database}: the benchmark failed (exit status {process.returncode})")
            return None
        return json.loads(results.read_text())
    finally:
        if args.keep:
            say(f"· kept {tmp}" + (f" and database {PG_NAME}" if database == "postgresql" else ""))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            if database == "postgresql":
                with contextlib.suppress(Exception):
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


def summary(database: str, result: dict) -> bool:
    """The figures side by side, and the verdict on the pages; True when the goals are met."""
    figures = {(f["name"], f["period"], f["raw"]): f["ms"] for f in result["figures"]}
    names = list(dict.fromkeys(f["name"] for f in result["figures"]))
    goal, aim = GOALS[database]
    say()
    say(f"== {database}: {result['database']} ==")
    say(
        f"{result['clicks']:,} clicks, {result['shares']:,} shares; loaded in "
        f"{result['load_s']:.0f} s; rollup_build {result['rollup_s']:.1f} s "
        f"({result['rollup_rows']})"
    )
    head = f"{'query':<28} {'90d ms':>9} {'raw ms':>9} {'7d ms':>9} {'raw ms':>9}"
    say(head)
    say("-" * len(head))

    def cell(name, period, raw):
        value = figures.get((name, period, raw))
        return f"{value:>9.1f}" if value is not None else f"{'':>9}"

    for name in names:
        if name == "funnel":
            say(f"{name + ' (30d)':<28} {cell(name, '30d', False)}")
            continue
        say(
            f"{name:<28} {cell(name, '90d', False)} {cell(name, '90d', True)} "
            f"{cell(name, '7d', False)} {cell(name, '7d', True)}"
        )
    met = True
    for page, (selector, _url) in PAGES.items():
        measured = page if any(n == page for n in names) else selector
        worst = max(figures.get((measured, f"{d}d", False), 0.0) for d in PERIODS)
        verdict = "met" if worst < goal else "MISSED"
        met = met and worst < goal
        extra = ""
        if aim is not None:
            extra = f", aim {aim:.0f} ms {'met' if worst < aim else 'missed'}"
        stand_in = "" if measured == page else f" (no page yet: {selector} stands in)"
        say(f"goal {page}: worst {worst:.1f} ms < {goal:.0f} ms {verdict}{extra}{stand_in}")
    for note in result["notes"]:
        say(f"note: {note}")
    return met


def main_parent(args) -> int:
    databases = DATABASES if args.database == "both" else (args.database,)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(
        f"== bench/analytics: {args.clicks:,} clicks, {args.shares:,} shares, "
        f"{args.advocates:,} advocates, {args.items:,} items over 90 days =="
    )
    say(
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {platform.node()}: {cpus} CPUs; "
        f"Python {platform.python_version()}; median of {args.runs} runs after one warm-up "
        f"(raw: {args.raw_runs} after one warm-up per period)"
    )
    started = time.monotonic()
    results = {}
    for database in databases:
        say()
        say(f"== {database} ==")
        results[database] = run_database(args, database)
    all_met = True
    for database, result in results.items():
        if result is None:
            all_met = False
            continue
        all_met = summary(database, result) and all_met
    say()
    say(f"goals {'met' if all_met else 'NOT met'}; total {time.monotonic() - started:.0f} s")
    return 0 if all(results.values()) else 1


# --- the worker: one database ---------------------------------------------------------------


class Bench:
    """Times queries and prints one line per figure."""

    def __init__(self, database: str, runs: int, raw_runs: int):
        self.database, self.runs, self.raw_runs = database, runs, raw_runs
        self.figures: list[dict] = []

    def time(self, name: str, period: str, call, *, raw: bool = False) -> float:
        """Median of the runs after a warm-up; raw scans take seconds and share one warm-up
        per period (measure_period), so they run --raw-runs times without their own."""
        if not raw:
            call()
        runs = []
        for _ in range(self.raw_runs if raw else self.runs):
            began = time.perf_counter()
            call()
            runs.append((time.perf_counter() - began) * 1000)
        ms = statistics.median(runs)
        self.record(name, period, ms, raw=raw)
        return ms

    def record(self, name: str, period: str, ms: float, *, raw: bool = False, note: str = ""):
        self.figures.append({"name": name, "period": period, "raw": raw, "ms": ms})
        label = " raw" if raw else ""
        say(f"{self.database} {name} {period}{label} {ms:.1f} ms{note}")


def database_label() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        return cursor.fetchone()[0].split(" on ")[0]


def rollup_build(bench: Bench, args, loaded) -> tuple[float, str]:
    """The rollups, built by the real services (see --rollup and the notes at the top)."""
    from bench.analytics import dataset
    from chorus.analytics.models import DayTotal, GroupMember, Running, ShareFact
    from chorus.analytics.services import analytics_rebuild, analytics_update_all

    profiler = None
    if args.profile_rollup:
        import cProfile

        profiler = cProfile.Profile()
    days = loaded.days
    batches = [[day] for day in days] if args.rollup == "replay" else [days]
    say(f"· {bench.database}: {ROLLUPS[args.rollup]}")
    seconds, slowest, shares, tallies = 0.0, (0.0, None), 0, 0
    for batch in batches:
        dataset.feed(batch)
        if profiler:
            profiler.enable()
        began = time.monotonic()
        if args.rollup == "rebuild":
            update = analytics_rebuild()
        else:
            update = analytics_update_all(share_lookback=None)
        took = time.monotonic() - began
        if profiler:
            profiler.disable()
        seconds += took
        slowest = max(slowest, (took, batch[-1][0]), key=lambda s: s[0])
        shares, tallies = shares + update.shares, tallies + update.tallies
    dataset.sequences_reset()
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    say(f"{bench.database} rollup_build {seconds:.1f} s")
    calls = f"{len(batches)} calls, slowest {slowest[0]:.1f} s ({slowest[1]}); "
    rows = (
        f"{args.rollup}: {calls if len(batches) > 1 else ''}{shares:,} shares and "
        f"{tallies:,} tallies into {DayTotal.objects.count():,} day totals, "
        f"{Running.objects.count():,} running totals, {GroupMember.objects.count():,} group "
        f"members, {ShareFact.objects.count():,} facts"
    )
    say(f"  {rows}")
    return seconds, rows


def subjects_load(loaded) -> dict:
    """Who looks at what: an owner, the busiest advocate, the most clicked item."""
    import zoneinfo

    from chorus.accounts.models import User
    from chorus.content.models import ContentItem
    from chorus.program.selectors import program_settings_get

    return {
        "program": program_settings_get(),
        "owner": User.objects.get(pk=loaded.owner),
        "advocate": User.objects.get(pk=loaded.busy_advocate),
        "item": ContentItem.objects.get(pk=loaded.popular_item),
        "zone": zoneinfo.ZoneInfo("Europe/Warsaw"),
    }


def dashboards(subjects: dict, period) -> dict:
    """The three dashboards' selectors, ready to call."""
    from chorus.analytics import selectors

    return {
        "program_dashboard": lambda: selectors.program_dashboard(
            viewer=subjects["owner"], program=subjects["program"], period=period
        ),
        "personal_dashboard": lambda: selectors.personal_dashboard(
            user=subjects["advocate"], period=period, zone=subjects["zone"]
        ),
        "item_performance": lambda: selectors.item_performance(
            item=subjects["item"], period=period, individuals=True
        ),
    }


def measure(bench: Bench, args, subjects: dict) -> list[str]:
    """Every dashboard query, its raw counterpart and the pages, for each period."""
    from django.db import connection

    from chorus.analytics import selectors

    bench.time("funnel", "30d", lambda: selectors.funnel(subjects["program"]))
    notes = []
    for days in PERIODS:
        notes += measure_period(bench, args, subjects, days)
    if connection.vendor == "sqlite":
        notes.append("SQLite without ANALYZE (production runs none)")
    return list(dict.fromkeys(notes))


def measure_period(bench: Bench, args, subjects: dict, days: int) -> list[str]:
    from bench.analytics import raw
    from chorus.analytics import selectors
    from chorus.analytics.models import Dim

    period = selectors.Period.last(days)
    p = f"{days}d"
    with_raw = not args.no_raw
    parts = {}  # raw component → ms, for the program dashboard's sum
    if with_raw:
        raw.breakdown("topic", period)  # the raw scans' warm-up: clicks, shares and items read
    bench.time("series", p, lambda: selectors.series(period))
    if with_raw:
        parts["series"] = bench.time("series", p, lambda: raw.series(period), raw=True)
    bench.time("totals", p, lambda: selectors.totals(period))
    if with_raw:
        parts["totals"] = 2 * bench.time("totals", p, lambda: raw.totals(period), raw=True)
    for dim in map(str, selectors.BREAKDOWNS):
        name = f"breakdown_{dim}"
        bench.time(name, p, lambda d=dim: selectors.breakdown(d, period, individuals=True))
        if with_raw:
            parts[name] = bench.time(name, p, lambda d=dim: raw.breakdown(d, period), raw=True)
    for name, dim in (("top_content", Dim.ITEM), ("top_advocates", Dim.ADVOCATE)):
        bench.time(
            name, p, lambda d=dim: selectors.breakdown(d, period, individuals=True, limit=10)
        )
        if with_raw:
            parts[name] = bench.time(name, p, lambda d=dim: raw.top(d, period), raw=True)
    bench.time("advocates_active", p, lambda: selectors.advocates_active(period))
    if with_raw:
        parts["advocates_active"] = 2 * bench.time(
            "advocates_active", p, lambda: raw.advocates_active(period), raw=True
        )
    boards = dashboards(subjects, period)
    bench.time("program_dashboard", p, boards["program_dashboard"])
    if with_raw:
        note = " (the sum of its raw parts; the previous period's as long as this one's)"
        bench.record("program_dashboard", p, sum(parts.values()), raw=True, note=note)
    advocate, item = subjects["advocate"].pk, subjects["item"].pk
    bench.time("personal_dashboard", p, boards["personal_dashboard"])
    if with_raw:
        bench.time("personal_dashboard", p, lambda: raw.personal(advocate, period), raw=True)
    bench.time("item_performance", p, boards["item_performance"])
    if with_raw:
        bench.time("item_performance", p, lambda: raw.item(item, period), raw=True)
    return pages(bench, p, days, subjects)


def pages(bench: Bench, p: str, days: int, subjects: dict) -> list[str]:
    """The rendered pages through the test client, where their URLs exist."""
    from django.test import Client
    from django.urls import Resolver404, resolve

    notes = []
    for name, (_selector, template) in PAGES.items():
        url = template.format(item=subjects["item"].pk)
        try:
            resolve(url)
        except Resolver404:
            notes.append(f"{url} does not exist yet: {name} not measured")
            continue
        client = Client()
        client.force_login(subjects["advocate" if name == "page_personal" else "owner"])
        answer = client.get(url, {"days": days})
        if answer.status_code != 200:
            notes.append(f"{url}?days={days} answered {answer.status_code}: not measured")
            continue
        bench.time(name, p, lambda u=url, c=client: c.get(u, {"days": days}))
    return notes


def explain_dashboards(subjects: dict) -> None:
    """The plans of the slowest statements of each dashboard over 90 days."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chorus.analytics import selectors

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    period = selectors.Period.last(90)
    for name, call in dashboards(subjects, period).items():
        with CaptureQueriesContext(connection) as captured:
            call()
        queries = captured.captured_queries
        total = sum(float(q["time"]) for q in queries) * 1000
        say(f"· {name} 90d: {len(queries)} statements, {total:.1f} ms in the database")
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
            say(f"-- {float(query['time']) * 1000:.1f} ms: {query['sql'][:700]}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    line = " ".join(str(value) for value in row)
                    say(f"   {line[:240]}{' …' if len(line) > 240 else ''}")


def main_worker(args) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.analytics import dataset
    from chorus.program.models import ProgramSettings

    database = args.worker
    bench = Bench(database, args.runs, args.raw_runs)
    began = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)  # the pages need a manifest
    say(f"· {database}: migrated in {time.monotonic() - began:.1f} s; generating the program")
    plan = dataset.Plan(
        clicks=args.clicks, advocates=args.advocates, items=args.items, shares=args.shares
    )
    loaded = dataset.build(plan, say)
    say(f"{database} load {loaded.load_s:.1f} s")
    program, _created = ProgramSettings.objects.get_or_create(pk=1)
    program.individual_figures = True
    program.emv_rates = {"linkedin": {"cpc": 5.5, "cpm": 30}, "x": {"cpc": 1.2, "cpm": 6}}
    program.save()
    rollup_s, rollup_rows = rollup_build(bench, args, loaded)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    subjects = subjects_load(loaded)
    notes = measure(bench, args, subjects)
    if args.explain:
        explain_dashboards(subjects)
    Path(args.results).write_text(
        json.dumps(
            {
                "database": database_label(),
                "clicks": args.clicks,
                "shares": args.shares,
                "load_s": loaded.load_s + loaded.generate_s,
                "rollup_s": rollup_s,
                "rollup_rows": rollup_rows,
                "figures": bench.figures,
                "notes": notes,
            }
        )
    )
    return 0


def main() -> int:
    args = parse_args()
    try:
        return main_worker(args) if args.worker else main_parent(args)
    except KeyboardInterrupt:
        say("\ninterrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
