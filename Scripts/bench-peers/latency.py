#!/usr/bin/env python3
"""Interactive latency for Scripts/bench: typical commands typed at Assay's shell through a
real pseudo-terminal, each timed from the Enter key to the next prompt.

    latency.py ASSAY DATABASE USER MONTH COUNT

Three quarters of the commands are typed at the shell's prompt, in turn: list the month's
sample, show one audit in full, show a team's page. The rest are answers typed in guided
audits of cases not yet audited that month (each answer timed to the next question's prompt).
Prints one JSON object: count, p50_ms, p95_ms, max_ms and the same per kind.
"""

import fcntl
import json
import os
import pty
import re
import select
import sqlite3
import struct
import sys
import termios
import time

assay, database, user, month, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
audit_ids = [r[0] for r in db.execute("SELECT id FROM audit WHERE month = ? ORDER BY id LIMIT 50", (month,))]
teams = [r[0] for r in db.execute("SELECT DISTINCT team FROM audit WHERE month = ? ORDER BY team LIMIT 20", (month,))]
fresh = [r[0] for r in db.execute(
    "SELECT case_id FROM frame_case WHERE frame_id = (SELECT max(id) FROM frame) "
    "AND case_id NOT IN (SELECT case_id FROM audit WHERE month = ?) LIMIT 100", (month,))]
db.close()

pid, fd = pty.fork()
if pid == 0:
    # A tall window: a 30-question audit's summary then fits on one page, as it does for
    # someone at a full-screen terminal, rather than stopping at `-- more --`.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 200, 120, 0, 0))
    os.environ["TERM"] = "dumb"
    os.environ["ASSAY_HISTORY"] = os.devnull
    os.execv(assay, [assay, "--db", database, "--as", user])

buffer = b""


def wait_for(pattern, timeout=60):
    global buffer
    regex = re.compile(pattern)
    deadline = time.monotonic() + timeout
    while True:
        match = regex.search(buffer)
        if match:
            buffer = buffer[match.end():]
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SystemExit(f"timed out waiting for {pattern!r}; last output: {buffer[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                buffer += os.read(fd, 65536)
            except OSError:
                raise SystemExit("assay exited")


PROMPT = rb"assay\([^)]*\)> $"


def timed(line, pattern):
    global buffer
    buffer = b""
    os.write(fd, line.encode() + b"\r")
    start = time.monotonic()
    wait_for(pattern)
    return (time.monotonic() - start) * 1000


wait_for(PROMPT)
timed(f"month {month}", PROMPT)
times = {"sample": [], "audit": [], "team": [], "answer": []}
shell_commands = count * 3 // 4
for i in range(shell_commands):
    kind = ("sample", "audit", "team")[i % 3]
    if kind == "sample":
        times[kind].append(timed(f"sample {month}", PROMPT))
    elif kind == "audit":
        times[kind].append(timed(f"audits show {audit_ids[i % len(audit_ids)]}", PROMPT))
    else:
        times[kind].append(timed(f'report team "{teams[i % len(teams)]}" --month {month}', PROMPT))

answers = count - shell_commands
cases = iter(fresh)
while len(times["answer"]) < answers:
    timed(f"audit {next(cases)} --unsampled --month {month}", rb"\n1> $")
    question = 1
    while len(times["answer"]) < answers:
        pattern = rb"\n%d> $|summary> $" % (question + 1)
        times["answer"].append(timed("2", pattern))
        question += 1
        if b"summary" in buffer or question > 30:
            break
    # Leave the audit (kept in progress) and return to the shell's prompt.
    timed("w", PROMPT)

os.write(fd, b"quit\r")
os.waitpid(pid, 0)


def summary(values):
    values = sorted(values)
    if not values:
        return {}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return {"count": len(values), "p50_ms": round(pick(0.5), 2), "p95_ms": round(pick(0.95), 2), "max_ms": round(values[-1], 2)}


everything = [v for vs in times.values() for v in vs]
print(json.dumps({**summary(everything), "kinds": {k: summary(v) for k, v in times.items()}}))
