#!/usr/bin/env python3
"""FHIR search benchmark: ServiceRequest by accession and DiagnosticReport by patient, against the
read model the FHIR server answers from, queried directly (the same Elasticsearch query, same run).

Standard library only; everything on 127.0.0.1. See README.md beside this file. Never part of
`mvn verify`.

Outline:
  * start the packaged jar on its embedded defaults (PostgreSQL, local Elasticsearch node) with a
    bench account (TECHNOLOGIST, RADIOLOGIST, ADMIN);
  * load N orders over HL7 v2 (ADT^A04 once per patient, OMI^O23 per order; several MLLP
    connections, each message acknowledged AA), a few orders per patient;
  * for a subset of the patients, every order gets a study (one tiny CT image per order, C-STORE
    with dcmtk storescu, matched by accession) and a report written and signed final on the
    reading page, as a radiologist does (form sign-in, one POST per report);
  * wait until the FHIR read models hold every order and every signed report;
  * check the answers (the ServiceRequest found carries the accession; a patient's DiagnosticReport
    bundle has the expected total, every one final), then time, interleaved, the two FHIR searches
    over keep-alive HTTP with Basic auth and the same lookups as direct Elasticsearch queries;
    report p50/p90/p99/max and ours / baseline.
"""

import argparse
import base64
import datetime
import http.client
import importlib.util
import json
import os
import random
import re
import signal
import socket
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
log, free_port = ingest.log, ingest.free_port
LOOPBACK = ingest.LOOPBACK
DCMTK_ENV = ingest.DCMTK_ENV

ISSUER = "BENCHHOSP"
ACCESSION_SYSTEM = "urn:rispacs:accession"  # ris.fhir.accession-system, default
INDEX_PREFIX = "ris-"                       # ris.elasticsearch.index-prefix, default
SERVICE_REQUESTS = INDEX_PREFIX + "fhir-service-requests"
REPORTS = INDEX_PREFIX + "fhir-diagnostic-reports"
PAGE = 50                                   # the FHIR server's default _count (PageRequest.DEFAULT_COUNT)
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
STATION = "CT1"
FAMILY = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Mueller", "Schmidt", "Dubois", "Rossi", "Jansen",
          "Nowak", "Kowalski", "Lee", "Nguyen", "Martin", "Bianchi", "Visser", "Weber", "Moreau", "Lopez"]
GIVEN = ["James", "Mary", "John", "Anna", "Peter", "Maria", "Hans", "Ursula", "Pierre", "Marie", "Luca", "Wei"]
MODALITIES = [("CT", "CTHEAD", "CT head without contrast"), ("MR", "MRKNEE", "MR knee"),
              ("US", "USABD", "US abdomen"), ("CR", "CRCHEST", "Chest X-ray 2 views")]

BENCH_USER, BENCH_PASSWORD = "fhir-bench", "fhir-bench-" + os.urandom(6).hex()


# --------------------------------------------------------------------------- data

def patients_and_orders(n, per_patient, today):
    """N orders, `per_patient` per patient (the last patient may have fewer); deterministic."""
    rnd = random.Random(20261208)
    patients, orders = [], []
    for i in range(n):
        if i % per_patient == 0:
            p = len(patients)
            patients.append({"p": p, "pid": f"FB{p:07d}", "family": rnd.choice(FAMILY), "given": rnd.choice(GIVEN),
                             "birth": f"{1930 + rnd.randrange(80)}{1 + rnd.randrange(12):02d}"
                                      f"{1 + rnd.randrange(28):02d}",
                             "sex": rnd.choice("MF"), "orders": []})
        patient = patients[-1]
        modality, code, description = MODALITIES[i % len(MODALITIES)]
        minute = 7 * 60 + rnd.randrange(0, 11 * 60, 5)
        day = today - datetime.timedelta(days=i % 30)
        order = {"i": i, "patient": patient, "accession": f"FA{i:08d}", "placer": f"FP{i:08d}",
                 "modality": modality, "code": code, "description": description,
                 "start": datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60)),
                 "study_uid": f"2.25.{(i + 1) * 7927 + 10 ** 30}"}
        patient["orders"].append(order)
        orders.append(order)
    return patients, orders


# --------------------------------------------------------------------------- HL7 load

def hl7_messages(order, first_of_patient, stamp):
    p = order["patient"]
    pid = f"PID|1||{p['pid']}^^^{ISSUER}||{p['family']}^{p['given']}||{p['birth']}|{p['sex']}"
    start = order["start"].strftime("%Y%m%d%H%M")
    out = []
    if first_of_patient:
        out.append("\r".join([f"MSH|^~\\&|BENCH|{ISSUER}|RISPACS|RISPACS|{stamp}||ADT^A04^ADT_A01|A{order['i']}|P|2.5.1",
                              f"EVN|A04|{stamp}", pid]))
    out.append("\r".join([f"MSH|^~\\&|BENCH|{ISSUER}|RISPACS|RISPACS|{stamp}||OMI^O23^OMI_O23|O{order['i']}|P|2.5.1",
                          pid, f"ORC|NW|{order['placer']}", f"TQ1|1||||||{start}||R",
                          f"OBR|1|{order['placer']}||{order['code']}^{order['description']}^LOCAL",
                          f"IPC|{order['accession']}||||{order['modality']}^^DCM||||{STATION}"]))
    return out


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


def load_over_hl7(patients, port, connections, stop_at, total_orders):
    """Each patient's messages on one connection, in order; returns (seconds, orders acknowledged)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    errors, done, lock = [], [0], threading.Lock()

    def sender(part):
        try:
            with socket.create_connection((LOOPBACK, port), timeout=300) as sock:
                buf = [b""]
                for p in part:
                    for k, order in enumerate(p["orders"]):
                        if time.monotonic() > stop_at:
                            return
                        for message in hl7_messages(order, k == 0, stamp):
                            mllp_exchange(sock, buf, message)
                        with lock:
                            done[0] += 1
        except Exception as e:  # reported below, the run fails
            errors.append(e)

    threads = [threading.Thread(target=sender, args=(patients[k::connections],), daemon=True)
               for k in range(connections)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    last_log = t0
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if time.monotonic() - last_log >= 60:
            elapsed = time.monotonic() - t0
            log(f"  HL7: {done[0]}/{total_orders} orders acknowledged ({elapsed:.0f}s, {done[0] / elapsed:.1f}/s)")
            last_log = time.monotonic()
    if errors:
        raise RuntimeError(f"HL7 load failed: {errors[0]}")
    return time.monotonic() - t0, done[0]


# --------------------------------------------------------------------------- DICOM studies

def _el(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("ascii")
    if len(value) % 2:
        value += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value


def _us(group, elem, value):
    return _el(group, elem, "US", struct.pack("<H", value))


def study_file(order):
    """One 8x8 CT image of the order's study: its accession and the patient's id and issuer, so it
    is matched to the order as a modality's would be."""
    p = order["patient"]
    study = order["study_uid"]
    series, sop = study + ".1", study + ".1.1"
    meta = (_el(0x0002, 0x0001, "OB", b"\0\1") + _el(0x0002, 0x0002, "UI", CT_IMAGE_STORAGE) +
            _el(0x0002, 0x0003, "UI", sop) + _el(0x0002, 0x0010, "UI", EXPLICIT_VR_LE) +
            _el(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.9.7433.1.3"))
    meta = _el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta))) + meta
    date = order["start"].strftime("%Y%m%d")
    ds = (_el(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY\\AXIAL") +
          _el(0x0008, 0x0016, "UI", CT_IMAGE_STORAGE) + _el(0x0008, 0x0018, "UI", sop) +
          _el(0x0008, 0x0020, "DA", date) + _el(0x0008, 0x0030, "TM", order["start"].strftime("%H%M%S")) +
          _el(0x0008, 0x0050, "SH", order["accession"]) + _el(0x0008, 0x0060, "CS", "CT") +
          _el(0x0008, 0x0090, "PN", "") +
          _el(0x0010, 0x0010, "PN", f"{p['family']}^{p['given']}") + _el(0x0010, 0x0020, "LO", p["pid"]) +
          _el(0x0010, 0x0021, "LO", ISSUER) + _el(0x0010, 0x0030, "DA", p["birth"]) +
          _el(0x0010, 0x0040, "CS", p["sex"]) +
          _el(0x0020, 0x000D, "UI", study) + _el(0x0020, 0x000E, "UI", series) +
          _el(0x0020, 0x0010, "SH", "1") + _el(0x0020, 0x0011, "IS", "1") + _el(0x0020, 0x0013, "IS", "1") +
          _us(0x0028, 0x0002, 1) + _el(0x0028, 0x0004, "CS", "MONOCHROME2") +
          _us(0x0028, 0x0010, 8) + _us(0x0028, 0x0011, 8) + _us(0x0028, 0x0100, 16) +
          _us(0x0028, 0x0101, 12) + _us(0x0028, 0x0102, 11) + _us(0x0028, 0x0103, 0) +
          _el(0x0028, 0x1052, "DS", "-1024") + _el(0x0028, 0x1053, "DS", "1") +
          _el(0x7FE0, 0x0010, "OW", bytes(range(128))))
    return b"\0" * 128 + b"DICM" + meta + ds


def store_studies(orders, folder, port):
    os.makedirs(folder, exist_ok=True)
    files = []
    for order in orders:
        path = os.path.join(folder, f"{order['accession']}.dcm")
        with open(path, "wb") as f:
            f.write(study_file(order))
        files.append(path)
    check = subprocess.run(["dcmdump", files[0]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if check.returncode != 0 or order_accession_missing(check.stdout, orders[0]["accession"]):
        raise RuntimeError(f"dcmdump cannot read the generated file: {check.stdout.decode()[-1000:]}")
    t0 = time.monotonic()
    # one association for all (dcmtk's default: every file on the same association)
    r = subprocess.run(["storescu", "-aet", STATION, "-aec", "RISPACS", LOOPBACK, str(port)] + files,
                       env=DCMTK_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError(f"storescu failed ({r.returncode}): {r.stdout.decode()[-2000:]}")
    return time.monotonic() - t0


def order_accession_missing(dump, accession):
    return accession.encode() not in dump


# --------------------------------------------------------------------------- HTTP

class Http:
    """One keep-alive connection; reconnects if the server closed it."""

    def __init__(self, port, headers=None):
        self.port = port
        self.headers = headers or {}
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r.getheaders(), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def json(self, method, path, body=None):
        status, _, data = self.request(method, path, body, {"Content-Type": "application/json"} if body else None)
        if status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {data[:500]!r}")
        return json.loads(data)


def basic_auth():
    return "Basic " + base64.b64encode(f"{BENCH_USER}:{BENCH_PASSWORD}".encode()).decode()


def fhir_client(port):
    return Http(port, {"Authorization": basic_auth(), "Accept": "application/fhir+json"})


def sr_path(accession):
    return "/fhir/ServiceRequest?identifier=" + urllib.parse.quote(f"{ACCESSION_SYSTEM}|{accession}", safe="")


def dr_path(patient_id):
    return "/fhir/DiagnosticReport?patient=" + urllib.parse.quote(f"Patient/{patient_id}", safe="")


# The Elasticsearch requests the FHIR server's query handlers send (FhirServiceRequestQueries,
# FhirDiagnosticReportQueries and DocumentPage in query-side), written out.

def es_service_request_query(accession):
    return {"query": {"bool": {"filter": [
        {"exists": {"field": "patientId"}},
        {"term": {"accessionKey": {"value": accession.strip().upper()}}},
        {"exists": {"field": "procedureCode"}},
        {"exists": {"field": "patientId"}}]}},
        "sort": [{"authoredOn": {"order": "desc"}}, {"resourceId": {"order": "asc"}}],
        "from": 0, "size": PAGE, "track_total_hits": True}


def es_report_query(patient_id):
    return {"query": {"bool": {"filter": [
        {"term": {"patientResourceId": {"value": patient_id}}},
        {"terms": {"status": ["PRELIMINARY", "FINAL", "APPENDED"]}}]}},
        "sort": [{"reportId": {"order": "asc"}}],
        "from": 0, "size": PAGE, "track_total_hits": True}


# --------------------------------------------------------------------------- ours

class Ours(ingest.OursPeer):
    start_timeout = 900  # a shared machine under load can take minutes to start Elasticsearch

    def __init__(self, workdir, jar, java_opts):
        self.hl7_port = free_port()
        super().__init__(workdir, jar, java_opts + [f"-Dris.hl7.port={self.hl7_port}",
                                                    f"-Dris.hl7.bind-address={LOOPBACK}",
                                                    f"-Dris.security.integration-user={BENCH_USER}",
                                                    f"-Dris.security.integration-password={BENCH_PASSWORD}",
                                                    "-Dris.security.integration-roles=TECHNOLOGIST,RADIOLOGIST,ADMIN"])

    def elasticsearch_port(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            found = re.findall(r"Local Elasticsearch node ready at http://127\.0\.0\.1:(\d+)", f.read())
        if not found:
            raise RuntimeError(f"the local Elasticsearch node's port is not in {self.log}")
        return int(found[-1])


class WebSession:
    """The reading pages as a radiologist's browser uses them: form sign-in, session cookie, CSRF token."""

    def __init__(self, port):
        self.http = Http(port)
        self.cookie = None

    def _send(self, method, path, form=None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, data = self.http.request(method, path, body, headers)
        for name, value in response_headers:
            if name.lower() == "set-cookie" and value.startswith("JSESSIONID="):
                self.cookie = value.split(";", 1)[0]
        return status, dict((k.lower(), v) for k, v in response_headers), data.decode("utf-8", "replace")

    @staticmethod
    def _csrf(page):
        found = re.search(r'name="_csrf"\s+value="([^"]+)"', page) or re.search(r'value="([^"]+)"\s+name="_csrf"', page)
        if not found:
            raise RuntimeError("no CSRF token on the page")
        return found.group(1)

    def sign_in(self):
        status, _, page = self._send("GET", "/login")
        if status != 200:
            raise RuntimeError(f"GET /login: HTTP {status}")
        status, headers, _ = self._send("POST", "/login", {"username": BENCH_USER, "password": BENCH_PASSWORD,
                                                           "_csrf": self._csrf(page)})
        if status != 302 or "error" in headers.get("location", ""):
            raise RuntimeError(f"sign-in refused: HTTP {status} to {headers.get('location')}")

    def study_page(self, order_id):
        return self._send("GET", f"/reading/studies/{order_id}")

    def sign_final(self, order_id, csrf, text):
        """Saves the text as a draft and signs it final, the page's "Sign final" button. None when
        there is nothing to read yet for the order (its study not yet matched): try again later."""
        status, headers, _ = self._send("POST", f"/reading/studies/{order_id}/report",
                                        {"action": "final", "text": text, "_csrf": csrf})
        if status == 404:
            return None
        if status != 302 or not headers.get("location", "").endswith(f"/reading/studies/{order_id}"):
            raise RuntimeError(f"report for {order_id}: HTTP {status} to {headers.get('location')}")
        return True


# --------------------------------------------------------------------------- load phases

def resolve_orders(fhir, orders):
    """The order id and patient resource id of each order, read back through FHIR (which also
    waits for the ServiceRequest read model to hold it)."""
    for order in orders:
        deadline = time.monotonic() + 1800
        while True:
            bundle = fhir.json("GET", sr_path(order["accession"]))
            if bundle.get("total") == 1:
                resource = bundle["entry"][0]["resource"]
                order["order_id"] = resource["id"]
                order["patient"]["resource_id"] = resource["subject"]["reference"].split("/", 1)[1]
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"ServiceRequest {order['accession']} not found after 30 min")
            time.sleep(0.5)


def write_reports(port, orders, timeout):
    """Signs one final report per order on the reading page; an order whose study is not yet
    matched is retried until `timeout`."""
    web = WebSession(port)
    web.sign_in()
    pending = list(orders)
    csrf = None
    deadline = time.monotonic() + timeout
    first = True
    while pending:
        waiting = []
        for order in pending:
            if csrf is None:
                status, _, page = web.study_page(order["order_id"])
                if status != 200:
                    waiting.append(order)
                    continue
                csrf = web._csrf(page)
            text = (f"Findings: {order['description']}, no acute abnormality. Accession {order['accession']}.\n"
                    "Impression: normal examination.")
            if web.sign_final(order["order_id"], csrf, text) is None:
                waiting.append(order)
            elif first:  # the redirect's page says whether it was done or refused
                status, _, page = web.study_page(order["order_id"])
                if "Report signed final." not in page:
                    problem = re.search(r'class="problem"[^>]*>([^<]*)', page)
                    raise RuntimeError(f"the first report was not signed: {problem.group(1) if problem else page[:500]}")
                first = False
        pending = waiting
        if pending:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{len(pending)} orders still had nothing to read after {timeout}s")
            time.sleep(1)


def es_count(es, index, query):
    status, _, data = es.request("POST", f"/{index}/_count", json.dumps({"query": query}),
                                 {"Content-Type": "application/json"})
    if status == 404:
        return 0
    if status != 200:
        raise RuntimeError(f"_count on {index}: HTTP {status}: {data[:300]!r}")
    return json.loads(data)["count"]


def wait_for_read_models(es, orders_expected, reports_expected, timeout):
    """Until the ServiceRequest index holds every order and the DiagnosticReport index every signed report."""
    t0 = time.monotonic()
    placed = {"bool": {"filter": [{"exists": {"field": "procedureCode"}}, {"exists": {"field": "patientId"}}]}}
    final = {"term": {"status": "FINAL"}}
    last_log = t0
    while True:
        es.request("POST", f"/{SERVICE_REQUESTS},{REPORTS}/_refresh")
        orders, reports = es_count(es, SERVICE_REQUESTS, placed), es_count(es, REPORTS, final)
        if orders >= orders_expected and reports >= reports_expected:
            return time.monotonic() - t0, orders, reports
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"read models hold {orders}/{orders_expected} orders and {reports}/{reports_expected} "
                               f"final reports after {timeout}s")
        if time.monotonic() - last_log > 60:
            log(f"  read models: {orders}/{orders_expected} orders, {reports}/{reports_expected} final reports")
            last_log = time.monotonic()
        time.sleep(2)


# --------------------------------------------------------------------------- measurement

def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000, result


def check_answers(fhir, es, sr_samples, dr_samples):
    """Before timing: every FHIR answer and every baseline answer is the right one."""
    for order in sr_samples:
        bundle = fhir.json("GET", sr_path(order["accession"]))
        if bundle.get("total") != 1 or len(bundle.get("entry", [])) != 1:
            raise RuntimeError(f"ServiceRequest by accession {order['accession']}: total {bundle.get('total')}")
        identifiers = bundle["entry"][0]["resource"].get("identifier", [])
        if not any(i.get("system") == ACCESSION_SYSTEM and i.get("value") == order["accession"] for i in identifiers):
            raise RuntimeError(f"ServiceRequest found for {order['accession']} carries {identifiers}")
        hits = es.json("POST", f"/{SERVICE_REQUESTS}/_search", json.dumps(es_service_request_query(order["accession"])))
        if hits["hits"]["total"]["value"] != 1 or hits["hits"]["hits"][0]["_id"] != order["order_id"]:
            raise RuntimeError(f"baseline for {order['accession']}: {hits['hits']['total']}")
    for patient in dr_samples:
        expected = len(patient["orders"])
        bundle = fhir.json("GET", dr_path(patient["resource_id"]))
        statuses = [e["resource"]["status"] for e in bundle.get("entry", [])]
        if bundle.get("total") != expected or statuses != ["final"] * expected:
            raise RuntimeError(f"DiagnosticReport by patient {patient['pid']}: total {bundle.get('total')}, "
                               f"statuses {statuses}, expected {expected} final")
        based_on = sorted(e["resource"]["basedOn"][0]["reference"].split("/", 1)[1] for e in bundle["entry"])
        if based_on != sorted(o["order_id"] for o in patient["orders"]):
            raise RuntimeError(f"DiagnosticReport by patient {patient['pid']}: based on {based_on}")
        hits = es.json("POST", f"/{REPORTS}/_search", json.dumps(es_report_query(patient["resource_id"])))
        if hits["hits"]["total"]["value"] != expected:
            raise RuntimeError(f"baseline for patient {patient['pid']}: {hits['hits']['total']}, expected {expected}")


def measure(fhir, es, sr_samples, dr_samples, warmup):
    """Each sample's four requests in a rotating order, so that any drift of the machine falls on all alike."""
    def ours_sr(order):
        status, _, _ = fhir.request("GET", sr_path(order["accession"]))
        if status != 200:
            raise RuntimeError(f"ServiceRequest search: HTTP {status}")

    def base_sr(order):
        status, _, data = es.request("POST", f"/{SERVICE_REQUESTS}/_search",
                                     json.dumps(es_service_request_query(order["accession"])),
                                     {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"baseline ServiceRequest search: HTTP {status}")

    def ours_dr(patient):
        status, _, _ = fhir.request("GET", dr_path(patient["resource_id"]))
        if status != 200:
            raise RuntimeError(f"DiagnosticReport search: HTTP {status}")

    def base_dr(patient):
        status, _, _ = es.request("POST", f"/{REPORTS}/_search", json.dumps(es_report_query(patient["resource_id"])),
                                  {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"baseline DiagnosticReport search: HTTP {status}")

    kinds = [("sr", "ours", ours_sr, sr_samples), ("sr", "baseline", base_sr, sr_samples),
             ("dr", "ours", ours_dr, dr_samples), ("dr", "baseline", base_dr, dr_samples)]
    times = {(k, who): [] for k, who, _, _ in kinds}
    n = len(sr_samples)
    for j in range(-warmup, n):
        rotation = kinds[j % 4:] + kinds[:j % 4]
        for kind, who, fn, samples in rotation:
            ms, _ = timed(lambda: fn(samples[j % len(samples)]))
            if j >= 0:
                times[(kind, who)].append(ms)
    return times


# --------------------------------------------------------------------------- report

def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    return f"`nproc` = {os.cpu_count()}, {cpu}, {mem}"


def report(args, facts, started, load, times, counts):
    names = {"sr": "`ServiceRequest?identifier=<system>\\|<accession>`",  # \| keeps the table's columns
             "dr": "`DiagnosticReport?patient=Patient/<id>`"}
    lines = ["## FHIR search", "",
             "Produced by `bench/fhir/bench.py` (see its README). Command:", "", "```",
             "python3 bench/fhir/bench.py " + " ".join(sys.argv[1:]), "```", "",
             f"- Date: {started:%Y-%m-%d %H:%M} UTC (whole run: {(time.time() - started.timestamp()) / 60:.1f} min); "
             f"run at commit {facts['commit']} (the jar: `{os.path.basename(args.jar)}`, packaged by the operator)",
             f"- Machine: {facts['machine']}; shared with other work (load average {facts['load_before']} before "
             f"the measurement, {facts['load_after']} after): read the ratios, not the absolute figures",
             f"- Data: {counts['orders']} orders of {counts['patients']} patients ({args.orders_per_patient} orders "
             f"per patient), placed over HL7 v2 (ADT^A04 per patient, OMI^O23 per order; {args.connections} MLLP "
             f"connections, every message answered AA); for {counts['reported_patients']} of the patients every order "
             f"({counts['reports']} orders) has a study (one 8×8 CT image, C-STORE with dcmtk `storescu`, matched "
             "by accession) and a report signed final on the reading page (form sign-in, \"Sign final\")",
             f"- Load: {load['hl7_s']:.0f} s to acknowledge every order ({counts['orders'] / load['hl7_s']:.1f} orders/s); "
             f"{load['visible_s']:.0f} s more until the ServiceRequest read model held all; studies stored in "
             f"{load['store_s']:.0f} s; {counts['reports']} reports signed in {load['report_s']:.0f} s "
             f"({counts['reports'] / load['report_s']:.1f}/s); {load['dr_s']:.0f} s more until the DiagnosticReport "
             "read model held every one",
             "- Ours: `GET /fhir/...` with HTTP Basic (the bench account) on one keep-alive connection: HAPI FHIR's "
             "plain server, the query through the Axon query gateway, the Elasticsearch search, the resources "
             "built and serialised, and the access recorded in the audit trail (a `PatientDataViewedEvent` appended to "
             "the event store in PostgreSQL within the request); the Basic password is checked with bcrypt once "
             "per 5 minutes (remembered match), so about one request in each such window pays it",
             f"- Baseline: the same lookup as the Elasticsearch request the query handler sends (index "
             f"`{SERVICE_REQUESTS}`, resp. `{REPORTS}`; the same filters, sort, `size` {PAGE} and exact total), "
             "`POST /<index>/_search` to the local node on one keep-alive connection",
             f"- Samples: {args.samples} per search ({len(set(o['accession'] for o in counts['sr_samples']))} "
             f"accessions drawn from all orders, {len(set(p['pid'] for p in counts['dr_samples']))} patients drawn from "
             f"those with reports, {args.orders_per_patient} final reports each), after {args.warmup} warm-up rounds; "
             "the four requests of a round in rotating order; before timing, every sampled answer was checked: the "
             "ServiceRequest found carries the accession (system and value), the DiagnosticReport bundle's total is "
             "the patient's number of reports, all `final`, based on that patient's orders, and the baseline's hit "
             "counts are the same", ""]
    lines += ["| search | who | p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---:|---:|---:|---:|"]
    for kind in ("sr", "dr"):
        for who in ("ours", "baseline"):
            t = times[(kind, who)]
            label = "ours (FHIR)" if who == "ours" else "read model (Elasticsearch)"
            lines.append(f"| {names[kind]} | {label} | {percentile(t, 50):.1f} | {percentile(t, 90):.1f} | "
                         f"{percentile(t, 99):.1f} | {max(t):.1f} |")
    lines += ["", "Ours ÷ baseline (how many times the read model's own latency a FHIR search takes):", "",
              "| search | p50 | p90 | p99 | max |", "|---|---:|---:|---:|---:|"]
    for kind in ("sr", "dr"):
        o, b = times[(kind, "ours")], times[(kind, "baseline")]
        lines.append(f"| {names[kind]} | " + " | ".join(
            f"{percentile(o, p) / percentile(b, p):.1f}×" for p in (50, 90, 99)) + f" | {max(o) / max(b):.1f}× |")
    return "\n".join(lines) + "\n"


def load_average():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=100000, help="orders loaded")
    ap.add_argument("--orders-per-patient", type=int, default=3)
    ap.add_argument("--reported", type=float, default=0.02,
                    help="share of the orders (whole patients) given a study and a signed final report")
    ap.add_argument("--min-reported", type=int, default=500, help="at least this many reported orders")
    ap.add_argument("--samples", type=int, default=1000, help="timed requests per search and peer")
    ap.add_argument("--warmup", type=int, default=100, help="untimed rounds first")
    ap.add_argument("--connections", type=int, default=8, help="parallel MLLP connections for the load")
    ap.add_argument("--pool-size", type=int, default=30,
                    help="ours' database connection pool (spring.datasource.hikari.maximum-pool-size)")
    ap.add_argument("--jar", default=os.path.join(REPO, "app", "target", "ris-pacs.jar"))
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--load-timeout", type=int, default=14400, help="seconds allowed for the HL7 load")
    ap.add_argument("--doc", default=os.path.join(REPO, "docs", "performance.md"))
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--note", action="append", default=[])
    args = ap.parse_args()
    for tool in ("storescu", "dcmdump", "java"):
        if subprocess.run(["which", tool], stdout=subprocess.DEVNULL).returncode != 0:
            raise SystemExit(f"{tool} not found (apt-get install dcmtk; a JDK 21+)")
    if not os.path.exists(args.jar):
        raise SystemExit(f"{args.jar} missing: mvn -B -q -DskipTests package")
    started = datetime.datetime.now(datetime.timezone.utc)

    def terminated(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.exit(143)
    signal.signal(signal.SIGTERM, terminated)  # still stop ours
    workdir = args.workdir or tempfile.mkdtemp(prefix="fhir-bench-")
    os.makedirs(workdir, exist_ok=True)
    log(f"scratch folder {workdir}")
    facts = {"machine": machine(),
             "commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                      capture_output=True, text=True).stdout.strip()}
    patients, orders = patients_and_orders(args.orders, args.orders_per_patient, datetime.date.today())
    wanted = max(args.min_reported, int(args.orders * args.reported))
    reported_patients = random.Random(5).sample(patients, min(len(patients),
                                                              -(-wanted // args.orders_per_patient)))
    reported_patients = [p for p in reported_patients if len(p["orders"]) == args.orders_per_patient]
    reported = [o for p in reported_patients for o in p["orders"]]
    java_opts = args.java_opts.split() + [f"-Dspring.datasource.hikari.maximum-pool-size={args.pool_size}"]
    ours = Ours(workdir, args.jar, java_opts)
    section = None
    try:
        ours.start()
        es = Http(ours.elasticsearch_port())
        fhir = fhir_client(ours.http_port)
        log(f"loading {len(orders)} orders of {len(patients)} patients over HL7 ({args.connections} connections)")
        hl7_s, acknowledged = load_over_hl7(patients, ours.hl7_port, args.connections,
                                            time.monotonic() + args.load_timeout, len(orders))
        if acknowledged < len(orders):
            raise RuntimeError(f"only {acknowledged} of {len(orders)} orders acknowledged within {args.load_timeout}s")
        log(f"all {len(orders)} orders acknowledged in {hl7_s:.0f}s ({len(orders) / hl7_s:.1f}/s)")
        visible_s, _, _ = wait_for_read_models(es, len(orders), 0, args.load_timeout)
        log(f"the ServiceRequest read model holds all {len(orders)} orders {visible_s:.0f}s later")
        resolve_orders(fhir, reported)
        log(f"storing {len(reported)} studies (one image each) for {len(reported_patients)} patients")
        store_s = store_studies(reported, os.path.join(workdir, "studies"), ours.port)
        log(f"stored in {store_s:.0f}s; signing {len(reported)} reports on the reading page")
        t0 = time.monotonic()
        write_reports(ours.http_port, reported, 1800)
        report_s = time.monotonic() - t0
        log(f"signed in {report_s:.0f}s ({len(reported) / report_s:.1f}/s)")
        dr_s, held_orders, held_reports = wait_for_read_models(es, len(orders), len(reported), 3600)
        log(f"the DiagnosticReport read model holds all {held_reports} final reports {dr_s:.0f}s later")
        if held_reports != len(reported):
            raise RuntimeError(f"{held_reports} final reports in the read model, {len(reported)} signed")
        rnd = random.Random(11)
        sr_samples = [rnd.choice(orders) for _ in range(args.samples)]
        missing = [o for o in sr_samples if "order_id" not in o]
        resolve_orders(fhir, list({o["accession"]: o for o in missing}.values()))
        dr_samples = [rnd.choice(reported_patients) for _ in range(args.samples)]
        log("checking the answers of every sample")
        check_answers(fhir, es, list({o["accession"]: o for o in sr_samples}.values()),
                      list({p["pid"]: p for p in dr_samples}.values()))
        facts["load_before"] = load_average()
        log(f"timing {args.samples} samples per search (load average {facts['load_before']})")
        times = measure(fhir, es, sr_samples, dr_samples, args.warmup)
        facts["load_after"] = load_average()
        for (kind, who), t in times.items():
            log(f"{kind} {who}: p50 {percentile(t, 50):.1f} ms, p90 {percentile(t, 90):.1f}, "
                f"p99 {percentile(t, 99):.1f}, max {max(t):.1f}")
        counts = {"orders": len(orders), "patients": len(patients), "reported_patients": len(reported_patients),
                  "reports": len(reported), "sr_samples": sr_samples, "dr_samples": dr_samples}
        load = {"hl7_s": hl7_s, "visible_s": visible_s, "store_s": store_s, "report_s": report_s, "dr_s": dr_s}
        section = report(args, facts, started, load, times, counts)
    finally:
        try:
            ours.stop()
        except Exception as e:
            log(f"stopping ours: {e}")
        if not args.keep and not args.workdir:
            subprocess.run(["rm", "-rf", workdir])
    if args.note:
        section += "\nNotes:\n\n" + "\n".join(args.note) + "\n"
    print(section)
    if not args.no_doc:
        ingest.write_doc(args.doc, section, head="## FHIR search")


if __name__ == "__main__":
    main()
