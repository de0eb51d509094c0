#!/usr/bin/env python3
"""DICOMweb benchmark: our /dicomweb against Orthanc's DICOMweb plugin, same data, same run.

Standard library only, plus dcmtk's storescu; everything on 127.0.0.1. See README.md beside
this file. Never part of `mvn verify`.

Outline:
  * generate deterministic Part 10 files: S small studies (one patient each) and one big study
    of N 256x256 16-bit MONOCHROME2 CT slices in one series;
  * store them into each peer with one storescu process (one association) and wait until each
    peer's QIDO-RS shows every study with all its instances (ours projects asynchronously);
  * against each peer in turn (order rotated), on keep-alive connections: QIDO-RS study search
    by PatientID and by PatientName wildcard (p50/p99), the big series' /metadata (first call,
    then warm p50/p99), and WADO-RS frame 1 of every instance of the big series over C
    concurrent connections (frames/s, MB/s);
  * check the answers: the same studies from both peers and the ones the data holds, N items in
    the metadata with the SOP Instance UIDs written, every frame byte-identical to the pixel
    data written;
  * print a markdown section with ours/Orthanc ratios (and write it to --doc-out FILE).
"""

import argparse
import base64
import datetime
import hashlib
import http.client
import importlib.util
import json
import os
import platform
import queue
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

_spec = importlib.util.spec_from_file_location("ingest", os.path.join(REPO, "bench", "dicom-ingest", "bench.py"))
ingest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ingest)
log, free_port, wait_for_port, stop_process, http_json, uid = (ingest.log, ingest.free_port, ingest.wait_for_port,
                                                                ingest.stop_process, ingest.http_json, ingest.uid)
LOOPBACK = ingest.LOOPBACK
DCMTK_ENV = ingest.DCMTK_ENV
CALLING_AE = "DWBENCH"
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
IMPL_CLASS_UID = "1.2.826.0.1.3680043.9.7433.1.3"  # only written into the File Meta
FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*'

FAMILY = ["Smith", "Smythe", "Johnson", "Jones", "Brown", "Browning", "Garcia", "Miller", "Millet", "Davis",
          "Wilson", "Willis", "Moore", "Taylor", "Mueller", "Schmidt", "Schneider", "Dubois", "Rossi", "Romano",
          "Nowak", "Novak", "Jansen", "Janssen", "Bakker", "Baker", "Martin", "Martinez", "Lee", "Leroy"]
GIVEN = ["James", "Mary", "John", "Patricia", "Hans", "Anna", "Pierre", "Marie", "Luca", "Giulia", "Jan", "Sanne",
         "Piotr", "Agnieszka", "Wei", "Mei", "Carlos", "Lucia"]
BIG_PATIENT = ("DWB-BIG", "Volume^Bigstudy")


# --------------------------------------------------------------------------- data

def _el(group, elem, vr, value):
    """One explicit VR little endian element; `value` is str, bytes, or an int for US/UL."""
    if vr == "US":
        value = struct.pack("<H", value)
    elif vr == "UL":
        value = struct.pack("<I", value)
    elif isinstance(value, str):
        value = value.encode("ascii")
    if len(value) % 2:
        value += b"\0" if vr in ("UI", "OB", "OW") else b" "
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value


def ct_file(study, series, instance, number, rows, cols, frame):
    """A CT slice as a Part 10 file (explicit VR little endian), elements in ascending tag order."""
    z = -100.0 + 1.25 * (number - 1)
    meta = (_el(0x0002, 0x0001, "OB", b"\0\1") + _el(0x0002, 0x0002, "UI", CT_IMAGE_STORAGE) +
            _el(0x0002, 0x0003, "UI", instance) + _el(0x0002, 0x0010, "UI", EXPLICIT_VR_LE) +
            _el(0x0002, 0x0012, "UI", IMPL_CLASS_UID) + _el(0x0002, 0x0013, "SH", "RISDWBENCH"))
    meta = _el(0x0002, 0x0000, "UL", len(meta)) + meta
    ds = b"".join([
        _el(0x0008, 0x0005, "CS", "ISO_IR 100"),
        _el(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY\\AXIAL"),
        _el(0x0008, 0x0016, "UI", CT_IMAGE_STORAGE),
        _el(0x0008, 0x0018, "UI", instance),
        _el(0x0008, 0x0020, "DA", study["date"]),
        _el(0x0008, 0x0030, "TM", "101500"),
        _el(0x0008, 0x0050, "SH", study["accession"]),
        _el(0x0008, 0x0060, "CS", "CT"),
        _el(0x0008, 0x0090, "PN", "Referrer^Ray"),
        _el(0x0008, 0x1030, "LO", study["description"]),
        _el(0x0008, 0x103E, "LO", "Axial 1.25 mm"),
        _el(0x0010, 0x0010, "PN", study["name"]),
        _el(0x0010, 0x0020, "LO", study["pid"]),
        _el(0x0010, 0x0030, "DA", study["birth"]),
        _el(0x0010, 0x0040, "CS", study["sex"]),
        _el(0x0018, 0x0050, "DS", "1.25"),
        _el(0x0020, 0x000D, "UI", study["uid"]),
        _el(0x0020, 0x000E, "UI", series),
        _el(0x0020, 0x0010, "SH", study["accession"][-8:]),
        _el(0x0020, 0x0011, "IS", "1"),
        _el(0x0020, 0x0013, "IS", str(number)),
        _el(0x0020, 0x0032, "DS", f"-160\\-160\\{z:g}"),
        _el(0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0"),
        _el(0x0020, 0x1041, "DS", f"{z:g}"),
        _el(0x0028, 0x0002, "US", 1),
        _el(0x0028, 0x0004, "CS", "MONOCHROME2"),
        _el(0x0028, 0x0010, "US", rows),
        _el(0x0028, 0x0011, "US", cols),
        _el(0x0028, 0x0030, "DS", f"{320 / rows:g}\\{320 / cols:g}"),
        _el(0x0028, 0x0100, "US", 16),
        _el(0x0028, 0x0101, "US", 12),
        _el(0x0028, 0x0102, "US", 11),
        _el(0x0028, 0x0103, "US", 0),
        _el(0x0028, 0x1050, "DS", "40"),
        _el(0x0028, 0x1051, "DS", "400"),
        _el(0x0028, 0x1052, "DS", "-1024"),
        _el(0x0028, 0x1053, "DS", "1"),
    ])
    return b"\0" * 128 + b"DICM" + meta + ds + _el(0x7FE0, 0x0010, "OW", frame)


def base_frame(rows, cols):
    """A 12-bit radial pattern; each slice is it rotated by a different number of pixels."""
    return b"".join(struct.pack(f"<{cols}H", *((((x - cols // 2) ** 2 + (y - rows // 2) ** 2) // 8) % 4096
                                               for x in range(cols))) for y in range(rows))


def slice_frame(base, number):
    shift = (number * 2 * 397) % len(base)
    return base[shift:] + base[:shift]


def generate(folder, studies, instances, small_instances):
    """Writes the files; returns (small studies, the big study) as dicts; the big study has per
    instance its SOP Instance UID and the SHA-256 of its frame."""
    rnd = random.Random(20261207)
    big_rows, small_rows = 256, 64
    small = []
    for i in range(studies):
        family, given = rnd.choice(FAMILY), rnd.choice(GIVEN)
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rnd.randrange(300))
        small.append({"pid": f"DWB{i:05d}", "name": f"{family}^{given}", "family": family,
                      "birth": f"{1930 + rnd.randrange(80)}{1 + rnd.randrange(12):02d}{1 + rnd.randrange(28):02d}",
                      "sex": rnd.choice("MF"), "accession": f"DWA{i:08d}", "date": day.strftime("%Y%m%d"),
                      "description": "CT head", "uid": uid("dwbench", "study", i),
                      "series": uid("dwbench", "series", i), "instances": small_instances})
    big = {"pid": BIG_PATIENT[0], "name": BIG_PATIENT[1], "family": BIG_PATIENT[1].split("^")[0],
           "birth": "19600101", "sex": "O", "accession": "DWABIG0001", "date": "20261201",
           "description": "CT chest abdomen pelvis", "uid": uid("dwbench", "big-study"),
           "series": uid("dwbench", "big-series"), "instances": instances, "sops": [], "frame_sha": {}}
    small_base = base_frame(small_rows, small_rows)
    for k, s in enumerate(small):
        sub = os.path.join(folder, "small", f"{k // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        for n in range(1, small_instances + 1):
            sop = uid("dwbench", "sop", k, n)
            with open(os.path.join(sub, f"{k:05d}-{n}.dcm"), "wb") as f:
                f.write(ct_file(s, s["series"], sop, n, small_rows, small_rows, slice_frame(small_base, n)))
    base = base_frame(big_rows, big_rows)
    sub = os.path.join(folder, "big")
    os.makedirs(sub, exist_ok=True)
    for n in range(1, instances + 1):
        sop = uid("dwbench", "big-sop", n)
        frame = slice_frame(base, n)
        big["sops"].append(sop)
        big["frame_sha"][sop] = hashlib.sha256(frame).hexdigest()
        with open(os.path.join(sub, f"{n:06d}.dcm"), "wb") as f:
            f.write(ct_file(big, big["series"], sop, n, big_rows, big_rows, frame))
    big["frame_bytes"] = len(base)
    return small, big


# --------------------------------------------------------------------------- HTTP

class HttpStatusError(RuntimeError):
    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class Client:
    """One keep-alive HTTP/1.1 connection to a peer's DICOMweb root."""

    def __init__(self, peer, timeout=300):
        self.peer = peer
        self.timeout = timeout
        self.conn = None
        self.reconnects = 0

    def get(self, path, accept="application/dicom+json"):
        """Returns (status, headers, body, seconds); the time covers sending and reading the whole body."""
        headers = {"Accept": accept, **self.peer.auth_headers}
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(LOOPBACK, self.peer.http_port, timeout=self.timeout)
            try:
                t0 = time.perf_counter()
                self.conn.request("GET", self.peer.root + path, headers=headers)
                r = self.conn.getresponse()
                body = r.read()
                elapsed = time.perf_counter() - t0
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise
                self.reconnects += 1  # the server closed an idle keep-alive connection: once more
                continue
            if r.getheader("Connection", "").lower() == "close":
                self.close()
            return r.status, r, body, elapsed

    def get_json(self, path):
        status, response, body, elapsed = self.get(path)
        if status == 204:
            return [], elapsed
        if status != 200:
            where = f" (Location: {response.getheader('Location')})" if response.getheader("Location") else ""
            raise HttpStatusError(f"{self.peer.name}: GET {self.peer.root}{path} -> {status}{where}: "
                                  f"{body[:500]!r}", status)
        return json.loads(body.decode("utf-8")), elapsed

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def value(item, tag):
    element = item.get(tag) or item.get(tag.lower()) or {}
    values = element.get("Value") or [None]
    return values[0]


def multipart_parts(content_type, body):
    """The parts (headers bytes, content bytes) of a multipart/related body (RFC 2046)."""
    params = {}
    for p in content_type.split(";")[1:]:
        k, _, v = p.strip().partition("=")
        params[k.strip().lower()] = v.strip().strip('"')
    boundary = params.get("boundary")
    if not content_type.lower().startswith("multipart/related") or not boundary:
        raise RuntimeError(f"not a multipart/related answer with a boundary: {content_type!r}")
    delimiter = b"--" + boundary.encode("ascii")
    pos = body.find(delimiter)
    if pos < 0:
        raise RuntimeError("multipart body without its boundary")
    parts = []
    pos += len(delimiter)
    while body[pos:pos + 2] != b"--":
        pos = body.index(b"\r\n", pos) + 2  # past transport padding and the CRLF after the delimiter
        end = body.find(b"\r\n" + delimiter, pos)
        if end < 0:
            raise RuntimeError("multipart body not closed by its boundary")
        part = body[pos:end]
        if part.startswith(b"\r\n"):
            parts.append((b"", part[2:]))
        else:
            head, sep, content = part.partition(b"\r\n\r\n")
            if not sep:
                raise RuntimeError("multipart part without a header end")
            parts.append((head, content))
        pos = end + 2 + len(delimiter)
    return parts


# --------------------------------------------------------------------------- peers

BENCH_USER, BENCH_PASSWORD = "dicomweb-bench", "dicomweb-bench-" + os.urandom(6).hex()


class OrthancDicomWeb:
    name = "Orthanc"
    ae = "ORTHANC"
    root = "/dicom-web"
    auth_headers = {}
    plugin_candidates = ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so",
                         "/usr/lib/orthanc/libOrthancDicomWeb.so"]

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "orthanc")
        self.log = os.path.join(workdir, "orthanc.log")
        self.proc = None

    def start(self):
        plugin = next((p for p in self.plugin_candidates if os.path.exists(p)), None)
        if plugin is None:
            raise RuntimeError("Orthanc's DICOMweb plugin not found (apt-get install orthanc-dicomweb)")
        for sub in ("storage", "index"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self.port, self.http_port = free_port(), free_port()
        config = {"Name": "dicomwebbench", "StorageDirectory": os.path.join(self.dir, "storage"),
                  "IndexDirectory": os.path.join(self.dir, "index"), "StorageCompression": False,
                  "HttpPort": self.http_port, "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
                  "DicomAet": self.ae, "DicomPort": self.port, "DicomCheckCalledAet": False,
                  "DicomAlwaysAllowStore": True, "DicomAlwaysAllowEcho": True, "DicomModalities": {},
                  "SaveJobs": False, "Plugins": [plugin],
                  "DicomWeb": {"Enable": True, "Root": self.root + "/"}}
        with open(os.path.join(self.dir, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        self.logf = open(self.log, "wb")
        # Orthanc's DICOM server is Debian's dcmtk: TCP_NODELAY=1 as for storescu
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
        try:
            self.plugin_version = http_json(f"http://{LOOPBACK}:{self.http_port}/plugins/dicom-web")["Version"]
        except (OSError, ValueError, KeyError):
            raise RuntimeError(f"Orthanc started without its DICOMweb plugin; see {self.log}")
        wait_for_port(self.port, self.proc, 30)
        self.label = f"Orthanc {self.version} + DICOMweb plugin {self.plugin_version}"
        log(f"{self.label} up: DICOM {LOOPBACK}:{self.port}, HTTP {self.http_port} (pid {self.proc.pid})")

    def stop(self):
        stop_process(self.proc, self.name, 60)
        if getattr(self, "logf", None):
            self.logf.close()


class Ours(ingest.OursPeer):
    name = "ours"
    root = "/dicomweb"
    start_timeout = 600  # a shared machine under load can take minutes to start Elasticsearch

    def __init__(self, workdir, jar, java_opts):
        self.hl7_port = free_port()  # not used, but never the default port another run may hold
        super().__init__(workdir, jar, java_opts + [f"-Dris.hl7.port={self.hl7_port}",
                                                    f"-Dris.hl7.bind-address={LOOPBACK}",
                                                    f"-Dris.security.integration-user={BENCH_USER}",
                                                    f"-Dris.security.integration-password={BENCH_PASSWORD}",
                                                    "-Dris.security.integration-roles=RADIOLOGIST,TECHNOLOGIST,ADMIN"])
        token = base64.b64encode(f"{BENCH_USER}:{BENCH_PASSWORD}".encode()).decode()
        self.auth_headers = {"Authorization": f"Basic {token}"}
        self.label = "ours (packaged jar)"


# --------------------------------------------------------------------------- load

def store(peer, folder, logdir):
    """One storescu process, one association, every file; returns the seconds it took."""
    out_path = os.path.join(logdir, f"storescu-{peer.name}.log")
    cmd = ["storescu", "-R", "-aet", CALLING_AE, "-aec", peer.ae, LOOPBACK, str(peer.port), "+sd", "+r", folder]
    t0 = time.monotonic()
    with open(out_path, "wb") as out:
        r = subprocess.run(cmd, env=DCMTK_ENV, stdout=out, stderr=subprocess.STDOUT, timeout=7200)
    elapsed = time.monotonic() - t0
    if r.returncode != 0:
        raise RuntimeError(f"storescu to {peer.name} exited {r.returncode}; see {out_path}")
    return elapsed


def series_instance_count(client, study_uid):
    series, _ = client.get_json(f"/studies/{study_uid}/series?includefield=00201209")
    counts = [value(s, "00201209") for s in series]
    if any(c is None for c in counts):
        raise RuntimeError(f"{client.peer.name}: a series without NumberOfSeriesRelatedInstances (0020,1209)")
    return sum(int(c) for c in counts)


def wait_visible(peer, all_studies, timeout):
    """Until QIDO finds every study by its PatientID with all its instances."""
    client = Client(peer, timeout=60)
    t0 = time.monotonic()
    pending = list(all_studies)
    last_log = t0
    try:
        while pending:
            still = []
            for s in pending:
                try:
                    found, _ = client.get_json(f"/studies?PatientID={urllib.parse.quote(s['pid'])}"
                                               "&includefield=00201208")
                except (HttpStatusError, OSError, ValueError) as e:
                    if isinstance(e, HttpStatusError) and e.status < 500:
                        raise  # a refusal, not a server still catching up
                    if time.monotonic() - t0 > timeout:
                        raise RuntimeError(f"{peer.name}: QIDO failing after {timeout}s: {e}")
                    still.append(s)
                    continue
                match = [f for f in found if value(f, "0020000D") == s["uid"]]
                if not match:
                    still.append(s)
                    continue
                n = value(match[0], "00201208")
                n = int(n) if n is not None else series_instance_count(client, s["uid"])
                if n < s["instances"]:
                    still.append(s)
                elif n > s["instances"]:
                    raise RuntimeError(f"{peer.name}: study of {s['pid']} shows {n} instances, "
                                       f"{s['instances']} were stored")
            pending = still
            if pending:
                if time.monotonic() - t0 > timeout:
                    raise RuntimeError(f"{peer.name}: {len(pending)} studies not fully visible over QIDO after "
                                       f"{timeout}s (first: {pending[0]['pid']})")
                if time.monotonic() - last_log > 30:
                    log(f"  {peer.name}: {len(pending)} studies not yet fully visible")
                    last_log = time.monotonic()
                time.sleep(0.5)
    finally:
        client.close()
    return time.monotonic() - t0


# --------------------------------------------------------------------------- measures

def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def rotated(peers, j):
    k = j % len(peers)
    return peers[k:] + peers[:k]


def qido_queries(small, big, samples):
    """Per kind, `samples` (path, expected set of Study Instance UIDs)."""
    rnd = random.Random(7)
    everyone = small + [big]
    by_id = [(f"/studies?PatientID={urllib.parse.quote(s['pid'])}", {s["uid"]})
             for s in (rnd.choice(small) for _ in range(samples))]
    by_name = []
    for _ in range(samples):
        prefix = rnd.choice(small)["family"][:3]
        expected = {s["uid"] for s in everyone if s["name"].startswith(prefix)}
        # '*' sent as is: Orthanc does not decode %2A in a query and then matches nothing
        by_name.append((f"/studies?PatientName={urllib.parse.quote(prefix, safe='')}*", expected))
    return {"QIDO studies by PatientID": by_id, "QIDO studies by PatientName wildcard": by_name}


def measure_qido(peers, clients, kinds):
    results = {}
    for kind, queries in kinds.items():
        for p in peers:
            for path, _ in queries[:3]:
                clients[p.name].get_json(path)  # warm-up, not counted
        times = {p.name: [] for p in peers}
        matched = []
        for j, (path, expected) in enumerate(queries):
            for p in rotated(peers, j):
                found, elapsed = clients[p.name].get_json(path)
                got = {value(f, "0020000D") for f in found}
                if got != expected or len(found) != len(expected):
                    raise RuntimeError(f"{p.name}: {path} answered {len(found)} studies {sorted(got)[:3]}..., "
                                       f"expected {len(expected)}")
                times[p.name].append(elapsed * 1000)
            matched.append(len(expected))
        results[kind] = {"times": times, "matched": sorted(matched)[len(matched) // 2]}
        log(f"{kind} (median {results[kind]['matched']} matched): " + ", ".join(
            f"{n} p50 {percentile(t, 50):.1f} ms p99 {percentile(t, 99):.1f} ms" for n, t in times.items()))
    return results


def check_metadata(peer, items, big):
    if len(items) != big["instances"]:
        raise RuntimeError(f"{peer.name}: metadata of the big series has {len(items)} items, "
                           f"{big['instances']} instances were stored")
    sops = {value(i, "00080018") for i in items}
    if sops != set(big["sops"]):
        raise RuntimeError(f"{peer.name}: metadata SOP Instance UIDs differ from those stored")
    one = next(i for i in items if value(i, "00080018") == big["sops"][0])
    for tag, expected in (("00280010", 256), ("00280011", 256), ("00280100", 16), ("00200013", 1),
                          ("0020000D", big["uid"]), ("00100020", big["pid"]), ("00080050", big["accession"]),
                          ("00080020", big["date"]), ("00080060", "CT"), ("00280004", "MONOCHROME2")):
        got = value(one, tag)
        if isinstance(expected, int) and got is not None:
            got = int(got)  # US and IS are JSON numbers (PS3.18 F.2.3); tolerate strings here
        if got != expected:
            raise RuntimeError(f"{peer.name}: metadata {tag} = {value(one, tag)!r}, expected {expected!r}")
    if float(value(one, "00281050")) != 40.0 or float(value(one, "00281051")) != 400.0:
        raise RuntimeError(f"{peer.name}: metadata window {value(one, '00281050')}/{value(one, '00281051')}")


def measure_metadata(peers, clients, big, samples):
    path = f"/studies/{big['uid']}/series/{big['series']}/metadata"
    first = {}
    emptied = False
    for p in peers:
        os.sync()
        emptied = ingest.drop_page_cache()  # root only: the first call then reads its files from disk
        items, elapsed = clients[p.name].get_json(path)
        check_metadata(p, items, big)
        first[p.name] = elapsed * 1000
    times = {p.name: [] for p in peers}
    for j in range(samples):
        for p in rotated(peers, j):
            items, elapsed = clients[p.name].get_json(path)
            if len(items) != big["instances"]:
                raise RuntimeError(f"{p.name}: metadata answered {len(items)} items")
            times[p.name].append(elapsed * 1000)
    log(f"series metadata ({big['instances']} instances): " + ", ".join(
        f"{n} first {first[n]:.0f} ms, warm p50 {percentile(t, 50):.1f} ms p99 {percentile(t, 99):.1f} ms"
        for n, t in times.items()))
    return {"first": first, "times": times, "page_cache_emptied": emptied}


def fetch_frames(peer, clients, big):
    """Frame 1 of every instance of the big series over len(clients) connections at once.
    Returns (seconds, frame bytes, list of problems)."""
    work = queue.Queue()
    for sop in big["sops"]:
        work.put(sop)
    got = [0]
    problems = []
    lock = threading.Lock()

    def worker(client):
        try:
            while True:
                try:
                    sop = work.get_nowait()
                except queue.Empty:
                    return
                status, response, body, _ = client.get(
                    f"/studies/{big['uid']}/series/{big['series']}/instances/{sop}/frames/1", accept=FRAME_ACCEPT)
                if status != 200:
                    raise RuntimeError(f"frame of {sop}: HTTP {status}: {body[:300]!r}")
                parts = multipart_parts(response.getheader("Content-Type", ""), body)
                if len(parts) != 1:
                    raise RuntimeError(f"frame of {sop}: {len(parts)} parts")
                frame = parts[0][1]
                if hashlib.sha256(frame).hexdigest() != big["frame_sha"][sop]:
                    raise RuntimeError(f"frame of {sop}: {len(frame)} bytes, not the pixel data stored")
                with lock:
                    got[0] += len(frame)
        except Exception as e:  # reported below, the run fails
            with lock:
                problems.append(f"{peer.name}: {e}")

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, got[0], problems


def measure_frames(peers, frame_clients, big, passes):
    for p in peers:  # warm-up, not counted: the first frames of every connection
        small = dict(big, sops=big["sops"][:4 * len(frame_clients[p.name])])
        _, _, problems = fetch_frames(p, frame_clients[p.name], small)
        if problems:
            raise RuntimeError("; ".join(problems[:3]))
    rates = {p.name: [] for p in peers}
    for j in range(passes):
        for p in rotated(peers, j):
            seconds, nbytes, problems = fetch_frames(p, frame_clients[p.name], big)
            if problems:
                raise RuntimeError("; ".join(problems[:3]))
            if nbytes != big["instances"] * big["frame_bytes"]:
                raise RuntimeError(f"{p.name}: {nbytes} frame bytes, expected {big['instances'] * big['frame_bytes']}")
            rates[p.name].append((big["instances"] / seconds, nbytes / seconds / 1e6))
            log(f"frames pass {j + 1}, {p.name}: {big['instances']} in {seconds:.2f} s "
                f"({big['instances'] / seconds:.0f} frames/s, {nbytes / seconds / 1e6:.1f} MB/s)")
    medians = {}
    for name, r in rates.items():
        by_frames = sorted(r)
        medians[name] = by_frames[len(by_frames) // 2]
    return {"passes": rates, "median": medians}


# --------------------------------------------------------------------------- report

def report(args, peers, small, big, loads, visible, qido, metadata, frames, started, reconnects):
    names = [p.name for p in peers]
    pair = "ours" in names and "Orthanc" in names
    lines = ["## DICOMweb (QIDO-RS, WADO-RS) against Orthanc", "",
             "Produced by `bench/dicomweb/bench.py` (see its README). Command:", "", "```",
             "python3 bench/dicomweb/bench.py " + " ".join(sys.argv[1:]), "```", "",
             f"- Date: {started:%Y-%m-%d %H:%M} UTC (whole run: {(time.time() - started.timestamp()) / 60:.1f} min)",
             f"- Machine: `nproc` = {os.cpu_count()}, kernel {platform.release()}, Python {platform.python_version()}; "
             "shared and noisy: read the ratios, not the absolute figures",
             "- Peers: " + "; ".join(f"{p.label} (`{p.root}`)" for p in peers),
             f"- Data: {len(small)} studies of one patient each ({small[0]['instances'] if small else 0} CT slices "
             f"64×64), and one study of one series of {big['instances']} CT slices 256×256, 16 bits allocated, "
             "MONOCHROME2, explicit VR little endian Part 10 files written by the script; stored with one "
             "`storescu` association per peer: " + ", ".join(
                 f"{n} {loads[n]:.1f} s, all visible over QIDO {visible[n]:.1f} s later" for n in names),
             f"- Client: Python `http.client`, keep-alive connections; {args.samples} requests per QIDO kind and "
             "for the warm metadata, peers in turn with the order rotated; QIDO answers checked against the "
             "studies the data holds, the metadata for its N items and their SOP Instance UIDs",
             f"- Frames: `GET .../instances/{{i}}/frames/1` of every instance of the big series, "
             f"`Accept: {FRAME_ACCEPT}`, {args.connections} connections at once, {args.frame_passes} passes "
             "(median), after an untimed warm-up; every frame checked byte for byte (SHA-256) against the pixel "
             "data written", ""]
    ratio_head = " | ratio (above 1.00×: ours better) |" if pair else " |"
    lines += ["| measure | " + " | ".join(names) + ratio_head, "|---|" + "---:|" * (len(names) + pair)]

    def row(label, per_peer, fmt, higher_is_better=False):
        line = f"| {label} | " + " | ".join(fmt.format(per_peer[n]) for n in names)
        if pair:
            ratio = (per_peer["ours"] / per_peer["Orthanc"] if higher_is_better
                     else per_peer["Orthanc"] / per_peer["ours"])
            line += f" | {ratio:.2f}×"
        return line + " |"

    for kind, r in qido.items():
        for p in (50, 99):
            matched = f"{r['matched']} stud{'y' if r['matched'] == 1 else 'ies'}"
            lines.append(row(f"{kind} (median {matched} matched), p{p} ms",
                             {n: percentile(t, p) for n, t in r["times"].items()}, "{:.1f}"))
    first = "first call" + (", page cache emptied before it" if metadata["page_cache_emptied"] else "")
    lines.append(row(f"series metadata ({big['instances']} instances), {first}, ms", metadata["first"], "{:.0f}"))
    for p in (50, 99):
        lines.append(row(f"series metadata ({big['instances']} instances), warm p{p} ms",
                         {n: percentile(t, p) for n, t in metadata["times"].items()}, "{:.1f}"))
    lines.append(row(f"WADO-RS frame 1 of each instance, {args.connections} connections, frames/s",
                     {n: frames["median"][n][0] for n in names}, "{:.0f}", True))
    lines.append(row(f"WADO-RS frame 1 of each instance, {args.connections} connections, MB/s of frame bytes",
                     {n: frames["median"][n][1] for n in names}, "{:.1f}", True))
    lines += [""]
    if pair:
        lines += ["Ratios from the same run: latency rows Orthanc ÷ ours, throughput rows ours ÷ Orthanc.", ""]
    if "ours" in names:
        warm = percentile(metadata["times"]["ours"], 50)
        verdict = ("met" if warm <= 50 else "not met") if big["instances"] >= 500 else "needs 500 instances or more"
        lines += [f"Target, ours' warm series metadata p50 ≤ 50 ms for 500 instances: {warm:.1f} ms for "
                  f"{big['instances']}, {verdict}.", ""]
    if any(reconnects.values()):
        lines += ["Keep-alive connections reopened after the server closed them: " + ", ".join(
            f"{n} {c}" for n, c in reconnects.items()), ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", default="ours,orthanc", help="comma-separated: ours, orthanc")
    ap.add_argument("--studies", type=int, default=20, help="small studies, one patient each")
    ap.add_argument("--study-instances", type=int, default=2, help="CT slices (64x64) per small study")
    ap.add_argument("--instances", type=int, default=500, help="CT slices (256x256) of the big study's series")
    ap.add_argument("--samples", type=int, default=100, help="requests per QIDO kind and for the warm metadata")
    ap.add_argument("--connections", type=int, default=4, help="concurrent connections fetching frames")
    ap.add_argument("--frame-passes", type=int, default=5, help="timed passes over every frame (median reported)")
    ap.add_argument("--visible-timeout", type=int, default=900,
                    help="seconds allowed for a peer's QIDO to show everything stored")
    ap.add_argument("--jar", default=os.path.join(REPO, "app", "target", "ris-pacs.jar"))
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--workdir", help="scratch folder (kept); default a new temporary one, removed unless --keep")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--doc-out", help="write the markdown section to this file too (default: print only)")
    args = ap.parse_args()
    wanted = [p.strip().lower() for p in args.peers.split(",") if p.strip()]
    if not wanted or any(p not in ("ours", "orthanc") for p in wanted):
        raise SystemExit("--peers takes ours and/or orthanc")
    tools = ["storescu"] + (["Orthanc"] if "orthanc" in wanted else []) + (["java"] if "ours" in wanted else [])
    for tool in tools:
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found (apt-get install dcmtk orthanc orthanc-dicomweb; a JDK)")
    if "ours" in wanted and not os.path.exists(args.jar):
        raise SystemExit(f"{args.jar} missing: mvn -B -q -o -DskipTests package")
    if args.instances < 1 or args.samples < 1 or args.connections < 1 or args.frame_passes < 1:
        raise SystemExit("--instances, --samples, --connections and --frame-passes must be at least 1")
    started = datetime.datetime.now(datetime.timezone.utc)

    def terminated(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up short
        sys.exit(143)
    signal.signal(signal.SIGTERM, terminated)  # still stop the peers

    workdir = args.workdir or tempfile.mkdtemp(prefix="dicomweb-bench-")
    os.makedirs(workdir, exist_ok=True)
    logdir = os.path.join(workdir, "logs")
    os.makedirs(logdir, exist_ok=True)
    log(f"scratch folder {workdir}")
    peers = []
    if "ours" in wanted:
        peers.append(Ours(workdir, args.jar, args.java_opts.split()))
    if "orthanc" in wanted:
        peers.append(OrthancDicomWeb(workdir))
    clients, frame_clients = {}, {}
    section = None
    try:
        data = os.path.join(workdir, "data")
        shutil.rmtree(data, ignore_errors=True)
        log(f"writing {args.studies} x {args.study_instances} + {args.instances} files")
        small, big = generate(data, args.studies, args.instances, args.study_instances)
        check = subprocess.run(["dcmdump", os.path.join(data, "big", "000001.dcm")], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
        if check.returncode != 0 or b"WindowCenter" not in check.stdout:
            raise RuntimeError(f"dcmdump cannot read a generated file: {check.stdout.decode()[-1000:]}")
        for p in peers:
            shutil.rmtree(p.dir, ignore_errors=True)  # a reused --workdir: start from empty peers
            p.start()
        loads, visible = {}, {}
        everything = small + [big]
        for p in peers:
            loads[p.name] = store(p, data, logdir)
            log(f"{p.name}: stored {args.studies * args.study_instances + args.instances} files in "
                f"{loads[p.name]:.1f} s")
            visible[p.name] = wait_visible(p, everything, args.visible_timeout)
            log(f"{p.name}: everything visible over QIDO {visible[p.name]:.1f} s after the store")
        clients = {p.name: Client(p) for p in peers}
        frame_clients = {p.name: [Client(p) for _ in range(args.connections)] for p in peers}
        qido = measure_qido(peers, clients, qido_queries(small, big, args.samples))
        metadata = measure_metadata(peers, clients, big, args.samples)
        frames = measure_frames(peers, frame_clients, big, args.frame_passes)
        reconnects = {p.name: clients[p.name].reconnects + sum(c.reconnects for c in frame_clients[p.name])
                      for p in peers}
        section = report(args, peers, small, big, loads, visible, qido, metadata, frames, started, reconnects)
    finally:
        for c in list(clients.values()) + [c for cs in frame_clients.values() for c in cs]:
            c.close()
        for p in reversed(peers):
            try:
                p.stop()
            except Exception as e:  # keep stopping the others
                log(f"stopping {p.name}: {e}")
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(section)
    if args.doc_out:
        with open(args.doc_out, "w", encoding="utf-8") as f:
            f.write(section)
        log(f"wrote {args.doc_out}")


if __name__ == "__main__":
    main()
