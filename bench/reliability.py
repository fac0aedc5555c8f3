#!/usr/bin/env python3
"""Reliability figures for docs/reliability.md, measured on this machine.

    python3 bench/reliability.py              # the figures: about 4-5 minutes
    python3 bench/reliability.py --quick      # same code paths, small data and short phases (~1.5 min)
    python3 bench/reliability.py --markdown   # print the latest result as the docs/reliability.md table
    python3 bench/reliability.py --markdown bench/results/reliability-<stamp>.json

Starts the throwaway PostgreSQL under control (java -jar target/gateway.jar postgres --control)
and the gateway from target/gateway.jar with its default settings, loads a small data set through
the NDJSON admin import, then, with a steady stream of Mirage requests or wrk:
  1. restarts PostgreSQL (pg_ctl stop -m fast, start): requests lost (anything but 200/503,
     target 0), the window of non-200 answers, and how soon 200s return (target <= 2 s);
  2. freezes PostgreSQL with SIGSTOP for twice the deadline: the longest request (target: the
     database deadline, 3 s by default) and what the frozen period answered (only 503);
  3. holds 10,000 idle keep-alive connections (2,000 with --quick): RSS (target <= 512 MiB);
  4. finds the capacity with p99 <= 50 ms and 0 errors (wrk, Mirage, growing connection counts);
  5. offers 2x that capacity for 60 s (10 s with --quick) with bench/wrk/paced.lua: goodput,
     share shed as 503, p99 of the accepted (from the gateway's access log), RSS;
  6. counts event-loop blocked warnings in the gateway's log (target 0);
  7. counts the negative cases passed per dialect from the Surefire reports of the bad-input,
     request-size, duplicate-credential and JWT-attack suites (run `mvn verify` first).
Load goes to 127.0.0.1 only; every phase is bounded in time, and PostgreSQL and the gateway are
stopped on any exit (Ctrl-C included). Results: bench/results/reliability-<stamp>.json (with
--quick: reliability-quick-latest.json), then a summary and the markdown table.
"""
import argparse
import errno
import glob
import http.client
import json
import os
import selectors
import shutil
import socket
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (data set, processes, wrk driver: shared with bench/run.py)
from harness import BENCH_DIR, ROOT, log, mark, percentile  # noqa: E402

PORT = 18081
RESULTS = os.path.join(BENCH_DIR, "results")
P99_TARGET_MS = 50
RSS_TARGET_MIB = 512
FIRST_200_TARGET_S = 2.0
DEADLINE_SLACK_MS = 250  # scheduling and answer-writing time allowed past the deadline

FULL = dict(
    data=dict(users=2000, rooms=100, members=10, messages=50_000, deep=1000), pairs=2000,
    streams=8, restart=dict(before=2, down=3, after=5), freeze=dict(before=1, after=3),
    idle=10_000, idle_open_limit_s=25,
    capacity=dict(warmup=5, probe=10, ladder=[4, 8, 16, 32, 64, 128, 256]),
    overload=dict(seconds=60, connections=1024),
)
QUICK = dict(
    data=dict(users=200, rooms=20, members=10, messages=6000, deep=500), pairs=200,
    streams=4, restart=dict(before=1, down=2, after=3), freeze=dict(before=1, after=2),
    idle=2000, idle_open_limit_s=20,
    capacity=dict(warmup=2, probe=3, ladder=[4, 16, 64]),
    overload=dict(seconds=10, connections=64),
)

# Surefire XML of the negative suites. Their dynamic tests are named "method()[d][...]" where d is the
# position of the first-level container, which each suite builds from a list of dialects (or doors):
# BadInputTest.all(), RequestSizeLimitsTest (BadInputTest.all()), CredentialDoor.all(), JwtTarget.all().
# A test name that contains a dialect's name wins over the position.
DIALECT_NAMES = ["Mirage", "DeadSimpleChat", "Allmine", "MeetingLawyers", "IMKit"]
_FIVE = DIALECT_NAMES
NEGATIVE_SUITES = {
    "io.chatgw.gateway.http.BadInputTest": _FIVE,
    "io.chatgw.gateway.http.RequestSizeLimitsTest": _FIVE,
    "io.chatgw.gateway.http.DuplicateCredentialsTest": ["Mirage", "Mirage", "DeadSimpleChat", "Allmine",
                                                        "MeetingLawyers", "IMKit"],
    "io.chatgw.gateway.auth.JwtAttackTest": ["Mirage", "Allmine", "MeetingLawyers", "IMKit"],
}
NOT_PER_DIALECT = "(not per dialect)"


# ---------------------------------------------------------------- streams of single requests

class Stream(threading.Thread):
    """Mirage requests one after another on a keep-alive connection, every outcome recorded as
    (start, end, status or exception name). A request that takes over 10 s counts as a timeout."""

    def __init__(self, port, pair, pause=0.01):
        super().__init__(daemon=True)
        self.port, self.pair, self.pause = port, pair, pause
        self.running, self.events = True, []

    def run(self):
        conn = None
        while self.running:
            start = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
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
                if conn is not None:
                    conn.close()
                conn = None
            self.events.append((start, time.monotonic(), outcome))
            time.sleep(self.pause)
        if conn is not None:
            conn.close()


def with_streams(port, pairs, count, body):
    streams = [Stream(port, pairs[i % len(pairs)]) for i in range(count)]
    for s in streams:
        s.start()
    try:
        marks = body()
    finally:
        for s in streams:
            s.running = False
        for s in streams:
            s.join(timeout=15)  # a request ends within its 10 s socket timeout
    return marks, sorted(e for s in streams for e in s.events)


def restart_under_load(port, pg, pairs, q):
    def body():
        time.sleep(q["restart"]["before"])
        stop_s = pg.command("stop")
        down = time.monotonic()
        time.sleep(q["restart"]["down"])
        start_s = pg.command("start")
        back = time.monotonic()
        time.sleep(q["restart"]["after"])
        return dict(stop_s=stop_s, down=down, start_s=start_s, back=back)

    m, events = with_streams(port, pairs, q["streams"], body)
    lost = [e for e in events if e[2] not in (200, 503)]
    first_bad = next((e for e in events if e[2] != 200), None)
    first_ok_after = next((e for e in events if e[0] >= m["back"] and e[2] == 200), None)
    statuses = {}
    for e in events:
        statuses[str(e[2])] = statuses.get(str(e[2]), 0) + 1
    return {"streams": q["streams"], "requests": len(events), "lost": len(lost),
            "lost_examples": sorted({str(e[2]) for e in lost})[:5], "statuses": statuses,
            "answered_503": statuses.get("503", 0),
            "pg_stop_took_s": round(m["stop_s"], 2), "pg_start_took_s": round(m["start_s"], 2),
            "db_down_s": round(m["back"] - m["down"] + m["stop_s"], 2),
            "unavailable_window_s": round(first_ok_after[1] - first_bad[0], 2)
            if first_bad and first_ok_after else None,
            "first_200_after_restart_s": round(first_ok_after[1] - m["back"], 2) if first_ok_after else None,
            "longest_request_ms": round(max(e[1] - e[0] for e in events) * 1000) if events else None}


def freeze(port, pg, pairs, q, deadline_ms):
    frozen_s = max(2 * deadline_ms / 1000, deadline_ms / 1000 + 1)

    def body():
        time.sleep(q["freeze"]["before"])
        pg.command("freeze")
        frozen = time.monotonic()
        time.sleep(frozen_s)
        thaw_sent = time.monotonic()  # certainly still frozen until here
        pg.command("thaw")
        thawed = time.monotonic()
        time.sleep(q["freeze"]["after"])
        return dict(frozen=frozen, thaw_sent=thaw_sent, thawed=thawed)

    m, events = with_streams(port, pairs, q["streams"], body)
    overlapping = [e for e in events if e[1] > m["frozen"] and e[0] < m["thawed"]]
    # started after "ok freeze" and ended before the thaw was even asked for: must be 503
    inside = [e for e in events if e[0] >= m["frozen"] and e[1] < m["thaw_sent"]]
    statuses = {}
    for e in inside:
        statuses[str(e[2])] = statuses.get(str(e[2]), 0) + 1
    first_ok = next((e for e in events if e[0] >= m["thawed"] and e[2] == 200), None)
    return {"streams": q["streams"], "frozen_s": round(m["thawed"] - m["frozen"], 2), "deadline_ms": deadline_ms,
            "requests_overlapping_freeze": len(overlapping),
            "longest_request_ms": round(max(e[1] - e[0] for e in overlapping) * 1000) if overlapping else None,
            "statuses_while_frozen": statuses,
            "not_503_while_frozen": sum(n for s, n in statuses.items() if s != "503"),
            "first_200_after_thaw_s": round(first_ok[1] - m["thawed"], 2) if first_ok else None,
            "lost": sum(1 for e in events if e[2] not in (200, 503))}


# ---------------------------------------------------------------- idle connections

def _answer_all(pending, deadline, request=None):
    """Non-blocking: connects (or re-uses) `pending` sockets, sends `request` on each once writable,
    reads the first bytes of each answer; returns (answered with 200, failures by kind)."""
    sel = selectors.DefaultSelector()
    for s in pending:
        sel.register(s, selectors.EVENT_WRITE if request else selectors.EVENT_READ)
    ok, failed = [], {}
    left = len(pending)
    while left and time.monotonic() < deadline:
        for key, events in sel.select(timeout=max(0.0, min(1.0, deadline - time.monotonic()))):
            s = key.fileobj
            try:
                if events & selectors.EVENT_WRITE:
                    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        raise OSError(err, os.strerror(err))
                    s.send(request)
                    sel.modify(s, selectors.EVENT_READ)
                    continue
                answer = s.recv(4096)
                sel.unregister(s)
                left -= 1
                if answer.startswith(b"HTTP/1.1 200"):
                    ok.append(s)
                else:
                    kind = "answer " + (answer[:12].decode(errors="replace") or "EOF")
                    failed[kind] = failed.get(kind, 0) + 1
                    s.close()
            except OSError as e:
                sel.unregister(s)
                left -= 1
                failed[type(e).__name__] = failed.get(type(e).__name__, 0) + 1
                s.close()
    for key in list(sel.get_map().values()):
        failed["no answer in time"] = failed.get("no answer in time", 0) + 1
        key.fileobj.close()
    sel.close()
    return ok, failed


def idle_connections(gw, pair, count, open_limit_s, batch=500):
    """Opens `count` keep-alive connections, one answered GET /health/live each, and holds them
    idle; measures the gateway's RSS. Stops opening after open_limit_s (the idle timeout is 30 s)."""
    nofile = harness.raise_nofile()
    if count + 200 > nofile:
        log(f"RLIMIT_NOFILE is {nofile}: holding {nofile - 200} connections instead of {count}")
        count = nofile - 200
    rss_before = gw.rss_kib()
    fds_before = gw.open_fds()
    request = b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    sockets, refused = [], {}
    started = time.monotonic()
    try:
        while len(sockets) < count and time.monotonic() - started < open_limit_s:
            fresh = []
            for _ in range(min(batch, count - len(sockets))):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                err = s.connect_ex(("127.0.0.1", gw.port))
                if err not in (0, errno.EINPROGRESS):
                    refused[os.strerror(err)] = refused.get(os.strerror(err), 0) + 1
                    s.close()
                    continue
                fresh.append(s)
            ok, failed = _answer_all(fresh, started + open_limit_s, request)
            sockets.extend(ok)
            for kind, n in failed.items():
                refused[kind] = refused.get(kind, 0) + n
            if refused:
                break
        open_s = time.monotonic() - started
        time.sleep(2)
        rss_holding = gw.rss_kib()
        fds_holding = gw.open_fds()
        # the gateway still serves a real request, and a sample of the idle connections still answers
        t0 = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=10)
        conn.request("GET", f"/api/get_room_messages?room_id={pair[1]}", headers={"Authorization": pair[3]})
        status = conn.getresponse().status
        conn.close()
        serve_ms = (time.monotonic() - t0) * 1000
        sample = sockets[:: max(1, len(sockets) // 100)]
        sample_ok, _ = _answer_all(sample, time.monotonic() + 10, request)
        held_s = time.monotonic() - started
    finally:
        for s in sockets:
            s.close()
    return {"target_connections": count, "connections": len(sockets), "refused": refused,
            "open_s": round(open_s, 1), "held_s": round(held_s, 1),
            "rss_mib_before": round(rss_before / 1024), "rss_mib_holding": round(rss_holding / 1024),
            "gateway_fds_before": fds_before, "gateway_fds_holding": fds_holding,
            "mirage_status_while_holding": status, "mirage_ms_while_holding": round(serve_ms, 1),
            "sample_still_answering": f"{len(sample_ok)}/{len(sample)}"}


# ---------------------------------------------------------------- capacity and overload

def capacity(gw, pairs_file, q):
    env = {"BENCH_PAIRS": pairs_file}
    c = q["capacity"]
    harness.wrk("mirage.lua", 16, c["warmup"], env, gw.port, gw.pid)  # warm-up, not recorded
    probes, best = [], None
    for conns in c["ladder"]:
        log_start = gw.log_size()
        r = harness.wrk("mirage.lua", conns, c["probe"], env, gw.port, gw.pid)
        server_ms = [ms for _, ms in access_log_entries(gw.log_lines(log_start))]
        fits = r["p99_ms"] <= P99_TARGET_MS and r["errors"] == 0
        probes.append({"connections": conns, "rps": round(r["rps"]), "p50_ms": round(r["p50_ms"], 1),
                       "p99_ms": round(r["p99_ms"], 1), "errors": r["errors"], "fits": fits,
                       "p99_ms_server": percentile(server_ms, 99), "max_ms_server": max(server_ms, default=None)})
        log(f"  capacity probe c={conns}: {r['rps']:.0f} req/s p99 {r['p99_ms']:.1f} ms errors {r['errors']} "
            f"(server side p99 {probes[-1]['p99_ms_server']} ms, max {probes[-1]['max_ms_server']} ms)"
            + ("" if fits else "  (misses p99 <= 50 ms / 0 errors)"))
        if fits and (best is None or r["rps"] > best["rps"]):
            best = dict(probes[-1])
        if not fits and best is not None:
            break  # past the knee: more connections only queue
    return {"probe_seconds": c["probe"], "probes": probes, "best": best}


def access_log_entries(lines):
    """(status, ms) of the Mirage lines of the gateway's access log."""
    out = []
    for line in lines:
        i = line.find(" access - GET /api/get_room_messages")
        if i < 0:
            continue
        parts = line[i:].split()
        # " access - GET <uri> <status> <bytes> <ms>ms <request id>"
        try:
            out.append((int(parts[4]), int(parts[6].rstrip("ms"))))
        except (IndexError, ValueError):
            pass
    return out


def overload(gw, pairs_file, cap_rps, q):
    o = q["overload"]
    target = 2 * cap_rps
    threads = 2
    env = {"BENCH_PAIRS": pairs_file, "BENCH_RATE": str(target), "BENCH_THREADS": str(threads)}
    log_start = gw.log_size()
    r = harness.wrk("paced.lua", o["connections"], o["seconds"], env, gw.port, gw.pid, timeout_s=10,
                    threads=threads)
    time.sleep(1)  # the access log is written through an async appender
    entries = access_log_entries(gw.log_lines(log_start))
    st = r["statuses"]
    answered = st["ok"] + st["shed"] + st["other"]
    secs = r["seconds"]
    accepted_ms = [ms for s, ms in entries if s == 200]
    shed_ms = [ms for s, ms in entries if s == 503]
    return {"seconds": round(secs, 1), "connections": o["connections"], "capacity_rps": round(cap_rps),
            "offered_target_rps": round(target),
            "offered_achieved_rps": round((answered + r["socket_errors"]) / secs),
            "goodput_rps": round(st["ok"] / secs), "answered": answered, "ok": st["ok"], "shed_503": st["shed"],
            "shed_share": round(st["shed"] / answered, 4) if answered else None,
            "other_statuses": st["other"], "socket_errors": r["socket_errors"], "timeouts": r["timeouts"],
            "p50_ms_all_answers": round(r["p50_ms"], 1), "p99_ms_all_answers": round(r["p99_ms"], 1),
            "access_log_lines": len(entries),
            "p99_ms_accepted_server": percentile(accepted_ms, 99),
            "p50_ms_accepted_server": percentile(accepted_ms, 50),
            "p99_ms_shed_server": percentile(shed_ms, 99),
            "rss_mib_peak": round(r["rss_mib"])}


# ---------------------------------------------------------------- negative cases (Surefire reports)

def negative_cases(report_dir=None):
    report_dir = report_dir or os.path.join(ROOT, "target", "surefire-reports")
    per_dialect = {d: {"passed": 0, "total": 0} for d in DIALECT_NAMES}
    suites, missing = {}, []
    for suite, order in NEGATIVE_SUITES.items():
        path = os.path.join(report_dir, f"TEST-{suite}.xml")
        if not os.path.exists(path):
            missing.append(suite)
            continue
        root = ET.parse(path).getroot()
        counts = {}
        for case in root.iter("testcase"):
            name = case.get("name", "")
            dialect = next((d for d in DIALECT_NAMES if d.lower() in name.lower()), None)
            if dialect is None and "()[" in name:
                index = int(name.split("()[", 1)[1].split("]", 1)[0])
                dialect = order[index - 1] if 0 < index <= len(order) else f"(unmapped position {index})"
            dialect = dialect or NOT_PER_DIALECT
            passed = not any(case.find(tag) is not None for tag in ("failure", "error", "skipped"))
            c = counts.setdefault(dialect, {"passed": 0, "total": 0})
            c["total"] += 1
            c["passed"] += passed
            if dialect in per_dialect or dialect == NOT_PER_DIALECT or dialect.startswith("(unmapped"):
                p = per_dialect.setdefault(dialect, {"passed": 0, "total": 0})
                p["total"] += 1
                p["passed"] += passed
        suites[suite] = {"report": os.path.relpath(path, ROOT),
                         "report_time": datetime.fromtimestamp(os.path.getmtime(path)).isoformat(timespec="seconds"),
                         "per_dialect": counts}
    if not suites:
        return {"available": False, "missing": missing,
                "note": "no Surefire reports of the negative suites in target/surefire-reports: run `mvn verify` "
                        "first (the figures are read from its reports, never made up)"}
    per_dialect = {d: c for d, c in per_dialect.items() if c["total"] or d in DIALECT_NAMES}
    return {"available": True, "missing": missing, "suites": suites, "per_dialect": per_dialect,
            "note": None if not missing else "some suites have no report: run `mvn verify` for all of them"}


# ---------------------------------------------------------------- main

def read_deadline_ms():
    try:
        with open(os.path.join(ROOT, "conf", "config.json")) as f:
            return int(json.load(f)["database"]["deadlineMillis"])
    except (OSError, KeyError, ValueError, TypeError):
        return 3000


def measure(args, q, work, children):
    phases = {}
    results = {"mode": "quick" if args.quick else "full", "machine": harness.machine(),
               "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "command": "python3 bench/reliability.py" + (" --quick" if args.quick else ""),
               "settings": q, "phase_seconds": phases}
    deadline_ms = read_deadline_ms()
    results["deadline_ms"] = deadline_ms

    t = time.monotonic()
    pg = harness.Postgres(children, work, control=True)
    log(f"PostgreSQL at {pg.url} (under control)")
    gw = harness.Gateway(children, work, pg.url, args.port)
    gw.wait_ready()
    log(f"gateway pid {gw.pid} ready on :{args.port}")
    data = harness.DataSet(dict(q["data"]))
    harness.import_data(data, args.port)
    harness.psql(pg.url, "VACUUM (ANALYZE)")
    pairs = data.pairs(q["pairs"])
    pairs_file = harness.write_pairs(os.path.join(work, "pairs.tsv"), pairs)
    phases["setup"] = round(time.monotonic() - t, 1)

    def phase(key, title, fn):
        log(title)
        t0 = time.monotonic()
        results[key] = fn()
        phases[key] = round(time.monotonic() - t0, 1)
        log(f"  {json.dumps(results[key])}")

    phase("restart", "1/7 PostgreSQL stopped and restarted under a steady stream of requests",
          lambda: restart_under_load(args.port, pg, pairs, q))
    phase("freeze", "2/7 PostgreSQL frozen (SIGSTOP) for longer than the deadline",
          lambda: freeze(args.port, pg, pairs, q, deadline_ms))
    phase("idle", f"3/7 {q['idle']:,} idle keep-alive connections",
          lambda: idle_connections(gw, pairs[0], q["idle"], q["idle_open_limit_s"]))
    phase("capacity", f"4/7 capacity with p99 <= {P99_TARGET_MS} ms and 0 errors",
          lambda: capacity(gw, pairs_file, q))
    best = results["capacity"]["best"]
    if best is None:
        log("  no probe met p99 <= 50 ms with 0 errors: using the lowest probe's rate for the overload")
        cap = results["capacity"]["probes"][0]["rps"]
    else:
        cap = best["rps"]
    phase("overload", f"5/7 2x capacity ({2 * cap:.0f} req/s offered) for {q['overload']['seconds']} s",
          lambda: overload(gw, pairs_file, cap, q))
    results["ready_at_end"] = ready_status(args.port)
    blocked_lines = [line for line in gw.log_lines() if "has been blocked for" in line]
    results["event_loop_blocked_warnings"] = len(blocked_lines)
    results["event_loop_blocked_examples"] = blocked_lines[:5]
    log(f"6/7 event-loop blocked warnings in the gateway log: {len(blocked_lines)}")
    results["negative_cases"] = negative_cases()
    log("7/7 negative cases: " + (", ".join(f"{d} {c['passed']}/{c['total']}" for d, c in
                                           results["negative_cases"]["per_dialect"].items())
                                 if results["negative_cases"]["available"] else results["negative_cases"]["note"]))
    results["gateway_log_tail"] = gw.log_tail(5).splitlines()
    return results


def ready_status(port):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/health/ready")
        status = conn.getresponse().status
        conn.close()
        return status
    except (OSError, http.client.HTTPException) as e:
        return type(e).__name__


# ---------------------------------------------------------------- report

def rows(r):
    """(figure, value, target, pass: True/False/None) for the summary and the markdown table."""
    out = []
    rs = r.get("restart")
    if rs:
        out.append(("Requests lost during a PostgreSQL restart (not 200/503)",
                    f"{rs['lost']} of {rs['requests']}" + (f" ({', '.join(rs['lost_examples'])})" if rs["lost"] else ""),
                    "0", rs["lost"] == 0))
        out.append(("Unavailability window (first non-200 to first 200 after restart)",
                    f"{rs['unavailable_window_s']} s (database down {rs['db_down_s']} s, "
                    f"{rs['answered_503']} answers 503)", "—", None))
        longest = rs["longest_request_ms"]
        limit = r["deadline_ms"] + DEADLINE_SLACK_MS
        out.append(("Longest request during the restart", f"{longest} ms",
                    f"deadline {r['deadline_ms']} ms (+{DEADLINE_SLACK_MS} ms)", longest is not None and longest <= limit))
        first = rs["first_200_after_restart_s"]
        out.append(("First 200 after PostgreSQL is back", f"{first} s",
                    f"≤ {FIRST_200_TARGET_S:g} s", first is not None and first <= FIRST_200_TARGET_S))
    fz = r.get("freeze")
    if fz:
        limit = fz["deadline_ms"] + DEADLINE_SLACK_MS
        out.append((f"Longest request while PostgreSQL is frozen ({fz['frozen_s']:g} s)",
                    f"{fz['longest_request_ms']} ms",
                    f"deadline {fz['deadline_ms']} ms (+{DEADLINE_SLACK_MS} ms)",
                    fz["longest_request_ms"] is not None and fz["longest_request_ms"] <= limit))
        st = ", ".join(f"{n}× {s}" for s, n in sorted(fz["statuses_while_frozen"].items())) or "none"
        out.append(("Answers while frozen", st, "503 only", fz["not_503_while_frozen"] == 0
                    and bool(fz["statuses_while_frozen"])))
        out.append(("First 200 after thaw", f"{fz['first_200_after_thaw_s']} s", "—", None))
    cap = r.get("capacity")
    if cap:
        b = cap["best"]
        out.append((f"Capacity with p99 ≤ {P99_TARGET_MS} ms and 0 errors (Mirage, {r['machine']['cores']} cores)",
                    f"{b['rps']} req/s at {b['connections']} connections (p99 {b['p99_ms']} ms)" if b
                    else "no probe met the target", "—", None if b else False))
    ov = r.get("overload")
    if ov:
        out.append((f"2× capacity for {ov['seconds']:g} s: offered (a check of the load generator)",
                    f"{ov['offered_achieved_rps']} req/s of {ov['offered_target_rps']} aimed "
                    f"({ov['connections']} connections)", "≥ 90 % of the aim",
                    ov["offered_achieved_rps"] >= 0.9 * ov["offered_target_rps"]))
        out.append(("… goodput (200/s)", f"{ov['goodput_rps']} req/s", "—", None))
        out.append(("… share shed as 503", f"{100 * (ov['shed_share'] or 0):.1f} %", "—", None))
        out.append(("… p99 of the accepted (server side, access log)",
                    f"{ov['p99_ms_accepted_server']} ms (all answers at the client: {ov['p99_ms_all_answers']} ms)",
                    "—", None))
        bad = ov["other_statuses"] + ov["socket_errors"]
        out.append(("… answers other than 200/503, socket errors, timeouts",
                    f"{ov['other_statuses']} / {ov['socket_errors']} / {ov['timeouts']}", "0", bad == 0))
        out.append(("… peak RSS", f"{ov['rss_mib_peak']} MiB", "—", None))
    idle = r.get("idle")
    if idle:
        out.append((f"RSS with {idle['target_connections']:,} idle keep-alive connections",
                    f"{idle['rss_mib_holding']} MiB ({idle['connections']:,} held; {idle['rss_mib_before']} MiB before)",
                    f"≤ {RSS_TARGET_MIB} MiB", idle["rss_mib_holding"] <= RSS_TARGET_MIB
                    and idle["connections"] == idle["target_connections"]))
    if "event_loop_blocked_warnings" in r:
        out.append(("Event-loop blocked warnings (gateway log, whole run)", str(r["event_loop_blocked_warnings"]),
                    "0", r["event_loop_blocked_warnings"] == 0))
    neg = r.get("negative_cases")
    if neg:
        if not neg["available"]:
            out.append(("Negative cases passed per dialect", "no Surefire reports: run `mvn verify` first",
                        "all", None))
        else:
            for d, c in neg["per_dialect"].items():
                out.append((f"Negative cases passed: {d}", f"{c['passed']}/{c['total']}", "all",
                            c["total"] > 0 and c["passed"] == c["total"]))
            if neg["missing"]:
                out.append(("Negative suites without a report", ", ".join(s.rsplit(".", 1)[1] for s in neg["missing"]),
                            "none", False))
    return out


def markdown(r):
    lines = []
    when = r.get("started", "?")
    m = r.get("machine", {})
    if r.get("mode") == "quick":
        lines.append("> **Quick run (`--quick`): small data, short phases, 2,000 idle connections — not the "
                     "reference figures.**")
        lines.append("")
    lines.append(f"Measured {when} with `{r.get('command', 'python3 bench/reliability.py')}` on "
                 f"{m.get('cores', '?')} cores ({m.get('cpu', '?')}), load average at start "
                 f"{m['loadavg_1m_at_start']:.1f}." if m.get("loadavg_1m_at_start") is not None else "?.")
    lines.append("")
    lines.append("| figure | measured | target | |")
    lines.append("| --- | --- | --- | --- |")
    for figure, value, target, ok in rows(r):
        lines.append(f"| {figure} | {value} | {target} | {mark(ok, True)} |")
    return "\n".join(lines)


def summary(r):
    print()
    table = rows(r)
    width = max(len(f) for f, _, _, _ in table)
    for figure, value, target, ok in table:
        print(f"{figure:<{width}}  {value}  [target {target}]  {mark(ok, False)}".rstrip())
    print("phase seconds: " + ", ".join(f"{k} {v}" for k, v in r["phase_seconds"].items()))
    print()


def latest_result():
    files = sorted(glob.glob(os.path.join(RESULTS, "reliability-*.json")), key=os.path.getmtime)
    if not files:
        raise SystemExit("no bench/results/reliability-*.json yet: run python3 bench/reliability.py first")
    return files[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small data and short phases (2,000 idle connections, 10 s overload), same code paths")
    parser.add_argument("--port", type=int, default=PORT, help="the gateway's HTTP port (default %(default)s)")
    parser.add_argument("--build", action="store_true", help="rebuild target/gateway.jar first")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work directory (gateway.log, postgres.log); it is kept on failure anyway")
    parser.add_argument("--markdown", nargs="?", const="latest", metavar="RESULT_JSON",
                        help="print the docs/reliability.md table of a result file (default: the latest) and exit")
    args = parser.parse_args()
    harness.set_log_prefix("reliability")

    if args.markdown:
        path = latest_result() if args.markdown == "latest" else args.markdown
        with open(path) as f:
            print(markdown(json.load(f)))
        return

    q = QUICK if args.quick else FULL
    harness.ensure_tools(build=args.build, tools=("psql",))
    harness.raise_nofile()
    work = tempfile.mkdtemp(prefix="gateway-reliability-")
    started = time.monotonic()
    done = False
    try:
        with harness.Children() as children:
            results = measure(args, q, work, children)
            t = time.monotonic()
        results["phase_seconds"]["teardown"] = round(time.monotonic() - t, 1)
        results["total_seconds"] = round(time.monotonic() - started, 1)
        done = True
    finally:
        if done and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"logs kept in {work}")
    os.makedirs(RESULTS, exist_ok=True)
    name = "reliability-" + datetime.now().strftime("%Y%m%d-%H%M%S") + (
        "-quick" if args.quick else "") + ".json"
    paths = [os.path.join(RESULTS, name)]
    if args.quick:
        paths.append(os.path.join(RESULTS, "reliability-quick-latest.json"))
    for path in paths:
        with open(path, "w") as f:
            json.dump(results, f, indent=2)
    summary(results)
    print(markdown(results))
    print()
    log("written to " + " and ".join(os.path.relpath(p, ROOT) for p in paths)
        + f" ({results['total_seconds']:.0f} s in all)")
    misses = [f for f, _, _, ok in rows(results) if ok is False]
    if misses:
        log(f"{len(misses)} figure(s) miss their target: " + "; ".join(misses))


if __name__ == "__main__":
    main()
