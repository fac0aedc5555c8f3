#!/usr/bin/env python3
"""One-command benchmark harness for the chat-history gateway.

    python3 bench/run.py            # full run: 1M messages, 64 and 256 connections, 20 s each
    python3 bench/run.py --smoke    # tiny data, 2 s runs, same code path (runs in .ci/run)

Starts the project's throwaway PostgreSQL (java -jar target/gateway.jar postgres), starts the
gateway from target/gateway.jar with production settings, loads generated data through the
NDJSON admin import, drives every dialect with wrk (Lua scripts in bench/wrk/) and measures this
machine's limits in the same run: pgbench -M prepared on the SQL of one Mirage request, and
GET /health/live through the gateway. Prints one table and writes it as JSON under bench/results/.
All load goes to 127.0.0.1 and every run is bounded in time.
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
JAR = os.path.join(ROOT, "target", "gateway.jar")
JWT_SECRET = "bench-jwt-secret-0123456789-0123456789-0123456789"
ADMIN_TOKEN = "bench-admin-token-0123456789"
TENANT = "bench"
API_KEY = "bench-api-key-0123456789abcdef0123456789"
PORT = 18080
DIALECTS = ["mirage", "deadsimplechat", "allmine", "meetinglawyers", "imkit"]
WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
         "labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris "
         "nisi aliquip ex ea commodo consequat hello team meeting tomorrow ship release coffee").split()


def log(msg):
    print(f"[bench {datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


def sizes(smoke):
    if smoke:
        return dict(users=200, rooms=20, members=10, messages=6000, deep=2000, pairs=200,
                    duration=2, warmup=1, connections=[16], pg_clients=[4], depth_skips=[0, 100, 1000])
    return dict(users=10_000, rooms=1000, members=20, messages=1_000_000, deep=200_000, pairs=10_000,
                duration=20, warmup=5, connections=[64, 256], pg_clients=[16, 64],
                depth_skips=[0, 10_000, 100_000])


# ---------------------------------------------------------------- data

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_for(user, exp):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = b64url(json.dumps({"sub": user, "tid": TENANT, "iat": int(time.time()), "exp": exp},
                               separators=(",", ":")).encode())
    signing = f"{header}.{claims}".encode()
    return f"{header}.{claims}." + b64url(hmac.new(JWT_SECRET.encode(), signing, hashlib.sha256).digest())


class DataSet:
    """Deterministic generated data: users, rooms with members, messages; room 0 is the deep room."""

    def __init__(self, n):
        self.n = n
        self.rng = random.Random(42)
        self.members = []  # per room: list of user indexes
        for r in range(n["rooms"] + 1):
            self.members.append(self.rng.sample(range(n["users"]), n["members"]))
        self.session = [f"bench-session-{u}-{self.rng.getrandbits(64):016x}" for u in range(n["users"])]
        self.exp = int(time.time()) + 7 * 86400
        self.newest = {}
        self.oldest_anchor = {}

    def room_id(self, r):
        return "deep" if r == 0 else f"room-{r}"

    def lines(self):
        n, rng = self.n, self.rng
        yield {"kind": "tenant", "id": TENANT, "name": "Bench", "apiKeys": [API_KEY]}
        for u in range(n["users"]):
            user = {"kind": "user", "tenant": TENANT, "id": f"u{u}", "username": f"user_{u}",
                    "availabilityStatus": rng.choice(["available", "busy", "away", "offline"])}
            if u % 3 == 0:
                user["avatarUrl"] = f"https://cdn.example/avatars/u{u}.png"
            yield user
        for r in range(n["rooms"] + 1):
            yield {"kind": "room", "tenant": TENANT, "id": self.room_id(r), "number": r + 1,
                   "name": f"Room {r}", "members": [f"u{u}" for u in self.members[r]]}
        # messages: the deep room first (all of it), then the rest spread over the other rooms,
        # times over the last 10 hours so that Mirage's 15 h expiry keeps them
        now_ms = int(time.time() * 1000)
        span = 10 * 3600 * 1000
        total = n["messages"]
        for i in range(total):
            if i < n["deep"]:
                r = 0
                t = now_ms - span + int(span * i / n["deep"])
            else:
                r = 1 + (i % n["rooms"])
                t = now_ms - span + int(span * (i - n["deep"]) / max(1, total - n["deep"]))
            mid = f"{i:024x}"
            sender = self.members[r][rng.randrange(len(self.members[r]))]
            words = rng.randint(4, 60)
            text = " ".join(rng.choice(WORDS) for _ in range(words))[:400]
            if len(text) < 20:
                text = text + " " + "x" * (20 - len(text))
            m = {"kind": "message", "tenant": TENANT, "room": self.room_id(r), "id": mid,
                 "sender": f"u{sender}", "text": text, "createdAt": t}
            if rng.random() < 0.05:
                if rng.random() < 0.6:
                    m["type"] = "image"
                    m["attachment"] = {"url": f"https://cdn.example/i/{mid}.jpeg", "name": f"{mid}.jpeg",
                                       "size": rng.randint(10_000, 900_000), "contentType": "image/jpeg",
                                       "width": 800, "height": 600}
                else:
                    m["type"] = "file"
                    m["attachment"] = {"url": f"https://cdn.example/f/{mid}.pdf", "name": f"{mid}.pdf",
                                       "size": rng.randint(1000, 5_000_000), "contentType": "application/pdf"}
            if rng.random() < 0.03:
                m["reactions"] = [{"id": f"{mid}r{k}", "user": f"u{self.members[r][k]}",
                                   "reaction": rng.choice(["wave", "pray", "like"]), "createdAt": t + 1000}
                                  for k in range(rng.randint(1, 2))]
            self.newest[r] = mid
            if r == 0 and i == 100:
                self.oldest_anchor[r] = mid
            elif r != 0 and r not in self.oldest_anchor:
                self.oldest_anchor[r] = mid
            yield m
        for u in range(n["users"]):
            yield {"kind": "session", "tenant": TENANT, "user": f"u{u}", "token": self.session[u],
                   "expiresAt": self.exp * 1000}

    def pairs(self, count, room=None):
        rows = []
        rng = random.Random(7 if room is None else 8)
        for _ in range(count):
            r = room if room is not None else rng.randint(1, self.n["rooms"])
            u = self.members[r][rng.randrange(len(self.members[r]))]
            rows.append((self.room_id(r), r + 1, self.session[u], jwt_for(f"u{u}", self.exp), API_KEY,
                         self.newest.get(r, "none"), self.oldest_anchor.get(r, "none"), u))
        return rows


def import_data(data):
    log("generating and importing data through the NDJSON admin import (streamed)")
    started = time.time()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)

    def chunks():
        buf = []
        for line in data.lines():
            buf.append(json.dumps(line, separators=(",", ":")))
            if len(buf) >= 2000:
                yield ("\n".join(buf) + "\n").encode()
                buf = []
        if buf:
            yield ("\n".join(buf) + "\n").encode()

    conn.request("POST", "/admin/v1/import", body=chunks(), encode_chunked=True,
                 headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/x-ndjson",
                          "Transfer-Encoding": "chunked"})
    response = conn.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise SystemExit(f"import failed: {response.status} {body}")
    seconds = time.time() - started
    log(f"imported {body} in {seconds:.1f} s")
    return seconds


# ---------------------------------------------------------------- processes

def psql(url, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def wait_ready(timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/health/ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("the gateway did not become ready")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


class RssSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.25)

    def stop(self):
        self.running = False
        self.join()
        return self.peak


def wrk(script, connections, duration, env_extra, pid):
    env = dict(os.environ, BENCH_DIR=BENCH_DIR, **env_extra)
    threads = 2 if connections >= 2 else 1
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "5s",
           "-s", os.path.join(BENCH_DIR, "wrk", script), f"http://127.0.0.1:{PORT}"]
    sampler = RssSampler(pid)
    sampler.start()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + 60)
    peak = sampler.stop()
    match = re.search(r"BENCH_JSON (\{.*\})", out.stdout)
    if not match:
        raise SystemExit(f"wrk gave no summary:\n{out.stdout}\n{out.stderr}")
    r = json.loads(match.group(1))
    seconds = r["duration_us"] / 1e6
    errors = r["errors_connect"] + r["errors_read"] + r["errors_write"] + r["errors_status"] + r["errors_timeout"]
    return {"rps": r["requests"] / seconds, "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
            "errors": errors, "non2xx": r["errors_status"], "requests": r["requests"], "rss_mib": peak / 1024}


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
    args = parser.parse_args()
    n = sizes(args.smoke)
    dialects = [d for d in args.dialects.split(",") if d]

    if args.build or not os.path.exists(JAR):
        log("building target/gateway.jar")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    if shutil.which("wrk") is None:
        log("installing wrk (Debian package)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        if shutil.which("wrk") is None:
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    for tool in ("pgbench", "psql"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install postgresql-client")

    work = tempfile.mkdtemp(prefix="gateway-bench-")
    url_file = os.path.join(work, "db.url")
    procs = []
    try:
        pg = subprocess.Popen(["java", "-jar", JAR, "postgres", "--url-file", url_file],
                              stdout=open(os.path.join(work, "postgres.log"), "w"), stderr=subprocess.STDOUT)
        procs.append(pg)
        for _ in range(600):
            if os.path.exists(url_file) or pg.poll() is not None:
                break
            time.sleep(0.1)
        if not os.path.exists(url_file):
            raise SystemExit("the throwaway PostgreSQL did not start: " + open(os.path.join(work, "postgres.log")).read())
        url = open(url_file).read().strip()
        log(f"PostgreSQL at {url}")

        env = dict(os.environ, DATABASE_URL=url, JWT_SECRET=JWT_SECRET, GATEWAY_ADMIN_TOKEN=ADMIN_TOKEN,
                   HTTP_PORT=str(PORT))
        gateway_log = os.path.join(work, "gateway.log")
        gw = subprocess.Popen(["java", "-jar", JAR], env=env, cwd=ROOT,
                              stdout=open(gateway_log, "w"), stderr=subprocess.STDOUT)
        procs.append(gw)
        wait_ready()
        log(f"gateway pid {gw.pid} ready on :{PORT}")

        data = DataSet(n)
        load_seconds = import_data(data)
        psql(url, "ANALYZE")
        pairs = data.pairs(n["pairs"])
        pairs_file = os.path.join(work, "pairs.tsv")
        with open(pairs_file, "w") as f:
            for p in pairs:
                f.write("\t".join(str(x) for x in p[:7]) + "\n")
        deep_file = os.path.join(work, "deep.tsv")
        with open(deep_file, "w") as f:
            for p in data.pairs(200, room=0):
                f.write("\t".join(str(x) for x in p[:7]) + "\n")
        with open(os.path.join(work, "bench_pair.tsv"), "w") as f:
            for i, p in enumerate(pairs, start=1):
                f.write(f"{i}\t\\\\x{hashlib.sha256(p[2].encode()).hexdigest()}\t{p[1]}\n")
        psql(url, "DROP TABLE IF EXISTS bench_pair; CREATE TABLE bench_pair (i int PRIMARY KEY, token_hash bytea, room_number bigint)")
        subprocess.run(["psql", "-q", url, "-c", f"\\copy bench_pair FROM '{os.path.join(work, 'bench_pair.tsv')}'"],
                       check=True, stdout=subprocess.DEVNULL)
        psql(url, "ANALYZE bench_pair")
        if args.hold:
            log(f"holding: DATABASE_URL={url} BENCH_PAIRS={pairs_file} deep={deep_file} gateway pid {gw.pid}; "
                "interrupt to stop")
            while True:
                time.sleep(3600)

        results = {"machine": machine(), "smoke": args.smoke, "sizes": n, "load_seconds": load_seconds,
                   "started": datetime.now(timezone.utc).isoformat(), "pgbench_tps": {}, "runs": [], "depth": []}

        def measure(label, script, conns, env_extra, pairs_path=pairs_file):
            env_extra = dict(env_extra, BENCH_PAIRS=pairs_path)
            wrk(script, conns, n["warmup"], env_extra, gw.pid)  # warm-up, not recorded
            r = wrk(script, conns, n["duration"], env_extra, gw.pid)
            r.update({"name": label, "connections": conns})
            log(f"{label:<28} c={conns:<4} {r['rps']:>9.0f} req/s  p50 {r['p50_ms']:.1f} ms  "
                f"p99 {r['p99_ms']:.1f} ms  errors {r['errors']}  rss {r['rss_mib']:.0f} MiB")
            return r

        for clients in n["pg_clients"]:
            tps = pgbench(url, clients, n["duration"], len(pairs))
            results["pgbench_tps"][str(clients)] = tps
            log(f"pgbench -M prepared, {clients} clients: {tps:.0f} TPS")
        base_tps = results["pgbench_tps"][str(n["pg_clients"][0])]

        for conns in n["connections"]:
            results["runs"].append(measure("health/live (HTTP ceiling)", "health.lua", conns, {}))
            for d in dialects:
                results["runs"].append(measure(d, f"{d}.lua", conns, {}))
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

        blocked = sum(1 for line in open(gateway_log) if "blocked for" in line)
        results["event_loop_blocked_warnings"] = blocked
        print_table(results, base_tps)
        os.makedirs(os.path.join(BENCH_DIR, "results"), exist_ok=True)
        name = "smoke-latest.json" if args.smoke else datetime.now().strftime("%Y%m%d-%H%M%S") + ".json"
        with open(os.path.join(BENCH_DIR, "results", name), "w") as f:
            json.dump(results, f, indent=2)
        log(f"results written to bench/results/{name}")
        errors = sum(r["errors"] for r in results["runs"] + results["depth"])
        if errors:
            raise SystemExit(f"{errors} requests failed (non-2xx, timeouts or socket errors)")
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(work, ignore_errors=True)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "kernel": os.uname().release}


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
    print(f"event-loop blocked warnings: {results['event_loop_blocked_warnings']}")
    print()


if __name__ == "__main__":
    main()
