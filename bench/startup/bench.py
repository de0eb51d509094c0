#!/usr/bin/env python3
"""Start-up benchmark: time from launching the packaged jar until GET /actuator/health answers UP.

Each jar given is started --runs times on a fresh data dir (first start: unpacks the Elasticsearch
distribution, initialises PostgreSQL, migrates, creates the indices) and --runs times again on the
data dir its first start left (second start). Jars are alternated run by run, so that a shared
machine's load falls on all of them alike. See README.md.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LOOPBACK = "127.0.0.1"

# log lines marking the phases; the first line matching each counts
PHASES = [
    ("pg", "embedded PG ready", re.compile(r"Embedded PostgreSQL serving")),
    ("es_launch", "ES node launched", re.compile(r"Starting local Elasticsearch node")),
    ("es", "ES node ready", re.compile(r"Local Elasticsearch node ready")),
    ("started", "context refreshed", re.compile(r"Started \w+ in ")),
]


def free_port():
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def health(port):
    try:
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=2)
        conn.request("GET", "/actuator/health")
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return json.loads(body).get("status") if body else str(r.status)
    except (OSError, ValueError, http.client.HTTPException):
        return None


def one_start(jar, data_dir, java, timeout, log_path):
    """Starts the jar, waits for health UP, stops it; returns the phases' seconds since launch."""
    port = free_port()
    cmd = [java, "-jar", jar,
           f"--ris.data-dir={data_dir}",
           f"--server.port={port}", "--server.address=" + LOOPBACK,
           f"--ris.dicom.port={free_port()}", "--ris.dicom.bind-address=" + LOOPBACK,
           f"--ris.hl7.port={free_port()}", "--ris.hl7.bind-address=" + LOOPBACK,
           f"--ris.hl7.tls.port={free_port()}"]
    seen = {}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=data_dir,
                            start_new_session=True)
    log = open(log_path, "w")

    def read_output():
        for raw in proc.stdout:
            line = raw.decode(errors="replace")
            log.write(line)
            now = time.monotonic() - start
            for key, _, pattern in PHASES:
                if key not in seen and pattern.search(line):
                    seen[key] = now

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{jar} exited with {proc.returncode} before health UP; log {log_path}")
            if time.monotonic() - start > timeout:
                raise RuntimeError(f"{jar}: no health UP within {timeout} s; log {log_path}")
            if health(port) == "UP":
                seen["up"] = time.monotonic() - start
                break
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        reader.join(timeout=10)
        log.close()
    return seen


def summary(values):
    if not values:
        return "–"
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jars", nargs="+", help="packaged jars (label=path or path)")
    ap.add_argument("--runs", type=int, default=3, help="fresh starts per jar, each followed by a second start")
    ap.add_argument("--java", default=shutil.which("java") or "java")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per start")
    ap.add_argument("--workdir", help="where data dirs and logs go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep data dirs and logs")
    args = ap.parse_args()

    jars = []
    for spec in args.jars:
        label, _, path = spec.rpartition("=")
        path = os.path.abspath(path)
        if not os.path.isfile(path):
            sys.exit(f"no jar at {path}")
        jars.append((label or os.path.basename(path), path))
    workdir = os.path.abspath(args.workdir or tempfile.mkdtemp(prefix="startup-bench-"))
    os.makedirs(workdir, exist_ok=True)
    results = {(label, kind): [] for label, _ in jars for kind in ("fresh", "second")}
    try:
        for run in range(args.runs):
            for label, jar in jars:
                data_dir = os.path.join(workdir, f"{label}-{run}")
                shutil.rmtree(data_dir, ignore_errors=True)
                os.makedirs(data_dir)
                for kind in ("fresh", "second"):
                    log_path = os.path.join(workdir, f"{label}-{run}-{kind}.log")
                    seen = one_start(jar, data_dir, args.java, args.timeout, log_path)
                    results[(label, kind)].append(seen)
                    print(f"{label} run {run + 1} {kind}: " + ", ".join(
                        f"{name} {seen[key]:.1f}s" for key, name, _ in PHASES + [("up", "health UP", None)]
                        if key in seen), flush=True)
                if not args.keep:
                    shutil.rmtree(data_dir, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(f"Seconds from launch, median (min–max) of {args.runs} runs; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end")
    print()
    columns = PHASES + [("up", "health UP", None)]
    print("| jar | data dir | " + " | ".join(name for _, name, _ in columns) + " |")
    print("|---|---|" + "---:|" * len(columns))
    for label, _ in jars:
        for kind in ("fresh", "second"):
            runs = results[(label, kind)]
            print(f"| {label} | {kind} | " + " | ".join(
                summary([r[key] for r in runs if key in r]) for key, _, _ in columns) + " |")
    if len(jars) == 2:
        print()
        for kind in ("fresh", "second"):
            old = statistics.median(r["up"] for r in results[(jars[0][0], kind)])
            new = statistics.median(r["up"] for r in results[(jars[1][0], kind)])
            print(f"{kind}: health UP {jars[1][0]} ÷ {jars[0][0]} = {new / old:.2f}")


if __name__ == "__main__":
    main()
