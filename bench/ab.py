#!/usr/bin/env python3
"""Side-by-side A/B of gateway jars on one already loaded database (the one `bench/run.py --hold`
prints): each jar runs as its own gateway on its own port, and the rows alternate between them,
A then B, `--rounds` times, so that the machine's drift hits both alike. Reports req/s, p99 and CPU
µs per request of each gateway process and of PostgreSQL, and B ÷ A of each, per round and as the
median. For the quick A/Bs of single changes (docs/performance.md); the full run stays bench/run.py.

  python3 bench/run.py --hold &            # prints DATABASE_URL=… BENCH_PAIRS=… and the postmaster pid
  python3 bench/ab.py --db URL --pairs FILE --postgres-pid PID A.jar B.jar --scripts meetinglawyers.lua
  python3 bench/ab.py … target/gateway.jar target/gateway.jar --config-a '{"jwt": {"cacheSize": 0}}'   # a setting
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jars", nargs=2, metavar="JAR", help="A (before) and B (after)")
    parser.add_argument("--db", required=True, help="DATABASE_URL of the loaded database")
    parser.add_argument("--pairs", required=True, help="the pairs file bench/run.py --hold wrote")
    parser.add_argument("--postgres-pid", type=int, required=True, help="the postmaster's pid")
    parser.add_argument("--scripts", default="meetinglawyers.lua", help="comma-separated bench/wrk scripts")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--config-a", default="{}", help="configuration keys of A, as JSON (default: the jar's defaults)")
    parser.add_argument("--config-b", default="{}", help="configuration keys of B, as JSON")
    args = parser.parse_args()
    work = os.path.join("/tmp", f"gateway-ab-{os.getpid()}")
    os.makedirs(work, exist_ok=True)
    with harness.Children() as children:
        gateways = []
        for i, jar in enumerate(args.jars):
            gw = harness.Gateway(children, work, args.db, args.port + i, jar=os.path.abspath(jar), name=f"gw-{i}",
                                  config=json.loads([args.config_a, args.config_b][i]))  # an old jar refuses newer keys
            gw.wait_ready()
            gateways.append(gw)
        env = {"BENCH_PAIRS": args.pairs}
        for script in args.scripts.split(","):
            for gw in gateways:  # warm-up, not recorded
                harness.wrk(script, args.connections, 5, env, gw.port, gw.pid)
            ratios = {"rps": [], "gateway": [], "postgres": []}
            for rnd in range(args.rounds):
                rows = []
                for gw in gateways:
                    r = harness.wrk(script, args.connections, args.seconds, env, gw.port, gw.pid,
                                    cpu_trees={"gateway": gw.pid, "postgres": args.postgres_pid})
                    per = r["cpu_us_per_request"]
                    rows.append((r["rps"], per["gateway"], per["postgres"], r["p99_ms"], r["errors"]))
                    print(f"{script} round {rnd + 1} {'AB'[len(rows) - 1]}: {r['rps']:8.0f} req/s  p99 "
                          f"{r['p99_ms']:6.1f} ms  errors {r['errors']}  CPU µs/req gateway {per['gateway']:.0f} "
                          f"+ PostgreSQL {per['postgres']:.0f}", flush=True)
                (a, b) = rows
                ratios["rps"].append(b[0] / a[0])
                ratios["gateway"].append(b[1] / a[1])
                ratios["postgres"].append(b[2] / a[2])
            print(f"{script}: B/A median over {args.rounds} rounds: req/s {statistics.median(ratios['rps']):.2f}  "
                  f"gateway CPU/req {statistics.median(ratios['gateway']):.2f}  "
                  f"PostgreSQL CPU/req {statistics.median(ratios['postgres']):.2f}", flush=True)


if __name__ == "__main__":
    main()
