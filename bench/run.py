#!/usr/bin/env python3
"""One-command benchmark harness for the chat-history gateway.

    python3 bench/run.py            # full run: 1M messages, 64 and 256 connections, 20 s each
    python3 bench/run.py --smoke    # tiny data, 2 s runs, same code path (runs in .ci/run), the feed rows tiny
    python3 bench/run.py --feed     # also the live feed's rows (bench/feed.py)
    python3 bench/run.py --compare OLD.jar   # also runs OLD.jar on its own copy of the data and
                                             # measures it right before this jar, dialect by dialect
    python3 bench/run.py --markdown [RESULT_JSON]  # the docs/performance.md tables of a result (default:
                                                   # the latest full run) and exit
    python3 bench/run.py --replica-only   # only pgbench and the read-replica rows (about 3 min after the load)
    python3 bench/run.py --no-replica     # no streaming replica, no read-replica rows

Starts the project's throwaway PostgreSQL (java -jar target/gateway.jar postgres), starts the
gateway from target/gateway.jar with production settings, loads generated data through the
NDJSON admin import, drives every dialect with wrk (Lua scripts in bench/wrk/) and measures this
machine's limits in the same run: pgbench -M prepared on the SQL of one Mirage request, and
GET /health/live through the gateway. Prints one table and writes it as JSON under bench/results/.
All load goes to 127.0.0.1 and every run is bounded in time.

Every row also has the CPU it cost: utime + stime of the gateway's process tree and of
PostgreSQL's (the postmaster and all its backends), sampled from /proc right before and right
after the wrk run, divided by the requests wrk completed (harness.CpuWindow). The pgbench rows
get the same for PostgreSQL and for pgbench itself, per transaction. From these, every row's
`cpu ÷pgb` is (gateway + PostgreSQL) µs per request ÷ (PostgreSQL + pgbench) µs per transaction
of the first pgbench row, and `req/s ÷pgb` its req/s ÷ that row's TPS.

Read replicas (issue 14): the throwaway PostgreSQL comes with a streaming replica (`postgres
--replica-url-file`), and once the data is loaded, VACUUMed and replayed on the replica (its
pg_last_wal_replay_lsn() reaches the primary's pg_current_wal_lsn()), the last rows measure one
dialect's newest page (--replica-dialect, MeetingLawyers limit 50 by default) at the first
connection count three ways on that same data: one gateway on the primary, two gateways on the
primary, and two gateways with DATABASE_READ_URL = the replica. Two gateways get half the
connections each from two wrk processes run at once: req/s and errors are summed, p50/p99 are the
worse of the two, RSS is the sum. The CPU is that of every gateway of the row and of both
PostgreSQL clusters (primary and replica postmaster trees), and each row records the pages each
pool served (gateway_reads_total{pool} from every gateway's /metrics): the run fails when fewer
than 99 % came from the pool the row names. About 2 minutes of a full run, under 20 s of --smoke.
Where the throwaway PostgreSQL cannot start its replica, PostgreSQL is started again without one
and the rows are skipped, with the reason in the table and the JSON.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (data set, processes, wrk driver: shared with bench/reliability.py)
import feed  # noqa: E402  (the live feed's rows, bench/feed.py)
from harness import BENCH_DIR, DIALECTS, log  # noqa: E402

PORT = 18080
# each dialect at its default page size, but IMKit at the limit 50 of its target (its default is 20)
LABELS = {"mirage": "mirage (default cap)", "deadsimplechat": "deadsimplechat (limit 50)",
          "allmine": "allmine (limit 50)", "meetinglawyers": "meetinglawyers (limit 50)",
          "imkit": "imkit (limit 50)"}


def sizes(smoke):
    if smoke:
        return dict(users=200, rooms=20, members=10, messages=6000, deep=2000, pairs=200,
                    duration=2, warmup=1, connections=[16], pg_clients=[4], depth_skips=[0, 100, 1000],
                    fresh_warmup=1, early_gateways=True)
    return dict(users=10_000, rooms=1000, members=20, messages=1_000_000, deep=200_000, pairs=10_000,
                duration=20, warmup=5, connections=[64, 256], pg_clients=[16, 64],
                depth_skips=[0, 10_000, 100_000], fresh_warmup=20, early_gateways=False)


def pgbench(url, clients, duration, npairs, postgres_pid):
    """TPS, transactions, and CPU µs per transaction of PostgreSQL's tree and of pgbench itself, over the
    window from pgbench's start to the exit of the backends of its connections."""
    cmd = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(duration),
           "-D", f"npairs={npairs}", "-f", os.path.join(BENCH_DIR, "pgbench", "mirage.sql"), url]
    with harness.CpuWindow({"postgres": postgres_pid}, settle_s=5) as cpu:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    match = re.search(r"tps = ([0-9.]+)", out.stdout)
    done = re.search(r"number of transactions actually processed: (\d+)", out.stdout)
    if out.returncode != 0 or not match or not done:
        raise SystemExit(f"pgbench failed:\n{out.stdout}\n{out.stderr}")
    tx = int(done.group(1))
    per = cpu.us_per(tx)
    return {"clients": clients, "tps": float(match.group(1)), "transactions": tx, "cpu_window_s": cpu.wall_s,
            "cpu_s": {"postgres": cpu.seconds["postgres"], "pgbench": cpu.seconds["children"]},
            "postgres_cpu_us": per["postgres"], "pgbench_cpu_us": per["children"],
            "cpu_us": per["postgres"] + per["children"] if tx else None, "backends_exited": cpu.settled}


def add_ratios(r, base):
    """A row's whole CPU µs per request (gateway + PostgreSQL) and both ratios to the pgbench reference."""
    per = r["cpu_us_per_request"]
    r.update(gateway_cpu_us=per["gateway"], postgres_cpu_us=per["postgres"], wrk_cpu_us=per["wrk"],
             cpu_us=per["gateway"] + per["postgres"] if per["gateway"] is not None else None)
    r["ratio_to_pgbench"] = r["rps"] / base["tps"]
    r["cpu_ratio_to_pgbench"] = r["cpu_us"] / base["cpu_us"] if r["cpu_us"] is not None and base["cpu_us"] else None


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny data and 2 s runs (CI)")
    parser.add_argument("--build", action="store_true", help="rebuild target/gateway.jar first")
    parser.add_argument("--feed", action="store_true",
                        help="also the live feed's rows (bench/feed.py: 10,000 SSE subscribers over 1,000 rooms at "
                             "100 imported messages/s, and one room with 10,000); --smoke always runs a tiny version")
    parser.add_argument("--dialects", default=",".join(DIALECTS))
    parser.add_argument("--hold", action="store_true",
                        help="load the data, print where it is, and keep PostgreSQL and the gateway up until "
                             "interrupted (for profiling by hand); measures nothing")
    parser.add_argument("--port", type=int, default=PORT, help="the gateway's HTTP port (default %(default)s)")
    parser.add_argument("--markdown", nargs="?", const="latest", metavar="RESULT_JSON",
                        help="print the docs/performance.md tables of a result file (default: the latest full "
                             "run in bench/results/) and exit")
    parser.add_argument("--compare", metavar="OLD_JAR",
                        help="a second gateway jar (an earlier build) to measure side by side: it gets its own "
                             "PostgreSQL with the same generated data, on port+1, and every dialect run is "
                             "measured on it right before the same run on target/gateway.jar")
    parser.add_argument("--no-replica", action="store_true",
                        help="no streaming replica and no read-replica rows (they are part of every run otherwise)")
    parser.add_argument("--replica-only", action="store_true",
                        help="only the pgbench reference and the read-replica rows (one gateway on the primary, "
                             "two on the primary, two reading from the replica)")
    parser.add_argument("--replica-dialect", default="meetinglawyers", choices=DIALECTS,
                        help="the dialect of the read-replica rows (default %(default)s: its newest page, limit 50)")
    args = parser.parse_args()
    if args.no_replica and args.replica_only:
        parser.error("--no-replica and --replica-only exclude each other")
    if args.markdown:
        path = latest_result() if args.markdown == "latest" else args.markdown
        with open(path) as f:
            print(markdown(json.load(f), os.path.relpath(os.path.abspath(path), harness.ROOT)))
        return
    n = sizes(args.smoke)
    dialects = [d for d in args.dialects.split(",") if d]
    port = args.port

    harness.ensure_tools(build=args.build, tools=("pgbench", "psql"))
    work = tempfile.mkdtemp(prefix="gateway-bench-")
    try:
        with harness.Children() as children:
            run(args, n, dialects, port, work, children)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def start_postgres(children, work, replica):
    """The throwaway PostgreSQL; with replica, also its streaming replica. When that fails (the
    replica cannot be made or started here), PostgreSQL alone, with pg.replica_skipped saying why."""
    pg = None
    skipped = None
    if replica:
        try:
            pg = harness.Postgres(children, work, replica=True)
        except harness.Stopped:
            raise
        except SystemExit as e:
            lines = [line for line in str(e).splitlines() if line.strip()]
            why = [line for line in lines if "replica" in line.lower() or "pg_basebackup" in line]
            skipped = (why or lines or ["unknown"])[-1].strip()
            log(f"no streaming replica ({skipped}): the read-replica rows are skipped")
            os.rename(os.path.join(work, "postgres.log"), os.path.join(work, "postgres-replica-failed.log"))
    if pg is None:
        pg = harness.Postgres(children, work)
    pg.replica_skipped = skipped
    log(f"PostgreSQL at {pg.url}" + (f", its streaming replica at {pg.replica_url}" if pg.replica_url else ""))
    return pg


def start_stack(children, work, n, port, jar=harness.JAR, replica=False):
    """A throwaway PostgreSQL (with replica: and its streaming replica, if it can be had) and a gateway on
    it, loaded with the generated data set."""
    os.makedirs(work, exist_ok=True)
    pg = start_postgres(children, work, replica)
    gw = harness.Gateway(children, work, pg.url, port, jar=jar)
    gw.wait_ready()
    log(f"gateway {os.path.basename(jar)} pid {gw.pid} ready on :{port}")
    data = harness.DataSet(n)
    load_seconds = harness.import_data(data, port)
    # VACUUM as well: a freshly loaded table has no visibility map, so index-only scans (the skips of
    # DeadSimpleChat and Allmine) would visit the heap, and autovacuum would arrive mid-measurement
    harness.psql(pg.url, "VACUUM (ANALYZE)")
    pg.pid = pg.server_pid()  # the root of PostgreSQL's process tree, for the CPU figures
    log(f"postmaster pid {pg.pid}")
    return pg, gw, data, load_seconds


def run(args, n, dialects, port, work, children):
    pg, gw, data, load_seconds = start_stack(children, work, n, port, replica=not args.no_replica)
    url = pg.url
    old_gw = None
    postgres_of = {gw.pid: pg.pid}
    if args.compare:
        old_pg, old_gw = start_stack(children, os.path.join(work, "old"), n, port + 1,
                                     jar=os.path.abspath(args.compare))[:2]
        postgres_of[old_gw.pid] = old_pg.pid
    pairs = data.pairs(n["pairs"])
    pairs_file = harness.write_pairs(os.path.join(work, "pairs.tsv"), pairs)
    deep_file = harness.write_pairs(os.path.join(work, "deep.tsv"), data.pairs(200, room=0))
    with open(os.path.join(work, "bench_pair.tsv"), "w") as f:
        for i, p in enumerate(pairs, start=1):
            f.write(f"{i}\t\\\\x{hashlib.sha256(p[2].encode()).hexdigest()}\t{p[1]}\n")
    harness.psql(url, "DROP TABLE IF EXISTS bench_pair; "
                      "CREATE TABLE bench_pair (i int PRIMARY KEY, token_hash bytea, room_number bigint)")
    subprocess.run(["psql", "-q", url, "-c", f"\\copy bench_pair FROM '{os.path.join(work, 'bench_pair.tsv')}'"],
                   check=True, stdout=subprocess.DEVNULL)
    harness.psql(url, "ANALYZE bench_pair")
    replay_wait_s = None
    if pg.replica_url:
        # the replica rows read what the primary has: every import, VACUUM and ANALYZE replayed first
        replay_wait_s = pg.wait_replayed()
        pg.replica_root = pg.replica_pid()  # the root of the replica's process tree, for the CPU figures
        log(f"the replica has replayed the primary's WAL (waited {replay_wait_s:.1f} s); its postmaster pid "
            f"{pg.replica_root}")
    if args.hold:
        log(f"holding: DATABASE_URL={url}" + (f" DATABASE_READ_URL={pg.replica_url}" if pg.replica_url else "")
            + f" BENCH_PAIRS={pairs_file} deep={deep_file} gateway pid {gw.pid} on :{port}; interrupt to stop")
        while True:
            time.sleep(3600)

    results = {"machine": harness.machine(), "smoke": args.smoke, "sizes": n, "load_seconds": load_seconds,
               "started": datetime.now(timezone.utc).isoformat(), "pgbench_tps": {}, "pgbench": {},
               "runs": [], "depth": [],
               "compared_with": os.path.basename(args.compare) if args.compare else None, "before": [],
               "replica": {"dialect": args.replica_dialect, "rows": [], "replay_wait_s": replay_wait_s,
                           "skipped": "--no-replica" if args.no_replica else pg.replica_skipped}}

    def measure_on(target, label, script, conns, env_extra, pairs_path):
        env_extra = dict(env_extra, BENCH_PAIRS=pairs_path)
        harness.wrk(script, conns, n["warmup"], env_extra, target.port, target.pid)  # warm-up, not recorded
        r = harness.wrk(script, conns, n["duration"], env_extra, target.port, target.pid,
                        cpu_trees={"gateway": target.pid, "postgres": postgres_of[target.pid]})
        r.update({"name": label, "connections": conns})
        add_ratios(r, base)
        log(f"{label:<28} c={conns:<4} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.1f} ms  "
            f"p99 {r['p99_ms']:.1f} ms  errors {r['errors']}  rss {r['rss_mib']:.0f} MiB  "
            f"CPU µs/req gateway {fmt(r['gateway_cpu_us'], '.0f')} + PostgreSQL {fmt(r['postgres_cpu_us'], '.0f')}"
            + ("  (old jar)" if target is old_gw else ""))
        return r

    def measure(label, script, conns, env_extra, pairs_path=pairs_file):
        """This jar's figures; with --compare, the old jar's first, right before, into "before"."""
        if old_gw is not None:
            results["before"].append(measure_on(old_gw, label, script, conns, env_extra, pairs_path))
        return measure_on(gw, label, script, conns, env_extra, pairs_path)

    # --smoke: the read-replica rows' gateways start now and boot while the other rows run (their JVM start-up
    # is most of those rows' time there); a full run starts them when their rows come, so that idle JVMs
    # booting cost the other rows nothing
    early = start_replica_gateways(args, work, children, pg) if pg.replica_url and n["early_gateways"] else None
    for clients in n["pg_clients"]:
        ref = pgbench(url, clients, n["duration"], len(pairs), pg.pid)
        results["pgbench"][str(clients)] = ref
        results["pgbench_tps"][str(clients)] = ref["tps"]
        log(f"pgbench -M prepared, {clients} clients: {ref['tps']:.0f} TPS  CPU µs/tx PostgreSQL "
            f"{fmt(ref['postgres_cpu_us'], '.0f')} + pgbench {fmt(ref['pgbench_cpu_us'], '.0f')}"
            + ("" if ref["backends_exited"] else "  (its backends had not all exited after 5 s)"))
    base = results["pgbench"][str(n["pg_clients"][0])]
    results["reference_clients"] = n["pg_clients"][0]

    large_cap = None
    if "mirage" in dialects and not args.replica_only:
        # a second gateway on the same database whose Mirage cap gives a room about 50 messages: the rooms the
        # pairs use share the messages outside the deep room, which holds its share of the tenant's newest
        cap = round(50 * n["rooms"] * n["messages"] / (n["messages"] - n["deep"]))
        large_cap = harness.Gateway(children, work, url, port + 2, config={"mirage": {"maxMessages": cap}},
                                    name="gateway-large-cap")
        large_cap.wait_ready()
        postgres_of[large_cap.pid] = pg.pid
        results["mirage_large_cap"] = cap
        log(f"gateway with Mirage cap {cap} pid {large_cap.pid} on :{port + 2}")

    if not args.replica_only:
        # before the first measured row, every dialect's read path gets fresh_warmup seconds of load on each
        # gateway: the gateways have only imported so far, and with the rows' own 5 s warm-up the first row of
        # each (the 64-connection one) measured the JIT compiler as much as the gateway
        targets = [gw] + ([large_cap] if large_cap is not None else []) + ([old_gw] if old_gw is not None else [])
        log(f"warming every dialect's read path up for {n['fresh_warmup']} s a dialect and gateway")
        for d in dialects:
            for target in targets:
                if target is large_cap and d != "mirage":
                    continue
                harness.wrk(f"{d}.lua", n["connections"][0], n["fresh_warmup"], {"BENCH_PAIRS": pairs_file},
                            target.port, target.pid)
        for target in [gw] + ([old_gw] if old_gw is not None else []):  # the native route's page, measured later
            harness.wrk("v1.lua", n["connections"][0], n["fresh_warmup"],
                        {"BENCH_PAIRS": pairs_file, "BENCH_POLLERS": str(min(1000, n["pairs"]))}, target.port, target.pid)

    for conns in [] if args.replica_only else n["connections"]:
        results["runs"].append(measure("health/live (HTTP ceiling)", "health.lua", conns, {}))
        for d in dialects:
            results["runs"].append(measure(LABELS.get(d, d), f"{d}.lua", conns, {}))
            if d == "mirage" and large_cap is not None:
                results["runs"].append(measure_on(large_cap, f"mirage (cap {results['mirage_large_cap']:,})",
                                                  "mirage.lua", conns, {}, pairs_file))

    conns = n["connections"][0]
    if args.replica_only:
        dialects = []
    if "imkit" in dialects:
        for where in ("newest", "oldest"):
            results["depth"].append(measure(f"imkit beforeMessage {where}", "imkit.lua", conns,
                                            {"BENCH_ANCHOR": where}, deep_file))
    if "meetinglawyers" in dialects:
        for where in ("newest", "oldest"):
            results["depth"].append(measure(f"meetinglawyers pivot {where}", "meetinglawyers.lua", conns,
                                            {"BENCH_PIVOT": where}, deep_file))
    if "deadsimplechat" in dialects:
        for skip in n["depth_skips"]:
            results["depth"].append(measure(f"deadsimplechat skip={skip}", "deadsimplechat.lua", conns,
                                            {"BENCH_SKIP": str(skip), "BENCH_ROOM": "deep"}, deep_file))

    # issue 12: a client polling the newest page with If-None-Match (a 304 while nothing changes) next to the
    # same full page; the issue wants the poll at 5x the page's req/s or more
    # both over the same 1,000 clients; each poller learns its tag with its first request (a 200) in the
    # warm-up, which hands the tags to the measured run (BENCH_TAGS), as a client that polls keeps its tag
    pollers = {"BENCH_POLLERS": str(min(1000, n["pairs"]))}
    tags_file = os.path.join(work, "poll-tags.tsv")
    if os.path.exists(tags_file):
        os.remove(tags_file)
    results["depth"].append(measure("v1 newest 50 (full page)", "v1.lua", conns, pollers))
    results["depth"].append(measure("v1 newest 50 If-None-Match (304)", "v1_etag.lua", conns,
                                    dict(pollers, BENCH_TAGS=tags_file)))

    if args.feed or args.smoke:
        results["feed"] = feed.run_rows(port, gw.pid, args.smoke, postgres_pid=pg.server_pid())
        if args.smoke and feed.incomplete(results["feed"]):
            raise SystemExit(f"feed: not every event was delivered: {feed.incomplete(results['feed'])}")

    extra = []
    if pg.replica_url:
        extra = replica_rows(args, n, work, children, pg, gw, base, pairs_file, results["replica"], early)
    elif not args.no_replica:
        log(f"read-replica rows skipped: {results['replica']['skipped']}")

    blocked = gw.blocked_warning_lines() + (large_cap.blocked_warning_lines() if large_cap else [])
    for other in extra:
        blocked += other.blocked_warning_lines()
    results["event_loop_blocked_warnings"] = len(blocked)
    results["event_loop_blocked_stacks"] = blocked  # the work dir and its logs are gone after the run
    for stack in blocked:
        log("event loop blocked:\n" + stack)
    print_table(results)
    os.makedirs(os.path.join(BENCH_DIR, "results"), exist_ok=True)
    name = "smoke-latest.json" if args.smoke else datetime.now().strftime("%Y%m%d-%H%M%S") + ".json"
    with open(os.path.join(BENCH_DIR, "results", name), "w") as f:
        json.dump(results, f, indent=2)
    log(f"results written to bench/results/{name}")
    # a tree that was not found (a wrong pid) reads as 0 CPU: every row must show both figures, and every
    # row that reads the database some of PostgreSQL's (health/live does not touch it)
    replica_rows_done = results["replica"]["rows"]
    missing = [f"{r['name']} c={r['connections']}"
               for r in results["runs"] + results["depth"] + results["before"] + replica_rows_done
               if not r["gateway_cpu_us"] or (not r["name"].startswith("health") and not r["postgres_cpu_us"])]
    missing += [f"{r['name']} c={r['connections']} (the replica's PostgreSQL)" for r in replica_rows_done
                if r["pool"] == "replica" and not r["postgres_replica_cpu_us"]]
    missing += [f"pgbench {c} clients" for c, p in results["pgbench"].items()
                if not p["postgres_cpu_us"] or not p["pgbench_cpu_us"]]
    if missing:
        raise SystemExit("no CPU figures for: " + ", ".join(missing))
    errors = sum(r["errors"] for r in results["runs"] + results["depth"] + replica_rows_done)  # not the old jar's
    if errors:
        raise SystemExit(f"{errors} requests failed (non-2xx, timeouts or socket errors)")
    # each row's pages must have been read where the row says: all on the primary, or (nearly) all on the replica
    wrong = [f"{r['name']}: {r['reads']}" for r in replica_rows_done if r["reads_share"] < 0.99]
    if wrong:
        raise SystemExit("pages not read from the pool the row is about: " + "; ".join(wrong))


# ---------------------------------------------------------------- read replicas (issue 14)

def start_replica_gateways(args, work, children, pg):
    """The gateways of the read-replica rows besides the main one: two reading from the replica
    (DATABASE_READ_URL) on port+3 and port+4, a second one on the primary on port+5."""
    base_port = args.port + 3
    return [harness.Gateway(children, work, pg.url, base_port, extra_env={"DATABASE_READ_URL": pg.replica_url},
                            name="gateway-replica-1"),
            harness.Gateway(children, work, pg.url, base_port + 1, extra_env={"DATABASE_READ_URL": pg.replica_url},
                            name="gateway-replica-2"),
            harness.Gateway(children, work, pg.url, base_port + 2, name="gateway-primary-2")]


def replica_rows(args, n, work, children, pg, gw, base, pairs_file, out, started=None):
    """One dialect's newest page at the first connection count, on the same data, three ways:
    (a) one gateway on the primary (the main gateway, as in the rows above), (c) two gateways on the
    primary, (b) two gateways reading from the streaming replica (DATABASE_READ_URL). Two gateways
    get half the connections each, from two wrk processes run at the same time. Every row counts
    the CPU of every gateway in it and of both PostgreSQL clusters (the replica idles in (a) and
    (c)), and the pages each pool served (gateway_reads_total{pool}). started: those gateways when
    already started (start_replica_gateways), else it starts them. Returns them (stopped again
    here, their logs kept for the blocked-loop check)."""
    d = args.replica_dialect
    conns = n["connections"][0]
    label = LABELS.get(d, d)
    if started is None:
        started = start_replica_gateways(args, work, children, pg)
    for g in started:
        g.wait_ready()
    log(f"read-replica rows ({label}, {conns} connections): two gateways reading from the replica (pids "
        f"{started[0].pid}, {started[1].pid} on :{started[0].port}, :{started[1].port}), a second one on the primary "
        f"(pid {started[2].pid} on :{started[2].port}); warming the new ones up together for {n['fresh_warmup']} s")
    # fresh JVMs: without a longer warm-up their rows would measure the JIT compiler against a warm gateway
    harness.wrk_many([{"script": f"{d}.lua", "connections": max(1, conns // 2), "env": {"BENCH_PAIRS": pairs_file},
                       "port": g.port, "pid": g.pid} for g in started], n["fresh_warmup"], {})
    setups = [(f"{label}, 1 gateway, primary", [gw], "primary"),
              (f"{label}, 2 gateways, primary", [gw, started[2]], "primary"),
              (f"{label}, 2 gateways, replica", started[:2], "replica")]
    try:
        for name, gateways, pool in setups:
            r = measure_group(n, gateways, f"{d}.lua", conns, pairs_file, pg)
            r.update(name=name, pool=pool)
            reads = sum(r["reads"].values())
            r["reads_share"] = r["reads"].get(pool, 0) / reads if reads else 0.0
            add_ratios(r, base)
            out["rows"].append(r)
            log(f"{name:<44} c={conns:<4} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.1f} ms  p99 {r['p99_ms']:.1f} ms  "
                f"errors {r['errors']}  rss {r['rss_mib']:.0f} MiB  CPU µs/req gateways {fmt(r['gateway_cpu_us'], '.0f')}"
                f" + PostgreSQL {fmt(r['postgres_primary_cpu_us'], '.0f')} primary"
                f" + {fmt(r['postgres_replica_cpu_us'], '.0f')} replica  pages read {r['reads']}")
    finally:
        for g in started:
            g.stop()
    return started


def measure_group(n, gateways, script, conns, pairs_file, pg):
    """One row over one or more gateways: a warm-up, then `conns` connections split evenly over them,
    one wrk each, all at once. req/s, requests and errors are summed; p50 and p99 are the worse of
    the wrk processes' (wrk's latency histograms cannot be merged from their summaries); RSS is the
    sum of the gateways' peaks. CPU: every gateway's tree ("gateway"), the primary's and the
    replica's postmaster trees ("postgres" is both). reads: the pages each pool served in the
    measured window, from every gateway's /metrics."""
    share = conns // len(gateways)
    loads = [{"script": script, "connections": share, "env": {"BENCH_PAIRS": pairs_file}, "port": g.port, "pid": g.pid}
             for g in gateways]
    harness.wrk_many(loads, n["warmup"], {})  # warm-up, not recorded
    trees = {f"gateway-{i}": g.pid for i, g in enumerate(gateways)}
    trees.update(postgres_primary=pg.pid, postgres_replica=pg.replica_root)
    before = [g.metric("gateway_reads_total") for g in gateways]
    each, cpu = harness.wrk_many(loads, n["duration"], trees)
    after = [g.metric("gateway_reads_total") for g in gateways]
    reads = {}
    for b, a in zip(before, after):
        for labels, value in a.items():
            m = re.search(r'pool="([^"]+)"', labels)
            if m:
                reads[m.group(1)] = reads.get(m.group(1), 0) + int(value - b.get(labels, 0))
    requests = sum(x["requests"] for x in each)
    seconds = cpu.seconds
    gateway_s = sum(v for k, v in seconds.items() if k.startswith("gateway-"))
    per = lambda v: v * 1e6 / requests if requests else None  # noqa: E731
    r = {"connections": share * len(gateways), "instances": len(gateways), "per_instance": each,
         "rps": sum(x["rps"] for x in each), "requests": requests,
         "p50_ms": max(x["p50_ms"] for x in each), "p99_ms": max(x["p99_ms"] for x in each),
         "errors": sum(x["errors"] for x in each), "rss_mib": sum(x["rss_mib"] for x in each),
         "reads": reads, "cpu_window_s": cpu.wall_s,
         "cpu_s": dict(seconds, wrk=seconds["children"]),
         "postgres_primary_cpu_us": per(seconds["postgres_primary"]),
         "postgres_replica_cpu_us": per(seconds["postgres_replica"]),
         "cpu_us_per_request": {"gateway": per(gateway_s),
                                "postgres": per(seconds["postgres_primary"] + seconds["postgres_replica"]),
                                "wrk": per(seconds["children"])}}
    del r["cpu_s"]["children"]
    return r


def fmt(value, spec, none="—"):
    return none if value is None else format(value, spec)


def reference(results):
    """The pgbench row every ratio is taken to (the first client count), or None in older results."""
    clients = results.get("reference_clients")
    return results.get("pgbench", {}).get(str(clients)) if clients is not None else None


RATIO_NOTE = ("gateway/PostgreSQL µs/req: CPU (utime + stime from /proc) of each process tree over the wrk window "
              "÷ the requests completed; whole = their sum. ÷pgb: req/s ÷ the reference's TPS, and whole CPU "
              "µs/req ÷ its (PostgreSQL + pgbench) CPU µs/tx")


def print_table(results):
    print()
    print("pgbench -M prepared (Mirage SQL), CPU µs per transaction:")
    print(f"{'clients':>8}{'TPS':>10}{'PostgreSQL':>12}{'pgbench':>10}{'whole':>10}")
    for c, ref in results["pgbench"].items():
        print(f"{c:>8}{ref['tps']:>10.0f}{fmt(ref['postgres_cpu_us'], '.0f'):>12}{fmt(ref['pgbench_cpu_us'], '.0f'):>10}"
              f"{fmt(ref['cpu_us'], '.0f'):>10}" + ("   <- the reference" if ref is reference(results) else ""))
    head = (f"{'conns':>6}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'RSS MiB':>8}"
            f"{'gw µs':>8}{'PG µs':>8}{'whole µs':>9}{'req/s ÷pgb':>11}{'CPU ÷pgb':>9}")

    def row(r, width=30):
        return (f"{r['name']:<{width}}{r['connections']:>6}{r['rps']:>9.0f}{r['p50_ms']:>8.1f}{r['p99_ms']:>8.1f}"
                f"{r['errors']:>7}{r['rss_mib']:>8.0f}{fmt(r.get('gateway_cpu_us'), '.0f'):>8}"
                f"{fmt(r.get('postgres_cpu_us'), '.0f'):>8}{fmt(r.get('cpu_us'), '.0f'):>9}"
                f"{fmt(r.get('ratio_to_pgbench'), '.2f'):>11}{fmt(r.get('cpu_ratio_to_pgbench'), '.2f'):>9}")
    print(f"{'run':<30}{head}")
    for r in results["runs"]:
        print(row(r))
    if results["depth"]:
        print("depth (deep room):")
        for r in results["depth"]:
            print(row(r))
    replica = results.get("replica") or {}
    if replica.get("rows"):
        print("read replica (same data; two gateways: half the connections each, req/s summed, p50/p99 the worse "
              "wrk's, RSS summed; PG µs = primary + replica):")
        print(f"{'run':<44}{head}")
        for r in replica["rows"]:
            print(row(r, 44) + f"   PG primary {fmt(r['postgres_primary_cpu_us'], '.0f')} + replica "
                           f"{fmt(r['postgres_replica_cpu_us'], '.0f')}; pages read {r['reads']}")
    elif replica.get("skipped"):
        print(f"read-replica rows skipped: {replica['skipped']}")
    print(f"({RATIO_NOTE})")
    if results["before"]:
        print(f"side by side with {results['compared_with']} (measured right before each run above):")
        print(f"{'run':<30}{'conns':>6}{'old req/s':>10}{'new req/s':>10}{'new/old':>9}{'old p99':>9}{'new p99':>9}"
              f"{'old RSS':>9}{'new RSS':>9}{'old µs':>8}{'new µs':>8}")
        for old, new in zip(results["before"], results["runs"] + results["depth"]):
            print(f"{new['name']:<30}{new['connections']:>6}{old['rps']:>10.0f}{new['rps']:>10.0f}"
                  f"{new['rps'] / max(old['rps'], 1e-9):>9.2f}{old['p99_ms']:>9.1f}{new['p99_ms']:>9.1f}"
                  f"{old['rss_mib']:>9.0f}{new['rss_mib']:>9.0f}{fmt(old.get('cpu_us'), '.0f'):>8}"
                  f"{fmt(new.get('cpu_us'), '.0f'):>8}")
    print(f"event-loop blocked warnings: {results['event_loop_blocked_warnings']}")
    print()


# ---------------------------------------------------------------- markdown (docs/performance.md)

def latest_result():
    """The newest full run's result (bench/results/<stamp>.json); the smoke result when there is none."""
    full = sorted(f for f in glob.glob(os.path.join(BENCH_DIR, "results", "*.json"))
                  if re.fullmatch(r"\d{8}-\d{6}\.json", os.path.basename(f)))
    if full:
        return full[-1]
    smoke = os.path.join(BENCH_DIR, "results", "smoke-latest.json")
    if os.path.exists(smoke):
        return smoke
    raise SystemExit("no bench/results/<stamp>.json yet: run python3 bench/run.py first")


def markdown(r, source=None):
    """The tables of docs/performance.md for one result; "—" where an older result has no CPU figures."""
    def n0(v):
        return fmt(v, ",.0f")

    lines = []
    if r.get("smoke"):
        lines += ["> **Smoke run (`--smoke`): tiny data and 2 s runs — not the reference figures.**", ""]
    m = r.get("machine", {})
    load = m.get("loadavg_1m_at_start")
    lines.append(f"Measured {r.get('started', '?')} on {m.get('cores', '?')} cores ({m.get('cpu', '?')})"
                 + (f", load average at start {load:.1f}" if load is not None else "")
                 + (f", `{source}`" if source else "") + ".")
    lines.append("")
    ref = reference(r)
    lines.append("The pgbench reference is `-M prepared` on the SQL of one Mirage request, in the same run"
                 + (f"; the ratios are to its {r['reference_clients']}-client row." if ref else "."))
    lines.append("")
    lines.append("| pgbench clients | TPS | PostgreSQL CPU µs/tx | pgbench CPU µs/tx | whole CPU µs/tx |")
    lines.append("| ---: | ---: | ---: | ---: | ---: |")
    refs = r.get("pgbench") or {c: {"tps": t} for c, t in r.get("pgbench_tps", {}).items()}
    for c, p in refs.items():
        lines.append(f"| {c} | {n0(p['tps'])} | {n0(p.get('postgres_cpu_us'))} | {n0(p.get('pgbench_cpu_us'))} "
                     f"| {n0(p.get('cpu_us'))} |")
    lines.append("")
    head = ("| run | connections | req/s | p50 ms | p99 ms | errors | RSS MiB | gateway CPU µs/req "
            "| PostgreSQL CPU µs/req | whole CPU µs/req | req/s ÷ pgbench TPS | whole CPU ÷ pgbench's |")
    rule = "| --- " + "| ---: " * 11 + "|"

    def row(x):
        return (f"| {x['name']} | {x['connections']} | {n0(x['rps'])} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} "
                f"| {x['errors']} | {x['rss_mib']:.0f} | {n0(x.get('gateway_cpu_us'))} | {n0(x.get('postgres_cpu_us'))} "
                f"| {n0(x.get('cpu_us'))} | {fmt(x.get('ratio_to_pgbench'), '.2f')} "
                f"| {fmt(x.get('cpu_ratio_to_pgbench'), '.2f')} |")
    lines += [head, rule] + [row(x) for x in r.get("runs", [])]
    if r.get("depth"):
        lines += ["", "**Depth (deep room):**", "", head, rule] + [row(x) for x in r["depth"]]
    if r.get("before"):
        lines += ["", f"**Side by side with {r.get('compared_with')}** (measured right before each run above):", "",
                  "| run | connections | before req/s | after req/s | after/before | before p99 | after p99 "
                  "| before CPU µs/req | after CPU µs/req |",
                  "| --- " + "| ---: " * 8 + "|"]
        for old, new in zip(r["before"], r["runs"] + r["depth"]):
            lines.append(f"| {new['name']} | {new['connections']} | {n0(old['rps'])} | {n0(new['rps'])} "
                         f"| {new['rps'] / max(old['rps'], 1e-9):.2f} | {old['p99_ms']:.1f} | {new['p99_ms']:.1f} "
                         f"| {n0(old.get('cpu_us'))} | {n0(new.get('cpu_us'))} |")
    replica = r.get("replica") or {}
    if replica.get("rows"):
        lines += ["", f"**Read replica** (the newest page of {replica.get('dialect')} on the same data; the replica had "
                      f"replayed the primary's WAL {fmt(replica.get('replay_wait_s'), '.1f')} s after the load; two "
                      "gateways: half the connections each, from two wrk at once, req/s summed, p50/p99 the worse "
                      "wrk's, RSS summed; PostgreSQL CPU = the primary's tree + the replica's):", "",
                  "| run | connections | req/s | p50 ms | p99 ms | errors | RSS MiB | gateway CPU µs/req "
                  "| PostgreSQL CPU µs/req (primary + replica) | whole CPU µs/req | req/s ÷ pgbench TPS "
                  "| whole CPU ÷ pgbench's | pages read on primary / replica |",
                  "| --- " + "| ---: " * 12 + "|"]
        for x in replica["rows"]:
            lines.append(f"| {x['name']} | {x['connections']} | {n0(x['rps'])} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} "
                         f"| {x['errors']} | {x['rss_mib']:.0f} | {n0(x.get('gateway_cpu_us'))} "
                         f"| {n0(x.get('postgres_cpu_us'))} ({n0(x.get('postgres_primary_cpu_us'))} + "
                         f"{n0(x.get('postgres_replica_cpu_us'))}) | {n0(x.get('cpu_us'))} "
                         f"| {fmt(x.get('ratio_to_pgbench'), '.2f')} | {fmt(x.get('cpu_ratio_to_pgbench'), '.2f')} "
                         f"| {n0(x['reads'].get('primary', 0))} / {n0(x['reads'].get('replica', 0))} |")
    elif replica.get("skipped"):
        lines += ["", f"Read-replica rows skipped: {replica['skipped']}."]
    rows = r.get("feed") or []
    if rows:
        lines += ["", "**Live feed** (`bench/feed.py`; CPU of each row's delivery phase (the imports and their "
                  "events, once every subscriber is open) ÷ the events delivered):", "",
                  "| row | subscribers | events expected / delivered | latency import → event p50 / p99 / max ms "
                  "(one room: the last subscriber, worst message) | gateway RSS peak MiB | gateway CPU µs/event "
                  "| PostgreSQL CPU µs/event |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for f in rows:
            per = f.get("cpu_us_per_event") or {}
            if "delivered" in f:
                events = f"{n0(f['expected'])} / {n0(f['delivered'])}"
                latency = f"{fmt(f['p50_ms'], '.1f')} / {fmt(f['p99_ms'], '.1f')} / {fmt(f['max_ms'], '.1f')}"
            else:
                reached = sum(e["reached"] for e in f["each"])
                events = f"{n0(f['subscribers'] * f['messages'])} / {n0(reached)}"
                latency = f"last {fmt(f['worst_last_ms'], '.0f')}"
            lines.append(f"| {f['name']} | {n0(f['subscribers'])} | {events} | {latency} | "
                         f"{fmt(f['gateway_rss_peak_mib'], '.0f')} | {fmt(per.get('gateway'), '.1f')} | "
                         f"{fmt(per.get('postgres'), '.1f')} |")
    lines += ["", f"Event-loop blocked warnings over the whole run: {r.get('event_loop_blocked_warnings', '?')}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
