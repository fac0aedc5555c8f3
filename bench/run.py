#!/usr/bin/env python3
"""One-command benchmark harness for the chat-history gateway.

    python3 bench/run.py            # full run: 1M messages, 64 and 256 connections, 20 s each
    python3 bench/run.py --smoke    # tiny data, 2 s runs, same code path (runs in .ci/run), the feed rows tiny
    python3 bench/run.py --feed     # also the live feed's rows (bench/feed.py)
    python3 bench/run.py --compare OLD.jar   # also runs OLD.jar on its own copy of the data and
                                             # measures it right before this jar, dialect by dialect
    python3 bench/run.py --markdown [RESULT_JSON]  # the docs/performance.md tables of a result (default:
                                                   # the latest full run) and exit

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
                    duration=2, warmup=1, connections=[16], pg_clients=[4], depth_skips=[0, 100, 1000])
    return dict(users=10_000, rooms=1000, members=20, messages=1_000_000, deep=200_000, pairs=10_000,
                duration=20, warmup=5, connections=[64, 256], pg_clients=[16, 64],
                depth_skips=[0, 10_000, 100_000])


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
    args = parser.parse_args()
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
    pg.pid = pg.server_pid()  # the root of PostgreSQL's process tree, for the CPU figures
    log(f"postmaster pid {pg.pid}")
    return pg, gw, data, load_seconds


def run(args, n, dialects, port, work, children):
    pg, gw, data, load_seconds = start_stack(children, work, n, port)
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
    if args.hold:
        log(f"holding: DATABASE_URL={url} BENCH_PAIRS={pairs_file} deep={deep_file} gateway pid {gw.pid} "
            f"on :{port}; interrupt to stop")
        while True:
            time.sleep(3600)

    results = {"machine": harness.machine(), "smoke": args.smoke, "sizes": n, "load_seconds": load_seconds,
               "started": datetime.now(timezone.utc).isoformat(), "pgbench_tps": {}, "pgbench": {},
               "runs": [], "depth": [],
               "compared_with": os.path.basename(args.compare) if args.compare else None, "before": []}

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
    if "mirage" in dialects:
        # a second gateway on the same database whose Mirage cap gives a room about 50 messages: the rooms the
        # pairs use share the messages outside the deep room, which holds its share of the tenant's newest
        cap = round(50 * n["rooms"] * n["messages"] / (n["messages"] - n["deep"]))
        large_cap = harness.Gateway(children, work, url, port + 2, config={"mirage": {"maxMessages": cap}},
                                    name="gateway-large-cap")
        large_cap.wait_ready()
        postgres_of[large_cap.pid] = pg.pid
        results["mirage_large_cap"] = cap
        log(f"gateway with Mirage cap {cap} pid {large_cap.pid} on :{port + 2}")

    for conns in n["connections"]:
        results["runs"].append(measure("health/live (HTTP ceiling)", "health.lua", conns, {}))
        for d in dialects:
            results["runs"].append(measure(LABELS.get(d, d), f"{d}.lua", conns, {}))
            if d == "mirage" and large_cap is not None:
                results["runs"].append(measure_on(large_cap, f"mirage (cap {results['mirage_large_cap']:,})",
                                                  "mirage.lua", conns, {}, pairs_file))

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

    # issue 12: a client polling the newest page with If-None-Match (a 304 while nothing changes) next to the
    # same full page; the issue wants the poll at 5x the page's req/s or more
    results["depth"].append(measure("v1 newest 50 (full page)", "v1.lua", conns, {}))
    results["depth"].append(measure("v1 newest 50 If-None-Match (304)", "v1_etag.lua", conns, {}))

    if args.feed or args.smoke:
        results["feed"] = feed.run_rows(port, gw.pid, args.smoke)
        if args.smoke and feed.incomplete(results["feed"]):
            raise SystemExit(f"feed: not every event was delivered: {feed.incomplete(results['feed'])}")

    blocked = gw.blocked_warning_lines() + (large_cap.blocked_warning_lines() if large_cap else [])
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
    missing = [f"{r['name']} c={r['connections']}" for r in results["runs"] + results["depth"] + results["before"]
               if not r["gateway_cpu_us"] or (not r["name"].startswith("health") and not r["postgres_cpu_us"])]
    missing += [f"pgbench {c} clients" for c, p in results["pgbench"].items()
                if not p["postgres_cpu_us"] or not p["pgbench_cpu_us"]]
    if missing:
        raise SystemExit("no CPU figures for: " + ", ".join(missing))
    errors = sum(r["errors"] for r in results["runs"] + results["depth"])  # the old jar's are only reported
    if errors:
        raise SystemExit(f"{errors} requests failed (non-2xx, timeouts or socket errors)")


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

    def row(r):
        return (f"{r['name']:<30}{r['connections']:>6}{r['rps']:>9.0f}{r['p50_ms']:>8.1f}{r['p99_ms']:>8.1f}"
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
    lines += ["", f"Event-loop blocked warnings over the whole run: {r.get('event_loop_blocked_warnings', '?')}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
