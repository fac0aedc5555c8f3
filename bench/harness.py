"""Shared pieces of the benchmark (bench/run.py), reliability (bench/reliability.py) and attack
(bench/attack.py) scripts.

Generated data (DataSet) and its NDJSON import, the throwaway PostgreSQL (Postgres, with the
stop/start/freeze/thaw control channel of `java -jar gateway.jar postgres --control`), the gateway
process (Gateway, with its liveness check), RSS sampling, the wrk driver, paced request streams
(PacedClient), a raw-socket streaming POST that sees early answers (stream_post), and the
pass/miss helpers of the result tables. Every child process is started so that it
dies with this one (PR_SET_PDEATHSIG) and is stopped by Children on any exit, Ctrl-C included.
All load goes to 127.0.0.1.
"""
import base64
import ctypes
import hashlib
import hmac
import http.client
import json
import os
import queue
import random
import re
import resource
import select
import shutil
import signal
import socket
import subprocess
import threading
import time
from datetime import datetime

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
JAR = os.path.join(ROOT, "target", "gateway.jar")
# the JVM options every start of the gateway uses (README, Dockerfile): "production settings"
JVM_OPTIONS = os.path.join(ROOT, "conf", "jvm.options")
JWT_SECRET = "bench-jwt-secret-0123456789-0123456789-0123456789"
# 48 characters: admin tokens shorter than 32 bytes are refused at start-up
ADMIN_TOKEN = "bench-admin-token-0123456789abcdef0123456789abcd"
TENANT = "bench"
API_KEY = "bench-api-key-0123456789abcdef0123456789"
DIALECTS = ["mirage", "deadsimplechat", "allmine", "meetinglawyers", "imkit"]
WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
         "labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris "
         "nisi aliquip ex ea commodo consequat hello team meeting tomorrow ship release coffee").split()

_log_prefix = "bench"


def set_log_prefix(prefix):
    global _log_prefix
    _log_prefix = prefix


def log(msg):
    print(f"[{_log_prefix} {datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- data

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_for(user, exp, tenant=TENANT):
    """An HS256 gateway JWT (sub, tid, iat, exp) signed with JWT_SECRET, the secret Gateway starts with."""
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = b64url(json.dumps({"sub": user, "tid": tenant, "iat": int(time.time()), "exp": exp},
                               separators=(",", ":")).encode())
    signing = f"{header}.{claims}".encode()
    return f"{header}.{claims}." + b64url(hmac.new(JWT_SECRET.encode(), signing, hashlib.sha256).digest())


class DataSet:
    """Deterministic generated data: users, rooms with members, messages; room 0 is the deep room.

    n: dict with users, rooms, members, messages, deep (messages in room 0)."""

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
        """Rows of (room_id, room_number, session_token, jwt, api_key, newest_id, oldest_id, user)."""
        rows = []
        rng = random.Random(7 if room is None else 8)
        for _ in range(count):
            r = room if room is not None else rng.randint(1, self.n["rooms"])
            u = self.members[r][rng.randrange(len(self.members[r]))]
            rows.append((self.room_id(r), r + 1, self.session[u], jwt_for(f"u{u}", self.exp), API_KEY,
                         self.newest.get(r, "none"), self.oldest_anchor.get(r, "none"), u))
        return rows


def write_pairs(path, pairs):
    """The tab-separated pair file bench/wrk/common.lua reads (first seven columns)."""
    with open(path, "w") as f:
        for p in pairs:
            f.write("\t".join(str(x) for x in p[:7]) + "\n")
    return path


def import_data(data, port):
    log("generating and importing data through the NDJSON admin import (streamed)")
    status, body, seconds = post_ndjson(port, data.lines())
    if status != 200:
        raise SystemExit(f"import failed: {status} {body}")
    log(f"imported {body} in {seconds:.1f} s")
    return seconds


def ndjson_chunks(entities, lines_per_chunk=2000):
    """Entity dicts (each with its "kind") as NDJSON, in chunks of encoded lines: nothing is held whole."""
    buf = []
    for entity in entities:
        buf.append(json.dumps(entity, separators=(",", ":")))
        if len(buf) >= lines_per_chunk:
            yield ("\n".join(buf) + "\n").encode()
            buf = []
    if buf:
        yield ("\n".join(buf) + "\n").encode()


def post_ndjson(port, entities, timeout=600, lines_per_chunk=2000):
    """Streams entities to POST /admin/v1/import as chunked NDJSON; returns (status, body, seconds)."""
    started = time.time()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/admin/v1/import", body=ndjson_chunks(entities, lines_per_chunk), encode_chunked=True,
                     headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/x-ndjson",
                              "Transfer-Encoding": "chunked"})
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, body, time.time() - started
    finally:
        conn.close()


def psql(url, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL, timeout=600)


def psql_value(url, sql):
    """The one value a query returns, as text."""
    out = subprocess.run(["psql", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


def postmaster_pid(url):
    """The pid of the postmaster serving `url`, from postmaster.pid in the data directory it reports
    (a standby reports its own)."""
    with open(os.path.join(psql_value(url, "SHOW data_directory"), "postmaster.pid")) as f:
        return int(f.readline())


# ---------------------------------------------------------------- tools and machine

def ensure_tools(build=False, tools=("psql",)):
    """Builds target/gateway.jar if asked or missing, installs wrk if missing, checks other tools."""
    if build or not os.path.exists(JAR):
        log("building target/gateway.jar")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    if shutil.which("wrk") is None:
        log("installing wrk (Debian package)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        if shutil.which("wrk") is None:
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    for tool in tools:
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: run .ci/ensure-postgres (Debian 12's pgbench is in the "
                             "package postgresql, psql in postgresql-client)")


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    except OSError:
        pass
    load = None
    try:
        load = os.getloadavg()[0]
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "kernel": os.uname().release, "loadavg_1m_at_start": load}


def raise_nofile():
    """Raises this process's soft RLIMIT_NOFILE to its hard limit (children inherit it); returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# ---------------------------------------------------------------- processes

_PR_SET_PDEATHSIG = 1
try:
    _libc = ctypes.CDLL("libc.so.6", use_errno=True)
except OSError:
    _libc = None


def _child_setup():
    """In the child, before exec: die with the parent; take the raised file-descriptor limit."""
    if _libc is not None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    raise_nofile()


class Stopped(SystemExit):
    """SIGTERM to this script: unlike the SystemExit of a failed step, never caught by a phase."""


class Children:
    """Tracks child processes; stop() ends them in reverse start order (SIGTERM, then SIGKILL).

    Use as a context manager; SIGTERM to this script raises Stopped (a SystemExit) so that the stop
    runs too."""

    def __init__(self):
        self.procs = []

    def __enter__(self):
        signal.signal(signal.SIGTERM, self._on_sigterm)
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    @staticmethod
    def _on_sigterm(signum, frame):
        raise Stopped(f"stopped by signal {signum}")

    def popen(self, cmd, **kwargs):
        proc = subprocess.Popen(cmd, preexec_fn=_child_setup, **kwargs)
        self.procs.append(proc)
        return proc

    def stop(self, grace=30):
        while self.procs:
            p = self.procs.pop()
            if p.poll() is None:
                try:
                    p.send_signal(signal.SIGTERM)
                    p.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=10)
                except KeyboardInterrupt:  # a second Ctrl-C: no more waiting
                    p.kill()
                    raise


class Postgres:
    """The project's throwaway PostgreSQL (java -jar gateway.jar postgres --url-file F [--control]).
    replica=True also starts a streaming replica of it (--replica-url-file): its URL is replica_url,
    for a gateway's DATABASE_READ_URL (extra_env); with control, "replica-stop"/"replica-start"."""

    def __init__(self, children, work, control=False, start_timeout=90, replica=False):
        self.url_file = os.path.join(work, "db.url")
        self.replica_url_file = os.path.join(work, "replica.url")
        self.log_path = os.path.join(work, "postgres.log")
        self.control = control
        self._answers = queue.Queue()
        cmd = ["java", "-jar", JAR, "postgres", "--url-file", self.url_file]
        if replica:
            cmd += ["--replica-url-file", self.replica_url_file]
        if control:
            cmd.append("--control")
            self.proc = children.popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, bufsize=1)
            threading.Thread(target=self._read_output, daemon=True).start()
        else:
            self.proc = children.popen(cmd, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + start_timeout
        while not os.path.exists(self.url_file):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the throwaway PostgreSQL did not start:\n" + self.log_tail())
            time.sleep(0.1)
        self.url = open(self.url_file).read().strip()
        self.replica_url = open(self.replica_url_file).read().strip() if replica else None

    def _read_output(self):
        # stdout carries log lines as well as the answers "ok <command>" / "unknown <command>"
        with open(self.log_path, "w") as out:
            for line in self.proc.stdout:
                out.write(line)
                out.flush()
                if line.startswith("ok ") or line.startswith("unknown "):
                    self._answers.put(line.strip())

    def log_tail(self, lines=30):
        try:
            with open(self.log_path) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def server_pid(self):
        """The postmaster's pid (the parent of every backend), from postmaster.pid in the data directory
        the server reports. It changes when the server is restarted."""
        return postmaster_pid(self.url)

    def replica_pid(self):
        """The replica's postmaster pid (the root of its process tree: startup, WAL receiver, backends)."""
        return postmaster_pid(self.replica_url)

    def wait_replayed(self, timeout=600):
        """Waits until the replica has replayed everything the primary has written so far (its
        pg_last_wal_replay_lsn() reaches the primary's pg_current_wal_lsn() read once, now); returns
        the seconds it waited."""
        started = time.monotonic()
        target = psql_value(self.url, "SELECT pg_current_wal_lsn()")
        while True:
            behind = int(float(psql_value(self.replica_url,
                                          f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn())")))
            if behind <= 0:
                return time.monotonic() - started
            if time.monotonic() - started > timeout:
                raise SystemExit(f"the replica was still {behind} bytes of WAL behind {target} after {timeout} s")
            time.sleep(0.2)

    def command(self, cmd, timeout=90):
        """Sends stop/start/freeze/thaw and waits for "ok <cmd>"; returns the seconds it took."""
        if not self.control:
            raise RuntimeError("PostgreSQL was started without --control")
        started = time.monotonic()
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()
        try:
            answer = self._answers.get(timeout=timeout)
        except queue.Empty:
            raise SystemExit(f"postgres control: no answer to {cmd} within {timeout} s\n" + self.log_tail())
        if answer != "ok " + cmd:
            raise SystemExit(f"postgres control: {cmd} -> {answer}")
        return time.monotonic() - started


class Gateway:
    """The gateway from target/gateway.jar with production settings, its log in work/gateway.log."""

    def __init__(self, children, work, database_url, port, extra_env=None, jar=JAR, config=None, name="gateway"):
        """config: a dict of configuration keys (written to work/<name>.json and given as --config)."""
        self.port = port
        port_must_be_free(port)
        self.log_path = os.path.join(work, name + ".log")
        args = []
        if config is not None:
            config_path = os.path.join(work, name + ".json")
            with open(config_path, "w") as f:
                json.dump(config, f)
            args = ["--config", config_path]
        env = dict(os.environ, DATABASE_URL=database_url, JWT_SECRET=JWT_SECRET, GATEWAY_ADMIN_TOKEN=ADMIN_TOKEN,
                   HTTP_PORT=str(port), **(extra_env or {}))
        self.proc = children.popen(["java", "@" + JVM_OPTIONS, "-jar", jar] + args, env=env, cwd=ROOT,
                                   stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        self.pid = self.proc.pid

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the gateway exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/health/ready")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.3)
        raise SystemExit("the gateway did not become ready:\n" + self.log_tail())

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def log_size(self):
        return os.path.getsize(self.log_path)

    def log_lines(self, start=0, end=None):
        with open(self.log_path, "rb") as f:
            f.seek(start)
            data = f.read() if end is None else f.read(end - start)
        return data.decode("utf-8", errors="replace").splitlines()

    def blocked_warnings(self):
        """Vert.x's blocked-thread checker: 'Thread ... has been blocked for N ms, time limit is M ms'."""
        return len(self.blocked_warning_lines())

    def blocked_warning_lines(self, context=12):
        """Each blocked-thread warning with the stack lines after it (what the thread was doing)."""
        lines = list(self.log_lines())
        return ["\n".join(lines[i:i + context]) for i, line in enumerate(lines) if "has been blocked for" in line]

    def rss_kib(self):
        return rss_kib(self.pid)

    def alive(self, timeout=5, grace_s=0):
        """The process still runs and GET /health/live answers 200, asked again every second for up
        to `grace_s` seconds: {"alive", "process", "live" (the last answer), "live_after_s"}."""
        started = time.monotonic()
        while True:
            code = self.proc.poll()
            live = http_status(self.port, "/health/live", timeout=timeout) if code is None else None
            if live == 200 or code is not None or time.monotonic() - started >= grace_s:
                break
            time.sleep(1)
        return {"alive": code is None and live == 200,
                "process": "running" if code is None else f"exited with {code}", "live": live,
                "live_after_s": round(time.monotonic() - started, 1)}

    def open_fds(self):
        try:
            return len(os.listdir(f"/proc/{self.pid}/fd"))
        except OSError:
            return None

    def stop(self, grace=30):
        """Ends this gateway (SIGTERM, then SIGKILL) before the others, e.g. once its rows are done."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def metric(self, name, timeout=10):
        """{labels: value} of one metric in GET /metrics (Prometheus text), e.g.
        metric("gateway_reads_total") -> {'pool="primary"': 12.0, 'pool="replica"': 0.0}."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", "/metrics")
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            if response.status != 200:
                raise SystemExit(f"GET /metrics on :{self.port} answered {response.status}")
        finally:
            conn.close()
        out = {}
        for line in text.splitlines():
            m = re.match(re.escape(name) + r"(?:\{(.*)\})?\s+(\S+)$", line)
            if m:
                out[m.group(1) or ""] = float(m.group(2))
        return out


def port_must_be_free(port):
    """Stops the run when something already listens on the port: its /health/ready would pass for ours."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"port {port} is in use (a gateway left over from another run?); "
                             "stop it or pass --port")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def http_status(port, path, timeout=5):
    """The status of one GET to 127.0.0.1, or the exception's name."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", path)
        status = conn.getresponse().status
        conn.close()
        return status
    except (OSError, http.client.HTTPException) as e:
        return type(e).__name__


class RssSampler(threading.Thread):
    """Peak RSS (KiB) of a process, sampled every `interval` seconds; use as a context manager."""

    def __init__(self, pid, interval=0.25):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.samples, self.running = pid, interval, 0, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            self.samples += 1
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join()
        return self.peak

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


# ---------------------------------------------------------------- CPU accounting

CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_table():
    """{pid: (ppid, state, ticks)} of every process in /proc, ticks = utime + stime + cutime + cstime
    (fields 14-17 of /proc/<pid>/stat, in clock ticks; a process's figures cover all its threads,
    ended ones included; cutime/cstime hold the children it has reaped). One scan serves every tree."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                raw = f.read()
        except OSError:  # ended between listdir and open
            continue
        # the command name (field 2) is in parentheses and may hold spaces or ')': cut at the last one
        fields = raw[raw.rindex(b")") + 2:].split()
        table[int(name)] = (int(fields[1]), fields[0].decode(), sum(int(x) for x in fields[11:15]))
    return table


def tree_pids(root, table):
    """The root and its live descendants (zombies included) in a proc_table()."""
    children = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], [root] if root in table else []
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def tree_ticks(root, table):
    """CPU clock ticks of a process tree so far: over its live processes, their own time plus that
    of the children they have reaped. A process that ends and is reaped inside the tree moves from
    its own figures into its parent's cutime/cstime, so the sum only grows; sampled at the start
    and the end of a window, the difference is the tree's CPU in that window. (cutime/cstime of the
    root alone would miss every child still running, such as PostgreSQL's backends.)"""
    return sum(table[pid][2] for pid in tree_pids(root, table))


def children_cpu_s():
    """CPU seconds (user + system) of this script's children that have ended and been waited for."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class CpuWindow:
    """CPU seconds spent by named process trees, and by this script's own children, between entering
    and leaving the block:

        with CpuWindow({"gateway": gw.pid, "postgres": pg.server_pid}) as cpu:
            subprocess.run(["wrk", ...])
        cpu.seconds  # {"gateway": s, "postgres": s, "children": s}; cpu.wall_s

    "children" is what the commands run and waited for inside the block used (wrk, pgbench): it
    comes from getrusage(RUSAGE_CHILDREN), so nothing else may be reaped meanwhile. settle_s: on
    leaving, wait up to that long until each tree has no more processes than it had at the start
    (the backends of connections closed at the end, such as pgbench's, have exited and been reaped),
    so that their last CPU is counted."""

    def __init__(self, trees, settle_s=0.0):
        self.trees, self.settle_s = dict(trees), settle_s
        self.seconds, self.wall_s, self.settled = {}, None, None

    def _sample(self):
        table = proc_table() if self.trees else {}
        return ({name: tree_ticks(pid, table) for name, pid in self.trees.items()},
                {name: len(tree_pids(pid, table)) for name, pid in self.trees.items()})

    def __enter__(self):
        self._ticks, self._sizes = self._sample()
        self._children = children_cpu_s()
        self._t0 = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.wall_s = time.monotonic() - self._t0
        deadline = time.monotonic() + self.settle_s
        while True:
            ticks, sizes = self._sample()
            self.settled = all(sizes[n] <= self._sizes[n] for n in sizes)
            if self.settled or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        self.seconds = {name: (ticks[name] - self._ticks[name]) / CLK_TCK for name in self.trees}
        self.seconds["children"] = children_cpu_s() - self._children
        return False

    def us_per(self, count):
        """{name: CPU microseconds per item} for `count` items (requests, transactions) of the window."""
        return {name: s * 1e6 / count if count else None for name, s in self.seconds.items()}


def wrk(script, connections, duration, env_extra, port, pid, timeout_s=5, threads=None, cpu_trees=None):
    """Runs wrk with a bench/wrk script for `duration` seconds; returns its summary (BENCH_JSON) with
    rps, p50/p99, errors and the peak RSS of `pid`; with the script's BENCH_STATUS line, `statuses`.
    cpu_trees ({name: root pid}): also the CPU of each process tree, and of wrk itself, over exactly
    the window wrk runs: `cpu_s` {name: seconds, "wrk": seconds} and `cpu_us_per_request` (÷ the
    requests wrk completed)."""
    cmd = _wrk_cmd(script, connections, duration, port, timeout_s, threads)
    env = dict(os.environ, BENCH_DIR=BENCH_DIR, **env_extra)
    with RssSampler(pid) as sampler, CpuWindow(cpu_trees or {}) as cpu:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + timeout_s + 60)
    result = _wrk_result(out.stdout, out.stderr, sampler.peak)
    if cpu_trees:
        cpu.seconds["wrk"] = cpu.seconds.pop("children")
        result.update(cpu_s=cpu.seconds, cpu_window_s=cpu.wall_s, cpu_us_per_request=cpu.us_per(result["requests"]))
    return result


def wrk_many(loads, duration, cpu_trees, timeout_s=5):
    """Several wrk processes at the same time, one a load {"script", "connections", "env", "port",
    "pid" (whose peak RSS is sampled)}, for `duration` seconds; returns (their summaries as wrk()
    gives them, in order, and the CpuWindow over all of them: the named trees, and "children" = the
    CPU of every wrk)."""
    procs = []
    with CpuWindow(cpu_trees) as cpu:
        samplers = [RssSampler(load["pid"]) for load in loads]
        for sampler in samplers:
            sampler.start()
        try:
            for load in loads:
                cmd = _wrk_cmd(load["script"], load["connections"], duration, load["port"], timeout_s, None)
                env = dict(os.environ, BENCH_DIR=BENCH_DIR, **load.get("env", {}))
                procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                              text=True))
            outs = [p.communicate(timeout=duration + timeout_s + 60) for p in procs]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            for sampler in samplers:
                sampler.stop()
    return [_wrk_result(o, e, s.peak) for (o, e), s in zip(outs, samplers)], cpu


def _wrk_cmd(script, connections, duration, port, timeout_s, threads):
    if threads is None:
        threads = 2 if connections >= 2 else 1
    return ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", f"{timeout_s}s",
            "-s", os.path.join(BENCH_DIR, "wrk", script), f"http://127.0.0.1:{port}"]


def _wrk_result(stdout, stderr, peak_rss_kib):
    match = re.search(r"BENCH_JSON (\{.*\})", stdout)
    if not match:
        raise SystemExit(f"wrk gave no summary:\n{stdout}\n{stderr}")
    r = json.loads(match.group(1))
    seconds = r["duration_us"] / 1e6
    socket_errors = r["errors_connect"] + r["errors_read"] + r["errors_write"] + r["errors_timeout"]
    result = {"rps": r["requests"] / seconds, "bytes_per_response": r.get("bytes", 0) / max(1, r["requests"]),
              "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
              "errors": socket_errors + r["errors_status"], "non2xx": r["errors_status"],
              "socket_errors": socket_errors, "timeouts": r["errors_timeout"], "requests": r["requests"],
              "seconds": seconds, "rss_mib": peak_rss_kib / 1024}
    status = re.search(r"BENCH_STATUS (\{.*\})", stdout)
    if status:
        result["statuses"] = json.loads(status.group(1))
    return result


# ---------------------------------------------------------------- request streams and raw HTTP

def percentile(values, p):
    """The p-th percentile (nearest rank, from below) of a list of numbers; None when empty."""
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def count_by(values):
    """{str(value): how many}, for status spreads."""
    out = {}
    for v in values:
        out[str(v)] = out.get(str(v), 0) + 1
    return dict(sorted(out.items()))


class PacedClient(threading.Thread):
    """One GET request repeated on a keep-alive connection, one after another, `rate` per second (None:
    back to back) for `seconds` or until stop(). A slot missed while an answer was late is dropped,
    never made up in a burst. Bodies are read in 64 KiB pieces and counted, not kept (the first
    `keep_body` bytes of answers with a status in `body_for` are). Every outcome is one event:
    {"t": start, "ms", "status" (an int; "<status> cut short" when the body ended before its
    Content-Length; or the exception's name), "bytes", "headers": the `keep_headers`}."""

    def __init__(self, port, path, headers=None, rate=20.0, seconds=10.0, timeout=10, keep_headers=(),
                 body_for=(), keep_body=512):
        super().__init__(daemon=True)
        self.port, self.path, self.headers = port, path, headers or {}
        self.rate, self.seconds, self.timeout = rate, seconds, timeout
        self.keep_headers, self.body_for, self.keep_body = keep_headers, body_for, keep_body
        self.running, self.events = True, []

    def stop(self):
        self.running = False

    def run(self):
        conn = None
        interval = 1.0 / self.rate if self.rate else 0.0
        slot = time.monotonic()
        end = slot + self.seconds
        while self.running and slot < end:
            wait = slot - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            start = time.monotonic()
            event = {"t": start, "bytes": 0}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                conn.request("GET", self.path, headers=self.headers)
                response = conn.getresponse()
                event["status"] = response.status
                kept = b""
                while True:
                    piece = response.read(65536)
                    if not piece:
                        break
                    event["bytes"] += len(piece)
                    if response.status in self.body_for and len(kept) < self.keep_body:
                        kept += piece[:self.keep_body - len(kept)]
                cut_short = bool(response.length)  # http.client's read(amt) does not raise on it
                if cut_short:
                    event["status"] = f"{response.status} cut short"
                if self.keep_headers:
                    event["headers"] = {h: response.getheader(h) for h in self.keep_headers}
                if kept:
                    event["body"] = kept.decode(errors="replace")
                if cut_short or response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                event["status"] = type(e).__name__
                if conn is not None:
                    conn.close()
                conn = None
                if not interval:
                    time.sleep(0.05)  # back to back: no busy loop of refused connections
            event["ms"] = (time.monotonic() - start) * 1000
            self.events.append(event)
            slot = max(slot + interval, time.monotonic())
        if conn is not None:
            conn.close()

    def summary(self):
        """Requests, status spread, latency p50/p99/max (ms) and the rate achieved."""
        ms = [e["ms"] for e in self.events]
        span = (self.events[-1]["t"] - self.events[0]["t"]) if len(self.events) > 1 else 0
        return {"requests": len(self.events), "statuses": count_by(e["status"] for e in self.events),
                "p50_ms": round(percentile(ms, 50), 1) if ms else None,
                "p99_ms": round(percentile(ms, 99), 1) if ms else None,
                "max_ms": round(max(ms), 1) if ms else None,
                "rate_achieved": round((len(self.events) - 1) / span, 1) if span else None,
                "bytes": sum(e["bytes"] for e in self.events)}


class RawHttp:
    """A client socket to 127.0.0.1 with a read buffer: raw requests (pipelined or streamed) and the
    answers parsed as they come (Content-Length or chunked bodies)."""

    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()

    def close(self):
        self.sock.close()

    def _fill(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise EOFError("connection closed by the server")
        self.buf += chunk

    def _take(self, n):
        while len(self.buf) < n:
            self._fill()
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def _line(self):
        while (end := self.buf.find(b"\r\n")) < 0:
            self._fill()
        line = bytes(self.buf[:end])
        del self.buf[:end + 2]
        return line

    def read_response(self):
        """(status, headers with lower-case names, body) of the next answer on the connection."""
        status_line = self._line()
        headers = {}
        while line := self._line():
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        status = int(status_line.split(b" ", 2)[1])
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = bytearray()
            while size := int(self._line().split(b";")[0], 16):
                body += self._take(size)
                self._line()
            while self._line():  # trailers
                pass
            return status, headers, bytes(body)
        return status, headers, self._take(int(headers.get("content-length", "0")))

    def closed_by_server(self, wait=2.0):
        """True when the server closes (EOF or reset) within `wait` seconds; False when it does not."""
        if self.buf:
            return False
        self.sock.settimeout(wait)
        try:
            return self.sock.recv(1) == b""
        except socket.timeout:
            return False
        except OSError:
            return True


def stream_post(port, path, headers, chunks, chunked=False, stall_s=30, timeout=300):
    """POSTs a body produced piece by piece (an iterable of bytes), watching for an answer while
    sending: it stops sending as soon as the server answers or closes, or accepts nothing for
    `stall_s` seconds. Returns the status (None without an answer), the first 2,000 bytes of the
    body, the kept headers, the bytes sent after the request head (chunk framing included),
    how sending ended ("sent all", "answered while sending", "stalled", "send failed: ..."),
    whether the server closed the connection after answering, and the seconds."""
    started = time.monotonic()
    out = {"status": None, "sent_bytes": 0, "sending": "sent all", "closed_after_answer": None}
    try:
        raw = RawHttp(port, timeout=timeout)
    except OSError as e:
        out.update(sending=f"connect failed: {type(e).__name__}", seconds=0.0)
        return out
    try:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        if chunked:
            head += "Transfer-Encoding: chunked\r\n"
        raw.sock.sendall((head + "\r\n").encode())
        out["sending"] = _send_body(raw.sock, chunks, chunked, stall_s, out)
        raw.sock.settimeout(timeout)
        try:
            status, answer_headers, body = raw.read_response()
            out.update(status=status, body=body[:2000].decode(errors="replace"),
                       headers={k: answer_headers[k] for k in ("retry-after", "connection") if k in answer_headers})
            out["closed_after_answer"] = raw.closed_by_server()
        except (OSError, EOFError, ValueError) as e:
            out["answer_error"] = f"{type(e).__name__}: {e}"
    finally:
        raw.close()
    out["seconds"] = round(time.monotonic() - started, 2)
    return out


def _send_body(sock, chunks, chunked, stall_s, out):
    sock.setblocking(False)
    try:
        for chunk in chunks:
            view = memoryview(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            while view:
                readable, writable, _ = select.select([sock], [sock], [], stall_s)
                if readable:
                    return "answered while sending"
                if not writable:
                    return "stalled"
                try:
                    n = sock.send(view)
                except BlockingIOError:
                    continue
                view = view[n:]
                out["sent_bytes"] += n
        if chunked:
            sock.sendall(b"0\r\n\r\n")
        return "sent all"
    except OSError as e:
        return f"send failed: {type(e).__name__}"
    finally:
        sock.setblocking(True)


# ---------------------------------------------------------------- result tables

def mark(ok, markdown):
    """The pass/miss cell: None = a figure without a target."""
    if ok is None:
        return "—" if markdown else ""
    if markdown:
        return "✅ pass" if ok else "❌ miss"
    return "pass" if ok else "MISS"


# ---------------------------------------------------------------- self-check of the CPU accounting

_SELFTEST_CHILD = r"""
import ctypes, os, signal, sys, time
ctypes.CDLL("libc.so.6").prctl(15, b"a) b (c", 0, 0, 0)  # a command name that a naive split of stat misparses
def burn(s):
    end = time.process_time() + s
    while time.process_time() < end:
        pass
print("ready", flush=True)
alive = None
for line in sys.stdin:
    cmd = line.strip()
    if cmd == "burn":
        g1 = os.fork()
        if g1 == 0:  # ends and is reaped inside the window: counted through this process's cutime
            burn(0.3); os._exit(0)
        r, w = os.pipe()
        alive = os.fork()
        if alive == 0:  # still running at the end sample: counted through the tree walk only
            burn(0.3); os.write(w, b"x"); time.sleep(60); os._exit(0)
        burn(0.2)
        os.waitpid(g1, 0)
        os.read(r, 1)
        print("done", flush=True)
    elif cmd == "late":
        g3 = os.fork()
        if g3 == 0:  # starts burning after the block has ended: the settle wait must catch it
            time.sleep(0.2); burn(0.2); os._exit(0)
        print("forked", flush=True)
        os.waitpid(g3, 0)
    elif cmd == "end":
        os.kill(alive, signal.SIGKILL); os.waitpid(alive, 0)
        break
"""


def selftest():
    """Burns known amounts of CPU in a small process tree and checks what CpuWindow measures."""
    import sys
    failures = []

    def check(what, value, low, high):
        ok = low <= value <= high
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {value:.3f} (expected {low}..{high})")
        if not ok:
            failures.append(what)

    print(f"clock ticks per second: {CLK_TCK}")
    proc = subprocess.Popen([sys.executable, "-c", _SELFTEST_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, preexec_fn=_child_setup)
    try:
        assert proc.stdout.readline().strip() == "ready"
        table = proc_table()
        parsed = table.get(proc.pid, (None,))[0] == os.getpid()  # its parent: fields after the name read right
        print(f"{'ok  ' if parsed else 'FAIL'} stat of a process named 'a) b (c' parsed")
        if not parsed:
            failures.append("/proc/<pid>/stat of an odd command name")
        root_before = table[proc.pid][2]
        with CpuWindow({"tree": proc.pid}) as cpu:
            proc.stdin.write("burn\n"); proc.stdin.flush()
            assert proc.stdout.readline().strip() == "done"
        root_only = (proc_table()[proc.pid][2] - root_before) / CLK_TCK
        # 0.2 s in the root + 0.3 s in a reaped child + 0.3 s in a live one, give or take a tick each
        check("tree CPU over the window, s (0.8 burnt)", cpu.seconds["tree"], 0.74, 1.0)
        check("of it, only in the live descendant, s (0.3)", cpu.seconds["tree"] - root_only, 0.25, 0.4)
        check("this script's reaped children in that window, s (none)", cpu.seconds["children"], 0.0, 0.01)
        with CpuWindow({"tree": proc.pid}, settle_s=5) as late:
            proc.stdin.write("late\n"); proc.stdin.flush()
            assert proc.stdout.readline().strip() == "forked"
        check("a child still burning when the block ends, with settle_s, s (0.2)", late.seconds["tree"], 0.17, 0.35)
        if not late.settled:
            failures.append("settle wait")
        proc.stdin.write("end\n"); proc.stdin.flush()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with CpuWindow({}) as run:
        subprocess.run([sys.executable, "-c", "import time\nend = time.process_time() + 0.2\n"
                        "while time.process_time() < end: pass"], check=True, timeout=60)
    check("a command run and waited for inside the window (children), s (0.2 + start-up)",
          run.seconds["children"], 0.19, 0.6)
    per = CpuWindow({})
    per.seconds = {"x": 0.5}
    if per.us_per(1000) != {"x": 500.0} or per.us_per(0) != {"x": None}:
        failures.append("us_per")
    print("self-check " + ("FAILED: " + "; ".join(failures) if failures else "passed"))
    return not failures


if __name__ == "__main__":
    import argparse
    import sys
    parser = argparse.ArgumentParser(description="Shared benchmark helpers; --selftest checks the CPU accounting.")
    parser.add_argument("--selftest", action="store_true",
                        help="burn known CPU in a small process tree and check the measured figures (a few s)")
    if not parser.parse_args().selftest:
        parser.print_help()
        sys.exit(0)
    sys.exit(0 if selftest() else 1)
