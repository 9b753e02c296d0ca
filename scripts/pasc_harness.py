"""Shared parts of the PASC load and durability scripts (scripts/crash-durability,
scripts/two-servers): start and stop `pasc serve`, HTTP calls, the demo sign-ins, reception bodies.

Python 3 standard library only. Nothing here prints applicant data, passwords, access secrets,
session cookies or tokens.
"""
import http.cookies
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the repository root
PROCEDURE = "1.004873"  # certification of marital status: decided by the applicant's commune
COOKIE = "pasc_session"
CSRF_HEADER = "X-CSRF-Token"
HTTP_TIMEOUT = 30

# No proxy for 127.0.0.1, whatever the environment says.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def say(*parts):
    print(*parts, flush=True)


class Fatal(Exception):
    """The run could not be made (exit 2)."""


def redact(database):
    return re.sub(r"//([^:@/]+):[^@/]*@", r"//\1:***@", database)


def is_postgres(database):
    return database.startswith(("postgres://", "postgresql://"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Answer:
    def __init__(self, status, body, headers):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace") if body else ""
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None


def call(base, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
    """One HTTP call. Returns an Answer for any HTTP status; raises on a transport failure
    (refused, reset, closed, timed out), which is what a killed server gives."""
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return Answer(response.status, response.read(), response.headers)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(), error.headers)


def problem_summary(answer):
    """Status and problem type only: problem details are safe, but keep the output to codes."""
    kind = answer.json.get("type") if isinstance(answer.json, dict) else None
    return f"{answer.status} {kind}" if kind else str(answer.status)


# MARK: the server


class Server:
    def __init__(self, binary, database, port, workdir, extra=()):
        self.binary, self.database, self.port, self.workdir = binary, database, port, workdir
        self.extra = list(extra)  # more `pasc serve` options (e.g. a demo clock)
        self.process = None
        self.log_path = None
        self.base = f"http://127.0.0.1:{port}"

    def start(self, label, ready_timeout):
        self.log_path = os.path.join(self.workdir, f"serve-{label}.log")
        log = open(self.log_path, "wb")
        command = [self.binary, "serve", "--demo", "--database", self.database, "--port", str(self.port), "--host", "127.0.0.1"] + self.extra
        # One log signing key for every server of the run, as a deployment of several servers has
        # (a demo server would otherwise make its own, and two starting together could race).
        key = os.path.join(self.workdir, "shared-log-key")
        if not os.path.exists(key):
            subprocess.run(
                [self.binary, "log", "init-key", "--out", key, "--origin", "pasc-harness.local/log"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        environment = dict(os.environ, PASC_LOG_KEY_FILE=key)
        self.process = subprocess.Popen(
            command, cwd=self.workdir, env=environment, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
        log.close()
        say(f"-- {label}: pasc serve (pid {self.process.pid}) on port {self.port}, database {redact(self.database)}")
        started = time.monotonic()
        last_note = started
        while True:
            if self.process.poll() is not None:
                raise Fatal(f"the server exited with {self.process.returncode} before it was ready:\n{self.tail()}")
            try:
                if call(self.base, "GET", "/ready", timeout=2).status == 200:
                    say(f"   ready after {time.monotonic() - started:.1f} s")
                    return
            except (OSError, urllib.error.URLError, ConnectionError):
                pass
            now = time.monotonic()
            if now - started > ready_timeout:
                raise Fatal(f"the server was not ready after {ready_timeout} s:\n{self.tail()}")
            if now - last_note >= 5:
                last_note = now
                say(f"   waiting for /ready ({now - started:.0f} s){self.progress()}")
            time.sleep(0.5)

    def log_text(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def progress(self):
        hashing = re.findall(r"Hashing demo staff passwords: (\d+/\d+)", self.log_text())
        return f": hashed {hashing[-1]} demo passwords" if hashing else ""

    def tail(self, lines=20):
        return "\n".join("   | " + line for line in self.log_text().splitlines()[-lines:])

    def kill9(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()


# MARK: staff


def read_accounts(path):
    """(username, password, roles, home office) of the demo roster."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    except OSError as error:
        raise Fatal(f"cannot read the demo sign-ins at {path}: {error.strerror} (pass --accounts for an already seeded database)")
    accounts = []
    for line in lines:
        fields = line.split("\t")
        if len(fields) >= 4:
            accounts.append((fields[0], fields[1], fields[2].split(","), fields[3]))
    return accounts


def commune_point_officers(base, accounts):
    """(office, username, password, unit) of every reception officer of a commune point in the
    demo sign-ins, sorted by office (then username); the unit is the office's commune."""
    offices = call(base, "GET", "/api/v1/offices?level=communePoint&limit=1000")
    if offices.status != 200:
        raise Fatal(f"GET /api/v1/offices answered {problem_summary(offices)}")
    unit_of = {o["code"]: o["unitCode"] for o in offices.json["items"]}
    officers = sorted(
        (office, username, password)
        for username, password, roles, office in accounts
        if "receptionOfficer" in roles and office in unit_of
    )
    if not officers:
        raise Fatal("no reception officer of a commune point in the demo sign-ins")
    return [(office, username, password, unit_of[office]) for office, username, password in officers]


def pick_officers(base, accounts, count):
    """Reception officers of commune points, in office order, all counters of an office together:
    several clients share an office (its code sequence) and several offices run at once."""
    officers = commune_point_officers(base, accounts)
    return [(username, password, office, unit) for office, username, password, unit in officers[:count]]


def seeded_demo(log):
    """Whether a server log says this start seeded the demo network or its staff roster."""
    return "Seeded the demo network" in log or re.search(r"Seeded \d+ demo staff accounts", log) is not None


class Session:
    def __init__(self, base, username, password):
        self.base = base
        answer = call(base, "POST", "/api/v1/auth/login", {"username": username, "password": password})
        if answer.status != 200:
            raise Fatal(f"{username} cannot sign in: {problem_summary(answer)}")
        cookie = http.cookies.SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
        if COOKIE not in cookie or not answer.json.get("csrfToken"):
            raise Fatal(f"the sign-in of {username} gave no {COOKIE} cookie or CSRF token")
        self.headers = {"Cookie": f"{COOKIE}={cookie[COOKIE].value}", CSRF_HEADER: answer.json["csrfToken"]}



def receive_body(unit, office, serial):
    # A fictitious applicant; varied citizen ID (Binh Duong 074, male born 1995), never printed.
    return {
        "procedure": PROCEDURE,
        "applicant": {"name": "Nguyễn Văn Thử", "idNumber": f"074095{serial % 1_000_000:06d}", "birthYear": 1995, "homeUnit": unit},
        "delivery": {"kind": "office", "office": office},
    }



def default_binary():
    release = os.path.join(REPO, ".build/release/pasc")
    return release if os.path.exists(release) else os.path.join(REPO, ".build/debug/pasc")
