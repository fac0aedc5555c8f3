#!/usr/bin/env python3
"""The live feed's benchmark rows (issue 12), a stdlib-asyncio SSE load client.

    python3 bench/feed.py              # 10,000 SSE subscribers over 1,000 rooms while 100 messages a second are
                                       # imported for 30 s; then one room with 10,000 subscribers
    python3 bench/feed.py --smoke      # 50 subscribers over 5 rooms, 10 messages; one room with 50 subscribers

Starts its own throwaway PostgreSQL and the gateway from target/gateway.jar (or, from bench/run.py,
uses the stack that is already running). Row "spread": every (message, subscriber of its room) pair
must be delivered; latency is from the import's 200 to the event's arrival (an event that arrives
before the import has answered counts 0 ms). Row "one room": for each of a few messages, the time
until the last of the room's subscribers has it. Gateway RSS is sampled every 0.5 s (peak). Each
subscriber is one TCP connection: the file-descriptor limit is raised to its hard limit first.
"""
import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import log  # noqa: E402

TENANT = "feedbench"
SENDER = "sender"


def sizes(smoke):
    if smoke:
        return {"subscribers": 50, "rooms": 5, "rate": 10, "seconds": 1, "fanout": 50, "fanout_messages": 2}
    return {"subscribers": 10_000, "rooms": 1_000, "rate": 100, "seconds": 30, "fanout": 10_000, "fanout_messages": 5}


def load_rooms(port, rooms):
    """A tenant whose room k has the members u<k> and the sender; one extra room "one" for the fan-out row."""
    entities = [{"kind": "tenant", "id": TENANT, "name": "feed bench"},
                {"kind": "user", "tenant": TENANT, "id": SENDER, "username": SENDER}]
    entities += [{"kind": "user", "tenant": TENANT, "id": f"u{k}", "username": f"u{k}"} for k in range(rooms)]
    entities += [{"kind": "room", "tenant": TENANT, "id": f"r{k}", "number": k + 1, "members": [f"u{k}", SENDER]}
                 for k in range(rooms)]
    entities.append({"kind": "room", "tenant": TENANT, "id": "one", "number": rooms + 1,
                     "members": [f"u{k}" for k in range(rooms)] + [SENDER]})
    status, body, _ = harness.post_ndjson(port, entities)
    if status != 200:
        raise SystemExit(f"feed bench import failed: {status} {body}")


def import_messages(port, messages):
    """One JSON import of these (id, room) messages; returns the monotonic time its 200 arrived."""
    doc = {"messages": [{"tenant": TENANT, "room": room, "id": mid, "sender": SENDER, "text": f"feed bench {mid}"}
                        for mid, room in messages]}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/admin/v1/import", data=json.dumps(doc).encode(),
                                     headers={"Authorization": f"Bearer {harness.ADMIN_TOKEN}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"import failed: {response.status}")
    return time.monotonic()


class Subscriber:
    """One SSE stream: GET /v1/events?rooms=<room>, chunked, parsed into (message id, arrival time)."""

    def __init__(self, port, room, user):
        self.port, self.room, self.user = port, room, user
        self.arrived = {}
        self.ready = asyncio.Event()
        self.failed = None
        self.retries = 0

    async def run(self):
        try:
            token = harness.jwt_for(self.user, int(time.time()) + 3600, tenant=TENANT)
            for attempt in range(20):  # a 503 or 429 says Retry-After: 1, as an EventSource would retry
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.write(f"GET /v1/events?rooms={self.room} HTTP/1.1\r\nHost: bench\r\n"
                             f"Authorization: Bearer {token}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                if head.startswith(b"HTTP/1.1 200"):
                    break
                writer.close()
                if not (head.startswith(b"HTTP/1.1 503") or head.startswith(b"HTTP/1.1 429")) or attempt == 19:
                    raise RuntimeError(head.split(b"\r\n")[0].decode())
                self.retries += 1
                await asyncio.sleep(1.0)
            pending = b""
            while True:
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    return
                pending += (await reader.readexactly(size + 2))[:-2]
                while b"\n\n" in pending:
                    block, pending = pending.split(b"\n\n", 1)
                    self.block(block)
        except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as e:
            self.failed = repr(e)
            self.ready.set()

    def block(self, block):
        for line in block.split(b"\n"):
            if line.startswith(b"data: "):
                self.arrived[json.loads(line[6:])["id"]] = time.monotonic()
                return
        if block.startswith(b"id: "):
            self.ready.set()


class RssSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.stopped = pid, 0, False

    def run(self):
        while not self.stopped:
            self.peak_kib = max(self.peak_kib, harness.rss_kib(self.pid))
            time.sleep(0.5)


async def open_all(port, rooms_and_users):
    subscribers = [Subscriber(port, room, user) for room, user in rooms_and_users]
    tasks = []
    for i, s in enumerate(subscribers):
        tasks.append(asyncio.create_task(s.run()))
        if i % 200 == 199:
            await asyncio.sleep(0.05)  # no SYN flood of the accept queue
    await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in subscribers)), timeout=120)
    failed = [s.failed for s in subscribers if s.failed]
    if failed:
        raise SystemExit(f"{len(failed)} subscriber(s) could not open: {failed[:3]}")
    return subscribers, tasks


def pct(values, p):
    return harness.percentile(sorted(values), p) if values else None


async def spread_row(port, n, pid, trees=None):
    rooms = n["rooms"]
    subscribers, tasks = await open_all(port, [(f"r{i % rooms}", f"u{i % rooms}") for i in range(n["subscribers"])])
    log(f"feed: {len(subscribers)} subscribers open over {rooms} rooms")
    by_room = {}
    for s in subscribers:
        by_room.setdefault(s.room, []).append(s)
    loop = asyncio.get_running_loop()
    answered, total, tick = {}, n["rate"] * n["seconds"], 0.1
    with harness.CpuWindow(trees or {}) as cpu:  # the delivery phase: the imports and their events
        started = time.monotonic()
        for batch in range(int(n["seconds"] / tick)):
            count = max(1, round(n["rate"] * tick))
            messages = [(f"s{batch}-{j}", f"r{(batch * count + j) % rooms}") for j in range(count)]
            done = await loop.run_in_executor(None, import_messages, port, messages)
            for mid, room in messages:
                answered[mid] = (room, done)
            await asyncio.sleep(max(0.0, started + (batch + 1) * tick - time.monotonic()))
        await asyncio.sleep(2.0)  # stragglers
    latencies, missing = [], 0
    for mid, (room, done) in answered.items():
        for s in by_room.get(room, []):
            if mid in s.arrived:
                latencies.append(max(0.0, s.arrived[mid] - done) * 1000)
            else:
                missing += 1
    for t in tasks:
        t.cancel()
    return {"name": "feed: spread", "subscribers": len(subscribers), "open_retries": sum(s.retries for s in subscribers), "rooms": rooms, "messages": len(answered),
            "rate_per_s": n["rate"], "expected": len(latencies) + missing, "delivered": len(latencies),
            "p50_ms": pct(latencies, 50), "p99_ms": pct(latencies, 99), "max_ms": max(latencies, default=None),
            "planned_messages": total, "cpu_s": dict(cpu.seconds)}


async def fanout_row(port, n, trees=None):
    subscribers, tasks = await open_all(port, [("one", f"u{i % n['rooms']}") for i in range(n["fanout"])])
    log(f"feed: {len(subscribers)} subscribers open on one room")
    loop = asyncio.get_running_loop()
    reach = []
    cpu = harness.CpuWindow(trees or {})
    cpu.__enter__()  # the delivery phase: the imports and their events
    for k in range(n["fanout_messages"]):
        mid = f"one-{k}-{time.time_ns()}"
        done = await loop.run_in_executor(None, import_messages, port, [(mid, "one")])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(mid not in s.arrived for s in subscribers):
            await asyncio.sleep(0.01)
        got = [s.arrived[mid] for s in subscribers if mid in s.arrived]
        reach.append({"reached": len(got), "last_ms": (max(got) - done) * 1000 if got else None})
        await asyncio.sleep(0.5)
    cpu.__exit__(None, None, None)
    for t in tasks:
        t.cancel()
    worst = max((r["last_ms"] for r in reach if r["last_ms"] is not None), default=None)
    return {"name": "feed: one room", "subscribers": len(subscribers), "messages": len(reach),
            "all_reached": all(r["reached"] == len(subscribers) for r in reach), "worst_last_ms": worst,
            "each": reach, "cpu_s": dict(cpu.seconds)}


def incomplete(rows):
    """The rows in which some event did not reach some subscriber."""
    return [r for r in rows if r.get("delivered", 0) != r.get("expected", 0) or r.get("all_reached") is False]


def run_rows(port, gateway_pid, smoke, overrides=None, postgres_pid=None):
    """Both rows against a running gateway (bench/run.py's); returns their results. Each row also has
    the CPU of its delivery phase (the imports and the events they cause, after every subscriber is
    open) of the gateway's process tree and, given postgres_pid, of PostgreSQL's, in µs per event
    delivered."""
    n = dict(sizes(smoke), **(overrides or {}))
    limit = harness.raise_nofile()
    if limit < n["subscribers"] + 100:
        log(f"feed: the file-descriptor limit is {limit}: fewer subscribers than planned may open")
    load_rooms(port, n["rooms"])
    sampler = RssSampler(gateway_pid)
    sampler.start()
    trees = {"gateway": gateway_pid}
    if postgres_pid:
        trees["postgres"] = postgres_pid
    rows = []
    for row_of, events_of in ((lambda: spread_row(port, n, gateway_pid, trees), lambda r: r["delivered"]),
                              (lambda: fanout_row(port, n, trees), lambda r: sum(e["reached"] for e in r["each"]))):
        row = asyncio.run(row_of())
        events = events_of(row)
        row["cpu_s"] = {k: round(v, 2) for k, v in row["cpu_s"].items() if k in trees}
        row["cpu_us_per_event"] = {k: round(v * 1e6 / events, 1) if events else None
                                   for k, v in row["cpu_s"].items()}
        rows.append(row)
    sampler.stopped = True
    for row in rows:
        row["gateway_rss_peak_mib"] = sampler.peak_kib / 1024
        log(f"{row['name']}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}"
                                             for k, v in row.items() if k not in ("name", "each")))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="50 subscribers, a few messages")
    parser.add_argument("--port", type=int, default=18090)
    for key in ("subscribers", "rooms", "rate", "seconds", "fanout"):
        parser.add_argument("--" + key, type=int, help="instead of the row's size (a shorter check)")
    args = parser.parse_args()
    overrides = {k: getattr(args, k) for k in ("subscribers", "rooms", "rate", "seconds", "fanout")
                 if getattr(args, k) is not None}
    harness.ensure_tools(tools=("psql",))
    work = tempfile.mkdtemp(prefix="gateway-feed-")
    try:
        with harness.Children() as children:
            pg = harness.Postgres(children, work)
            gw = harness.Gateway(children, work, pg.url, args.port)
            gw.wait_ready()
            ticks = harness.tree_ticks(gw.pid, harness.proc_table())
            rows = run_rows(args.port, gw.pid, args.smoke, overrides, postgres_pid=pg.server_pid())
            cpu_s = (harness.tree_ticks(gw.pid, harness.proc_table()) - ticks) / os.sysconf("SC_CLK_TCK")
            log(f"feed: gateway CPU {cpu_s:.1f} s over both rows")
            os.makedirs(os.path.join(harness.BENCH_DIR, "results"), exist_ok=True)
            name = "feed-smoke-latest.json" if args.smoke else time.strftime("feed-%Y%m%d-%H%M%S.json")
            with open(os.path.join(harness.BENCH_DIR, "results", name), "w") as f:
                json.dump({"machine": harness.machine(), "smoke": args.smoke, "rows": rows}, f, indent=2)
            log(f"results written to bench/results/{name}")
            failed = incomplete(rows)
            if failed:
                raise SystemExit(f"feed: not every event was delivered: {failed}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
