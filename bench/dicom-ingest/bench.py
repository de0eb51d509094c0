#!/usr/bin/env python3
"""DICOM C-STORE ingest benchmark: our system against dcmtk storescp and Orthanc.

Standard library only. Everything listens on 127.0.0.1 and is sent to 127.0.0.1 only.
See README.md beside this file. Never part of `mvn verify`.

Outline:
  * build nothing by default: the packaged jar must exist (or pass --build);
  * start the three peers (storescp, Orthanc, our jar) on free loopback ports;
  * for each run (default 3), for each scenario (corpus set x 1 or 4 associations):
    generate a fresh corpus (new UIDs, so every store is a real first ingest), send it to
    each peer in turn with storescu (timed with time.monotonic), check every storescu
    exited 0 and that each peer now holds exactly the expected number of instances;
  * stop every process it started (try/finally), report medians and same-run ratios, and
    (unless --no-doc) rewrite the section "DICOM C-STORE ingest" of docs/performance.md.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
LOOPBACK = "127.0.0.1"
CALLING_AE = "BENCH"

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MF_GRAYSCALE_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3"  # Multi-frame Grayscale Word SC
EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
IMPL_CLASS_UID = "1.2.826.0.1.3680043.9.7433.1.1"  # only written into the File Meta
IMPL_VERSION = "RISBENCH_1"

# dcmtk's loopback transfers crawl without this (Nagle + delayed ACK).
DCMTK_ENV = dict(os.environ, TCP_NODELAY="1")


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


# --------------------------------------------------------------------------- ports, waits

def free_port():
    """A free TCP port on the loopback address (bind to port 0, read it back)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on {LOOPBACK}:{port} after {timeout}s")


def http_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read().decode("utf-8"))


def stop_process(proc, name, grace):
    """SIGTERM, wait `grace` seconds, then SIGKILL the process group we created."""
    if proc is None or proc.poll() is not None:
        return
    log(f"stopping {name} (pid {proc.pid})")
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
        return
    except subprocess.TimeoutExpired:
        log(f"{name} did not exit within {grace}s after SIGTERM; killing its process group")
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the session we started it in
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


# --------------------------------------------------------------------------- corpus

def uid(*parts):
    """Deterministic UID under 2.25 from the given parts."""
    h = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return "2.25." + str(int.from_bytes(h[:16], "big"))


def _pad(value, vr):
    b = value.encode("ascii") if isinstance(value, str) else value
    if len(b) % 2:
        b += b"\0" if vr == "UI" else (b" " if vr not in ("OB", "OW") else b"\0")
    return b


def _element(group, elem, vr, value):
    """One explicit VR little endian data element."""
    if vr == "US":
        v = struct.pack("<H", value)
    elif vr == "UL":
        v = struct.pack("<I", value)
    else:
        v = _pad(value, vr)
    if vr in ("OB", "OW", "SQ", "UN", "UT", "UC", "UR"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(v)) + v
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(v)) + v


def part10_header(sop_class, sop_uid, study, series, series_no, instance_no,
                  rows, cols, frames, modality):
    """Everything of a Part 10 file before the pixel data value (which the caller writes)."""
    meta = b"".join([
        _element(0x0002, 0x0001, "OB", b"\x00\x01"),
        _element(0x0002, 0x0002, "UI", sop_class),
        _element(0x0002, 0x0003, "UI", sop_uid),
        _element(0x0002, 0x0010, "UI", EXPLICIT_VR_LE),
        _element(0x0002, 0x0012, "UI", IMPL_CLASS_UID),
        _element(0x0002, 0x0013, "SH", IMPL_VERSION),
    ])
    meta = _element(0x0002, 0x0000, "UL", len(meta)) + meta
    ds = [
        _element(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY\\AXIAL"),
        _element(0x0008, 0x0016, "UI", sop_class),
        _element(0x0008, 0x0018, "UI", sop_uid),
        _element(0x0008, 0x0020, "DA", "20260101"),
        _element(0x0008, 0x0030, "TM", "120000"),
        _element(0x0008, 0x0050, "SH", "BENCH0001"),
        _element(0x0008, 0x0060, "CS", modality),
    ]
    if frames > 1:  # Secondary Capture: Conversion Type
        ds.append(_element(0x0008, 0x0064, "CS", "WSD"))
    ds += [
        _element(0x0008, 0x0090, "PN", ""),
        _element(0x0010, 0x0010, "PN", "BENCH^INGEST"),
        _element(0x0010, 0x0020, "LO", "BENCH-0001"),
        _element(0x0010, 0x0030, "DA", "19700101"),
        _element(0x0010, 0x0040, "CS", "O"),
        _element(0x0020, 0x000D, "UI", study),
        _element(0x0020, 0x000E, "UI", series),
        _element(0x0020, 0x0010, "SH", "1"),
        _element(0x0020, 0x0011, "IS", str(series_no)),
        _element(0x0020, 0x0013, "IS", str(instance_no)),
        _element(0x0028, 0x0002, "US", 1),
        _element(0x0028, 0x0004, "CS", "MONOCHROME2"),
    ]
    if frames > 1:
        ds.append(_element(0x0028, 0x0008, "IS", str(frames)))
    ds += [
        _element(0x0028, 0x0010, "US", rows),
        _element(0x0028, 0x0011, "US", cols),
        _element(0x0028, 0x0100, "US", 16),
        _element(0x0028, 0x0101, "US", 12),
        _element(0x0028, 0x0102, "US", 11),
        _element(0x0028, 0x0103, "US", 0),
    ]
    if frames == 1:
        ds += [_element(0x0028, 0x1052, "DS", "-1024"), _element(0x0028, 0x1053, "DS", "1")]
    pixel_len = rows * cols * 2 * frames
    pixel_header = struct.pack("<HH2sHI", 0x7FE0, 0x0010, b"OW", 0, pixel_len)
    return b"\0" * 128 + b"DICM" + meta + b"".join(ds) + pixel_header


def pixel_frame(rows, cols):
    """One 12-bit frame (a radial pattern), built once and reused: content does not matter
    to uncompressed storage, only the size does."""
    row_bytes = []
    for y in range(rows):
        row_bytes.append(struct.pack(f"<{cols}H", *(((x - cols // 2) ** 2 + (y - rows // 2) ** 2)
                                                    % 4096 for x in range(cols))))
    return b"".join(row_bytes)


def generate_set(folder, tag, count, frames, parts, series_count, rows=512, cols=512):
    """`count` objects of `frames` frames in `parts` sub-folders part0..partN (one per
    association of the parallel scenario), one study, `series_count` series. Returns the
    list of (sub-folder, number of files) and the total bytes."""
    frame = pixel_frame(rows, cols)
    sop_class = CT_IMAGE_STORAGE if frames == 1 else MF_GRAYSCALE_WORD_SC
    modality = "CT" if frames == 1 else "OT"
    study = uid(tag, "study")
    total = 0
    subs = [os.path.join(folder, f"part{p}") for p in range(parts)]
    for s in subs:
        os.makedirs(s, exist_ok=True)
    for i in range(count):
        series_no = i % series_count + 1
        sop = uid(tag, "sop", i)
        header = part10_header(sop_class, sop, study, uid(tag, "series", series_no), series_no,
                               i + 1, rows, cols, frames, modality)
        path = os.path.join(subs[i % parts], f"{i:06d}.dcm")
        with open(path, "wb") as f:
            f.write(header)
            for _ in range(frames):
                f.write(frame)
        total += len(header) + len(frame) * frames
    return [(s, len(os.listdir(s))) for s in subs], total


# --------------------------------------------------------------------------- peers

class Peer:
    name = "?"
    ae = "?"
    port = None
    proc = None

    def start(self):
        raise NotImplementedError

    def stored_count(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError

    def reset(self):
        """Drop what was stored (between scenarios, to keep the disk small). Returns False
        when the peer cannot be emptied while running (then its count keeps growing)."""
        return False


class StorescpPeer(Peer):
    """dcmtk storescp writing files: the practical ceiling. --fork so that the 4-association
    scenario is served concurrently (storescp alone serves one association at a time)."""
    name = "dcmtk storescp"
    ae = "STORESCP"

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "storescp")
        self.log = os.path.join(workdir, "storescp.log")

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(
            ["storescp", "--fork", "-aet", self.ae, "--output-directory", self.dir,
             str(self.port)],
            env=DCMTK_ENV, stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.port, self.proc, 30)
        log(f"{self.name} up on {LOOPBACK}:{self.port} (pid {self.proc.pid})")

    def stored_count(self):
        return sum(len(files) for _, _, files in os.walk(self.dir))

    def stop(self):
        stop_process(self.proc, self.name, 10)
        if getattr(self, "logf", None):
            self.logf.close()

    def reset(self):
        shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        return True


class DurableStorescpPeer(StorescpPeer):
    """storescp with every file fdatasync'd before it is closed (an LD_PRELOAD shim of ours,
    sync_on_close.c), so before its C-STORE response: the same durability as ours, hence the
    fair measure of the implementation rather than of the durability rule."""
    name = "dcmtk storescp + fdatasync"
    ae = "STORESCPSYNC"

    def __init__(self, workdir):
        super().__init__(workdir)
        self.dir = os.path.join(workdir, "storescp-sync")
        self.log = os.path.join(workdir, "storescp-sync.log")
        self.shim = os.path.join(workdir, "sync_on_close.so")
        self.counter = os.path.join(workdir, "storescp-sync.count")

    def start(self):
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", self.shim,
                        os.path.join(HERE, "sync_on_close.c"), "-ldl"], check=True)
        env = dict(DCMTK_ENV, LD_PRELOAD=self.shim)
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(
            ["storescp", "--fork", "-aet", self.ae, "--output-directory", self.dir, str(self.port)],
            env=env, stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.port, self.proc, 30)
        log(f"{self.name} up on {LOOPBACK}:{self.port} (pid {self.proc.pid})")

    def check_syncs(self, folder):
        """Sends one file with the shim counting, and fails unless storescp synced it."""
        files = sorted(os.listdir(folder))[:1]
        port = free_port()
        env = dict(DCMTK_ENV, LD_PRELOAD=self.shim, RIS_BENCH_SYNC_COUNT=self.counter)
        with open(os.devnull, "wb") as null:
            proc = subprocess.Popen(["storescp", "-aet", self.ae, "--output-directory", self.dir, str(port)],
                                    env=env, stdout=null, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                wait_for_port(port, proc, 30)
                subprocess.run(["storescu", "-aec", self.ae, LOOPBACK, str(port)]
                               + [os.path.join(folder, f) for f in files], env=DCMTK_ENV, check=True,
                               stdout=null, stderr=subprocess.STDOUT)
            finally:
                stop_process(proc, "storescp (sync probe)", 10)
        synced = os.path.getsize(self.counter) if os.path.exists(self.counter) else 0
        if synced < len(files):
            raise RuntimeError(f"the sync shim did not take effect: {synced} syncs for {len(files)} file(s)")
        log(f"{self.name}: shim checked ({synced} sync(s) for {len(files)} file)")
        self.reset()


class OrthancPeer(Peer):
    """Orthanc (Debian package), our own config, not the system service."""
    name = "Orthanc"
    ae = "ORTHANC"

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "orthanc")
        self.log = os.path.join(workdir, "orthanc.log")

    def start(self):
        os.makedirs(os.path.join(self.dir, "storage"), exist_ok=True)
        os.makedirs(os.path.join(self.dir, "index"), exist_ok=True)
        if self.port is None:
            self.port = free_port()
            self.http_port = free_port()
        config = {
            "Name": "bench",
            "StorageDirectory": os.path.join(self.dir, "storage"),
            "IndexDirectory": os.path.join(self.dir, "index"),
            "StorageCompression": False,
            "HttpServerEnabled": True,
            "HttpPort": self.http_port,
            "RemoteAccessAllowed": False,
            "AuthenticationEnabled": False,
            "DicomServerEnabled": True,
            "DicomAet": self.ae,
            "DicomPort": self.port,
            "DicomCheckCalledAet": False,
            "DicomAlwaysAllowStore": True,
            "DicomAlwaysAllowEcho": True,
            "UnknownSopClassAccepted": True,
            "DicomModalities": {},
            "Plugins": [],
            "SaveJobs": False,
        }
        self.config = os.path.join(self.dir, "config.json")
        with open(self.config, "w") as f:
            json.dump(config, f, indent=2)
        self.logf = open(self.log, "wb")
        # Orthanc's DICOM server is Debian's dcmtk too: it needs TCP_NODELAY=1 as well
        self.proc = subprocess.Popen(["Orthanc", self.config], env=DCMTK_ENV, stdout=self.logf,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Orthanc exited with {self.proc.returncode}; see {self.log}")
            try:
                system = http_json(f"http://{LOOPBACK}:{self.http_port}/system")
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Orthanc REST API not up after 60s; see {self.log}")
                time.sleep(0.3)
        wait_for_port(self.port, self.proc, 30)
        self.version = system.get("Version", "?")
        log(f"{self.name} {self.version} up: DICOM {LOOPBACK}:{self.port}, "
            f"HTTP {self.http_port} (pid {self.proc.pid})")

    def stored_count(self):
        return http_json(f"http://{LOOPBACK}:{self.http_port}/statistics")["CountInstances"]

    def stop(self):
        stop_process(self.proc, self.name, 60)
        if getattr(self, "logf", None):
            self.logf.close()

    def reset(self):
        """Stop, wipe storage and index, start again on the same ports."""
        self.stop()
        shutil.rmtree(self.dir)
        self.start()
        return True


class OursPeer(Peer):
    """Our packaged jar, started the way an operator does."""
    name = "ours (ris-pacs)"
    ae = "RISPACS"
    start_timeout = 240

    def __init__(self, workdir, jar, java_opts):
        self.dir = os.path.join(workdir, "ours")
        self.log = os.path.join(workdir, "ours.log")
        self.jar = jar
        self.java_opts = java_opts

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.http_port = free_port()
        self.logf = open(self.log, "wb")
        cmd = (["java"] + self.java_opts +
               ["-jar", self.jar, f"--server.port={self.http_port}", f"--ris.data-dir={self.dir}",
                f"--ris.dicom.port={self.port}", f"--ris.dicom.bind-address={LOOPBACK}"])
        self.proc = subprocess.Popen(cmd, stdout=self.logf, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        t0 = time.monotonic()
        health = None
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"our jar exited with {self.proc.returncode}; see {self.log}")
            try:
                health = http_json(f"http://{LOOPBACK}:{self.http_port}/actuator/health")
            except urllib.error.HTTPError as e:  # 503 while DOWN still carries the JSON
                try:
                    health = json.loads(e.read().decode("utf-8"))
                except ValueError:
                    health = None
            except (OSError, ValueError):
                health = None
            if health and health.get("status") == "UP":
                break
            if time.monotonic() - t0 > self.start_timeout:
                raise RuntimeError(f"our jar not UP after {self.start_timeout}s (last: {health}); see {self.log}")
            time.sleep(1)
        wait_for_port(self.port, self.proc, 30)
        self.startup_s = time.monotonic() - t0
        log(f"{self.name} UP after {self.startup_s:.0f}s: DICOM {LOOPBACK}:{self.port}, "
            f"HTTP {self.http_port} (pid {self.proc.pid})")

    def archive(self):
        return os.path.join(self.dir, "archive")

    def stored_count(self):
        # <data-dir>/archive/<study>/<series>/<sop>.dcm
        n = 0
        root = self.archive()
        if not os.path.isdir(root):
            return 0
        for study in os.scandir(root):
            if study.is_dir():
                for series in os.scandir(study.path):
                    if series.is_dir():
                        n += sum(1 for f in os.scandir(series.path)
                                 if f.is_file() and f.name.endswith(".dcm"))
        return n

    def study_count(self, study):
        """The study's files are at archive/<study>/<series>/<sop>.dcm."""
        root = os.path.join(self.archive(), study)
        return sum(1 for _, _, files in os.walk(root) for f in files if f.endswith(".dcm"))

    def stop(self):
        stop_process(self.proc, self.name, 120)
        if getattr(self, "logf", None):
            self.logf.close()


# --------------------------------------------------------------------------- scenarios

def scenario_folders(parts, associations):
    """The single-association scenario sends all parts in one storescu (`+sd` takes several
    folders); the parallel one gives each storescu one part."""
    folders = [p for p, _ in parts]
    if associations == 1:
        return [folders]
    assert associations == len(folders)
    return [[f] for f in folders]


def cpu_busy_fraction(interval=0.5):
    """Share of the machine's CPU time spent busy over `interval` seconds (from /proc/stat)."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return idle, sum(fields)
    idle0, total0 = sample()
    time.sleep(interval)
    idle1, total1 = sample()
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


DROP_CACHES = "/proc/sys/vm/drop_caches"


def drop_page_cache():
    """Empties the page cache (root only; a no-op otherwise), so that every send starts with as
    much free memory as the one before it instead of paying for reclaiming earlier sends' pages."""
    if os.access(DROP_CACHES, os.W_OK):
        with open(DROP_CACHES, "w") as f:
            f.write("1\n")
        return True
    return False


def settle(max_wait=120.0, busy_below=0.25):
    """Before a timed send: writes the previous sends left in the page cache reach the disk now
    (sync), the page cache is emptied (when run as root), and the peers' own after-work (ours
    records and indexes, Orthanc indexes) ends, so that no peer is timed while paying for the one
    before it. Waits at most max_wait seconds (ours indexes for a while after a few thousand objects)."""
    t0 = time.monotonic()
    os.sync()
    drop_page_cache()
    while time.monotonic() - t0 < max_wait and cpu_busy_fraction() >= busy_below:
        pass
    return time.monotonic() - t0


def thread_cpu(pid):
    """CPU seconds (user + system) of a process's live threads, summed by thread name."""
    ticks = os.sysconf("SC_CLK_TCK")
    by_name = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:  # the thread ended meanwhile
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        by_name[name] = by_name.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return by_name


def jit_share(pid, action):
    """Runs action() and returns the share of the process's CPU time meanwhile that went to its
    JIT compiler threads (HotSpot's "C1/C2 CompilerThread<n>")."""
    before = thread_cpu(pid)
    action()
    after = thread_cpu(pid)
    spent = {name: after[name] - before.get(name, 0.0) for name in after}
    total = sum(spent.values())
    compiling = sum(v for name, v in spent.items() if "CompilerThre" in name)
    return compiling / total if total > 0 else 0.0


def warm_until_compiled(peer, workdir, logdir, count, quiet_share, max_rounds, tag):
    """Sends fresh CT sets on 4 associations, untimed, until the JVM's JIT compilers take less
    than quiet_share of its CPU during a send: the steady state of a long-running service, which
    a few thousand objects do not reach (the store path is compiled early, but the workflow's
    code behind it, the event store and the indexing, keep C2 busy for several sends). Returns
    (sends, last share); raises if it is not reached within max_rounds sends."""
    share = 1.0
    for round_no in range(1, max_rounds + 1):
        corpus = os.path.join(workdir, "corpus-jit")
        shutil.rmtree(corpus, ignore_errors=True)
        parts, _ = generate_set(corpus, f"{tag}/jit-warm-up/{round_no}", count, 1, parts=4, series_count=4)
        settle()
        share = jit_share(peer.proc.pid,
                          lambda: send_scenario(peer, parts, 4, logdir, f"jit-warm-up-{round_no}-{peer.ae}"))
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"{peer.name}: JIT warm-up send {round_no}: compilers took {100 * share:.1f}% of its CPU")
        if share < quiet_share:
            return round_no, share
    raise RuntimeError(f"{peer.name}: JIT compilers still took {100 * share:.1f}% of its CPU after "
                       f"{max_rounds} warm-up sends")


def send_scenario(peer, parts, associations, logdir, label):
    return run_storescu(peer, scenario_folders(parts, associations), logdir, label)


def run_storescu(peer, groups, logdir, label):
    """One storescu process (one association) per group of folders, all in parallel. Returns
    the elapsed seconds (time.monotonic around the sending processes); raises unless every
    process exited 0."""
    procs = []
    t0 = time.monotonic()
    try:
        for i, group in enumerate(groups):
            out = open(os.path.join(logdir, f"storescu-{label}-{i}.log"), "wb")
            cmd = (["storescu", "-R", "-aet", CALLING_AE, "-aec", peer.ae, LOOPBACK,
                    str(peer.port), "+sd"] + group)
            procs.append((subprocess.Popen(cmd, env=DCMTK_ENV, stdout=out,
                                           stderr=subprocess.STDOUT), out, cmd))
        for p, _, _ in procs:
            p.wait(timeout=1800)
        elapsed = time.monotonic() - t0
    finally:
        for p, out, _ in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            out.close()
    bad = [(" ".join(cmd[:8]) + " ...", p.returncode) for p, _, cmd in procs if p.returncode != 0]
    if bad:
        raise RuntimeError(f"storescu failed ({label}): {bad}; logs in {logdir}")
    return elapsed


# --------------------------------------------------------------------------- report

def machine_facts():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass

    def version(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "java": version(["java", "-version"]),
        "dcmtk": version(["storescu", "--version"]).replace("$", "").strip(),
        "orthanc": version(["Orthanc", "--version"]),
    }


def fmt_ratio(r):
    return f"{r:.2f}×"


def build_report(args, results, scenarios, peers, facts, corpus_desc, command, started,
                 duration, notes):
    lines = []
    lines.append("## DICOM C-STORE ingest")
    lines.append("")
    lines.append("Produced by `bench/dicom-ingest/bench.py` (see its README). Command:")
    lines.append("")
    lines.append("```")
    lines.append(command)
    lines.append("```")
    lines.append("")
    lines.append(f"- Date: {started.strftime('%Y-%m-%d %H:%M UTC')} (whole run: "
                 f"{duration / 60:.1f} min)")
    lines.append(f"- Machine: `nproc` = {facts['nproc']}, CPU model \"{facts['cpu']}\", "
                 f"{facts['mem']} RAM, Linux {facts['kernel']}; shared and noisy, so read the "
                 f"ratios, not the absolute figures")
    lines.append(f"- Software: {facts['java']}; {facts['dcmtk']}; {facts['orthanc']}; "
                 f"Python {facts['python']}")
    lines.append(f"- Corpus (generated by the script, explicit VR little endian Part 10, "
                 f"uncompressed, one study per set and run, 4 series): {corpus_desc}")
    lines.append("- Each run generates fresh UIDs, so every store is a first ingest; each peer "
                 "is checked after each send to hold exactly the instances sent (ours: "
                 "`<data-dir>/archive/<study>/<series>/<sop>.dcm`, Orthanc: `GET /statistics`, "
                 "storescp: files in its output folder). Ours runs for the whole benchmark and "
                 "keeps everything; the baselines are emptied after each scenario (storescp's "
                 "folder wiped, Orthanc restarted on a wiped storage and index)")
    lines.append("- Peers as an operator runs them: storescp `--fork` (one process per "
                 "association), default PDU sizes (storescp and Orthanc accept 16 KB PDUs, ours "
                 "256 KB); ours fsyncs each file and its folder before answering and records "
                 "every instance in its event store, storescp does neither; \"storescp + fdatasync\" is "
                 "the same storescp with each file fdatasync'd before it is closed (LD_PRELOAD shim "
                 "`sync_on_close.c`, checked to sync before the run), i.e. durable before its response as ours")
    lines.append("- Sender: dcmtk `storescu -R` with `TCP_NODELAY=1`, calling AE `BENCH`; "
                 "\"1 assoc\" = one storescu with all files, \"4 assoc\" = 4 storescu processes "
                 "in parallel with a quarter each; time = `time.monotonic()` around the sending "
                 "processes (all exited 0); peers sent to in turn, rotating the order each run"
                 + ("; before each timed send, untimed: `sync` (the previous sends' cached writes reach "
                    "the disk), the page cache emptied (`drop_caches`, "
                    + ("done: run as root" if os.access(DROP_CACHES, os.W_OK) else "not done: not root")
                    + "; the sender then reads its files from disk, alike for every peer) and a wait for "
                    "the CPU to be under 25% busy (the peers' after-work ends, at most 120 s)"
                    if args.settle else "; no settling between sends"))
    lines.append(f"- Figures: median of {args.runs} runs; MB = 10^6 bytes of Part 10 files"
                 + (f"; before the first run every peer was sent {args.warmup} CT objects on 4 associations, "
                    "untimed (warm-up)" if args.warmup else "; no warm-up"))
    for peer in peers:
        if getattr(peer, "jit_warm_up", None):
            sends, share = peer.jit_warm_up
            lines.append(f"- {peer.name} was then sent {sends} more untimed set(s) of {args.jit_warmup_count} CT "
                         f"objects on 4 associations, until its JIT compilers took under "
                         f"{100 * args.jit_quiet:.0f}% of its CPU during one (last: {100 * share:.1f}%): "
                         "a long-running service's steady state, not a JVM still compiling")
    lines.append("")
    lines.append("| scenario | peer | instances/s | MB/s | runs (s) |")
    lines.append("|---|---|---:|---:|---|")
    for sc in scenarios:
        for peer in peers:
            rs = results[(sc["key"], peer.name)]
            ips = statistics.median(r["ips"] for r in rs)
            mbs = statistics.median(r["mbs"] for r in rs)
            secs = ", ".join(f"{r['secs']:.1f}" for r in rs)
            lines.append(f"| {sc['label']} | {peer.name} | {ips:.1f} | {mbs:.1f} | {secs} |")
    lines.append("")
    ours = [p for p in peers if isinstance(p, OursPeer)]
    baselines = [p for p in peers if not isinstance(p, OursPeer)]
    if ours and baselines:
        o = ours[0]
        lines.append("Ratios of ours against each baseline (instances/s of ours ÷ baseline's, "
                     "computed per run from the consecutive sends of the same corpus, then "
                     "the median over runs; 1.00× = as fast, 0.50× = half as fast):")
        lines.append("")
        lines.append("| scenario | " + " | ".join(f"ours ÷ {b.name}" for b in baselines)
                     + " | per-run ratios |")
        lines.append("|---|" + "---:|" * len(baselines) + "---|")
        for sc in scenarios:
            cells = []
            per_run = []
            for b in baselines:
                ratios = [ro["ips"] / rb["ips"] for ro, rb in
                          zip(results[(sc["key"], o.name)], results[(sc["key"], b.name)])]
                cells.append(fmt_ratio(statistics.median(ratios)))
                per_run.append(f"{b.name.split()[-1]}: " + ", ".join(f"{r:.2f}" for r in ratios))
            lines.append(f"| {sc['label']} | " + " | ".join(cells) + " | "
                         + "; ".join(per_run) + " |")
        lines.append("")
    if notes:
        lines.append("Notes:")
        lines.append("")
        for n in notes:
            lines.append(f"- {n}")
        lines.append("")
    return "\n".join(lines)


def write_doc(path, section, head="## DICOM C-STORE ingest"):
    """Replace the section starting with `head` (up to the next '## ') or append it; the other benches use it too."""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    else:
        text = ("# Performance\n\nMeasurements of the system on the project's machines, with "
                "the command that produced each figure. The machines are shared: compare "
                "the ratios against baselines measured in the same run, not absolute "
                "figures across runs.\n\n")
    start = text.find(head)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        end = text.find("\n## ", start + len(head))
        rest = text[end + 1:] if end >= 0 else ""
        text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


# --------------------------------------------------------------------------- main

def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ct-count", type=int, default=2000, help="CT-sized objects (512x512x16)")
    ap.add_argument("--mf-count", type=int, default=200, help="large multi-frame objects")
    ap.add_argument("--mf-frames", type=int, default=20, help="frames per large object")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=300,
                    help="CT objects sent to every peer before the timed runs, untimed (0: none)")
    ap.add_argument("--jit-quiet", type=float, default=0.05,
                    help="after the warm-up, send ours more untimed CT sets until its JIT compilers take "
                         "less than this share of its CPU during one (0: no such warm-up)")
    ap.add_argument("--jit-warmup-count", type=int, default=2000, help="CT objects per such send")
    ap.add_argument("--jit-warmup-max", type=int, default=12, help="at most this many such sends")
    ap.add_argument("--peers", default="storescp,storescp-sync,orthanc,ours",
                    help="comma list of storescp, storescp-sync, orthanc, ours")
    ap.add_argument("--jar", default=os.path.join(REPO, "app", "target", "ris-pacs.jar"))
    ap.add_argument("--build", action="store_true",
                    help="build the jar first (mvn -B -q -o -DskipTests package)")
    ap.add_argument("--no-settle", dest="settle", action="store_false",
                    help="do not sync and wait for an idle CPU before each timed send")
    ap.add_argument("--java-opts", default="", help="extra JVM options for our jar")
    ap.add_argument("--workdir", help="scratch folder (default: a new temp folder, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--doc", default=os.path.join(REPO, "docs", "performance.md"))
    ap.add_argument("--no-doc", action="store_true", help="print the section, do not write it")
    ap.add_argument("--note", action="append", default=[],
                    help="a note to add under the tables (repeatable)")
    return ap.parse_args()


def main():
    args = parse_args()
    command = " ".join(["python3", "bench/dicom-ingest/bench.py"] + [
        a if " " not in a else repr(a) for a in sys.argv[1:]])
    started = datetime.datetime.now(datetime.timezone.utc)
    t_start = time.monotonic()
    for tool in ("storescu", "storescp", "dcmdump", "java", "Orthanc"):
        if shutil.which(tool) is None:
            sys.exit(f"missing tool: {tool} (README.md lists what to install)")
    if args.build:
        log("building the jar")
        subprocess.run(["mvn", "-B", "-q", "-o", "-DskipTests", "package"], cwd=REPO, check=True)
    wanted = [p.strip() for p in args.peers.split(",") if p.strip()]
    if "ours" in wanted and not os.path.isfile(args.jar):
        sys.exit(f"no jar at {args.jar}: build it (--build) first")

    workdir = args.workdir or tempfile.mkdtemp(prefix="dicom-ingest-bench-")
    os.makedirs(workdir, exist_ok=True)
    # ours keeps everything (runs x 2 scenarios x both sets); a baseline and the corpus hold
    # at most one set at a time
    frame_mb = 512 * 512 * 2 / 1e6
    set_gb = (args.ct_count + args.mf_count * args.mf_frames) * frame_mb / 1e3
    big_gb = max(args.ct_count, args.mf_count * args.mf_frames) * frame_mb / 1e3
    need_gb = args.runs * 2 * set_gb + 3 * big_gb
    free_gb = shutil.disk_usage(workdir).free / 1e9
    log(f"disk: {free_gb:.0f} GB free in {workdir}, the run needs about {need_gb:.0f} GB")
    if free_gb < need_gb + 5:
        sys.exit(f"not enough disk: {free_gb:.0f} GB free, about {need_gb:.0f} GB + 5 needed")
    logdir = os.path.join(workdir, "logs")
    os.makedirs(logdir, exist_ok=True)
    log(f"scratch folder {workdir}")

    peers = []
    for w in wanted:
        if w == "storescp":
            peers.append(StorescpPeer(workdir))
        elif w == "storescp-sync":
            peers.append(DurableStorescpPeer(workdir))
        elif w == "orthanc":
            peers.append(OrthancPeer(workdir))
        elif w == "ours":
            peers.append(OursPeer(workdir, os.path.abspath(args.jar), args.java_opts.split()))
        else:
            sys.exit(f"unknown peer {w}")

    sets = []
    if args.ct_count:
        sets.append({"key": "ct", "count": args.ct_count, "frames": 1,
                     "desc": f"{args.ct_count} CT images"})
    if args.mf_count:
        sets.append({"key": "mf", "count": args.mf_count, "frames": args.mf_frames,
                     "desc": f"{args.mf_count} x {args.mf_frames}-frame"})
    scenarios = []
    for s in sets:
        for assoc in (1, 4):
            scenarios.append({"key": f"{s['key']}-{assoc}", "set": s, "assoc": assoc,
                              "label": f"{s['desc']}, {assoc} assoc"})
    results = {(sc["key"], p.name): [] for sc in scenarios for p in peers}
    expected = {p.name: 0 for p in peers}
    set_bytes = {}
    ok = False
    try:
        for p in peers:
            p.start()
        if args.warmup:
            # every peer gets the same untimed first send, so that no run times a cold start
            # (ours: the JIT compiling the store path; the others: first allocations and caches)
            corpus = os.path.join(workdir, "corpus")
            shutil.rmtree(corpus, ignore_errors=True)
            parts, _ = generate_set(corpus, f"{started.isoformat()}/warm-up", args.warmup, 1, parts=4,
                                    series_count=4)
            for p in peers:
                send_scenario(p, parts, 4, logdir, f"warm-up-{p.ae}")
                expected[p.name] += args.warmup
                held = wait_count(p, expected[p.name])
                if held != expected[p.name]:
                    raise RuntimeError(f"{p.name} holds {held} instances after the warm-up, "
                                       f"expected {expected[p.name]}")
                if p.reset():
                    expected[p.name] = 0
            shutil.rmtree(corpus, ignore_errors=True)
            log(f"warm-up: {args.warmup} CT objects sent to each peer on 4 associations, not timed")
        for p in peers:
            if isinstance(p, OursPeer) and args.jit_quiet > 0:
                p.jit_warm_up = warm_until_compiled(p, workdir, logdir, args.jit_warmup_count, args.jit_quiet,
                                                    args.jit_warmup_max, started.isoformat())
                expected[p.name] += p.jit_warm_up[0] * args.jit_warmup_count
        for run in range(args.runs):
            # rotate the peer order so that none is always first or last after a generation
            order = peers[run % len(peers):] + peers[:run % len(peers)]
            for sc in scenarios:
                s = sc["set"]
                tag = f"{started.isoformat()}/{run}/{sc['key']}"
                corpus = os.path.join(workdir, "corpus")
                shutil.rmtree(corpus, ignore_errors=True)
                t0 = time.monotonic()
                parts, total = generate_set(corpus, tag, s["count"], s["frames"], parts=4,
                                            series_count=4)
                set_bytes[s["key"]] = total
                if run == 0 and sc["assoc"] == 1:
                    check_one_file(os.path.join(parts[0][0], "000000.dcm"))
                    for p in peers:
                        if isinstance(p, DurableStorescpPeer) and run == 0 and s is sets[0]:
                            p.check_syncs(parts[0][0])
                log(f"run {run + 1}/{args.runs} {sc['label']}: corpus {s['count']} files, "
                    f"{total / 1e6:.0f} MB, generated in {time.monotonic() - t0:.1f}s")
                for p in order:
                    before = p.stored_count()
                    label = f"r{run}-{sc['key']}-{p.ae}"
                    if args.settle:
                        settle()
                    secs = send_scenario(p, parts, sc["assoc"], logdir, label)
                    expected[p.name] += s["count"]
                    held = wait_count(p, expected[p.name])
                    if held != expected[p.name]:
                        raise RuntimeError(f"{p.name} holds {held} instances after {label}, "
                                           f"expected {expected[p.name]} (before: {before})")
                    if isinstance(p, OursPeer):
                        in_study = p.study_count(uid(tag, "study"))
                        if in_study != s["count"]:
                            raise RuntimeError(f"ours: {in_study} files under archive/<study>/"
                                               f"<series>/ after {label}, expected {s['count']}")
                    r = {"secs": secs, "ips": s["count"] / secs, "mbs": total / 1e6 / secs}
                    results[(sc["key"], p.name)].append(r)
                    log(f"  {p.name:16s} {secs:7.1f}s {r['ips']:8.1f} inst/s "
                        f"{r['mbs']:7.1f} MB/s (holds {held})")
                shutil.rmtree(corpus, ignore_errors=True)
                # the baselines' copies are not needed any more: keep the disk small
                last = run == args.runs - 1 and sc is scenarios[-1]
                for p in peers:
                    if not last and p.reset():
                        expected[p.name] = 0
        ok = True
    finally:
        for p in reversed(peers):
            try:
                p.stop()
            except Exception as e:  # keep stopping the others
                log(f"could not stop {p.name}: {e}")
        for p in peers:
            if p.proc is not None and p.proc.poll() is None:
                log(f"WARNING: {p.name} (pid {p.proc.pid}) still running")
            elif p.proc is not None:
                log(f"{p.name} exited with {p.proc.returncode}")
        if not ok or args.keep or args.workdir:
            log(f"scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    duration = time.monotonic() - t_start
    corpus_desc = "; ".join(
        f"{s['count']} objects of {s['frames']} frame(s) 512x512 16-bit (12 stored), "
        f"{set_bytes[s['key']] / s['count'] / 1e6:.2f} MB each, "
        f"{set_bytes[s['key']] / 1e6:.0f} MB per set "
        f"({'CT Image Storage' if s['frames'] == 1 else 'Multi-frame Grayscale Word SC'})"
        for s in sets)
    section = build_report(args, results, scenarios, peers, machine_facts(), corpus_desc,
                           command, started, duration, args.note)
    print()
    print(section)
    if not args.no_doc:
        write_doc(args.doc, section)
        log(f"wrote {args.doc}")


def wait_count(peer, expected, timeout=60):
    """The peer's count right after the send; a short grace for an index that lags."""
    deadline = time.monotonic() + timeout
    while True:
        n = peer.stored_count()
        if n >= expected or time.monotonic() > deadline:
            return n
        time.sleep(0.5)


def check_one_file(path):
    """dcmdump must parse a generated file without complaint."""
    out = subprocess.run(["dcmdump", "-q", path], capture_output=True, text=True)
    if out.returncode != 0 or "E:" in out.stderr or "W:" in out.stderr:
        raise RuntimeError(f"dcmdump rejects {path}: {out.stderr.strip()}")


if __name__ == "__main__":
    main()
