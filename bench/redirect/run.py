"""Benchmark: the tracked-link redirect (`GET /s/<code>` → 302) of the production server,
against nginx answering a fixed 302 on the same machine, and a check that every answered
redirect becomes exactly one click row.

    make bench-redirect                     # SQLite in a temporary data folder
    .venv/bin/python bench/redirect/run.py --duration 20 --threads 1 --keep
    .venv/bin/python bench/redirect/run.py --database-url postgres://postgres@127.0.0.1/chorus_bench
    .venv/bin/python bench/redirect/run.py --help

(For PostgreSQL, create an empty database first: createdb -h 127.0.0.1 -U postgres chorus_bench;
clicks are counted as the difference before/after, so an old one only makes the load slower.)

What it does:
 1. needs nginx and wrk (installs them with apt-get when run as root, else says what to install);
 2. makes a temporary data folder, migrates, loads 100,000 tracked links in bulk;
 3. starts `manage.py serve --web-only --workers 2 --threads 4` (granian) and nginx
    (`return 302`, nginx.conf.template), each on a free loopback port;
 4. drives each with wrk (2 threads, 64 connections, 10 s, after a 2 s warm-up) with two mixes
    picked by pick.lua: "skewed" (90% of requests to 100 hot links, 10% to all the others) and
    "uniform" (all 100,000 links alike), with a Chrome desktop user agent; before each measured
    run it waits for the clicks of the runs before to be stored, so that a chorus run competes
    only with the ingest of its own clicks, and an nginx run with nothing;
 5. prints requests/s, p50 and p99, the ratio chorus ÷ nginx per mix and PASS/FAIL against the
    goal (ratio ≥ 0.15 with p99 < 50 ms at 64 connections);
 6. waits for the click ingest (web processes seal their journal every second, `ingest_clicks
    --loop`, started by serve, stores them) and compares the rows in tracking_click with the
    302s wrk read;
 7. runs wrk once more, kills one granian worker with SIGKILL after 3 s (granian starts a new
    one) and compares again: the killed process's journal must be ingested all the same.

Exit status: 0 when the figures were measured and every answered click was stored (PASS or
FAIL against the goal is information), 1 when answered clicks are missing, 2 when nginx or wrk
are missing. Ctrl-C stops the servers; the temporary folder is removed unless --keep.

Counting: wrk stops with a request in flight on every connection and never reads those
responses, yet the server may have answered them and recorded their clicks. So chorus runs send
nothing in their last --tail seconds (pick.lua's delay()): every answer is read before wrk stops,
and "requests - non-2xx/3xx" from wrk's summary is exactly the number of redirects answered, each
of which must be one row in tracking_click. Their requests/s are taken over the active seconds.
nginx runs have no tail: defining delay() costs wrk about 15% of its throughput.
"""

import argparse
import contextlib
import datetime as dt
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PY = sys.executable
PICK_LUA = HERE / "pick.lua"
NGINX_TEMPLATE = HERE / "nginx.conf.template"
MIXES = ("skewed", "uniform")
GOAL_RATIO, GOAL_P99_MS, GOAL_CONNECTIONS = 0.15, 50.0, 64


def say(text: str = "") -> None:
    print(text, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per target")
    parser.add_argument("--connections", type=int, default=64, help="wrk -c")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk -t")
    parser.add_argument(
        "--tail", type=float, default=1.0, help="idle seconds closing each chorus run (pick.lua)"
    )
    parser.add_argument("--workers", type=int, default=2, help="serve --workers")
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="serve --threads (4, serve's default, beat 1 in 3 of 3 paired runs on 2 CPUs)",
    )
    parser.add_argument("--links", type=int, default=100_000, help="tracked links to load")
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL database to use (an empty one, made for this); default SQLite",
    )
    parser.add_argument("--kill-duration", type=int, default=8, help="seconds of the SIGKILL run")
    parser.add_argument("--kill-after", type=float, default=3.0, help="SIGKILL after N seconds")
    parser.add_argument("--no-kill", action="store_true", help="skip the SIGKILL run")
    parser.add_argument(
        "--ingest-timeout",
        type=float,
        default=30.0,
        help="give up waiting for the click ingest after N s without a new click stored",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args()


# --- tools ----------------------------------------------------------------------------------


def tools_ensure() -> dict[str, str]:
    """Paths of nginx and wrk; installs them with apt-get as root, else exits 2."""
    search = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin:/usr/local/sbin:/sbin"
    found = {name: shutil.which(name, path=search) for name in ("nginx", "wrk")}
    missing = [name for name, path in found.items() if path is None]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"· installing {' '.join(missing)} with apt-get")
        install = ["apt-get", "install", "-y", *missing]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(install, env=env).returncode != 0:  # noqa: S603 - fixed argv
            subprocess.run(["apt-get", "update"], env=env)  # noqa: S607 - apt-get from PATH
            subprocess.run(install, env=env)  # noqa: S603 - fixed argv
        found = {name: shutil.which(name, path=search) for name in ("nginx", "wrk")}
        missing = [name for name, path in found.items() if path is None]
    if missing:
        say(f"This benchmark needs {' and '.join(missing)} (and Linux). Install them:")
        say(f"  sudo apt-get install -y {' '.join(missing)}")
        sys.exit(2)
    return found


def version_of(argv: list[str]) -> str:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=10)  # noqa: S603
    except OSError:
        return "?"
    text = (result.stdout + result.stderr).strip().splitlines()
    return text[0] if text else "?"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


# --- processes -------------------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """Direct children of a process, from /proc (no psutil needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses; split after the last ")"
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cmdline_of(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, seconds: float = 20) -> None:
    """Stop a process we started (in its own session), then anything left in that session."""
    if process is None:
        return
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    # Workers that outlived their parent: the session is ours (start_new_session).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


# --- database ---------------------------------------------------------------------------------


def server_env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CHORUS_")
        and key not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "CONN_MAX_AGE")
    }
    env.update(
        CHORUS_DATA_DIR=str(data_dir),
        DEBUG="off",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def database_prepare(env: dict[str, str], links: int, codes_file: Path) -> dict:
    """Migrate, set Django up in this process, load the links, write their codes to a file."""
    migrate = [PY, "manage.py", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603 - fixed argv
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction

    from chorus.tracking.codes import code_new, target_url_build
    from chorus.tracking.models import TrackedLink

    taken = set(TrackedLink.objects.values_list("code", flat=True))  # none in a fresh database
    new_codes: dict[str, None] = {}  # insertion-ordered: the first HOT codes are the hot links
    while len(new_codes) < links:
        if (code := code_new()) not in taken:
            new_codes[code] = None
    rows = []
    for i, code in enumerate(new_codes):
        destination = f"https://example.com/articles/{i}?ref=newsletter"
        labels = {"source": "linkedin", "campaign": f"bench-{i % 100}", "content": f"post-{i}"}
        rows.append(
            TrackedLink(
                code=code,
                destination=destination,
                target_url=target_url_build(destination, **labels),
                **labels,
            )
        )
    started = time.monotonic()
    with transaction.atomic():
        TrackedLink.objects.bulk_create(rows, batch_size=2000)
    loaded_in = time.monotonic() - started
    codes_file.write_text("\n".join(new_codes) + "\n")
    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
        settings = connection.settings_dict
        database = f"{version} (database {settings['NAME']} on {settings['HOST'] or 'socket'})"
    connection.close()
    return {
        "database": database,
        "links_before": len(taken),
        "clicks_before": clicks_count(),
        "loaded_in": loaded_in,
    }


def clicks_count() -> int:
    from django.db import connection

    from chorus.tracking.models import Click

    try:
        return Click.objects.count()
    finally:
        connection.close()


@dataclass
class Settled:
    count: int  # rows in tracking_click
    waited: float  # seconds
    left: list[str]  # journal files not ingested yet
    done: bool  # no journal left and the count stopped growing


def clicks_settle(journal_dir: Path, stall: float, limit: float = 600.0) -> Settled:
    """Wait until no journal is left and the click count has stopped growing for 2 s. Gives up
    when the count has not grown for `stall` seconds (or after `limit`): not settled."""
    started = time.monotonic()
    last, changed_at = -1, started
    while True:
        now = time.monotonic()
        count = clicks_count()
        left = sorted(p.name for p in journal_dir.glob("*.journal"))
        if count != last:
            last, changed_at = count, now
        elif not left and now - changed_at >= 2.0:
            return Settled(count, now - started, left, True)
        if now - changed_at >= stall or now - started >= limit:
            return Settled(count, now - started, left, False)
        time.sleep(0.25)


# --- servers ----------------------------------------------------------------------------------


@dataclass
class Servers:
    tmp: Path
    env: dict[str, str]
    chorus: subprocess.Popen | None = None
    nginx: subprocess.Popen | None = None
    logs: list = field(default_factory=list)

    def chorus_start(self, port: int, workers: int, threads: int) -> None:
        log = open(self.tmp / "serve.log", "ab")  # noqa: SIM115 - closed in stop_all
        self.logs.append(log)
        argv = [PY, "manage.py", "serve", "--web-only", f"--workers={workers}"]
        argv += [f"--threads={threads}", f"--port={port}"]
        self.chorus = subprocess.Popen(  # noqa: S603 - fixed argv
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        wait_for(f"http://127.0.0.1:{port}/healthz", self.chorus)

    def nginx_start(self, nginx: str, port: int) -> None:
        prefix = self.tmp / "nginx"
        prefix.mkdir()
        config = NGINX_TEMPLATE.read_text().replace("__DIR__", str(prefix))
        (prefix / "nginx.conf").write_text(config.replace("__PORT__", str(port)))
        log = open(prefix / "stderr.log", "ab")  # noqa: SIM115 - closed in stop_all
        self.logs.append(log)
        argv = [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
        argv += ["-e", str(prefix / "error.log")]
        self.nginx = subprocess.Popen(  # noqa: S603 - fixed argv
            argv, stdout=log, stderr=log, start_new_session=True
        )
        wait_for(f"http://127.0.0.1:{port}/healthz", self.nginx, seconds=15)

    def granian_workers(self) -> tuple[int, list[int]]:
        """(granian main pid, its worker pids) under our serve process."""
        for pid in children_of(self.chorus.pid):
            if "granian" in cmdline_of(pid):
                workers = [
                    child
                    for child in children_of(pid)
                    if "resource_tracker" not in cmdline_of(child)
                ]
                return pid, workers
        raise RuntimeError("no granian process under serve")

    def stop_all(self) -> None:
        stop(self.chorus, signal.SIGTERM)
        stop(self.nginx, signal.SIGQUIT)
        for log in self.logs:
            log.close()


# --- wrk --------------------------------------------------------------------------------------

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Run:
    target: str
    mix: str
    requests: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    non_2xx_3xx: int = 0
    socket_errors: dict = field(default_factory=dict)
    sent: int = 0
    tail: float = 0.0
    output: str = ""

    @property
    def redirects(self) -> int:
        """Completed responses that were not errors: the 302s (each a click for chorus)."""
        return self.requests - self.non_2xx_3xx

    @property
    def errors(self) -> int:
        return sum(self.socket_errors.values())


def wrk_parse(run: Run, text: str) -> Run:
    def ms(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value).groups()
        return float(number) * UNIT_MS[unit]

    run.output = text
    if m := re.search(r"^\s*50%\s+(\S+)", text, re.M):
        run.p50 = ms(m[1])
    if m := re.search(r"^\s*99%\s+(\S+)", text, re.M):
        run.p99 = ms(m[1])
    m = re.search(r"^\s*(\d+) requests in ([\d.]+)(\w+),", text, re.M)
    if not m:
        raise RuntimeError(f"unexpected wrk output:\n{text}")
    run.requests, run.seconds = int(m[1]), ms(m[2] + m[3]) / 1000
    # wrk divides by the whole run; with a tail nothing is sent in its last `tail` seconds.
    run.rps = run.requests / (run.seconds - run.tail)
    if not run.tail and (m := re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)):
        run.rps = float(m[1])
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        run.non_2xx_3xx = int(m[1])
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        names = ("connect", "read", "write", "timeout")
        run.socket_errors = dict(zip(names, map(int, m.groups()), strict=True))
    if m := re.search(r"^PICK sent=(\d+)", text, re.M):
        run.sent = int(m[1])
    return run


def wrk_start(wrk: str, args, url: str, mix: str, codes: Path, seconds: int, tail: float):
    """wrk with pick.lua; `tail` > 0: nothing is sent in the last `tail` seconds."""
    argv = [wrk, f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency"]
    argv += ["-s", str(PICK_LUA), url, "--", str(codes), mix, str(seconds)]
    env = {key: value for key, value in os.environ.items() if key != "PICK_TAIL"}
    if tail:
        env["PICK_TAIL"] = str(tail)
    return subprocess.Popen(  # noqa: S603 - fixed argv
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )


def wrk_run(wrk: str, args, run: Run, url: str, codes: Path, seconds: int) -> Run:
    process = wrk_start(wrk, args, url, run.mix, codes, seconds, run.tail)
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    except BaseException:  # Ctrl-C (or a hung wrk): do not leave it running
        process.kill()
        raise
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{output}")
    return wrk_parse(run, output)


# --- the runs -------------------------------------------------------------------------------


def measure(
    args, wrk: str, targets: dict[str, str], codes: Path, journals: Path
) -> tuple[list[Run], int]:
    """Warm-up and measured run per target and mix; also the 302s wrk read from chorus.
    Before each measured run the ingest finishes the clicks of the runs before it: a chorus run
    then competes only with the ingest of its own clicks, as in a steady state, and an nginx run
    with nothing (the first nginx run would otherwise share the CPUs with chorus's backlog)."""
    runs, answered = [], 0
    for target, url in targets.items():
        tail = args.tail if target == "chorus" else 0.0  # only chorus's clicks are counted
        for mix in MIXES:
            if args.warmup:
                warm = Run(target, mix, tail=tail)
                wrk_run(wrk, args, warm, url, codes, math.ceil(args.warmup + tail))
                answered += warm.redirects if target == "chorus" else 0
            clicks_settle(journals, args.ingest_timeout)
            say(f"· wrk {target} {mix}: {args.duration} s after a {args.warmup} s warm-up")
            run = wrk_run(wrk, args, Run(target, mix, tail=tail), url, codes, args.duration)
            runs.append(run)
            answered += run.redirects if target == "chorus" else 0
    return runs, answered


@dataclass
class Kill:
    run: Run
    recorded: int
    settled: Settled
    granian: int
    victim: int
    at: float
    workers_before: list[int]
    workers_after: list[int]


def sigkill_run(args, wrk: str, servers: Servers, url: str, codes: Path, journals: Path) -> Kill:
    """A fresh skewed run against chorus; one granian worker gets SIGKILL after --kill-after s."""
    say(f"· SIGKILL run: {args.kill_duration} s, a granian worker killed at {args.kill_after:g} s")
    before = clicks_count()
    granian, workers_before = servers.granian_workers()
    process = wrk_start(wrk, args, url, "skewed", codes, args.kill_duration, args.tail)
    try:
        started = time.monotonic()
        time.sleep(args.kill_after)
        victim = workers_before[0]
        os.kill(victim, signal.SIGKILL)
        at = time.monotonic() - started
        output, _ = process.communicate(timeout=args.kill_duration + 60)
    except BaseException:  # Ctrl-C (or a hung wrk): do not leave it running
        process.kill()
        raise
    run = wrk_parse(Run("chorus", "skewed", tail=args.tail), output)
    time.sleep(1.0)
    _, workers_after = servers.granian_workers()
    settled = clicks_settle(journals, args.ingest_timeout)
    return Kill(
        run, settled.count - before, settled, granian, victim, at, workers_before, workers_after
    )


# --- report -----------------------------------------------------------------------------------


def machine() -> list[str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    now = dt.datetime.now().astimezone()
    return [
        f"date:     {now:%Y-%m-%d %H:%M:%S %Z}",
        f"machine:  {platform.node()}: {cpus} CPUs (nproc), {model}, "
        f"{platform.system()} {platform.release()}",
    ]


def report_header(args, tools: dict[str, str], database: str) -> None:
    say()
    say(
        f"== bench/redirect: GET /s/<code> → 302, wrk -t{args.wrk_threads} -c{args.connections} "
        f"-d{args.duration}s --latency =="
    )
    for line in machine():
        say(line)
    say(f"database: {database}")
    granian = version_of([str(Path(PY).parent / "granian"), "--version"])
    nginx = version_of([tools["nginx"], "-v"]).replace("nginx version: ", "")
    wrk = version_of([tools["wrk"], "-v"]).split(" [")[0]
    say(f"versions: Python {platform.python_version()}, {granian}, {nginx}, {wrk}")
    say(
        f"chorus:   manage.py serve --web-only --workers {args.workers} --threads {args.threads}"
        f" (granian, WSGI); {args.links:,} links"
    )
    say("mixes:    skewed = 90% of requests to 100 hot links, 10% to the others; uniform = all")
    say()


def report_figures(args, runs: list[Run]) -> None:
    head = f"{'target':<8} {'mix':<8} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8}"
    head += f" {'requests':>9} {'non-2xx/3xx':>11} {'socket errors':>13}"
    say(head)
    say("-" * len(head))
    for r in runs:
        say(
            f"{r.target:<8} {r.mix:<8} {r.rps:>11.0f} {r.p50:>8.2f} {r.p99:>8.2f}"
            f" {r.requests:>9} {r.non_2xx_3xx:>11} {r.errors:>13}"
        )
    say(
        f"(chorus runs send nothing in their last {args.tail:g} s, so that wrk reads every answer;"
        f" their requests/s are over the first {args.duration - args.tail:g} s)"
    )
    say()
    by = {(r.target, r.mix): r for r in runs}
    for mix in MIXES:
        chorus, nginx = by[("chorus", mix)], by[("nginx", mix)]
        ratio = chorus.rps / nginx.rps if nginx.rps else 0.0
        label = "ratio to nginx" if mix == MIXES[0] else f"ratio to nginx ({mix})"
        verdict = "PASS" if ratio >= GOAL_RATIO and chorus.p99 < GOAL_P99_MS else "FAIL"
        say(
            f"{label}: {ratio:.2f}   goal ≥ {GOAL_RATIO} with p99 < {GOAL_P99_MS:g} ms "
            f"at {GOAL_CONNECTIONS} connections: {verdict} (chorus p99 {chorus.p99:.1f} ms)"
        )
    if args.connections != GOAL_CONNECTIONS:
        say(f"(measured at {args.connections} connections, not {GOAL_CONNECTIONS})")
    say()


def accounting(recorded: int, answered: int, settled: Settled) -> tuple[str, bool]:
    """A verdict on clicks recorded vs redirects answered; False when answered clicks are lost
    (or not ingested after the wait)."""
    if recorded == answered:
        verdict, fine = "match", True
    elif recorded > answered:
        verdict, fine = f"{recorded - answered} recorded but not answered", True
    else:
        verdict, fine = f"MISMATCH: {answered - recorded} answered clicks missing", False
    if settled.done:
        return verdict, fine
    stalled = f"ingest NOT settled after {settled.waited:.0f} s, {len(settled.left)} journals left"
    return f"{verdict}; {stalled}", fine


def settled_note(settled: Settled) -> str:
    if settled.done:
        return f"the last click was stored {settled.waited - 2:.1f} s after the run"
    return f"waited {settled.waited:.0f} s; journals left: {', '.join(settled.left) or 'none'}"


def report_clicks(recorded: int, answered: int, runs: list[Run], settled: Settled) -> bool:
    verdict, fine = accounting(recorded, answered, settled)
    say(f"clicks recorded: {recorded} / requests answered: {answered}: {verdict}")
    errors = sum(r.errors for r in runs if r.target == "chorus")
    say(
        f"  (answered = 302s wrk read from chorus, warm-ups included; chorus socket errors"
        f" {errors}; {settled_note(settled)})"
    )
    return fine


def report_kill(kill: Kill) -> bool:
    run = kill.run
    verdict, fine = accounting(kill.recorded, run.redirects, kill.settled)
    say(
        f"after SIGKILL: clicks recorded {kill.recorded} / requests answered {run.redirects}: "
        f"{verdict}"
    )
    errors = ", ".join(f"{k} {v}" for k, v in run.socket_errors.items())
    say(
        f"  (worker {kill.victim} of granian {kill.granian} killed at {kill.at:.1f} s; workers"
        f" {kill.workers_before} → {kill.workers_after}; wrk sent {run.sent}, read"
        f" {run.requests} answers ({run.non_2xx_3xx} non-2xx/3xx), socket errors: {errors};"
        f" {settled_note(kill.settled)})"
    )
    return fine


# --- main -------------------------------------------------------------------------------------


def interrupt(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, interrupt)
    tools = tools_ensure()
    tmp = Path(tempfile.mkdtemp(prefix="chorus-bench-redirect-"))
    data_dir = tmp / "data"
    data_dir.mkdir()
    journals = data_dir / "clicks"
    servers = Servers(tmp=tmp, env=server_env(data_dir, args.database_url))
    try:
        say(f"· temporary folder {tmp}")
        codes = tmp / "codes.txt"
        started = time.monotonic()
        db = database_prepare(servers.env, args.links, codes)
        say(f"· migrated and loaded {args.links:,} links in {time.monotonic() - started:.1f} s")
        if db["links_before"]:
            say(f"  (the database already held {db['links_before']} links)")

        chorus_port, nginx_port = free_port(), free_port()
        while nginx_port == chorus_port:
            nginx_port = free_port()
        servers.chorus_start(chorus_port, args.workers, args.threads)
        say(f"· chorus (manage.py serve) on 127.0.0.1:{chorus_port}")
        servers.nginx_start(tools["nginx"], nginx_port)
        say(f"· nginx on 127.0.0.1:{nginx_port}")
        targets = {
            "chorus": f"http://127.0.0.1:{chorus_port}",
            "nginx": f"http://127.0.0.1:{nginx_port}",
        }
        runs, answered = measure(args, tools["wrk"], targets, codes, journals)
        say("· waiting for the click ingest")
        settled = clicks_settle(journals, args.ingest_timeout)
        recorded = settled.count - db["clicks_before"]
        kill = None
        if not args.no_kill:
            kill = sigkill_run(args, tools["wrk"], servers, targets["chorus"], codes, journals)

        report_header(args, tools, db["database"])
        report_figures(args, runs)
        ok = report_clicks(recorded, answered, runs, settled)
        if kill:
            ok = report_kill(kill) and ok
        if not ok:
            say("ANSWERED CLICKS ARE MISSING from tracking_click (see above)")
        return 0 if ok else 1
    except KeyboardInterrupt:
        say("\ninterrupted")
        return 130
    finally:
        servers.stop_all()
        if args.keep:
            say(f"· kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
