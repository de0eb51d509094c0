#!/usr/bin/env python3
"""Query/Retrieve benchmark: our C-FIND and C-MOVE SCP against Orthanc's and dcmtk dcmqrscp's, same data, same run.

Standard library only, plus dcmtk's storescu, findscu, movescu, echoscu, storescp and dcmqrscp, and
Orthanc; everything on 127.0.0.1. See README.md beside this file. Never part of `mvn verify`.

Outline:
  * generate deterministic Part 10 files: N studies of one small instance each (one patient per
    study, 100 family names, study dates over 200 days, 8 modalities with CT ~10%), and one study of
    M 512x512 16-bit CT slices (the C-MOVE study);
  * store the same files into each peer (one storescu association per peer, timed) and wait until
    each answers a Study Root C-FIND with every study (ours projects its read model asynchronously);
  * check that every query kind answers the studies the data holds, from every peer;
  * time `findscu -S` (a new process per query) against each peer in turn, order rotated: Q1 an
    exact PatientID, Q2 a PatientName prefix wildcard, Q3 a one-day StudyDate range, Q4
    ModalitiesInStudy=CT; and a C-ECHO from a new `echoscu` (the process start-up floor);
  * sizes are cumulative (--sizes 10000,100000: the second adds 90,000 studies);
  * C-MOVE of the big study to a storescp destination, from each peer in turn (instances/s,
    every file counted at the destination);
  * print a markdown section with medians and the ratios against the baselines of the same run
    (and write it into docs/performance.md unless --no-doc).
"""

import argparse
import datetime
import importlib.util
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

_spec = importlib.util.spec_from_file_location("ingest", os.path.join(REPO, "bench", "dicom-ingest", "bench.py"))
ingest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ingest)
log, free_port, wait_for_port, stop_process, uid = (ingest.log, ingest.free_port, ingest.wait_for_port,
                                                     ingest.stop_process, ingest.uid)
LOOPBACK = ingest.LOOPBACK
DCMTK_ENV = ingest.DCMTK_ENV
EXPLICIT_VR_LE = ingest.EXPLICIT_VR_LE
CALLING_AE = "QRBENCH"
DEST_AE = "QRDEST"
OURS, ORTHANC, DCMQRSCP = "ours (ris-pacs)", "Orthanc", "dcmtk dcmqrscp"

# Modality -> (SOP Class UID, share of the studies)
MODALITIES = {"CT": ("1.2.840.10008.5.1.4.1.1.2", 10), "MR": ("1.2.840.10008.5.1.4.1.1.4", 15),
              "CR": ("1.2.840.10008.5.1.4.1.1.1", 25), "DX": ("1.2.840.10008.5.1.4.1.1.1.1", 15),
              "US": ("1.2.840.10008.5.1.4.1.1.6.1", 15), "MG": ("1.2.840.10008.5.1.4.1.1.1.2", 10),
              "NM": ("1.2.840.10008.5.1.4.1.1.20", 5), "PT": ("1.2.840.10008.5.1.4.1.1.128", 5)}
DESCRIPTIONS = {"CT": "CT head", "MR": "MR knee", "CR": "Chest 2 views", "DX": "Hand left", "US": "US abdomen",
                "MG": "Screening mammography", "NM": "Bone scan", "PT": "PET CT whole body"}
# 100 family names, none the prefix of another, so that "Family*" selects ~1% of the studies
FAMILY = ["Adams", "Allen", "Anderson", "Bakker", "Becker", "Bertrand", "Bianchi", "Bos", "Brown", "Campbell",
          "Carter", "Clark", "Colombo", "Davis", "DeBoer", "DeGroot", "DeVries", "Dubois", "Esposito", "Ferrari",
          "Fischer", "Flores", "Garcia", "Gonzalez", "Greco", "Green", "Hall", "Harris", "Hernandez", "Hill",
          "Hoffmann", "Jackson", "Jansen", "Johnson", "Jones", "Kaminski", "King", "Kowalczyk", "Kowalski",
          "Laurent", "Lefebvre", "Lewandowski", "Lewis", "Lopez", "Marino", "Meijer", "Meyer", "Michel",
          "Miller", "Mitchell", "Moore", "Moreau", "Mulder", "Nelson", "Nguyen", "Nowak", "Perez", "Ramirez",
          "Ricci", "Rivera", "Roberts", "Robinson", "Rodriguez", "Romano", "Rossi", "Roux", "Russo", "Sanchez",
          "Schmidt", "Schneider", "Schulz", "Scott", "Simon", "Smit", "Szymanski", "Taylor", "Thomas",
          "Thompson", "Torres", "Visser", "Wagner", "Walker", "Weber", "White", "Williams", "Wilson",
          "Wisniewski", "Wojcik", "Wozniak", "Wright", "Young", "Zielinski", "Abbott", "Barker", "Cohen",
          "Dalton", "Evans", "Fowler", "Gibson", "Hayes"]
GIVEN = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "Hans", "Anna", "Peter",
         "Maria", "Pierre", "Marie", "Luca", "Giulia", "Jan", "Sanne", "Piotr", "Agnieszka", "Wei", "Mei"]
FIRST_DAY = datetime.date(2025, 1, 1)
DAYS = 200
MOVE_PATIENT = ("QRMOVE0001", "Volume^Moved")
MOVE_DATE = "20261201"  # outside the small studies' dates
BROAD_ANSWERS = 900  # the broad query's answers: under the query-max-results the script gives ours
OURS_CEILING = 1000  # the most studies one C-FIND of ours answers (see the README)
RETURN_KEYS = ["StudyInstanceUID", "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate",
               "StudyTime", "AccessionNumber", "StudyDescription", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
               "NumberOfStudyRelatedInstances"]


# --------------------------------------------------------------------------- data

def studies(n):
    """The first n small studies (deterministic: the first k of any n are the same)."""
    rnd = random.Random(20261207)
    weighted = [m for m, (_, share) in MODALITIES.items() for _ in range(share)]
    out = []
    for i in range(n):
        family, given = rnd.choice(FAMILY), rnd.choice(GIVEN)
        modality = rnd.choice(weighted)
        day = FIRST_DAY + datetime.timedelta(days=rnd.randrange(DAYS))
        out.append({"i": i, "pid": f"QR{i:07d}", "name": f"{family}^{given}", "family": family,
                    "birth": f"{1930 + rnd.randrange(80)}{1 + rnd.randrange(12):02d}{1 + rnd.randrange(28):02d}",
                    "sex": rnd.choice("MF"), "accession": f"QRA{i:08d}", "date": day.strftime("%Y%m%d"),
                    "time": f"{7 + rnd.randrange(12):02d}{rnd.randrange(60):02d}00", "modality": modality,
                    "uid": uid("qrbench", "study", i), "series": uid("qrbench", "series", i),
                    "sop": uid("qrbench", "sop", i)})
    return out


def small_file(s, rows=8, cols=8):
    """One instance of study s: its modality's SOP class, a tiny 16-bit MONOCHROME2 image."""
    el = ingest._element
    sop_class = MODALITIES[s["modality"]][0]
    meta = b"".join([el(0x0002, 0x0001, "OB", b"\x00\x01"), el(0x0002, 0x0002, "UI", sop_class),
                     el(0x0002, 0x0003, "UI", s["sop"]), el(0x0002, 0x0010, "UI", EXPLICIT_VR_LE),
                     el(0x0002, 0x0012, "UI", ingest.IMPL_CLASS_UID), el(0x0002, 0x0013, "SH", "RISQRBENCH")])
    meta = el(0x0002, 0x0000, "UL", len(meta)) + meta
    ds = b"".join([
        el(0x0008, 0x0005, "CS", "ISO_IR 100"),
        el(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY"),
        el(0x0008, 0x0016, "UI", sop_class),
        el(0x0008, 0x0018, "UI", s["sop"]),
        el(0x0008, 0x0020, "DA", s["date"]),
        el(0x0008, 0x0030, "TM", s["time"]),
        el(0x0008, 0x0050, "SH", s["accession"]),
        el(0x0008, 0x0060, "CS", s["modality"]),
        el(0x0008, 0x0090, "PN", "Referrer^Ray"),
        el(0x0008, 0x1030, "LO", DESCRIPTIONS[s["modality"]]),
        el(0x0010, 0x0010, "PN", s["name"]),
        el(0x0010, 0x0020, "LO", s["pid"]),
        el(0x0010, 0x0030, "DA", s["birth"]),
        el(0x0010, 0x0040, "CS", s["sex"]),
        el(0x0020, 0x000D, "UI", s["uid"]),
        el(0x0020, 0x000E, "UI", s["series"]),
        el(0x0020, 0x0010, "SH", s["accession"][-8:]),
        el(0x0020, 0x0011, "IS", "1"),
        el(0x0020, 0x0013, "IS", "1"),
        el(0x0028, 0x0002, "US", 1),
        el(0x0028, 0x0004, "CS", "MONOCHROME2"),
        el(0x0028, 0x0010, "US", rows),
        el(0x0028, 0x0011, "US", cols),
        el(0x0028, 0x0100, "US", 16),
        el(0x0028, 0x0101, "US", 12),
        el(0x0028, 0x0102, "US", 11),
        el(0x0028, 0x0103, "US", 0),
    ])
    pixels = bytes((s["i"] + k) % 251 for k in range(rows * cols * 2))
    return b"\0" * 128 + b"DICM" + meta + ds + el(0x7FE0, 0x0010, "OW", pixels)


def write_studies(folder, new):
    for s in new:
        sub = os.path.join(folder, f"{s['i'] // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{s['i']:07d}.dcm"), "wb") as f:
            f.write(small_file(s))


def move_study(folder, instances):
    """The C-MOVE study: `instances` CT slices 512x512 16-bit in one series, written by the ingest
    bench's generator, with the patient, date and description of its own. Returns its facts."""
    study = {"uid": uid("qrbench", "move-study"), "series": uid("qrbench", "move-series"), "pid": MOVE_PATIENT[0],
             "name": MOVE_PATIENT[1], "family": MOVE_PATIENT[1].split("^")[0], "date": MOVE_DATE,
             "modality": "CT", "instances": instances}
    frame = ingest.pixel_frame(512, 512)
    os.makedirs(folder, exist_ok=True)
    total = 0
    for n in range(1, instances + 1):
        header = ingest.part10_header(ingest.CT_IMAGE_STORAGE, uid("qrbench", "move-sop", n), study["uid"],
                                      study["series"], 1, n, 512, 512, 1, "CT")
        header = (header.replace(b"BENCH^INGEST", b"Volume^Moved").replace(b"BENCH-0001", b"QRMOVE0001")
                  .replace(b"20260101", MOVE_DATE.encode()))  # same lengths: the file stays valid
        with open(os.path.join(folder, f"{n:06d}.dcm"), "wb") as f:
            f.write(header)
            f.write(frame)
        total += len(header) + len(frame)
    study["bytes"] = total
    return study


# --------------------------------------------------------------------------- peers

class Orthanc(ingest.OrthancPeer):
    """Orthanc with C-FIND and C-MOVE allowed to our calling AE and the destination declared."""
    name = ORTHANC
    holds_studies = True

    def __init__(self, workdir, dest_port):
        super().__init__(workdir)
        self.dest_port = dest_port

    def start(self):
        super().start()  # writes its config, then is restarted below with the Q/R settings
        stop_process(self.proc, self.name, 60)
        self.logf.close()
        with open(self.config) as f:
            config = json.load(f)
        config.update({"DicomAlwaysAllowFind": True, "DicomAlwaysAllowMove": True, "LimitFindResults": 0,
                       "LimitFindInstances": 0, "SynchronousCMove": True,
                       "DicomModalities": {"dest": [DEST_AE, LOOPBACK, self.dest_port],
                                           "bench": [CALLING_AE, LOOPBACK, 104]}})
        with open(self.config, "w") as f:
            json.dump(config, f, indent=2)
        self.logf = open(self.log, "ab")
        self.proc = subprocess.Popen(["Orthanc", self.config], env=DCMTK_ENV, stdout=self.logf,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Orthanc exited with {self.proc.returncode}; see {self.log}")
            try:
                ingest.http_json(f"http://{LOOPBACK}:{self.http_port}/system")
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Orthanc REST API not up after 60s; see {self.log}")
                time.sleep(0.3)
        wait_for_port(self.port, self.proc, 30)
        self.label = f"Orthanc {self.version}"
        log(f"{self.label} restarted with the Q/R settings (pid {self.proc.pid})")


class Dcmqrscp:
    """dcmtk's dcmqrscp with a configuration of its own: one storage area (its index file) and the
    destination in its host table. It holds at most 500 studies per storage area (DB_UpperMaxStudies,
    compiled in: a larger quota is lowered to 500 with a warning; past it, it deletes the oldest
    study, and dcmtk 3.6.7 then died of a double free during a 10,000-study load), so it only
    serves the C-MOVE study here, and takes no part in the C-FIND figures."""
    name = DCMQRSCP
    ae = "DCMQRSCP"
    holds_studies = False
    max_studies = 500

    def __init__(self, workdir, dest_port):
        self.dir = os.path.join(workdir, "dcmqrscp")
        self.log = os.path.join(workdir, "dcmqrscp.log")
        self.dest_port = dest_port
        self.proc = None

    def start(self):
        storage = os.path.join(self.dir, "storage")
        os.makedirs(storage, exist_ok=True)
        self.port = free_port()
        self.config = os.path.join(self.dir, "dcmqrscp.cfg")
        with open(self.config, "w") as f:
            f.write(f"NetworkTCPPort = {self.port}\nMaxPDUSize = 16384\nMaxAssociations = 16\n"
                    "HostTable BEGIN\n"
                    f"dest = ({DEST_AE}, {LOOPBACK}, {self.dest_port})\n"
                    "HostTable END\n"
                    "VendorTable BEGIN\nVendorTable END\n"
                    "AETable BEGIN\n"
                    f"{self.ae} {storage} RW ({self.max_studies}, 1024mb) ANY\n"
                    "AETable END\n")
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(["dcmqrscp", "-c", self.config, str(self.port)], env=DCMTK_ENV,
                                     stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.port, self.proc, 30)
        version = subprocess.run(["dcmqrscp", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.label = version.stdout.decode().splitlines()[0].strip("$ ").replace("dcmtk: ", "")
        log(f"{self.label} up on {LOOPBACK}:{self.port} (pid {self.proc.pid})")

    def stop(self):
        stop_process(self.proc, self.name, 10)
        if getattr(self, "logf", None):
            self.logf.close()


class Ours(ingest.OursPeer):
    name = OURS
    holds_studies = True
    start_timeout = 600  # a shared machine under load can take minutes to start Elasticsearch

    def __init__(self, workdir, jar, java_opts, dest_port):
        self.hl7_port = free_port()  # not used, but never the default port another run may hold
        super().__init__(workdir, jar, java_opts + [f"-Dris.hl7.port={self.hl7_port}",
                                                    f"-Dris.hl7.bind-address={LOOPBACK}",
                                                    "-Dris.dicom.query-max-results=1000",  # the broad queries stay under it
                                                    "-Dris.dicom.retrieve-max-instances=1000000",
                                                    f"-Dris.dicom.peers.{DEST_AE}.host={LOOPBACK}",
                                                    f"-Dris.dicom.peers.{DEST_AE}.port={dest_port}"])
        self.label = "ours (packaged jar)"


class Destination:
    """storescp receiving the C-MOVE sub-operations into a folder emptied before each move."""

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "destination")
        self.log = os.path.join(workdir, "storescp.log")
        self.port = free_port()
        self.proc = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        self.logf = open(self.log, "wb")
        self.proc = subprocess.Popen(["storescp", "-aet", DEST_AE, "-od", self.dir, str(self.port)], env=DCMTK_ENV,
                                     stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(self.port, self.proc, 30)
        log(f"destination storescp {DEST_AE} on {LOOPBACK}:{self.port} (pid {self.proc.pid})")

    def count(self):
        return len(os.listdir(self.dir))

    def empty(self):
        shutil.rmtree(self.dir)
        os.makedirs(self.dir)

    def stop(self):
        stop_process(self.proc, "destination storescp", 10)
        if getattr(self, "logf", None):
            self.logf.close()


# --------------------------------------------------------------------------- DICOM tools

def run(cmd, what, timeout=3600):
    t0 = time.monotonic()
    r = subprocess.run(cmd, env=DCMTK_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    elapsed = time.monotonic() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{what} failed ({r.returncode}): {r.stdout.decode(errors='replace')[-2000:]}")
    return elapsed, r.stdout.decode(errors="replace")


def store(peer, folder, logdir, label):
    """One storescu process, one association, every file of the folder; returns the seconds."""
    cmd = ["storescu", "-R", "-aet", CALLING_AE, "-aec", peer.ae, LOOPBACK, str(peer.port), "+sd", "+r", folder]
    elapsed, out = run(cmd, f"storescu to {peer.name}", timeout=7200)
    with open(os.path.join(logdir, f"storescu-{label}-{peer.ae}.log"), "w") as f:
        f.write(out)
    return elapsed


def find_cmd(peer, keys, extract_dir=None):
    cmd = ["findscu", "-S", "-aet", CALLING_AE, "-aec", peer.ae, "-k", "QueryRetrieveLevel=STUDY"]
    for k in keys:
        cmd += ["-k", k]
    for k in RETURN_KEYS:
        if not any(q.split("=")[0] == k for q in keys):
            cmd += ["-k", k]
    if extract_dir:
        cmd += ["-X", "-od", extract_dir]
    return cmd + [LOOPBACK, str(peer.port)]


def find_timed(peer, keys):
    """A fresh findscu process; its whole run in seconds (the answers are not written out)."""
    return run(find_cmd(peer, keys), f"findscu against {peer.name}")[0]


def find_uids(peer, keys, scratch):
    """The Study Instance UIDs of the answers (findscu -X, each answer read back with dcmdump)."""
    folder = tempfile.mkdtemp(dir=scratch)
    try:
        _, out = run(find_cmd(peer, keys, folder), f"findscu against {peer.name}")
        files = sorted(os.listdir(folder))
        if not files:
            return []
        uids = []
        for chunk in range(0, len(files), 500):
            _, dump = run(["dcmdump", "+P", "0020,000d"] + [os.path.join(folder, f) for f in files[chunk:chunk + 500]],
                          "dcmdump")
            uids += [line.split("[", 1)[1].split("]", 1)[0] for line in dump.splitlines() if "(0020,000d)" in line]
        if len(uids) != len(files):
            raise RuntimeError(f"{peer.name}: {len(files)} answers but {len(uids)} Study Instance UIDs in them")
        return uids
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def echo_ms(peer, n=10):
    times = [run(["echoscu", "-aet", CALLING_AE, "-aec", peer.ae, LOOPBACK, str(peer.port)],
                 f"echoscu to {peer.name}")[0] * 1000 for _ in range(n)]
    return statistics.median(times)


def find_all(peer, scratch, chunk_days):
    """Every study the peer answers, asked day range by day range: ours answers at most 1,000
    studies per C-FIND whatever its configured maximum (see the README)."""
    found = []
    for start in range(0, DAYS, chunk_days):
        first = FIRST_DAY + datetime.timedelta(days=start)
        last = first + datetime.timedelta(days=chunk_days - 1)
        found += find_uids(peer, [f"StudyDate={first:%Y%m%d}-{last:%Y%m%d}"], scratch)
    return found + find_uids(peer, [f"StudyDate={MOVE_DATE}"], scratch)


def wait_visible(peer, expected_uids, probes, scratch, timeout):
    """Until C-FINDs over every study date answer exactly the studies stored; probes (a few
    PatientIDs of the last studies sent) are polled first, as a full answer costs seconds."""
    t0 = time.monotonic()
    last_log = t0
    pending = list(probes)
    while pending:
        pending = [p for p in pending if not find_uids(peer, [f"PatientID={p}"], scratch)]
        if pending:
            if time.monotonic() - t0 > timeout:
                raise RuntimeError(f"{peer.name}: {len(pending)} probe studies not found after {timeout}s")
            if time.monotonic() - last_log > 30:
                log(f"  {peer.name}: {len(pending)} of the last studies sent not found yet")
                last_log = time.monotonic()
            time.sleep(5)
    while True:
        found = find_all(peer, scratch, min(DAYS, max(1, DAYS * 500 // len(expected_uids))))
        if len(found) == len(expected_uids) and set(found) == expected_uids:
            return time.monotonic() - t0
        if len(found) > len(expected_uids) or not set(found) <= expected_uids:
            raise RuntimeError(f"{peer.name}: {len(found)} studies found, {len(expected_uids)} stored, "
                               f"{len(set(found) - expected_uids)} not stored")
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"{peer.name}: {len(found)} of {len(expected_uids)} studies found after {timeout}s")
        log(f"  {peer.name}: {len(found)} of {len(expected_uids)} studies found")
        time.sleep(10)


# --------------------------------------------------------------------------- measures

def query_kinds(loaded, move, samples):
    """Per kind: `samples` (keys, expected set of Study Instance UIDs), drawn from the loaded data."""
    rnd = random.Random(7)
    everyone = loaded + [move]
    kinds = {}
    picks = [rnd.choice(loaded) for _ in range(samples)]
    kinds["Q1 PatientID exact"] = [([f"PatientID={s['pid']}"], {s["uid"]}) for s in picks]
    families = [rnd.choice(FAMILY) for _ in range(samples)]
    kinds["Q2 PatientName prefix*"] = [([f"PatientName={f}*"], {s["uid"] for s in everyone if s["family"] == f})
                                       for f in families]
    days = [(FIRST_DAY + datetime.timedelta(days=rnd.randrange(DAYS))).strftime("%Y%m%d") for _ in range(samples)]
    kinds["Q3 StudyDate one-day range"] = [([f"StudyDate={d}-{d}"], {s["uid"] for s in everyone if s["date"] == d})
                                           for d in days]
    span = max(1, min(DAYS, BROAD_ANSWERS * DAYS // len(loaded)))  # ~BROAD_ANSWERS studies
    starts = [FIRST_DAY + datetime.timedelta(days=rnd.randrange(DAYS - span + 1)) for _ in range(samples)]
    ends = [d + datetime.timedelta(days=span - 1) for d in starts]
    kinds[f"Q5 StudyDate {span}-day range"] = [
        ([f"StudyDate={d:%Y%m%d}-{e:%Y%m%d}"],
         {s["uid"] for s in everyone if f"{d:%Y%m%d}" <= s["date"] <= f"{e:%Y%m%d}"}) for d, e in zip(starts, ends)]
    cts = [s for s in everyone if s["modality"] == "CT"]
    if len(cts) <= OURS_CEILING:
        kinds["Q4 ModalitiesInStudy=CT"] = [(["ModalitiesInStudy=CT"], {s["uid"] for s in cts})] * samples
    else:  # narrowed by a date range to ~BROAD_ANSWERS answers, under ours' configured limit
        span = max(1, BROAD_ANSWERS * DAYS // len(cts))
        starts = [FIRST_DAY + datetime.timedelta(days=rnd.randrange(DAYS - span + 1)) for _ in range(samples)]
        ends = [d + datetime.timedelta(days=span - 1) for d in starts]
        kinds[f"Q4 ModalitiesInStudy=CT, StudyDate {span}-day range"] = [
            (["ModalitiesInStudy=CT", f"StudyDate={d:%Y%m%d}-{e:%Y%m%d}"],
             {s["uid"] for s in cts if f"{d:%Y%m%d}" <= s["date"] <= f"{e:%Y%m%d}"}) for d, e in zip(starts, ends)]
    return kinds


def check_answers(peers, kinds, scratch):
    """Every peer answers the first two queries of each kind with exactly the studies the data holds.
    Returns the peers (names) that cannot answer a kind: those are reported, not timed."""
    unsupported = {}
    for kind, queries in kinds.items():
        for keys, expected in queries[:2]:
            for p in peers:
                got = find_uids(p, keys, scratch)
                if len(got) == len(expected) and set(got) == expected:
                    continue
                if p.name == DCMQRSCP and len(got) > len(expected):
                    # dcmqrscp ignores a key its index does not hold (ModalitiesInStudy): it answers more
                    unsupported.setdefault(kind, set()).add(p.name)
                    log(f"{kind}: {p.name} answers {len(got)} studies to {keys}, {len(expected)} match: "
                        "the key is not supported there, not timed")
                    continue
                raise RuntimeError(f"{kind}: {p.name} answers {len(got)} studies to {keys}, "
                                   f"{len(expected)} expected ({len(set(got) & expected)} of them)")
    return unsupported


def measure_queries(peers, kinds, unsupported):
    results = {}
    for kind, queries in kinds.items():
        timed = [p for p in peers if p.name not in unsupported.get(kind, set())]
        for p in timed:
            find_timed(p, queries[0][0])  # warm-up, not counted
        times = {p.name: [] for p in timed}
        for j, (keys, _) in enumerate(queries):
            k = j % len(timed)
            for p in timed[k:] + timed[:k]:
                times[p.name].append(find_timed(p, keys) * 1000)
        answers = statistics.median(len(e) for _, e in queries)
        results[kind] = {"times": times, "answers": answers}
        log(f"{kind} (median {answers:.0f} answers): " + ", ".join(
            f"{n} median {statistics.median(t):.0f} ms" for n, t in times.items()))
    return results


def measure_moves(peers, destination, move, runs):
    rates = {p.name: [] for p in peers}
    keys = ["-k", "QueryRetrieveLevel=STUDY", "-k", f"StudyInstanceUID={move['uid']}"]
    for p in peers:  # warm-up, not counted
        destination.empty()
        run(["movescu", "-S", "-aet", CALLING_AE, "-aec", p.ae, "-aem", DEST_AE] + keys + [LOOPBACK, str(p.port)],
            f"movescu against {p.name}", timeout=1800)
    for j in range(runs):
        k = j % len(peers)
        for p in peers[k:] + peers[:k]:
            destination.empty()
            cmd = ["movescu", "-S", "-aet", CALLING_AE, "-aec", p.ae, "-aem", DEST_AE] + keys + [LOOPBACK, str(p.port)]
            elapsed, out = run(cmd, f"movescu against {p.name}", timeout=1800)
            deadline = time.monotonic() + 10  # storescp closes its last file as the association ends
            while destination.count() < move["instances"] and time.monotonic() < deadline:
                time.sleep(0.05)
            got = destination.count()
            if got != move["instances"]:
                raise RuntimeError(f"C-MOVE from {p.name}: {got} files at the destination, "
                                   f"{move['instances']} expected; movescu said: {out[-1500:]}")
            rates[p.name].append(move["instances"] / elapsed)
            log(f"C-MOVE run {j + 1}, {p.name}: {move['instances']} instances in {elapsed:.2f} s "
                f"({move['instances'] / elapsed:.0f}/s)")
    destination.empty()
    return rates


# --------------------------------------------------------------------------- report

def ratio(base, ours):
    return f"{base / ours:.2f}×" if ours else "–"


def report(args, peers, sizes_done, loads, results, echo, move, moves, started, notes):
    everyone = [p.name for p in peers]
    names = [p.name for p in peers if p.holds_studies]
    base = [n for n in names if n != OURS]
    lines = ["## Query/Retrieve (C-FIND, C-MOVE) against Orthanc and dcmqrscp", "",
             "Produced by `bench/query-retrieve/bench.py` (see its README). Command:", "", "```",
             "python3 bench/query-retrieve/bench.py " + " ".join(sys.argv[1:]), "```", "",
             f"- Date: {started:%Y-%m-%d %H:%M} UTC (whole run: {(time.time() - started.timestamp()) / 60:.1f} min)",
             f"- Machine: `nproc` = {os.cpu_count()}, kernel {platform.release()}, Python "
             f"{platform.python_version()}; shared with other sessions and noisy: read the ratios, not the "
             "absolute figures",
             "- Peers: " + "; ".join(p.label for p in peers) + "; all on loopback, TCP_NODELAY=1 for the dcmtk "
             "tools and Orthanc; ours with `ris.dicom.retrieve-max-instances` raised and `ris.dicom.query-max-results` "
             "at 1,000 (the broad queries are sized under it)",
             "- Data (written by the script, explicit VR little endian Part 10): studies of one instance each "
             "(8×8 16-bit, the SOP class of its modality), one patient per study, 100 family names, dates over "
             f"{DAYS} days, modalities CT 10%, MR 15%, CR 25%, DX 15%, US 15%, MG 10%, NM 5%, PT 5%; sizes are "
             "cumulative; plus one C-MOVE study of "
             f"{move['instances']} CT slices 512×512 16-bit ({move['bytes'] / move['instances'] / 1e6:.2f} MB each)",
             "- Load: one `storescu` association per peer with the new files, peers one after the other; ours "
             "\"answered\" = until C-FINDs over every study date (ranges of ~500 studies, as ours answers 1,000 at "
             "most) answer exactly the studies stored, counted from the end of the peer's store (ours projects its "
             "read model asynchronously; the baselines answer as soon as they store, their figure is the time the "
             "counting C-FINDs take)",
             f"- Queries: Study Root `findscu -S` at STUDY level, a new process per query, {len(RETURN_KEYS)} return "
             f"keys; {args.samples} queries per kind, each value drawn from the data, peers in turn (order "
             "rotated), after one untimed warm-up; the answers' Study Instance UIDs of the first two of each kind "
             "checked against the data for every peer; figures are medians of the whole findscu run (ms)",
             "- A C-ECHO from a new `echoscu` (the process start-up and association floor under every query): "
             + ", ".join(f"{n} {echo[n]:.0f} ms" for n in everyone), ""]
    lines += ["| studies | peer | stored (s) | studies/s stored | all answered by C-FIND (s after the store) |",
              "|---:|---|---:|---:|---:|"]
    previous = 0
    for n in sizes_done:
        for name in names:
            stored, visible = loads[n][name]
            lines.append(f"| {n} | {name} | {stored:.0f} | {(n - previous) / stored:.0f} | {visible:.0f} |")
        previous = n
    lines += ["", "| studies | query | answers (median) | " + " | ".join(f"{n} ms" for n in names) + " | "
              + " | ".join(f"{b} ÷ ours" for b in base) + " |",
              "|---:|---|---:|" + "---:|" * (len(names) + len(base))]
    for n in sizes_done:
        for kind, r in results[n].items():
            med = {name: statistics.median(t) for name, t in r["times"].items()}
            cells = [f"{med[name]:.0f}" if name in med else "not supported" for name in names]
            ratios = [ratio(med[b], med[OURS]) if b in med and OURS in med else "–" for b in base]
            lines.append(f"| {n} | {kind} | {r['answers']:.0f} | " + " | ".join(cells) + " | "
                         + " | ".join(ratios) + " |")
    lines += ["", "Ratios: median of the baseline ÷ median of ours (above 1.00×: ours answers faster).", ""]
    if moves:
        med = {n: statistics.median(r) for n, r in moves.items()}
        mb = move["bytes"] / move["instances"] / 1e6
        lines += [f"C-MOVE of the {move['instances']}-instance study to a dcmtk `storescp` (files written to a "
                  f"folder emptied before each move; every file counted), `movescu -S` timed from start to exit, "
                  f"median of {args.move_runs} runs after one untimed move each, peers in turn (order rotated):", "",
                  "| peer | instances/s | MB/s | runs (instances/s) | ours ÷ peer |", "|---|---:|---:|---|---:|"]
        for name in everyone:
            lines.append(f"| {name} | {med[name]:.0f} | {med[name] * mb:.1f} | "
                         + ", ".join(f"{r:.0f}" for r in moves[name]) + f" | {med[OURS] / med[name]:.2f}× |")
        lines += [""]
    if DCMQRSCP in everyone:
        notes = [f"{DCMQRSCP} takes no part in the C-FIND figures: it holds at most 500 studies per storage area "
                 "(DB_UpperMaxStudies, compiled in; a larger quota is lowered to 500 with a warning, and past it "
                 "it deletes the oldest study; in a first attempt at 10,000 studies, dcmtk 3.6.7 died of a "
                 "double free during the load). It holds only the C-MOVE study here."] + notes
    if notes:
        lines += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)



# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000", help="numbers of studies, loaded cumulatively (ours projects a few "
                    "studies per second: see the README before asking for 10000 or more)")
    ap.add_argument("--samples", type=int, default=7, help="timed queries per kind, size and peer (median)")
    ap.add_argument("--move-instances", type=int, default=500, help="CT slices 512x512 of the C-MOVE study")
    ap.add_argument("--move-runs", type=int, default=3)
    ap.add_argument("--peers", default="ours,orthanc,dcmqrscp")
    ap.add_argument("--load-until", help="UTC time HH:MM after which no further size is loaded")
    ap.add_argument("--visible-timeout", type=int, default=3600)
    ap.add_argument("--jar", default=os.path.join(REPO, "app", "target", "ris-pacs.jar"))
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--workdir", help="scratch folder (kept); default a new temporary one, removed unless --keep")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--doc", default=os.path.join(REPO, "docs", "performance.md"))
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--note", action="append", default=[])
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [p.strip().lower() for p in args.peers.split(",") if p.strip()]
    if sizes != sorted(sizes) or sizes[0] < 1 or args.samples < 1 or args.move_runs < 0:
        raise SystemExit("--sizes ascending and positive, --samples at least 1")
    for tool in ("storescu", "findscu", "movescu", "echoscu", "storescp", "dcmqrscp", "dcmdump", "Orthanc", "java"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found (apt-get install dcmtk orthanc; a JDK)")
    if "ours" in wanted and not os.path.exists(args.jar):
        raise SystemExit(f"{args.jar} missing: mvn -B -q -o -DskipTests package -pl app -am")
    started = datetime.datetime.now(datetime.timezone.utc)

    def terminated(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up short
        sys.exit(143)
    signal.signal(signal.SIGTERM, terminated)  # still stop the peers

    workdir = args.workdir or tempfile.mkdtemp(prefix="qr-bench-")
    os.makedirs(workdir, exist_ok=True)
    logdir = os.path.join(workdir, "logs")
    scratch = os.path.join(workdir, "scratch")
    for d in (logdir, scratch):
        os.makedirs(d, exist_ok=True)
    log(f"scratch folder {workdir}")
    destination = Destination(workdir)
    peers = []
    if "ours" in wanted:
        peers.append(Ours(workdir, args.jar, args.java_opts.split(), destination.port))
    if "orthanc" in wanted:
        peers.append(Orthanc(workdir, destination.port))
    if "dcmqrscp" in wanted:
        peers.append(Dcmqrscp(workdir, destination.port))
    started_peers = []
    loads, results, done, echo, moves = {}, {}, [], {}, {}
    notes = list(args.note)
    move = None
    section = None
    try:
        destination.start()
        for p in peers:
            p.start()
            started_peers.append(p)
        echo = {p.name: echo_ms(p) for p in peers}
        log("C-ECHO medians: " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in echo.items()))
        log(f"writing the C-MOVE study ({args.move_instances} CT slices)")
        move = move_study(os.path.join(workdir, "data", "move"), args.move_instances)
        every = studies(max(sizes))
        loaded = 0
        for n in sizes:
            if args.load_until and loaded:
                hh, mm = (int(x) for x in args.load_until.split(":"))
                now = datetime.datetime.now(datetime.timezone.utc)
                if now >= now.replace(hour=hh, minute=mm, second=0, microsecond=0):
                    notes.append(f"{n} studies: not loaded, the run reached --load-until {args.load_until} UTC")
                    log(notes[-1])
                    break
            new = every[loaded:n]
            folder = os.path.join(workdir, "data", f"studies-{loaded}-{n}")
            log(f"size {n}: writing {len(new)} studies")
            write_studies(folder, new)
            if loaded == 0:
                run(["dcmdump", os.path.join(folder, "0000", "0000000.dcm")], "dcmdump of a generated file")
            loads[n] = {}
            expected = {s["uid"] for s in every[:n]} | {move["uid"]}
            probes = [s["pid"] for s in new[-3:]]
            for p in peers:
                if p.holds_studies:
                    stored = store(p, folder, logdir, f"{n}")
                    log(f"size {n}: {p.name} stored {len(new)} studies in {stored:.1f} s "
                        f"({len(new) / stored:.0f} studies/s)")
                    loads[n][p.name] = [stored, 0.0]
                if loaded == 0:
                    stored_move = store(p, os.path.join(workdir, "data", "move"), logdir, "move")
                    log(f"{p.name}: stored the C-MOVE study in {stored_move:.1f} s")
                    loads[n][p.name + " move"] = stored_move
            holders = [p for p in peers if p.holds_studies]
            complete = True
            for p in peers:  # ours first: its visibility is counted from the end of its own store
                mine = expected if p.holds_studies else {move["uid"]}
                mine_probes = (probes if p.holds_studies else []) + ([move["pid"]] if loaded == 0 else [])
                try:
                    visible = wait_visible(p, mine, mine_probes, scratch, args.visible_timeout)
                except RuntimeError as e:
                    if not done:
                        raise
                    notes.append(f"{n} studies: not measured, stored but not all answered in time ({e})")
                    log(notes[-1])
                    complete = False
                    break
                if p.holds_studies:
                    behind = sum(loads[n][q.name][0] for q in holders[holders.index(p) + 1:])
                    loads[n][p.name][1] = max(0.0, visible + behind) if p.name == OURS else visible
                log(f"size {n}: {p.name} answers all {len(mine)} studies it holds")
            if not complete:
                loads.pop(n)
                break
            loaded = n
            kinds = query_kinds(every[:n], move, args.samples)
            unsupported = check_answers(holders, kinds, scratch)
            for kind, names in unsupported.items():
                notes.append(f"{kind}: {', '.join(sorted(names))} ignores the key (its index does not hold it) and "
                             "answers every study; not timed")
            results[n] = measure_queries(holders, kinds, unsupported)
            done.append(n)
        if args.move_runs:
            moves = measure_moves(peers, destination, move, args.move_runs)
        section = report(args, peers, done, loads, results, echo, move, moves, started, sorted(set(notes)))
    finally:
        for p in reversed(started_peers):
            try:
                p.stop()
            except Exception as e:  # keep stopping the others
                log(f"stopping {p.name}: {e}")
        destination.stop()
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(section)
    if not args.no_doc:
        ingest.write_doc(args.doc, section, head="## Query/Retrieve (C-FIND, C-MOVE)")
        log(f"wrote the section into {args.doc}")


if __name__ == "__main__":
    main()
