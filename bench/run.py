#!/usr/bin/env python3
"""One-command benchmark harness for the chat-history gateway.

    python3 bench/run.py            # full run: 1M messages, 64 and 256 connections, 20 s each
    python3 bench/run.py --smoke    # tiny data, 2 s runs, same code path (runs in .ci/run)
    python3 bench/run.py --compare OLD.jar   # also runs OLD.jar on its own copy of the data and
                                             # measures it right before this jar, dialect by dialect

Starts the project's throwaway PostgreSQL (java -jar target/gateway.jar postgres), starts the
gateway from target/gateway.jar with production settings, loads generated data through the
NDJSON admin import, drives every dialect with wrk (Lua scripts in bench/wrk/) and measures this
machine's limits in the same run: pgbench -M prepared on the SQL of one Mirage request, and
GET /health/live through the gateway. Prints one table and writes it as JSON under bench/results/.
All load goes to 127.0.0.1 and every run is bounded in time.
"""
import argparse
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
from harness import BENCH_DIR, DIALECTS, log  # noqa: E402

PORT = 18080
# each dialect at its default page size, but IMKit at the limit 50 of its target (its default is 20)
LABELS = {"mirage": "mirage (default cap)", "deadsimplechat": "deadsimplechat (limit 50)",
          "allmine": "allmine (limit 20)", "meetinglawyers": "meetinglawyers (limit 50)",
          "imkit": "imkit (limit 50)"}


def sizes(smoke):
    if smoke:
        return dict(users=200, rooms=20, members=10, messages=6000, deep=2000, pairs=200,
                    duration=2, warmup=1, connections=[16], pg_clients=[4], depth_skips=[0, 100, 1000])
    return dict(users=10_000, rooms=1000, members=20, messages=1_000_000, deep=200_000, pairs=10_000,
                duration=20, warmup=5, connections=[64, 256], pg_clients=[16, 64],
                depth_skips=[0, 10_000, 100_000])


def pgbench(url, clients, duration, npairs):
    cmd = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(duration),
           "-D", f"npairs={npairs}", "-f", os.path.join(BENCH_DIR, "pgbench", "mirage.sql"), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    match = re.search(r"tps = ([0-9.]+)", out.stdout)
    if out.returncode != 0 or not match:
        raise SystemExit(f"pgbench failed:\n{out.stdout}\n{out.stderr}")
    return float(match.group(1))


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny data and 2 s runs (CI)")
    parser.add_argument("--build", action="store_true", help="rebuild target/gateway.jar first")
    parser.add_argument("--dialects", default=",".join(DIALECTS))
    parser.add_argument("--hold", action="store_true",
                        help="load the data, print where it is, and keep PostgreSQL and the gateway up until "
                             "interrupted (for profiling by hand); measures nothing")
    parser.add_argument("--port", type=int, default=PORT, help="the gateway's HTTP port (default %(default)s)")
    parser.add_argument("--compare", metavar="OLD_JAR",
                        help="a second gateway jar (an earlier build) to measure side by side: it gets its own "
                             "PostgreSQL with the same generated data, on port+1, and every dialect run is "
                             "measured on it right before the same run on target/gateway.jar")
    args = parser.parse_args()
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


def start_stack(children, work, n, port, jar=harness.JAR):
    """A throwaway PostgreSQL and a gateway on it, loaded with the generated data set."""
    os.makedirs(work, exist_ok=True)
    pg = harness.Postgres(children, work)
    log(f"PostgreSQL at {pg.url}")
    gw = harness.Gateway(children, work, pg.url, port, jar=jar)
    gw.wait_ready()
    log(f"gateway {os.path.basename(jar)} pid {gw.pid} ready on :{port}")
    data = harness.DataSet(n)
    load_seconds = harness.import_data(data, port)
    # VACUUM as well: a freshly loaded table has no visibility map, so index-only scans (the skips of
    # DeadSimpleChat and Allmine) would visit the heap, and autovacuum would arrive mid-measurement
    harness.psql(pg.url, "VACUUM (ANALYZE)")
    return pg, gw, data, load_seconds


def run(args, n, dialects, port, work, children):
    pg, gw, data, load_seconds = start_stack(children, work, n, port)
    url = pg.url
    old_gw = None
    if args.compare:
        old_gw = start_stack(children, os.path.join(work, "old"), n, port + 1, jar=os.path.abspath(args.compare))[1]
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
    if args.hold:
        log(f"holding: DATABASE_URL={url} BENCH_PAIRS={pairs_file} deep={deep_file} gateway pid {gw.pid} "
            f"on :{port}; interrupt to stop")
        while True:
            time.sleep(3600)

    results = {"machine": harness.machine(), "smoke": args.smoke, "sizes": n, "load_seconds": load_seconds,
               "started": datetime.now(timezone.utc).isoformat(), "pgbench_tps": {}, "runs": [], "depth": [],
               "compared_with": os.path.basename(args.compare) if args.compare else None, "before": []}

    def measure_on(target, label, script, conns, env_extra, pairs_path):
        env_extra = dict(env_extra, BENCH_PAIRS=pairs_path)
        harness.wrk(script, conns, n["warmup"], env_extra, target.port, target.pid)  # warm-up, not recorded
        r = harness.wrk(script, conns, n["duration"], env_extra, target.port, target.pid)
        r.update({"name": label, "connections": conns})
        log(f"{label:<28} c={conns:<4} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.1f} ms  "
            f"p99 {r['p99_ms']:.1f} ms  errors {r['errors']}  rss {r['rss_mib']:.0f} MiB"
            + ("  (old jar)" if target is old_gw else ""))
        return r

    def measure(label, script, conns, env_extra, pairs_path=pairs_file):
        """This jar's figures; with --compare, the old jar's first, right before, into "before"."""
        if old_gw is not None:
            results["before"].append(measure_on(old_gw, label, script, conns, env_extra, pairs_path))
        return measure_on(gw, label, script, conns, env_extra, pairs_path)

    for clients in n["pg_clients"]:
        tps = pgbench(url, clients, n["duration"], len(pairs))
        results["pgbench_tps"][str(clients)] = tps
        log(f"pgbench -M prepared, {clients} clients: {tps:.0f} TPS")
    base_tps = results["pgbench_tps"][str(n["pg_clients"][0])]

    for conns in n["connections"]:
        results["runs"].append(measure("health/live (HTTP ceiling)", "health.lua", conns, {}))
        for d in dialects:
            results["runs"].append(measure(LABELS.get(d, d), f"{d}.lua", conns, {}))
    for r in results["runs"]:
        r["ratio_to_pgbench"] = r["rps"] / base_tps

    conns = n["connections"][0]
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

    results["event_loop_blocked_warnings"] = gw.blocked_warnings()
    print_table(results, base_tps)
    os.makedirs(os.path.join(BENCH_DIR, "results"), exist_ok=True)
    name = "smoke-latest.json" if args.smoke else datetime.now().strftime("%Y%m%d-%H%M%S") + ".json"
    with open(os.path.join(BENCH_DIR, "results", name), "w") as f:
        json.dump(results, f, indent=2)
    log(f"results written to bench/results/{name}")
    errors = sum(r["errors"] for r in results["runs"] + results["depth"])  # the old jar's are only reported
    if errors:
        raise SystemExit(f"{errors} requests failed (non-2xx, timeouts or socket errors)")


def print_table(results, base_tps):
    print()
    print(f"pgbench -M prepared (Mirage SQL): " + ", ".join(
        f"{c} clients {t:.0f} TPS" for c, t in results["pgbench_tps"].items()))
    print(f"{'run':<30}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'RSS MiB':>9}{'÷pgbench':>10}")
    for r in results["runs"]:
        print(f"{r['name']:<30}{r['connections']:>6}{r['rps']:>10.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
              f"{r['errors']:>8}{r['rss_mib']:>9.0f}{r['ratio_to_pgbench']:>10.2f}")
    if results["depth"]:
        print("depth (deep room):")
        for r in results["depth"]:
            print(f"{r['name']:<30}{r['connections']:>6}{r['rps']:>10.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                  f"{r['errors']:>8}{r['rss_mib']:>9.0f}")
    if results["before"]:
        print(f"side by side with {results['compared_with']} (measured right before each run above):")
        print(f"{'run':<30}{'conns':>6}{'old req/s':>10}{'new req/s':>10}{'new/old':>9}{'old p99':>9}{'new p99':>9}"
              f"{'old RSS':>9}{'new RSS':>9}")
        for old, new in zip(results["before"], results["runs"] + results["depth"]):
            print(f"{new['name']:<30}{new['connections']:>6}{old['rps']:>10.0f}{new['rps']:>10.0f}"
                  f"{new['rps'] / max(old['rps'], 1e-9):>9.2f}{old['p99_ms']:>9.1f}{new['p99_ms']:>9.1f}"
                  f"{old['rss_mib']:>9.0f}{new['rss_mib']:>9.0f}")
    print(f"event-loop blocked warnings: {results['event_loop_blocked_warnings']}")
    print()


if __name__ == "__main__":
    main()
