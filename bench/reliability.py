#!/usr/bin/env python3
"""Reliability figures for docs/reliability.md, measured on this machine.

    python3 bench/reliability.py          # about 4 minutes

Starts the throwaway PostgreSQL under control (java -jar target/gateway.jar postgres --control)
and the gateway from target/gateway.jar with default settings, loads a small data set, then:
  1. restarts PostgreSQL under a steady stream of requests: requests lost (target 0) and the
     window in which answers were 503;
  2. freezes PostgreSQL (SIGSTOP) for 6 s: the longest request (the deadline is 3 s);
  3. finds the capacity with p99 <= 50 ms and 0 errors (wrk, growing connection counts);
  4. offers 2x that capacity for 60 s: goodput, share shed (503), p99, RSS;
  5. holds 10,000 idle keep-alive connections: RSS;
  6. counts event-loop blocked warnings in the gateway's log.
Load goes to 127.0.0.1 only; every step is bounded in time. Results: bench/results/reliability-*.json.
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import resource
import signal
import shutil
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (shares the harness' data set, wrk driver and process helpers)


class Postgres:
    def __init__(self, work):
        self.url_file = os.path.join(work, "db.url")
        self.proc = subprocess.Popen(["java", "-jar", bench.JAR, "postgres", "--control", "--url-file", self.url_file],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(600):
            if os.path.exists(self.url_file):
                break
            time.sleep(0.1)
        self.url = open(self.url_file).read().strip()

    def command(self, cmd):
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().strip()
        if line != "ok " + cmd:
            raise SystemExit(f"postgres control: {cmd} -> {line}")


class Stream(threading.Thread):
    """A steady stream of Mirage requests on one keep-alive connection, every outcome recorded."""

    def __init__(self, pair):
        super().__init__(daemon=True)
        self.pair, self.running, self.events = pair, True, []

    def run(self):
        conn = None
        while self.running:
            start = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", bench.PORT, timeout=10)
                conn.request("GET", f"/api/get_room_messages?room_id={self.pair[1]}",
                             headers={"Authorization": self.pair[3]})
                response = conn.getresponse()
                response.read()
                outcome = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                outcome = type(e).__name__
                conn = None
            self.events.append((start, time.monotonic(), outcome))
            time.sleep(0.01)


def restart_under_load(pg, pairs):
    streams = [Stream(pairs[i]) for i in range(8)]
    for s in streams:
        s.start()
    time.sleep(2)
    pg.command("stop")
    time.sleep(3)
    pg.command("start")
    back = time.monotonic()
    time.sleep(5)
    for s in streams:
        s.running = False
    for s in streams:
        s.join()
    events = sorted(e for s in streams for e in s.events)
    lost = [e for e in events if e[2] not in (200, 503)]
    first_bad = next((e[0] for e in events if e[2] != 200), None)
    first_ok_after = next((e[1] for e in events if e[0] >= back and e[2] == 200), None)
    return {"requests": len(events), "lost": len(lost), "lost_examples": [str(e[2]) for e in lost[:5]],
            "answered_503": sum(1 for e in events if e[2] == 503),
            "unavailable_window_s": round(first_ok_after - first_bad, 2) if first_bad and first_ok_after else None,
            "first_200_after_restart_s": round(first_ok_after - back, 2) if first_ok_after else None,
            "longest_request_ms": round(max(e[1] - e[0] for e in events) * 1000)}


def freeze(pg, pairs, seconds=6):
    streams = [Stream(pairs[i]) for i in range(8)]
    for s in streams:
        s.start()
    time.sleep(1)
    pg.command("freeze")
    frozen = time.monotonic()
    time.sleep(seconds)
    pg.command("thaw")
    thawed = time.monotonic()
    time.sleep(3)
    for s in streams:
        s.running = False
    for s in streams:
        s.join()
    events = [e for s in streams for e in s.events]
    during = [e for e in events if e[0] >= frozen and e[0] < thawed]
    return {"frozen_s": seconds, "requests_while_frozen": len(during),
            "longest_request_ms": round(max(e[1] - e[0] for e in during) * 1000) if during else None,
            "statuses_while_frozen": sorted({str(e[2]) for e in during}),
            "first_200_after_thaw_s": round(next((e[1] for e in sorted(events) if e[0] >= thawed and e[2] == 200),
                                                 thawed) - thawed, 2)}


def capacity(gw_pid, pairs_file):
    best = None
    for conns in (4, 8, 16, 32, 64, 128):
        r = bench.wrk("mirage.lua", conns, 10, {"BENCH_PAIRS": pairs_file}, gw_pid)
        bench.log(f"capacity probe c={conns}: {r['rps']:.0f} req/s p99 {r['p99_ms']:.1f} ms errors {r['errors']}")
        if r["p99_ms"] <= 50 and r["errors"] == 0 and (best is None or r["rps"] > best["rps"]):
            best = dict(r, connections=conns)
    return best


def overload(gw_pid, pairs_file, cap_rps, seconds=60):
    conns = 512
    delay_ms = max(1, int(conns * 1000 / (2 * cap_rps)))
    env = dict(os.environ, BENCH_DIR=bench.BENCH_DIR, BENCH_PAIRS=pairs_file, BENCH_DELAY_MS=str(delay_ms))
    sampler = bench.RssSampler(gw_pid)
    sampler.start()
    out = subprocess.run(["wrk", "-t", "2", "-c", str(conns), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", os.path.join(bench.BENCH_DIR, "wrk", "paced.lua"), f"http://127.0.0.1:{bench.PORT}"],
                         env=env, capture_output=True, text=True, timeout=seconds + 60)
    peak = sampler.stop()
    import re
    summary = json.loads(re.search(r"BENCH_JSON (\{.*\})", out.stdout).group(1))
    statuses = json.loads(re.search(r"BENCH_STATUS (\{.*\})", out.stdout).group(1))
    total = statuses["ok"] + statuses["shed"] + statuses["other"]
    secs = summary["duration_us"] / 1e6
    return {"offered_rps_target": round(2 * cap_rps), "connections": conns, "delay_ms": delay_ms,
            "seconds": seconds, "goodput_rps": round(statuses["ok"] / secs), "completed_rps": round(total / secs),
            "shed_share": round(statuses["shed"] / total, 4) if total else None, "other_statuses": statuses["other"],
            "socket_errors": summary["errors_connect"] + summary["errors_read"] + summary["errors_write"]
            + summary["errors_timeout"],
            "p99_ms_all_answers": summary["p99_us"] / 1000, "p50_ms_all_answers": summary["p50_us"] / 1000,
            "rss_mib_peak": round(peak / 1024)}


def idle_connections(gw_pid, count=10_000):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))
    before = bench.rss_kib(gw_pid)
    sockets = []
    try:
        for i in range(count):
            s = socket.create_connection(("127.0.0.1", bench.PORT), timeout=10)
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
            sockets.append(s)
        for s in sockets:
            s.recv(4096)  # the answer; the connection stays open (keep-alive)
        time.sleep(2)
        held = bench.rss_kib(gw_pid)
        alive = http.client.HTTPConnection("127.0.0.1", bench.PORT, timeout=5)
        alive.request("GET", "/health/live")
        still_serving = alive.getresponse().status == 200
    finally:
        for s in sockets:
            s.close()
    return {"connections": count, "rss_mib_before": round(before / 1024), "rss_mib_holding": round(held / 1024),
            "still_serving": still_serving}


def main():
    if not os.path.exists(bench.JAR):
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=bench.ROOT, check=True)
    work = tempfile.mkdtemp(prefix="gateway-reliability-")
    procs = []
    try:
        pg = Postgres(work)
        procs.append(pg.proc)
        env = dict(os.environ, DATABASE_URL=pg.url, JWT_SECRET=bench.JWT_SECRET,
                   GATEWAY_ADMIN_TOKEN=bench.ADMIN_TOKEN, HTTP_PORT=str(bench.PORT))
        gateway_log = os.path.join(work, "gateway.log")
        gw = subprocess.Popen(["java", "-jar", bench.JAR], env=env, cwd=bench.ROOT,
                              stdout=open(gateway_log, "w"), stderr=subprocess.STDOUT)
        procs.append(gw)
        bench.wait_ready()
        n = dict(bench.sizes(True), users=2000, rooms=100, messages=50_000, deep=1000, pairs=2000)
        data = bench.DataSet(n)
        bench.import_data(data)
        bench.psql(pg.url, "ANALYZE")
        pairs = data.pairs(n["pairs"])
        pairs_file = os.path.join(work, "pairs.tsv")
        with open(pairs_file, "w") as f:
            for p in pairs:
                f.write("\t".join(str(x) for x in p[:7]) + "\n")
        results = {"machine": bench.machine(), "started": datetime.now().isoformat()}
        bench.log("1/6 PostgreSQL restart under load")
        results["restart"] = restart_under_load(pg, pairs)
        bench.log(json.dumps(results["restart"]))
        bench.log("2/6 PostgreSQL frozen (SIGSTOP)")
        results["freeze"] = freeze(pg, pairs)
        bench.log(json.dumps(results["freeze"]))
        bench.log("3/6 capacity with p99 <= 50 ms")
        bench.wrk("mirage.lua", 16, 5, {"BENCH_PAIRS": pairs_file}, gw.pid)  # warm-up
        results["capacity"] = capacity(gw.pid, pairs_file)
        bench.log(json.dumps(results["capacity"]))
        bench.log("4/6 2x capacity for 60 s")
        results["overload"] = overload(gw.pid, pairs_file, results["capacity"]["rps"])
        bench.log(json.dumps(results["overload"]))
        bench.log("5/6 10,000 idle keep-alive connections")
        results["idle"] = idle_connections(gw.pid)
        bench.log(json.dumps(results["idle"]))
        results["event_loop_blocked_warnings"] = sum(1 for line in open(gateway_log) if "blocked for" in line)
        bench.log(f"6/6 event-loop blocked warnings: {results['event_loop_blocked_warnings']}")
        os.makedirs(os.path.join(bench.BENCH_DIR, "results"), exist_ok=True)
        name = "reliability-" + datetime.now().strftime("%Y%m%d-%H%M%S") + ".json"
        with open(os.path.join(bench.BENCH_DIR, "results", name), "w") as f:
            json.dump(results, f, indent=2)
        print(json.dumps(results, indent=2))
        bench.log(f"written to bench/results/{name}")
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
