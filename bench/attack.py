#!/usr/bin/env python3
"""The attack run of issue 9: hostile traffic against one gateway process that must never exit.

    python3 bench/attack.py               # the figures (a few minutes; the three 64 MiB imports dominate)
    python3 bench/attack.py --quick       # the same code paths, shorter phases and smaller documents
    python3 bench/attack.py --phases 3,4  # only some phases (development; the result says so)
    python3 bench/attack.py --markdown    # print the latest result as the docs/reliability.md table
    python3 bench/attack.py --markdown bench/results/attack-<stamp>.json

Starts the throwaway PostgreSQL (java -jar target/gateway.jar postgres) and the gateway from
target/gateway.jar with conf/jvm.options (192 MiB heap, -XX:+ExitOnOutOfMemoryError), imports a
small tenant B whose paced, valid requests run next to the attacks, then:
  1. unique method names: 100,000 requests (10,000 with --quick), each with an HTTP method token never
     seen before (some 4,000 letters long), pipelined over a few keep-alive sockets, with a /metrics
     scrape every 10,000 (1,000): the number of series must stay constant;
  2. three concurrent JSON imports just under imports.maxDocumentBytes (64 MiB; a quarter with --quick),
     streamed from one file on disk (503 + Retry-After is retried for up to 5 minutes), the peak RSS
     sampled every 100 ms (budget 512 MiB); one NDJSON import of the same size; one NDJSON line
     that never ends, sent up to 70 MiB (the gateway must answer 400 and close early);
  3. ten concurrent clients on tenant A's largest pages of largest messages (DeadSimpleChat limit 1000,
     IMKit limit 500) for 20 s (5 s) while tenant B reads small pages at 20 req/s: B's p99 <= 100 ms;
  4. 1,000 wrk connections with a fresh random DeadSimpleChat key on every request for 20 s (5 s),
     while tenant B makes 20 valid requests per second: none of B's may be refused;
  5. tenant C with "rateLimit": {"perSecond": 20, "burst": 40} hammered at ~200 req/s for 10 s (3 s):
     429s with Retry-After and RateLimit / RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers-11),
     C's accepted rate near the limit, B unaffected.
After every phase the gateway must still run and answer GET /health/live with 200; a dead gateway
ends the run (the remaining phases are reported as not run). Load goes to 127.0.0.1 only; every
loop is bounded in count and time. Results: bench/results/attack-<stamp>.json (with --quick also
attack-quick-latest.json), then a summary and the markdown table. Exit code: 0 when every target
is met, 1 when a target is missed, 2 when the gateway exited or stopped answering /health/live.
"""
import argparse
import base64
import glob
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (processes, streams, raw HTTP, wrk: shared with run.py and reliability.py)
from harness import ADMIN_TOKEN, BENCH_DIR, ROOT, log, mark  # noqa: E402

PORT = 18082
RESULTS = os.path.join(BENCH_DIR, "results")

# targets
RSS_BUDGET_MIB = 512            # peak RSS while three maximum documents import at once
B_P99_TARGET_MS = 100           # tenant B's p99 while tenant A reads its largest pages
METRICS_FIRST_GROWTH_MAX = 200  # series the first scrape may add (new status/method="other" labels)
METRICS_SERIES_SLACK = 10       # series the later scrapes may add over the first one
ABUSE_EARLY_MAX = 8 << 20       # bytes sent, at most, before the 400 of the endless line (1 MiB + buffers)

# the documented import limits (admin-api.md; the values are the project's docs)
DEFAULT_MAX_DOCUMENT_BYTES = 64 << 20  # imports.maxDocumentBytes when conf/config.json does not say
TEXT_MAX = 16 << 10             # message text, characters
JSON_MAX = 8 << 10              # payload and actionButtons, encoded bytes (imports.maxJsonBytes)
STRING_MAX = 2 << 10            # every other string (the generator keeps JSON strings under 1,000)
ARRAY_MAX = 10_000              # items of any array
DOC_HEADROOM = 4096             # the documents are this much under the maximum
RETRY_WINDOW_S = 300            # how long a refused (503) import is retried
ABUSE_SEND_MAX = 70 << 20       # the endless NDJSON line is sent up to this size
LONG_METHOD_LEN = 4000
RSS_SAMPLE_S = 0.1
LIVE_GRACE_S = 15               # after a phase, /health/live is asked every second for up to this long

# tenants: A has the largest room, B is the bystander of every phase, C is rate-limited
TENANT_A, KEY_A, ROOM_A = "attack-a", "attack-a-key-0123456789abcdef0123456789abcdef", "largest"
TENANT_B, KEY_B, ROOM_B = "attack-b", "attack-b-key-0123456789abcdef0123456789abcdef", "lobby"
TENANT_C, KEY_C, ROOM_C = "attack-c", "attack-c-key-0123456789abcdef0123456789abcdef", "limited"
RATE_LIMIT = {"perSecond": 20, "burst": 40}
B_RATE = 20                     # tenant B's paced requests per second
B_LIMIT = 20                    # tenant B's DeadSimpleChat page size
DOC_TENANT_MARK = b"attack-doc-@"  # replaced by attack-doc-1, -2, -3 while the one file streams

FULL = dict(
    methods=dict(total=100_000, scrape_every=10_000, sockets=4, batch=100, long_every=50, time_limit_s=600),
    documents=dict(fraction=1.0, users=1000, rooms=100, messages=9000, concurrent=3),
    pages=dict(seconds=20, clients=10, messages=1000),
    credentials=dict(seconds=20, connections=1000),
    ratelimit=dict(seconds=10, rate=200, threads=4),
)
QUICK = dict(
    methods=dict(total=10_000, scrape_every=1_000, sockets=4, batch=100, long_every=50, time_limit_s=120),
    documents=dict(fraction=0.25, users=1000, rooms=100, messages=2250, concurrent=3),
    pages=dict(seconds=5, clients=10, messages=1000),
    credentials=dict(seconds=5, connections=1000),
    ratelimit=dict(seconds=3, rate=200, threads=4),
)

PHASES = [  # (number, key, title)
    (1, "methods", "unique HTTP method names, /metrics scraped along"),
    (2, "documents", "three concurrent maximum JSON imports, NDJSON of the same size, an endless NDJSON line"),
    (3, "pages", "ten concurrent largest pages of largest messages next to tenant B"),
    (4, "credentials", "1,000 connections of random API keys next to tenant B"),
    (5, "ratelimit", "tenant C over its rate limit next to tenant B"),
]


# ---------------------------------------------------------------- requests of the tenants

def dsc_path(room, key, limit):
    return f"/consumer/api/v1/chatRoom/{room}/messages?auth={key}&limit={limit}"


def tenant_b_client(port, seconds):
    """Tenant B's small DeadSimpleChat reads, one after another, B_RATE per second."""
    return harness.PacedClient(port, dsc_path(ROOM_B, KEY_B, B_LIMIT), rate=B_RATE, seconds=seconds)


def small_tenant(tenant, key, room, messages, rate_limit=None):
    """NDJSON entities of a tenant with five users, one room and `messages` short messages."""
    entity = {"kind": "tenant", "id": tenant, "name": tenant, "apiKeys": [key]}
    if rate_limit:
        entity["rateLimit"] = rate_limit
    yield entity
    users = [f"{tenant}-u{u}" for u in range(5)]
    for u in users:
        yield {"kind": "user", "tenant": tenant, "id": u, "username": u.replace("-", "_")}
    yield {"kind": "room", "tenant": tenant, "id": room, "number": 1, "name": room, "members": users}
    base = int(time.time() * 1000) - 3_600_000
    for i in range(messages):
        yield {"kind": "message", "tenant": tenant, "room": room, "id": f"{tenant}-m{i:04d}",
               "sender": users[i % len(users)], "text": f"small message {i} of {tenant}", "createdAt": base + i * 1000}


def import_or_fail(port, entities, what):
    status, body, seconds = harness.post_ndjson(port, entities)
    if status != 200:
        raise RuntimeError(f"import of {what} answered {status}: {body[:300]}")
    log(f"  imported {what}: {body} in {seconds:.1f} s")
    return seconds


def wait_while_alive(gw, seconds):
    """Sleeps up to `seconds`, returning early when the gateway process exits."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and gw.proc.poll() is None:
        time.sleep(0.2)


def run_clients(gw, clients, seconds):
    for c in clients:
        c.start()
    wait_while_alive(gw, seconds)
    for c in clients:
        c.stop()
    for c in clients:
        c.join(timeout=70)  # a request ends within its socket timeout


# ---------------------------------------------------------------- 1. unique method names

def base36(n):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def method_name(i, long_every):
    name = "XQ" + base36(i).rjust(6, "0")
    if i % long_every == long_every - 1:
        name += "L" * (LONG_METHOD_LEN - len(name))
    return name


class MethodFlooder:
    """One keep-alive connection that sends pipelined batches of requests with unique method names
    and reads every answer; a connection the server closes or that hangs is replaced."""

    def __init__(self, port, gw):
        self.port, self.gw = port, gw
        self.conn = None
        self.outcomes = {}

    def count(self, outcome, n=1):
        if n > 0:
            self.outcomes[str(outcome)] = self.outcomes.get(str(outcome), 0) + n

    def drop(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def send(self, names, batch, deadline):
        for start in range(0, len(names), batch):
            if self.gw.proc.poll() is not None:
                self.count("not sent: the gateway exited", len(names) - start)
                break
            if time.monotonic() > deadline:
                self.count("not sent: the phase's time limit", len(names) - start)
                break
            self.send_batch(names[start:start + batch])
        self.drop()

    def send_batch(self, names):
        answered = 0
        try:
            if self.conn is None:
                self.conn = harness.RawHttp(self.port, timeout=10)
            self.conn.sock.sendall(b"".join(f"{n} /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
                                            for n in names))
            while answered < len(names):
                status, headers, _ = self.conn.read_response()
                answered += 1
                self.count(status)
                if headers.get("connection", "").lower() == "close":
                    self.count("unanswered: connection closed by the server", len(names) - answered)
                    self.drop()
                    return
        except socket.timeout:
            self.count("unanswered: no answer within 10 s", len(names) - answered)
            self.drop()
        except (OSError, EOFError, ValueError) as e:
            self.count(f"unanswered: {type(e).__name__}", len(names) - answered)
            self.drop()


def scrape_metrics(port, after):
    """One GET /metrics: its size and its number of series (non-comment lines)."""
    started = time.monotonic()
    out = {"after_requests": after}
    try:
        conn = harness.RawHttp(port, timeout=60)
        conn.sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        status, _, body = conn.read_response()
        conn.close()
        lines = [line for line in body.decode(errors="replace").splitlines() if line and not line.startswith("#")]
        out.update(status=status, bytes=len(body), series=len(lines),
                   series_naming_attack_methods=sum(1 for line in lines if "XQ" in line))
    except (OSError, EOFError, ValueError) as e:
        out.update(status=type(e).__name__, bytes=None, series=None)
    out["ms"] = round((time.monotonic() - started) * 1000)
    return out


def unique_methods(run):
    m = run.q["methods"]
    flooders = [MethodFlooder(run.port, run.gw) for _ in range(m["sockets"])]
    scrapes = [scrape_metrics(run.port, 0)]
    sent, deadline = 0, time.monotonic() + m["time_limit_s"]
    with ThreadPoolExecutor(len(flooders)) as pool:
        while sent < m["total"] and run.gw.proc.poll() is None and time.monotonic() < deadline:
            names = [method_name(i, m["long_every"]) for i in range(sent, min(m["total"], sent + m["scrape_every"]))]
            shares = [names[k::len(flooders)] for k in range(len(flooders))]
            list(pool.map(lambda fs: fs[0].send(fs[1], m["batch"], deadline), zip(flooders, shares)))
            sent += len(names)
            scrapes.append(scrape_metrics(run.port, sent))
            s = scrapes[-1]
            log(f"  {sent:,} requests: /metrics {s['status']}, {s.get('bytes')} bytes, {s.get('series')} series "
                f"({s.get('series_naming_attack_methods')} naming an attack method)")
    outcomes = {}
    for f in flooders:
        for k, n in f.outcomes.items():
            outcomes[k] = outcomes.get(k, 0) + n
    answered = sum(n for k, n in outcomes.items() if k.isdigit())
    series = [s["series"] for s in scrapes]
    after = [s for s in series[1:] if s is not None]
    return {"planned": m["total"], "scrape_every": m["scrape_every"], "sockets": m["sockets"], "sent": sent, "answered": answered, "outcomes": dict(sorted(outcomes.items())),
            "unanswered": sum(n for k, n in outcomes.items() if not k.isdigit()),
            "scrapes": scrapes, "all_scrapes_ok": all(s["status"] == 200 for s in scrapes),
            "series_first_growth": (series[1] - series[0]) if len(series) > 1 and None not in series[:2] else None,
            "series_growth_after_first": (max(after) - after[0]) if after else None}


# ---------------------------------------------------------------- 2. maximum documents

def read_max_document_bytes():
    try:
        with open(os.path.join(ROOT, "conf", "config.json")) as f:
            value = json.load(f).get("imports", {}).get("maxDocumentBytes")
        return int(value) if value else DEFAULT_MAX_DOCUMENT_BYTES
    except (OSError, ValueError, TypeError, AttributeError):
        return DEFAULT_MAX_DOCUMENT_BYTES


# ASCII text without anything JSON must escape, sliced at varying offsets into message texts
FILLER = (" ".join(harness.WORDS) + " ") * (2 * TEXT_MAX // len(" ".join(harness.WORDS)) + 2)


def document_entities(tenant, d, text_len, last_text_len):
    """(kind, entity) of one import document. Every id, number and time has a fixed width, so that
    all messages have the same size but for their texts (and the size can be computed exactly)."""
    yield "tenant", {"id": tenant, "name": "Attack document", "apiKeys": [f"{tenant}-key-0123456789abcdef"]}
    for u in range(d["users"]):
        yield "user", {"tenant": tenant, "id": f"u{u:04d}", "username": f"user_{u:04d}"}
    for r in range(d["rooms"]):
        yield "room", {"tenant": tenant, "id": f"r{r:03d}", "number": 1000 + r, "name": f"Room {r:03d}",
                       "members": [f"u{(r * 10 + k) % d['users']:04d}" for k in range(10)]}
    base_ms = 1_700_000_000_000
    for i in range(d["messages"]):
        r = i % d["rooms"]
        n = last_text_len if i == d["messages"] - 1 else text_len
        offset = (i * 37) % TEXT_MAX
        yield "message", {"tenant": tenant, "room": f"r{r:03d}", "id": f"m{i:07d}",
                          "sender": f"u{(r * 10 + i % 10) % d['users']:04d}", "text": FILLER[offset:offset + n],
                          "createdAt": base_ms + i}


class ByteCounter:
    def __init__(self):
        self.n = 0

    def write(self, data):
        self.n += len(data)


def write_document(out, entities):
    """Writes {"tenants":[...],"users":[...],...} to a binary file (or counter) entity by entity."""
    sections = {"tenant": "tenants", "user": "users", "room": "rooms", "message": "messages"}
    current = None
    out.write(b"{")
    for kind, entity in entities:
        if kind != current:
            out.write((b"]," if current else b"") + f'"{sections[kind]}":['.encode())
            current, first = kind, True
        out.write((b"" if first else b",") + json.dumps(entity, separators=(",", ":")).encode())
        first = False
    out.write(b"]}")


def document_sizes(d, target):
    """The text length per message (and of the last message) that makes the document `target` bytes."""
    skeleton = ByteCounter()
    write_document(skeleton, document_entities(DOC_TENANT_MARK.decode(), d, 0, 0))
    text_total = target - skeleton.n
    per, rest = divmod(text_total, d["messages"])
    if not 0 < per + rest <= TEXT_MAX or d["messages"] > ARRAY_MAX:
        raise RuntimeError(f"{d['messages']} messages cannot fill {target} bytes within the import limits")
    return per, per + rest


def file_chunks(path, tenant, size=1 << 20):
    """The file in pieces with DOC_TENANT_MARK replaced by `tenant` (the same length): one file on disk
    serves every import. The last len-1 bytes are carried over, so that no mark is cut in two."""
    assert len(tenant) == len(DOC_TENANT_MARK), "the Content-Length is the file's size"
    keep = len(DOC_TENANT_MARK) - 1
    carry = b""
    with open(path, "rb") as f:
        while piece := f.read(size):
            data = (carry + piece).replace(DOC_TENANT_MARK, tenant)
            carry = data[-keep:]
            if data[:-keep]:
                yield data[:-keep]
    if carry:
        yield carry


def admin_headers(content_type, length=None):
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": content_type}
    if length is not None:
        headers["Content-Length"] = str(length)
    return headers


def import_document(port, path, size, tenant, deadline):
    """POSTs the document until it is imported: a 503 with Retry-After (the gateway refused for
    concurrency) is retried after that many seconds, until `deadline`; anything else ends it."""
    started = time.monotonic()
    attempts = []
    while True:
        r = harness.stream_post(port, "/admin/v1/import", admin_headers("application/json", size),
                                file_chunks(path, tenant.encode()), timeout=RETRY_WINDOW_S)
        attempts.append({k: r.get(k) for k in ("status", "seconds", "sent_bytes", "sending", "headers",
                                               "answer_error")} | {"body": (r.get("body") or "")[:300]})
        retry_after = (r.get("headers") or {}).get("retry-after")
        if r["status"] == 503 and retry_after is not None and time.monotonic() < deadline:
            wait = int(retry_after) if retry_after.isdigit() else 1
            time.sleep(max(1, min(wait, 30, deadline - time.monotonic())))
            continue
        return {"tenant": tenant, "status": r["status"], "seconds": round(time.monotonic() - started, 1),
                "seconds_last_attempt": r.get("seconds"), "refused_503": sum(a["status"] == 503 for a in attempts),
                "attempts": attempts}


def concurrent_documents(run, path, size):
    n = run.q["documents"]["concurrent"]
    deadline = time.monotonic() + RETRY_WINDOW_S
    with harness.RssSampler(run.gw.pid, RSS_SAMPLE_S) as rss:
        with ThreadPoolExecutor(n) as pool:
            imports = list(pool.map(lambda k: import_document(run.port, path, size, f"attack-doc-{k + 1}", deadline),
                                    range(n)))
    for i in imports:
        log(f"  {i['tenant']}: {i['status']} after {i['seconds']} s ({i['refused_503']} refusals first)")
    return {"imports": imports, "rss_mib_peak": round(rss.peak / 1024), "rss_samples": rss.samples}


def ndjson_same_size(run, d, text_len, last_text_len):
    entities = ({"kind": kind} | entity for kind, entity in
                document_entities("attack-nd-1", d, text_len, last_text_len))
    with harness.RssSampler(run.gw.pid, RSS_SAMPLE_S) as rss:
        r = harness.stream_post(run.port, "/admin/v1/import", admin_headers("application/x-ndjson"),
                                harness.ndjson_chunks(entities, lines_per_chunk=100), chunked=True, timeout=600)
    log(f"  NDJSON of the same size: {r['status']} after {r['seconds']} s, {r['sent_bytes']:,} bytes sent")
    return {k: r.get(k) for k in ("status", "seconds", "sent_bytes", "sending", "answer_error")} | {
        "body": (r.get("body") or "")[:300], "rss_mib_peak": round(rss.peak / 1024)}


def endless_line():
    """One NDJSON line that never ends: a message whose text grows 64 KiB at a time, up to ABUSE_SEND_MAX."""
    head = f'{{"kind":"message","tenant":"{TENANT_B}","room":"{ROOM_B}","sender":"{TENANT_B}-u0","text":"'.encode()
    yield head
    piece = b"x" * 65536
    for _ in range((ABUSE_SEND_MAX - len(head)) // len(piece)):
        yield piece


def endless_ndjson_line(run):
    r = harness.stream_post(run.port, "/admin/v1/import", admin_headers("application/x-ndjson"), endless_line(),
                            chunked=True, stall_s=15, timeout=60)
    closed_early = (r["sending"] != "sent all" and r["sent_bytes"] <= ABUSE_EARLY_MAX
                    and (r["closed_after_answer"] is True or r["sending"].startswith("send failed")))
    log(f"  endless line: {r['status']} with {r['sent_bytes']:,} bytes sent ({r['sending']}, "
        f"closed after the answer: {r['closed_after_answer']})")
    return {k: r.get(k) for k in ("status", "sent_bytes", "sending", "closed_after_answer", "seconds",
                                  "answer_error")} | {"body": (r.get("body") or "")[:300], "closed_early": closed_early}


def step(fn, *args):
    """A part of a phase; its failure is recorded and the phase goes on."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 (any failure of a step is a figure)
        log(f"  step failed: {type(e).__name__}: {e}")
        return {"error": f"{type(e).__name__}: {e}"}


def maximum_documents(run):
    d = dict(run.q["documents"])
    max_bytes = read_max_document_bytes()
    size = int(max_bytes * d["fraction"]) - DOC_HEADROOM
    d["messages"] = min(d["messages"], ARRAY_MAX)
    text_len, last_text_len = document_sizes(d, size)
    path = os.path.join(run.work, "document.json")
    with open(path, "wb") as f:
        write_document(f, document_entities(DOC_TENANT_MARK.decode(), d, text_len, last_text_len))
    if os.path.getsize(path) != size:
        raise RuntimeError(f"the document is {os.path.getsize(path)} bytes, not {size}")
    log(f"  document: {size:,} bytes ({d['users']} users, {d['rooms']} rooms, {d['messages']} messages of "
        f"{text_len:,} characters), max {max_bytes:,}")
    out = {"max_document_bytes": max_bytes, "document_bytes": size, "messages_per_document": d["messages"],
           "text_chars": text_len}
    out["documents"] = step(concurrent_documents, run, path, size)
    os.remove(path)
    if run.gw.proc.poll() is None:
        out["ndjson"] = step(ndjson_same_size, run, d, text_len, last_text_len)
    if run.gw.proc.poll() is None:
        out["endless_line"] = step(endless_ndjson_line, run)
    return out


# ---------------------------------------------------------------- 3. largest pages

def json_of_size(n, array):
    """A JSON object {"f000":"vv…",…} or array [{"label":"b000","value":"vv…"},…] whose compact
    encoding is exactly n bytes, no string over 1,000 characters, no array over ARRAY_MAX items."""
    def build(lengths):
        if array:
            return [{"label": f"b{i:03d}", "value": "v" * length} for i, length in enumerate(lengths)]
        return {f"f{i:03d}": "v" * length for i, length in enumerate(lengths)}

    piece = min(1000, STRING_MAX)
    for k in range(1, ARRAY_MAX):
        base = len(json.dumps(build([0] * k), separators=(",", ":")))
        if base + k * piece >= n:
            rest = n - base - (k - 1) * piece
            value = build([piece] * (k - 1) + [rest])
            if rest < 0 or len(json.dumps(value, separators=(",", ":"))) != n:
                raise RuntimeError(f"cannot build a JSON value of {n} bytes")
            return value
    raise RuntimeError(f"cannot build a JSON value of {n} bytes")


def largest_tenant(sizes, messages):
    users = [f"{TENANT_A}-u{u}" for u in range(10)]
    yield {"kind": "tenant", "id": TENANT_A, "name": TENANT_A, "apiKeys": [KEY_A]}
    for u in users:
        yield {"kind": "user", "tenant": TENANT_A, "id": u, "username": u.replace("-", "_")}
    yield {"kind": "room", "tenant": TENANT_A, "id": ROOM_A, "number": 1, "name": ROOM_A, "members": users}
    payload = json_of_size(sizes["payload"], array=False)
    buttons = json_of_size(sizes["actionButtons"], array=True)
    base = int(time.time() * 1000) - 3_600_000
    for i in range(messages):
        offset = (i * 101) % TEXT_MAX
        yield {"kind": "message", "tenant": TENANT_A, "room": ROOM_A, "id": f"{TENANT_A}-m{i:06d}",
               "sender": users[i % len(users)], "text": FILLER[offset:offset + sizes["text"]],
               "payload": payload, "actionButtons": buttons, "createdAt": base + i}


def accepted_sizes(run):
    """Imports tenant A with one message at the maximum sizes; a size the gateway refuses (400 naming
    the member) is halved and tried again. Returns the sizes accepted and the attempts."""
    sizes = {"text": TEXT_MAX, "payload": JSON_MAX, "actionButtons": JSON_MAX}
    attempts = []
    for _ in range(8):
        status, body, _ = harness.post_ndjson(run.port, largest_tenant(sizes, 1))
        attempts.append({"sizes": dict(sizes), "status": status, "body": body[:300]})
        if status == 200:
            return sizes, attempts
        if status != 400:
            raise RuntimeError(f"the size probe answered {status}: {body[:300]}")
        try:
            member = json.loads(body).get("path", "").rsplit(".", 1)[-1]
        except ValueError:
            member = ""
        for name in ([member] if member in sizes else list(sizes)):
            sizes[name] //= 2
    raise RuntimeError(f"no size accepted: {attempts[-1]}")


def largest_pages(run):
    p = run.q["pages"]
    sizes, attempts = accepted_sizes(run)
    out = {"sizes_accepted": sizes, "size_attempts": attempts, "messages": p["messages"], "clients": p["clients"],
           "seconds_planned": p["seconds"]}
    out["import_seconds"] = round(import_or_fail(run.port, largest_tenant(sizes, p["messages"]),
                                                 f"tenant A ({p['messages']} messages at {sizes})"), 1)
    harness.psql(run.pg.url, "ANALYZE")
    jwt = harness.jwt_for(f"{TENANT_A}-u0", int(time.time()) + 86400, tenant=TENANT_A)
    dsc = dsc_path(ROOM_A, KEY_A, 1000)
    imkit = f"/rooms/{ROOM_A}/messages/v3?limit=500"
    a_clients = [harness.PacedClient(run.port, dsc, rate=None, seconds=p["seconds"], timeout=60)
                 if i % 2 == 0 else
                 harness.PacedClient(run.port, imkit, headers={"IM-CLIENT-KEY": KEY_A, "IM-Authorization": jwt},
                                     rate=None, seconds=p["seconds"], timeout=60)
                 for i in range(p["clients"])]
    b = tenant_b_client(run.port, p["seconds"])
    run_clients(run.gw, a_clients + [b], p["seconds"])
    for name, group in (("deadsimplechat", a_clients[0::2]), ("imkit", a_clients[1::2])):
        events = [e for c in group for e in c.events]
        ms = [e["ms"] for e in events]
        out["a_" + name] = {"requests": len(events), "statuses": harness.count_by(e["status"] for e in events),
                            "mib": round(sum(e["bytes"] for e in events) / 2**20, 1),
                            "bytes_per_200": max((e["bytes"] for e in events if e["status"] == 200), default=None),
                            "p50_ms": harness.percentile(ms, 50), "p99_ms": harness.percentile(ms, 99)}
    a_events = [e for c in a_clients for e in c.events]
    out["a_status_groups"] = status_groups(e["status"] for e in a_events)
    out["a_mib_per_s"] = round(sum(e["bytes"] for e in a_events) / 2**20 / p["seconds"], 1)
    out["b"] = b.summary()
    log(f"  tenant A: {out['a_status_groups']}, {out['a_mib_per_s']} MiB/s; tenant B: {out['b']}")
    return out


def status_groups(statuses):
    groups = {"200": 0, "4xx": 0, "503": 0, "other": 0}
    for s in statuses:
        key = "200" if s == 200 else "503" if s == 503 else "4xx" if isinstance(s, int) and 400 <= s < 500 else "other"
        groups[key] += 1
    return groups


# ---------------------------------------------------------------- 4. random credentials

def random_credentials(run):
    c = run.q["credentials"]
    nofile = harness.raise_nofile()
    connections = min(c["connections"], nofile - 200)
    if connections < c["connections"]:
        log(f"  RLIMIT_NOFILE is {nofile}: {connections} connections instead of {c['connections']}")
    pairs = harness.write_pairs(os.path.join(run.work, "pairs-b.tsv"), [(ROOM_B, 1, "-", "-", KEY_B, "-", "-")])
    b = tenant_b_client(run.port, c["seconds"] + 1)
    b.start()
    try:
        w = harness.wrk("random_key.lua", connections, c["seconds"], {"BENCH_PAIRS": pairs, "BENCH_ROOM": ROOM_B},
                        run.port, run.gw.pid, timeout_s=5, threads=2)
    finally:
        b.stop()
        b.join(timeout=20)
    out = {"connections": connections, "seconds": round(w["seconds"], 1), "requests": w["requests"],
           "rps": round(w["rps"]), "statuses": w.get("statuses"), "socket_errors": w["socket_errors"],
           "timeouts": w["timeouts"], "p50_ms": round(w["p50_ms"], 1), "p99_ms": round(w["p99_ms"], 1),
           "b": b.summary()}
    log(f"  wrk: {out['requests']:,} requests ({out['rps']}/s) {out['statuses']}, socket errors "
        f"{out['socket_errors']}; tenant B: {out['b']}")
    return out


# ---------------------------------------------------------------- 5. rate limit

class Token(str):
    """A Structured Fields Token, apart from a String."""


def parse_sf_list(text):
    """A Structured Fields List (RFC 8941) of Items with Parameters: [(bare item, {key: value})].
    Bare items: str (String), Token, int, float, bytes (Byte Sequence), bool. Raises ValueError."""
    s, i, out = text, 0, []

    def skip(chars=" \t"):
        nonlocal i
        while i < len(s) and s[i] in chars:
            i += 1

    def bare():
        nonlocal i
        if i >= len(s):
            raise ValueError("item expected")
        ch = s[i]
        if ch == '"':
            i, value = i + 1, ""
            while i < len(s) and s[i] != '"':
                if s[i] == "\\":
                    i += 1
                    if i >= len(s) or s[i] not in '"\\':
                        raise ValueError("bad escape")
                value += s[i]
                i += 1
            if i >= len(s):
                raise ValueError("unterminated string")
            i += 1
            return value
        if ch == ":":
            end = s.index(":", i + 1)
            value, i = base64.b64decode(s[i + 1:end], validate=True), end + 1
            return value
        if ch == "?":
            if s[i + 1:i + 2] not in ("0", "1"):
                raise ValueError("bad boolean")
            i += 2
            return s[i - 1] == "1"
        if ch == "-" or ch.isdigit():
            start = i
            i += 1
            while i < len(s) and (s[i].isdigit() or s[i] == "."):
                i += 1
            number = s[start:i]
            return float(number) if "." in number else int(number)
        if ch.isalpha() or ch == "*":
            start = i
            while i < len(s) and (s[i].isalnum() or s[i] in "!#$%&'*+-.^_`|~:/"):
                i += 1
            return Token(s[start:i])
        raise ValueError(f"unexpected {ch!r}")

    def key():
        nonlocal i
        start = i
        while i < len(s) and (s[i].islower() or s[i].isdigit() or s[i] in "_-.*"):
            i += 1
        if i == start:
            raise ValueError("parameter key expected")
        return s[start:i]

    skip()
    while True:
        item, params = bare(), {}
        while i < len(s) and s[i] == ";":
            i += 1
            skip(" ")
            k = key()
            if i < len(s) and s[i] == "=":
                i += 1
                params[k] = bare()
            else:
                params[k] = True
        out.append((item, params))
        skip()
        if i >= len(s):
            return out
        if s[i] != ",":
            raise ValueError(f"',' expected at {i}")
        i += 1
        skip()
        if i >= len(s):
            raise ValueError("trailing comma")


def is_int(value, minimum):
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def ratelimit_problems(headers):
    """What is wrong with a 429's Retry-After, RateLimit-Policy and RateLimit (draft-11): [] when nothing."""
    problems = []
    retry = headers.get("Retry-After")
    if retry is None or not retry.isdigit() or int(retry) < 1:
        problems.append(f"Retry-After {retry!r} is not an integer >= 1")
    policies = set()
    policy, limit = headers.get("RateLimit-Policy"), headers.get("RateLimit")
    if policy is None:
        problems.append("no RateLimit-Policy")
    else:
        try:
            for name, params in parse_sf_list(policy):
                if not isinstance(name, str) or isinstance(name, Token):
                    problems.append(f"RateLimit-Policy item {name!r} is not a String")
                if not is_int(params.get("q"), 0):
                    problems.append("RateLimit-Policy without an integer q >= 0")
                if "w" in params and not is_int(params["w"], 1):
                    problems.append("RateLimit-Policy w is not an integer >= 1")
                policies.add(name)
        except ValueError as e:
            problems.append(f"RateLimit-Policy unparseable: {e}")
    if limit is None:
        problems.append("no RateLimit")
    else:
        try:
            for name, params in parse_sf_list(limit):
                if not isinstance(name, str) or isinstance(name, Token):
                    problems.append(f"RateLimit item {name!r} is not a String")
                if not is_int(params.get("r"), 0):
                    problems.append("RateLimit without an integer r >= 0")
                if "t" in params and not is_int(params["t"], 0):
                    problems.append("RateLimit t is not an integer >= 0")
                if policies and name not in policies:
                    problems.append(f"RateLimit names {name!r}, no policy of that name")
        except ValueError as e:
            problems.append(f"RateLimit unparseable: {e}")
    return problems


def dialect_error_body(body):
    """A DeadSimpleChat error body: {"message": "<text>"}."""
    try:
        return isinstance(json.loads(body).get("message"), str)
    except (ValueError, AttributeError):
        return False


def rate_limited(run):
    rl = run.q["ratelimit"]
    out = {"rate_limit": RATE_LIMIT}
    status, body, _ = harness.post_ndjson(run.port, small_tenant(TENANT_C, KEY_C, ROOM_C, 20, RATE_LIMIT))
    out["rate_limit_import"] = {"status": status, "body": body[:300]}
    out["rate_limit_accepted"] = status == 200
    if status != 200:
        log(f"  the tenant with rateLimit was refused ({status} {body[:200]}): importing it without, "
            "so that the phase still runs")
        import_or_fail(run.port, small_tenant(TENANT_C, KEY_C, ROOM_C, 20), "tenant C without rateLimit")
    keep = ("Retry-After", "RateLimit", "RateLimit-Policy")
    hammers = [harness.PacedClient(run.port, dsc_path(ROOM_C, KEY_C, 20), rate=rl["rate"] / rl["threads"],
                                   seconds=rl["seconds"], keep_headers=keep, body_for=(429,))
               for _ in range(rl["threads"])]
    b = tenant_b_client(run.port, rl["seconds"])
    run_clients(run.gw, hammers + [b], rl["seconds"])
    events = [e for h in hammers for e in h.events]
    limited = [e for e in events if e["status"] == 429]
    problems = [(e, ratelimit_problems(e.get("headers") or {})) for e in limited]
    bad = [(e, p) for e, p in problems if p]
    ok = sum(1 for e in events if e["status"] == 200)
    seconds = round(max((e["t"] + e["ms"] / 1000 for e in events), default=0)
                    - min((e["t"] for e in events), default=0), 2) or rl["seconds"]  # the window measured
    out.update({
        "seconds": seconds, "offered": len(events), "offered_rps": round(len(events) / seconds, 1),
        "c_statuses": harness.count_by(e["status"] for e in events),
        "c_200": ok, "c_429": len(limited), "c_accepted_rps": round(ok / seconds, 1),
        "c_accepted_rps_after_burst": round(max(0, ok - RATE_LIMIT["burst"]) / seconds, 1),
        "c_accepted_max": round(RATE_LIMIT["perSecond"] * seconds + RATE_LIMIT["burst"]),
        "c_429_with_bad_headers": len(bad),
        "c_429_problems": sorted({p for _, ps in bad for p in ps})[:10],
        "c_429_bad_body": sum(1 for e in limited if not dialect_error_body(e.get("body", ""))),
        "c_429_example": (limited[0].get("headers") | {"body": limited[0].get("body")}) if limited else None,
        "b": b.summary()})
    log(f"  tenant C: {out['c_statuses']} ({out['c_accepted_rps']} accepted/s), 429s with bad headers "
        f"{len(bad)}; tenant B: {out['b']}")
    return out


# ---------------------------------------------------------------- the run

class Run:
    """What every phase needs: settings, the processes, the work directory, the figures so far."""

    def __init__(self, args, q, work, pg, gw):
        self.args, self.q, self.work, self.pg, self.gw, self.port = args, q, work, pg, gw, args.port


PHASE_FUNCTIONS = {"methods": unique_methods, "documents": maximum_documents, "pages": largest_pages,
                   "credentials": random_credentials, "ratelimit": rate_limited}


def run_phase(run, results, number, key, title):
    """One phase: its figures (or its error), its peak RSS, and whether the gateway lives after it."""
    log(f"{number}/5 {title}")
    started = time.monotonic()
    with harness.RssSampler(run.gw.pid, RSS_SAMPLE_S) as rss:
        try:
            figures = PHASE_FUNCTIONS[key](run)
        except (Exception, SystemExit) as e:  # noqa: BLE001 (a phase's failure is its figure, Ctrl-C is not)
            if isinstance(e, harness.Stopped):
                raise
            log(f"  phase failed: {type(e).__name__}: {e}")
            figures = {"error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc().splitlines()[-6:]}
    figures["rss_mib_peak_phase"] = round(rss.peak / 1024)
    figures["alive_after"] = run.gw.alive(grace_s=LIVE_GRACE_S)
    figures["seconds"] = round(time.monotonic() - started, 1)
    results["phases"][key] = figures
    log(f"  gateway after phase {number}: {figures['alive_after']} (peak RSS {figures['rss_mib_peak_phase']} MiB, "
        f"{figures['seconds']} s)")
    return figures["alive_after"]["alive"]


def measure(args, q, work, children, phases):
    results = {"mode": "quick" if args.quick else "full", "machine": harness.machine(),
               "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "command": "python3 bench/attack.py" + (" --quick" if args.quick else "")
               + (f" --phases {args.phases}" if args.phases else ""),
               "phases_selected": phases, "settings": q, "phases": {}, "gateway": {}}
    t = time.monotonic()
    pg = harness.Postgres(children, work)
    log(f"PostgreSQL at {pg.url}")
    gw = harness.Gateway(children, work, pg.url, args.port)
    gw.wait_ready()
    log(f"gateway pid {gw.pid} ready on :{args.port}")
    import_or_fail(args.port, small_tenant(TENANT_B, KEY_B, ROOM_B, 50), "tenant B")
    results["setup_seconds"] = round(time.monotonic() - t, 1)
    results["rss_mib_after_setup"] = round(gw.rss_kib() / 1024)
    run = Run(args, q, work, pg, gw)
    for number, key, title in PHASES:
        if number not in phases:
            continue
        if not run_phase(run, results, number, key, title):
            exited = gw.proc.poll() is not None
            results["gateway"]["died_in_phase" if exited else "unresponsive_after_phase"] = number
            log(f"the gateway {'exited in' if exited else 'does not answer /health/live after'} phase {number}: "
                "the run ends here")
            break
    results["gateway"].update(gateway_record(gw))
    return results


def gateway_record(gw):
    """How the gateway ends the run: alive, exit code, the JVM's last word, OutOfMemoryErrors logged."""
    lines = gw.log_lines()
    return {"alive_at_end": gw.alive(), "exit_code": gw.proc.poll(), "log_tail": lines[-8:],
            "fatal": next((line for line in lines if line.startswith("Terminating due to")), None),
            "out_of_memory_errors": sum("OutOfMemoryError" in line for line in lines)}


# ---------------------------------------------------------------- report

def alive_row(number, f):
    a = f.get("alive_after", {})
    waited = a.get("live_after_s") or 0
    return (f"… gateway alive after phase {number} (process, /health/live)",
            f"{a.get('process')}, {a.get('live') or '—'}" + (f" (after {waited:g} s)" if waited >= 1 else ""),
            f"running, 200 (within {LIVE_GRACE_S} s)", a.get("alive"))


def rows_methods(f):
    s = f["scrapes"]
    series = " → ".join(str(x["series"]) if x["series"] is not None else str(x["status"]) for x in s)
    sizes = [x["bytes"] for x in s if x["bytes"] is not None]
    growth, first = f["series_growth_after_first"], f["series_first_growth"]
    constant = (f["all_scrapes_ok"] and f["sent"] == f["planned"] and growth is not None
                and growth <= METRICS_SERIES_SLACK and first is not None and first <= METRICS_FIRST_GROWTH_MAX)
    spread = ", ".join(f"{n:,}× {k}" for k, n in f["outcomes"].items())
    return [
        (f"1. Unique method names: {f['planned']:,} requests (some {LONG_METHOD_LEN:,} letters), answers",
         f"{f['sent']:,} sent, {f['answered']:,} answered ({spread})", "every one answered, no hang",
         f["unanswered"] == 0 and f["sent"] == f["planned"]),
        (f"… /metrics series, before and every {f['scrape_every']:,} requests", series
         + (f" ({sizes[0]:,} → {sizes[-1]:,} bytes)" if sizes else ""),
         f"constant (first scrape ≤ +{METRICS_FIRST_GROWTH_MAX}, then ≤ +{METRICS_SERIES_SLACK})", constant),
    ]


def import_cell(i):
    last = i["attempts"][-1]
    if i["status"] is None:
        what = (f"no answer ({(last.get('answer_error') or last.get('sending') or '?').split(':')[0]}, "
                f"{last.get('sent_bytes', 0) / 2**20:.1f} MiB sent)")
    else:
        what = str(i["status"])
    return f"{what} in {i['seconds']} s" + (f" ({i['refused_503']}× 503 first)" if i["refused_503"] else "")


def rows_documents(f):
    out = []
    docs = f.get("documents", {})
    mib = f["document_bytes"] / 2**20
    if "imports" in docs:
        cells = ", ".join(import_cell(i) for i in docs["imports"])
        out.append((f"2. {len(docs['imports'])} concurrent JSON imports of {mib:.1f} MiB "
                    f"(max {f['max_document_bytes'] / 2**20:g} MiB)", cells,
                    "all 200 (503 + Retry-After retried)", all(i["status"] == 200 for i in docs["imports"])))
        out.append(("… peak RSS during the three imports (every 100 ms)", f"{docs['rss_mib_peak']} MiB",
                    f"≤ {RSS_BUDGET_MIB} MiB", docs["rss_mib_peak"] <= RSS_BUDGET_MIB))
    else:
        out.append(("2. concurrent JSON imports", docs.get("error", "not run"), "all 200", False))
    nd = f.get("ndjson")
    if nd:
        out.append((f"… NDJSON import of the same size, streamed", f"{nd.get('status')} in {nd.get('seconds')} s"
                    + (f" ({nd.get('error')})" if nd.get("error") else ""), "200", nd.get("status") == 200))
    el = f.get("endless_line")
    if el:
        out.append((f"… one NDJSON line growing to {ABUSE_SEND_MAX >> 20} MiB",
                    f"{el.get('status')} after {el.get('sent_bytes', 0) / 2**20:.1f} MiB sent ({el.get('sending')}; "
                    f"closed: {el.get('closed_after_answer')})" if "error" not in el else el["error"],
                    f"400, closed with ≤ {ABUSE_EARLY_MAX >> 20} MiB sent",
                    el.get("status") == 400 and el.get("closed_early") is True))
    return out


def rows_pages(f):
    sizes = f["sizes_accepted"]
    b = f["b"]
    g = f["a_status_groups"]
    at_max = sizes == {"text": TEXT_MAX, "payload": JSON_MAX, "actionButtons": JSON_MAX}
    return [
        ("3. Largest messages accepted: text / payload / actionButtons",
         f"{sizes['text']:,} / {sizes['payload']:,} / {sizes['actionButtons']:,} bytes ({f['messages']:,} messages)",
         "16 KiB each", at_max),
        (f"… tenant A, {f['clients']} clients on its largest pages for {f['seconds_planned']:g} s: "
         "200 / 4xx / 503 / other",
         f"{g['200']} / {g['4xx']} / {g['503']} / {g['other']} ({f['a_mib_per_s']} MiB/s; a page: DeadSimpleChat "
         f"{page_bytes(f['a_deadsimplechat'])}, IMKit {page_bytes(f['a_imkit'])})",
         "—", None),
        (f"… tenant B ({B_RATE} req/s, limit {B_LIMIT}): p50 / p99 / max", f"{b['p50_ms']} / {b['p99_ms']} / {b['max_ms']} ms",
         f"p99 ≤ {B_P99_TARGET_MS} ms", b["p99_ms"] is not None and b["p99_ms"] <= B_P99_TARGET_MS),
        ("… tenant B statuses", statuses_cell(b["statuses"]), "all 200", all_200(b)),
        ("… peak RSS", f"{f['rss_mib_peak_phase']} MiB", "—", None),
    ]


def page_bytes(client):
    n = client.get("bytes_per_200")
    return "no 200" if n is None else f"{n / 2**20:.1f} MiB"


def rows_credentials(f):
    b = f["b"]
    st = ", ".join(f"{n:,}× {k}" for k, n in (f["statuses"] or {}).items() if n)
    return [
        (f"4. {f['connections']:,} connections of random keys for {f['seconds']:g} s (wrk)",
         f"{f['requests']:,} requests ({f['rps']:,}/s: {st}), socket errors {f['socket_errors']}, p99 {f['p99_ms']} ms",
         "—", None),
        (f"… tenant B ({B_RATE} req/s) statuses", statuses_cell(b["statuses"]), "all 200", all_200(b)),
        ("… tenant B p99", f"{b['p99_ms']} ms", "—", None),
    ]


def rows_ratelimit(f):
    b = f["b"]
    per, burst, secs = RATE_LIMIT["perSecond"], RATE_LIMIT["burst"], f["seconds"]
    rate_ok = 0.8 * per * secs <= f["c_200"] <= 1.1 * f["c_accepted_max"]
    imp = f["rate_limit_import"]
    return [
        (f"5. rateLimit {per}/s, burst {burst} on the tenant entity",
         "accepted" if f["rate_limit_accepted"] else f"refused: {imp['status']} {imp['body'][:120]}", "accepted",
         f["rate_limit_accepted"]),
        (f"… tenant C at {f['offered_rps']:g} req/s for {secs:g} s: 200 / 429",
         f"{f['c_200']} / {f['c_429']}" + (f" (other: {statuses_cell(f['c_statuses'])})"
                                           if f["c_200"] + f["c_429"] != f["offered"] else ""),
         "429s present", f["c_429"] > 0),
        ("… 429s with Retry-After ≥ 1 s, RateLimit, RateLimit-Policy (draft-11) and the dialect's body",
         f"{f['c_429'] - f['c_429_with_bad_headers']} of {f['c_429']} headers right, {f['c_429_bad_body']} bad bodies"
         + (f" ({'; '.join(f['c_429_problems'][:3])})" if f["c_429_problems"] else ""), "all",
         f["c_429"] > 0 and f["c_429_with_bad_headers"] == 0 and f["c_429_bad_body"] == 0),
        ("… tenant C accepted rate", f"{f['c_accepted_rps']} req/s ({f['c_200']} in {secs:g} s; "
         f"{f['c_accepted_rps_after_burst']}/s beyond the burst)",
         f"≈ {per}/s (+ burst: ≤ {f['c_accepted_max']} in {secs:g} s)", rate_ok),
        (f"… tenant B ({B_RATE} req/s) statuses", statuses_cell(b["statuses"]), "all 200", all_200(b)),
    ]


ROW_BUILDERS = {"methods": rows_methods, "documents": rows_documents, "pages": rows_pages,
                "credentials": rows_credentials, "ratelimit": rows_ratelimit}


def statuses_cell(statuses):
    return ", ".join(f"{n:,}× {s}" for s, n in statuses.items()) or "no requests"


def all_200(summary):
    return summary["requests"] > 0 and set(summary["statuses"]) == {"200"}


def rows(r):
    """(figure, measured, target, pass: True/False/None) for the summary and the markdown table."""
    out = []
    g = r["gateway"]
    died, ended = g.get("died_in_phase"), g.get("died_in_phase") or g.get("unresponsive_after_phase")
    for number, key, title in PHASES:
        if number not in r.get("phases_selected", [n for n, _, _ in PHASES]):
            continue
        f = r["phases"].get(key)
        if f is None:
            out.append((f"{number}. {title}", "not run: the gateway " + (
                f"exited in phase {died}" if died else f"did not answer /health/live after phase {ended}"), "—", None))
            continue
        if "error" in f:
            out.append((f"{number}. {title}", f"failed: {f['error']}", "figures", False))
        else:
            try:
                out.extend(ROW_BUILDERS[key](f))
            except (KeyError, TypeError, ZeroDivisionError) as e:
                out.append((f"{number}. {title}", f"figures incomplete ({type(e).__name__}: {e}); see the JSON",
                            "figures", False))
        out.append(alive_row(number, f))
    value = "yes" if not died else (f"no: exited in phase {died} with {g.get('exit_code')}"
                                    + (f" ({g['fatal']})" if g.get("fatal") else ""))
    out.append(("The gateway process never exited", value, "yes", not died and g.get("exit_code") is None))
    if g.get("unresponsive_after_phase"):
        out.append(("The gateway answered /health/live after every phase",
                    f"no: not within {LIVE_GRACE_S} s after phase {g['unresponsive_after_phase']}", "yes", False))
    if g.get("out_of_memory_errors"):
        out.append(("OutOfMemoryError lines in the gateway's log", str(g["out_of_memory_errors"]), "0", False))
    return out


def markdown(r):
    lines = []
    m = r.get("machine", {})
    if r.get("mode") == "quick":
        lines += ["> **Quick run (`--quick`): short phases, documents at a quarter of the maximum — not the "
                  "reference figures.**", ""]
    if r.get("phases_selected") and len(r["phases_selected"]) < len(PHASES):
        lines += [f"> Only phases {', '.join(map(str, r['phases_selected']))}.", ""]
    load = m.get("loadavg_1m_at_start")
    lines.append(f"Measured {r.get('started', '?')} with `{r.get('command', 'python3 bench/attack.py')}` on "
                 f"{m.get('cores', '?')} cores ({m.get('cpu', '?')})"
                 + (f", load average at start {load:.1f}." if load is not None else "."))
    lines += ["", "| figure | measured | target | |", "| --- | --- | --- | --- |"]
    for figure, value, target, ok in rows(r):
        lines.append(f"| {figure} | {str(value).replace('|', '/')} | {target} | {mark(ok, True)} |")
    return "\n".join(lines)


def summary(r):
    print()
    table = rows(r)
    width = max(len(f) for f, _, _, _ in table)
    for figure, value, target, ok in table:
        print(f"{figure:<{width}}  {value}  [target {target}]  {mark(ok, False)}".rstrip())
    print()


def latest_result():
    files = sorted(glob.glob(os.path.join(RESULTS, "attack-*.json")), key=os.path.getmtime)
    if not files:
        raise SystemExit("no bench/results/attack-*.json yet: run python3 bench/attack.py first")
    return files[-1]


def parse_phases(text):
    if not text:
        return [n for n, _, _ in PHASES]
    chosen = sorted({int(x) for x in text.split(",") if x.strip()})
    if not chosen or any(n not in range(1, len(PHASES) + 1) for n in chosen):
        raise SystemExit(f"--phases takes numbers 1..{len(PHASES)}, e.g. 3,4")
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short phases and smaller documents, same code paths")
    parser.add_argument("--phases", metavar="N,N", help="run only these phases (e.g. 3,4); default all five")
    parser.add_argument("--port", type=int, default=PORT, help="the gateway's HTTP port (default %(default)s)")
    parser.add_argument("--build", action="store_true", help="rebuild target/gateway.jar first")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work directory (gateway.log, postgres.log); it is kept on failure anyway")
    parser.add_argument("--markdown", nargs="?", const="latest", metavar="RESULT_JSON",
                        help="print the docs/reliability.md table of a result file (default: the latest) and exit")
    args = parser.parse_args()
    harness.set_log_prefix("attack")

    if args.markdown:
        path = latest_result() if args.markdown == "latest" else args.markdown
        with open(path) as f:
            print(markdown(json.load(f)))
        return 0

    phases = parse_phases(args.phases)
    q = QUICK if args.quick else FULL
    harness.ensure_tools(build=args.build, tools=("psql",))
    harness.raise_nofile()
    work = tempfile.mkdtemp(prefix="gateway-attack-")
    started = time.monotonic()
    clean = False
    try:
        with harness.Children() as children:
            results = measure(args, q, work, children, phases)
        results["total_seconds"] = round(time.monotonic() - started, 1)
        clean = not (results["gateway"].get("died_in_phase") or results["gateway"].get("unresponsive_after_phase"))
    finally:
        if clean and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"logs kept in {work}")
    os.makedirs(RESULTS, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    paths = [os.path.join(RESULTS, f"attack-{stamp}" + ("-quick" if args.quick else "") + ".json")]
    if args.quick:
        paths.append(os.path.join(RESULTS, "attack-quick-latest.json"))
    for path in paths:
        with open(path, "w") as f:
            json.dump(results, f, indent=2)
    summary(results)
    print(markdown(results))
    print()
    log("written to " + " and ".join(os.path.relpath(p, ROOT) for p in paths)
        + f" ({results['total_seconds']:.0f} s in all)")
    g = results["gateway"]
    if g.get("died_in_phase"):
        log(f"the gateway exited in phase {g['died_in_phase']}: {g.get('fatal') or ' | '.join(g['log_tail'][-3:])}")
        return 2
    if g.get("unresponsive_after_phase"):
        log(f"the gateway did not answer /health/live after phase {g['unresponsive_after_phase']}")
        return 2
    misses = [f for f, _, _, ok in rows(results) if ok is False]
    if misses:
        log(f"{len(misses)} figure(s) miss their target: " + "; ".join(misses))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
