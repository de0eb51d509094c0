#!/usr/bin/env python3
"""Modality worklist C-FIND benchmark: our system against dcmtk wlmscpfs and Orthanc's worklist plugin.

Standard library only; everything on 127.0.0.1. See README.md beside this file. Never part of
`mvn verify`.

Outline:
  * generate N scheduled procedure steps (deterministic, one patient and one order each, 20
    stations, start dates spread over today +/- 15 days);
  * load them into ours over HL7 (ADT^A04 then OMI^O23 per step, on several MLLP connections,
    timed until every message is acknowledged AA and then until the worklist shows them), and
    into the baselines as one .wl file per step (wlmscpfs: <dir>/<AE>/, Orthanc: its plugin's
    folder);
  * check that each query kind returns the same number of items from all three peers;
  * time `findscu -W` per query (a fresh process per query, as a modality's query is) against
    each peer in turn, rotating the order, and report p50/p99 and the ratios of the medians.
"""

import argparse
import base64
import datetime
import importlib.util
import json
import os
import random
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

_spec = importlib.util.spec_from_file_location("ingest", os.path.join(REPO, "bench", "dicom-ingest", "bench.py"))
ingest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ingest)
log, free_port, wait_for_port, stop_process, http_json = (ingest.log, ingest.free_port, ingest.wait_for_port,
                                                           ingest.stop_process, ingest.http_json)
LOOPBACK = ingest.LOOPBACK
DCMTK_ENV = ingest.DCMTK_ENV
CALLING_AE = "MWLBENCH"
MWL_FIND = "1.2.840.10008.5.1.4.31"
EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"

FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
          "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
          "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
          "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
          "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
          "Carter", "Roberts", "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
          "Becker", "Schulz", "Hoffmann", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre",
          "Leroy", "Roux", "David", "Bertrand", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
          "Romano", "Colombo", "Ricci", "Marino", "Greco", "Jansen", "DeVries", "Bakker", "Visser",
          "Smit", "Meijer", "DeBoer", "Mulder", "DeGroot", "Bos", "Nowak", "Kowalski", "Wisniewski",
          "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak"]
GIVEN = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
         "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
         "Charles", "Karen", "Hans", "Anna", "Peter", "Maria", "Klaus", "Ursula", "Pierre", "Marie",
         "Luca", "Giulia", "Jan", "Sanne", "Piotr", "Agnieszka", "Ahmed", "Fatima", "Wei", "Mei",
         "Carlos", "Lucia"]
STATIONS = [(m, f"{m}{k}") for m in ("CT", "MR", "US", "CR", "MG") for k in range(1, 5)]
PROCEDURES = {"CT": ("CTHEAD", "CT head without contrast"), "MR": ("MRKNEE", "MR knee"),
              "US": ("USABD", "US abdomen"), "CR": ("CRCHEST", "Chest X-ray 2 views"),
              "MG": ("MGSCREEN", "Screening mammography")}


# --------------------------------------------------------------------------- data

def steps(n, today):
    """N scheduled procedure steps, deterministic for a given N and day."""
    rnd = random.Random(20261130)
    out = []
    for i in range(n):
        modality, station = STATIONS[i % len(STATIONS)]
        day = today + datetime.timedelta(days=(i // len(STATIONS)) % 31 - 15)
        minute = 7 * 60 + rnd.randrange(0, 11 * 60, 5)
        start = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
        out.append({
            "i": i, "pid": f"MWL{i:07d}", "family": rnd.choice(FAMILY), "given": rnd.choice(GIVEN),
            "birth": f"{1930 + rnd.randrange(80)}{1 + rnd.randrange(12):02d}{1 + rnd.randrange(28):02d}",
            "sex": rnd.choice("MF"), "accession": f"A{i:08d}", "placer": f"PO{i:08d}",
            "modality": modality, "station": station, "start": start,
            "code": PROCEDURES[modality][0], "description": PROCEDURES[modality][1],
            "study_uid": f"2.25.{(i + 1) * 7919 + 10 ** 30}", "sps_id": f"SPS{i:08d}",
            "rp_id": f"RP{i:08d}"})
    return out


# --------------------------------------------------------------------------- .wl files

def _el(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("utf-8")
    if len(value) % 2:
        value += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value


def _seq(group, elem, items):
    body = b""
    for item in items:
        body += struct.pack("<HHI", 0xFFFE, 0xE000, len(item)) + item
    return _el(group, elem, "SQ", body)


def worklist_file(s):
    """One scheduled procedure step as a DICOM worklist file (explicit VR LE, Part 10), the
    shape wlmscpfs and Orthanc's plugin read; elements in ascending tag order."""
    sps = (_el(0x0008, 0x0060, "CS", s["modality"]) +
           _el(0x0040, 0x0001, "AE", s["station"]) +
           _el(0x0040, 0x0002, "DA", s["start"].strftime("%Y%m%d")) +
           _el(0x0040, 0x0003, "TM", s["start"].strftime("%H%M%S")) +
           _el(0x0040, 0x0007, "LO", s["description"]) +
           _el(0x0040, 0x0009, "SH", s["sps_id"]) +
           _el(0x0040, 0x0010, "SH", s["station"]) +
           _el(0x0040, 0x0020, "CS", "SCHEDULED"))
    code = (_el(0x0008, 0x0100, "SH", s["code"]) + _el(0x0008, 0x0102, "SH", "LOCAL") +
            _el(0x0008, 0x0104, "LO", s["description"]))
    ds = (_el(0x0008, 0x0005, "CS", "ISO_IR 100") +
          _el(0x0008, 0x0050, "SH", s["accession"]) +
          _el(0x0008, 0x0090, "PN", "Referrer^Ray") +
          _el(0x0010, 0x0010, "PN", f"{s['family']}^{s['given']}") +
          _el(0x0010, 0x0020, "LO", s["pid"]) +
          _el(0x0010, 0x0021, "LO", "BENCHHOSP") +
          _el(0x0010, 0x0030, "DA", s["birth"]) +
          _el(0x0010, 0x0040, "CS", s["sex"]) +
          _el(0x0020, 0x000D, "UI", s["study_uid"]) +
          _el(0x0032, 0x1060, "LO", s["description"]) +
          _seq(0x0032, 0x1064, [code]) +
          _seq(0x0040, 0x0100, [sps]) +
          _el(0x0040, 0x1001, "SH", s["rp_id"]) +
          _el(0x0040, 0x1003, "SH", "ROUTINE"))
    sop_uid = f"2.25.{(s['i'] + 1) * 104729 + 10 ** 31}"
    meta = (_el(0x0002, 0x0001, "OB", b"\0\1") + _el(0x0002, 0x0002, "UI", MWL_FIND) +
            _el(0x0002, 0x0003, "UI", sop_uid) + _el(0x0002, 0x0010, "UI", EXPLICIT_VR_LE) +
            _el(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.9.7433.1.2"))
    meta = _el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta))) + meta
    return b"\0" * 128 + b"DICM" + meta + ds


def write_worklists(all_steps, folder):
    os.makedirs(folder, exist_ok=True)
    for s in all_steps:
        with open(os.path.join(folder, f"{s['accession']}.wl"), "wb") as f:
            f.write(worklist_file(s))


# --------------------------------------------------------------------------- HL7 load (ours)

def hl7_messages(s, stamp):
    pid = f"PID|1||{s['pid']}^^^BENCHHOSP||{s['family']}^{s['given']}||{s['birth']}|{s['sex']}"
    start = s["start"].strftime("%Y%m%d%H%M")
    adt = "\r".join([f"MSH|^~\\&|BENCH|BENCHHOSP|RISPACS|RISPACS|{stamp}||ADT^A04^ADT_A01|A{s['i']}|P|2.5.1",
                     f"EVN|A04|{stamp}", pid])
    omi = "\r".join([f"MSH|^~\\&|BENCH|BENCHHOSP|RISPACS|RISPACS|{stamp}||OMI^O23^OMI_O23|O{s['i']}|P|2.5.1",
                     pid, f"ORC|NW|{s['placer']}", f"TQ1|1||||||{start}||R",
                     f"OBR|1|{s['placer']}||{s['code']}^{s['description']}^LOCAL",
                     f"IPC|{s['accession']}||||{s['modality']}^^DCM||||{s['station']}"])
    return [adt, omi]


def mllp_exchange(sock, buf, message):
    sock.sendall(b"\x0b" + message.encode("utf-8") + b"\r\x1c\r")
    while b"\x1c\r" not in buf[0]:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("MLLP connection closed before the acknowledgement")
        buf[0] += chunk
    frame, _, rest = buf[0].partition(b"\x1c\r")
    buf[0] = rest
    ack = frame.lstrip(b"\x0b").decode("utf-8", "replace")
    msa = next((seg for seg in ack.split("\r") if seg.startswith("MSA|")), "")
    if not msa.startswith("MSA|AA"):
        raise RuntimeError(f"not acknowledged AA: {ack!r} for {message[:120]!r}")


class LoadTimeout(Exception):
    pass


def load_ours_over_hl7(all_steps, port, connections, stop_at):
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    errors = []
    done = [0]
    lock = threading.Lock()

    def sender(part):
        try:
            with socket.create_connection((LOOPBACK, port), timeout=120) as sock:
                buf = [b""]
                for s in part:
                    if time.monotonic() > stop_at:
                        return
                    for message in hl7_messages(s, stamp):
                        mllp_exchange(sock, buf, message)
                    with lock:
                        done[0] += 1
        except Exception as e:  # reported below, the run fails
            errors.append(e)

    parts = [all_steps[k::connections] for k in range(connections)]
    threads = [threading.Thread(target=sender, args=(p,)) for p in parts]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    last = 0
    while any(t.is_alive() for t in threads):
        time.sleep(5)
        if done[0] - last >= 2000 or not any(t.is_alive() for t in threads):
            log(f"  HL7: {done[0]}/{len(all_steps)} steps acknowledged ({time.monotonic() - t0:.0f}s)")
            last = done[0]
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"HL7 load failed: {errors[0]}")
    if done[0] < len(all_steps):
        raise LoadTimeout(f"{done[0]} of {len(all_steps)} acknowledged in {time.monotonic() - t0:.0f} s "
                          f"({done[0] / (time.monotonic() - t0):.0f} items/s) when the load time allowed ran out")
    return time.monotonic() - t0


# The REST API needs a sign-in: the packaged jar gets an integration account for the bench.
BENCH_USER, BENCH_PASSWORD = "mwl-bench", "mwl-bench-" + os.urandom(6).hex()


def api_json(url, timeout, method="GET"):
    token = base64.b64encode(f"{BENCH_USER}:{BENCH_PASSWORD}".encode()).decode()
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return json.loads(r.read().decode("utf-8"))


def rebuild_worklist(http_port):
    """Replays the event store into the modality worklist read model (what an operator's rebuild does):
    the same events as live projection, without its refresh per batch."""
    api_json(f"http://{LOOPBACK}:{http_port}/api/admin/read-models/modality-worklist/rebuild", 60, "POST")


def visible(url):
    try:
        return bool(api_json(url, timeout=30))
    except urllib.error.HTTPError as e:
        if e.code < 500:
            raise
        return False  # the index is being recreated by a rebuild


def wait_until_visible(all_steps, http_port, timeout):
    """Until our worklist read model shows the steps (checked over REST on every 100th and the
    last few, which are written last)."""
    t0 = time.monotonic()
    sample = [s["accession"] for s in all_steps[::100]] + [s["accession"] for s in all_steps[-16:]]
    for accession in sample:
        url = (f"http://{LOOPBACK}:{http_port}/api/worklists/modality?accessionNumber="
               f"{urllib.parse.quote(accession)}&limit=1")
        while not visible(url):
            if time.monotonic() - t0 > timeout:
                raise RuntimeError(f"step {accession} not visible after {timeout}s")
            time.sleep(0.5)
    return time.monotonic() - t0


# --------------------------------------------------------------------------- peers

class Wlmscpfs:
    name = "dcmtk wlmscpfs"
    ae = "WLMSCPFS"

    def __init__(self, workdir):
        self.db = os.path.join(workdir, "wlmscpfs")
        self.folder = os.path.join(self.db, self.ae)
        self.log = os.path.join(workdir, "wlmscpfs.log")

    def start(self):
        os.makedirs(self.folder, exist_ok=True)
        open(os.path.join(self.folder, "lockfile"), "w").close()
        self.port = free_port()
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(["wlmscpfs", "-dfp", self.db, str(self.port)], env=DCMTK_ENV,
                                     stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.port, self.proc, 30)
        log(f"{self.name} up on {LOOPBACK}:{self.port} (pid {self.proc.pid})")

    def stop(self):
        stop_process(self.proc, self.name, 10)
        self.logf.close()


class OrthancWorklists:
    name = "Orthanc"
    ae = "ORTHANC"
    plugin_candidates = ["/usr/share/orthanc/plugins/libModalityWorklists.so",
                         "/usr/lib/orthanc/libModalityWorklists.so"]

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "orthanc")
        self.folder = os.path.join(self.dir, "worklists")
        self.log = os.path.join(workdir, "orthanc.log")

    def start(self):
        plugin = next((p for p in self.plugin_candidates if os.path.exists(p)), None)
        if plugin is None:
            raise RuntimeError("Orthanc's ModalityWorklists plugin not found (dpkg -L orthanc | grep -i worklist)")
        for sub in ("storage", "index", "worklists"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self.port, self.http_port = free_port(), free_port()
        config = {"Name": "mwlbench", "StorageDirectory": os.path.join(self.dir, "storage"),
                  "IndexDirectory": os.path.join(self.dir, "index"), "HttpPort": self.http_port,
                  "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
                  "DicomAet": self.ae, "DicomPort": self.port, "DicomCheckCalledAet": False,
                  "DicomAlwaysAllowEcho": True, "DicomAlwaysAllowFind": True,
                  "DicomModalities": {"bench": [CALLING_AE, LOOPBACK, 104]},
                  "Plugins": [plugin], "Worklists": {"Enable": True, "Database": self.folder}}
        with open(os.path.join(self.dir, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(["Orthanc", os.path.join(self.dir, "config.json")], env=DCMTK_ENV,
                                     stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Orthanc exited with {self.proc.returncode}; see {self.log}")
            try:
                self.version = http_json(f"http://{LOOPBACK}:{self.http_port}/system").get("Version", "?")
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Orthanc not up after 60s; see {self.log}")
                time.sleep(0.3)
        wait_for_port(self.port, self.proc, 30)
        log(f"Orthanc {self.version} with {os.path.basename(plugin)} up on {LOOPBACK}:{self.port}")

    def stop(self):
        stop_process(self.proc, self.name, 30)
        self.logf.close()


class Ours(ingest.OursPeer):
    start_timeout = 600  # a shared machine under load can take minutes to start Elasticsearch

    def __init__(self, workdir, jar, java_opts):
        self.hl7_port = free_port()
        super().__init__(workdir, jar, java_opts + [f"-Dris.hl7.port={self.hl7_port}",
                                                    f"-Dris.hl7.bind-address={LOOPBACK}",
                                                    f"-Dris.security.integration-user={BENCH_USER}",
                                                    f"-Dris.security.integration-password={BENCH_PASSWORD}",
                                                    "-Dris.security.integration-roles=TECHNOLOGIST,ADMIN"])


# --------------------------------------------------------------------------- queries

RETURN_KEYS = ["PatientName", "PatientID", "PatientBirthDate", "PatientSex", "AccessionNumber",
               "StudyInstanceUID", "RequestedProcedureDescription", "RequestedProcedureID",
               "ReferringPhysicianName",
               "(0040,0100)[0].Modality", "(0040,0100)[0].ScheduledProcedureStepID",
               "(0040,0100)[0].ScheduledProcedureStepDescription"]


def query_kinds(all_steps, today, samples):
    """Per kind, `samples` queries (keys) drawn from the loaded data."""
    rnd = random.Random(7)
    stations = sorted({s["station"] for s in all_steps})
    names = sorted({s["family"] for s in all_steps})
    return {
        "station + today": [[f"(0040,0100)[0].ScheduledStationAETitle={rnd.choice(stations)}",
                             f"(0040,0100)[0].ScheduledProcedureStepStartDate={today.strftime('%Y%m%d')}",
                             "(0040,0100)[0].ScheduledProcedureStepStartTime"]
                            for _ in range(samples)],
        "patient name wildcard": [[f"PatientName={n}^{g[0]}*",
                                   "(0040,0100)[0].ScheduledStationAETitle",
                                   "(0040,0100)[0].ScheduledProcedureStepStartDate",
                                   "(0040,0100)[0].ScheduledProcedureStepStartTime"]
                                  for n, g in ((rnd.choice(names), rnd.choice(GIVEN)) for _ in range(samples))],
        "accession": [[f"AccessionNumber={rnd.choice(all_steps)['accession']}",
                       "(0040,0100)[0].ScheduledStationAETitle",
                       "(0040,0100)[0].ScheduledProcedureStepStartDate",
                       "(0040,0100)[0].ScheduledProcedureStepStartTime"]
                      for _ in range(samples)],
    }


def findscu(peer, keys, extract_dir=None):
    cmd = ["findscu", "-W", "-aet", CALLING_AE, "-aec", peer.ae]
    for k in keys:
        cmd += ["-k", k]
    for k in RETURN_KEYS:
        if not any(q.split("=")[0] == k for q in keys):
            cmd += ["-k", k]
    if extract_dir:
        cmd += ["-X", "-od", extract_dir]
    cmd += [LOOPBACK, str(peer.port)]
    t0 = time.monotonic()
    r = subprocess.run(cmd, env=DCMTK_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - t0
    if r.returncode != 0:
        raise RuntimeError(f"findscu against {peer.name} failed ({r.returncode}): {r.stdout.decode()[-2000:]}")
    return elapsed


def count_answers(peer, keys, scratch):
    folder = tempfile.mkdtemp(dir=scratch)
    findscu(peer, keys, folder)
    n = len([f for f in os.listdir(folder) if f.startswith("rsp")])
    for f in os.listdir(folder):
        os.remove(os.path.join(folder, f))
    os.rmdir(folder)
    return n


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def measure(peers, kinds, scratch):
    """Checks equal answers across peers, then times every query against each peer in turn."""
    results = {}
    counts = {}
    for kind, queries in kinds.items():
        for q in queries[:5]:
            n = [count_answers(p, q, scratch) for p in peers]
            if len(set(n)) != 1:
                raise RuntimeError(f"{kind}: peers answer differently to {q}: "
                                   + ", ".join(f"{p.name} {c}" for p, c in zip(peers, n)))
            counts.setdefault(kind, []).append(n[0])
        for p in peers:
            findscu(p, queries[0])  # warm-up, not counted
        times = {p.name: [] for p in peers}
        for j, q in enumerate(queries):
            order = peers[j % len(peers):] + peers[:j % len(peers)]
            for p in order:
                times[p.name].append(findscu(p, q) * 1000)
        results[kind] = times
    return results, counts


def echo_ms(peer, n=10):
    times = []
    for _ in range(n):
        t0 = time.monotonic()
        subprocess.run(["echoscu", "-aet", CALLING_AE, "-aec", peer.ae, LOOPBACK, str(peer.port)], env=DCMTK_ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.monotonic() - t0) * 1000)
    return statistics.median(times)


# --------------------------------------------------------------------------- report

def report(sizes_done, args, loads, all_results, echo, started):
    lines = ["## Modality worklist C-FIND", "",
             "Produced by `bench/mwl/bench.py` (see its README). Command:", "", "```",
             "python3 bench/mwl/bench.py " + " ".join(sys.argv[1:]), "```", "",
             f"- Date: {started:%Y-%m-%d %H:%M} UTC (whole run: {(time.time() - started.timestamp()) / 60:.1f} min)",
             f"- Machine: `nproc` = {os.cpu_count()}, shared and noisy: read the ratios, not the absolute figures",
             "- Data: one patient, one order and one scheduled procedure step per item; 20 stations (5 modalities), "
             "start dates spread evenly over today ± 15 days, ~100 family names × 40 given names",
             "- Ours: loaded over HL7 v2 (ADT^A04 then OMI^O23 per item, "
             f"{args.connections} MLLP connections in parallel, "
             + (f"database connection pool {args.pool_size}" if args.pool_size else "default database connection pool")
             + "), answered from the Elasticsearch read model; "
             "the baselines: one `.wl` file per item written by the script (explicit VR little endian Part 10, "
             "checked with `dcmdump`), read by dcmtk `wlmscpfs -dfp` and by Orthanc's ModalityWorklists plugin",
             "- Query: `findscu -W` (a new process per query, as a modality's query is; TCP_NODELAY=1), "
             f"{len(RETURN_KEYS)} return keys; {args.samples} queries per kind, drawn from the loaded data, "
             "sent to each peer in turn (order rotated); the answer counts were checked equal across peers "
             "on 5 queries per kind before timing",
             f"- A C-ECHO from a new `echoscu` process (the floor under every figure): "
             + ", ".join(f"{name} {ms:.0f} ms" for name, ms in echo.items()), ""]
    lines += ["| items | load into ours (HL7 acknowledged / visible in the worklist) "
              "| items/s acknowledged / visible |",
              "|---:|---|---:|"]
    previous = 0
    for n in sizes_done:
        ack, visible = loads[n]
        lines.append(f"| {n} | {ack:.0f} s / {ack + visible:.0f} s | {(n - previous) / ack:.1f} / "
                     f"{(n - previous) / (ack + visible):.1f} |")
        previous = n
    lines += ["", "| items | query | answers (median) | peer | p50 ms | p99 ms |", "|---:|---|---:|---|---:|---:|"]
    for n in sizes_done:
        results, counts = all_results[n]
        for kind, times in results.items():
            for name, t in times.items():
                lines.append(f"| {n} | {kind} | {statistics.median(counts[kind]):.0f} | {name} | "
                             f"{percentile(t, 50):.0f} | {percentile(t, 99):.0f} |")
    lines += ["", "Ratios (p50 of the baseline ÷ p50 of ours: above 1.00× ours answers faster):", "",
              "| items | query | wlmscpfs ÷ ours | Orthanc ÷ ours |", "|---:|---|---:|---:|"]
    for n in sizes_done:
        results, _ = all_results[n]
        for kind, times in results.items():
            ours = percentile(times["ours (ris-pacs)"], 50)
            lines.append(f"| {n} | {kind} | {percentile(times['dcmtk wlmscpfs'], 50) / ours:.2f}× | "
                         f"{percentile(times['Orthanc'], 50) / ours:.2f}× |")
    return "\n".join(lines) + "\n"



def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="worklist sizes, loaded cumulatively")
    ap.add_argument("--samples", type=int, default=50, help="queries per kind and size")
    ap.add_argument("--connections", type=int, default=4, help="parallel MLLP connections for the load")
    ap.add_argument("--jar", default=os.path.join(REPO, "app", "target", "ris-pacs.jar"))
    ap.add_argument("--pool-size", type=int, default=0,
                    help="ours' database connection pool (spring.datasource.hikari.maximum-pool-size); the default "
                         "of 10 starves more than a few MLLP connections beside the event processors")
    ap.add_argument("--project", choices=["live", "rebuild"], default="live",
                    help="how ours' worklist read model catches up after the HL7 load: its live event processor, "
                         "or a rebuild (replay of the event store) started once every message is acknowledged")
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--load-timeout", type=int, default=7200,
                    help="seconds allowed per size for loading ours (the size is then reported as not measured)")
    ap.add_argument("--load-until", help="UTC time HH:MM after which no size starts or continues loading "
                                         "(it is then reported as not measured); the queries of loaded sizes run")
    ap.add_argument("--doc", default=os.path.join(REPO, "docs", "performance.md"))
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--note", action="append", default=[])
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for tool in ("findscu", "echoscu", "wlmscpfs", "dcmdump", "Orthanc", "java"):
        if subprocess.run(["which", tool], stdout=subprocess.DEVNULL).returncode != 0:
            raise SystemExit(f"{tool} not found (apt-get install dcmtk orthanc; a JDK 17)")
    if not os.path.exists(args.jar):
        raise SystemExit(f"{args.jar} missing: mvn -B -q -DskipTests package")
    started = datetime.datetime.now(datetime.timezone.utc)
    def terminated(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up short
        sys.exit(143)
    signal.signal(signal.SIGTERM, terminated)  # still stop the peers and report
    workdir = args.workdir or tempfile.mkdtemp(prefix="mwl-bench-")
    os.makedirs(workdir, exist_ok=True)
    log(f"scratch folder {workdir}")
    today = datetime.date.today()
    java_opts = args.java_opts.split()
    if args.pool_size:
        java_opts.append(f"-Dspring.datasource.hikari.maximum-pool-size={args.pool_size}")
    ours = Ours(workdir, args.jar, java_opts)
    wlm, orthanc = Wlmscpfs(workdir), OrthancWorklists(workdir)
    peers = [wlm, orthanc, ours]
    loads, all_results, done = {}, {}, []
    echo = {}
    try:
        for p in peers:
            p.start()
        echo = {p.name: echo_ms(p) for p in peers}
        loaded = 0
        all_steps = steps(max(sizes), today)
        for n in sizes:
            new = all_steps[loaded:n]
            log(f"size {n}: writing {len(new)} .wl files")
            write_worklists(new, wlm.folder)
            write_worklists(new, orthanc.folder)
            if loaded == 0:
                check = subprocess.run(["dcmdump", os.path.join(wlm.folder, f"{new[0]['accession']}.wl")],
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                if check.returncode != 0 or b"ScheduledStationAETitle" not in check.stdout:
                    raise RuntimeError(f"dcmdump cannot read our .wl file: {check.stdout.decode()[-1000:]}")
            log(f"size {n}: loading {len(new)} items into ours over HL7")
            stop_at = time.monotonic() + args.load_timeout
            if args.load_until:
                hh, mm = (int(x) for x in args.load_until.split(":"))
                now = datetime.datetime.now(datetime.timezone.utc)
                until = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
                stop_at = min(stop_at, time.monotonic() + (until - now).total_seconds())
            try:
                ack = load_ours_over_hl7(new, ours.hl7_port, args.connections, stop_at)
            except LoadTimeout as e:
                log(f"size {n}: not loaded: {e}")
                args.note.append(f"- {n} items: not measured; loading them into ours stopped: {e}.")
                break
            try:
                if args.project == "rebuild":
                    log(f"size {n}: all acknowledged; rebuilding the modality worklist read model from the event store")
                    rebuild_worklist(ours.http_port)
                visible = wait_until_visible(new, ours.http_port, max(60, stop_at - time.monotonic()))
            except RuntimeError as e:
                log(f"size {n}: not visible in time: {e}")
                args.note.append(f"- {n} items: not measured; all acknowledged over HL7 in {ack:.0f} s, "
                                 f"but the worklist read model had not caught up when the load time ran out ({e}).")
                break
            loads[n] = (ack, visible)
            log(f"size {n}: ours acknowledged all in {ack:.0f}s, visible {visible:.0f}s later")
            loaded = n
            results, counts = measure(peers, query_kinds(all_steps[:n], today, args.samples), workdir)
            all_results[n] = (results, counts)
            done.append(n)
            for kind, times in results.items():
                log(f"size {n} {kind} (median {statistics.median(counts[kind]):.0f} answers): " + ", ".join(
                    f"{name} p50 {percentile(t, 50):.0f} ms p99 {percentile(t, 99):.0f} ms"
                    for name, t in times.items()))
    finally:
        for p in reversed(peers):
            try:
                p.stop()
            except Exception as e:  # keep stopping the others
                log(f"stopping {p.name}: {e}")
        if not args.keep and not args.workdir:
            subprocess.run(["rm", "-rf", workdir])
        if done:
            section = report(done, args, loads, all_results, echo, started)
            if args.note:
                section += "\nNotes:\n\n" + "\n".join(args.note) + "\n"
            print(section)
            if not args.no_doc:
                ingest.write_doc(args.doc, section, head="## Modality worklist C-FIND")


if __name__ == "__main__":
    main()
