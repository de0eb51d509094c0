#!/usr/bin/env python3
"""A/B comparison of two builds of our jar on C-STORE ingest, with dcmtk storescp beside them.

Both jars run at once (each on its own data folder and ports); for every iteration a fresh CT
corpus is sent to each of the three, in an order reversed every other iteration, with the same
settling (sync, page cache emptied when root, idle CPU) as bench.py before every timed send.
Prints per-iteration times and the median per-iteration speed ratio of B over A: a change is
only worth keeping if it shows here, since the machine's noise swamps differences between
separate bench.py runs.

    python3 bench/dicom-ingest/compare_jars.py --a /tmp/before.jar --b /tmp/after.jar
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the peers, corpus generator and sender of the main benchmark)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="the jar to compare against")
    ap.add_argument("--b", required=True, help="the jar with the change")
    ap.add_argument("--a-opts", default="", help="extra JVM options for A (e.g. -Dris.dicom.max-pdu-length=16384)")
    ap.add_argument("--b-opts", default="", help="extra JVM options for B")
    ap.add_argument("--count", type=int, default=1000, help="CT objects per send")
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--associations", default="1,4", help="comma-separated")
    ap.add_argument("--jit-quiet", type=float, default=0.05,
                    help="first warm each jar until its JIT compilers take under this share of its CPU "
                         "during a send of 2,000 CT objects (0: no warm-up)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="compare-jars-")
    os.makedirs(os.path.join(work, "logs"))
    # HL7 on a free port too: two instances would otherwise both want the default
    a = bench.OursPeer(os.path.join(work, "a"), args.a, ["-Dris.hl7.port=0"] + args.a_opts.split())
    b = bench.OursPeer(os.path.join(work, "b"), args.b, ["-Dris.hl7.port=0"] + args.b_opts.split())
    a.name, b.name = "A", "B"
    storescp = bench.StorescpPeer(work)
    peers = [a, b, storescp]
    times = {}
    try:
        for peer in peers:
            peer.start()
        if args.jit_quiet > 0:
            for jar in (a, b):
                bench.warm_until_compiled(jar, work, os.path.join(work, "logs"), 2000, args.jit_quiet, 12,
                                          f"compare/{time.time()}")
        for iteration in range(args.iterations):
            for associations in (int(n) for n in args.associations.split(",")):
                corpus = os.path.join(work, "corpus")
                shutil.rmtree(corpus, ignore_errors=True)
                parts, _ = bench.generate_set(corpus, f"compare/{time.time()}/{iteration}/{associations}",
                                              args.count, 1, parts=4, series_count=4)
                order = peers if iteration % 2 == 0 else list(reversed(peers))
                for peer in order:
                    bench.settle()
                    secs = bench.send_scenario(peer, parts, associations, os.path.join(work, "logs"),
                                               f"{iteration}-{associations}-{peer.ae}-{peer.name[0]}")
                    times.setdefault((associations, peer.name), []).append(secs)
                    bench.log(f"iteration {iteration + 1} {associations} assoc {peer.name}: {secs:.2f}s")
                storescp.reset()
    finally:
        for peer in peers:
            if peer.proc is not None:
                peer.stop()
    for associations in sorted({key[0] for key in times}):
        ta, tb, ts = (times[(associations, name)] for name in ("A", "B", storescp.name))
        per_iteration = [x / y for x, y in zip(ta, tb)]
        print(f"{args.count} CT, {associations} assoc: median s A {statistics.median(ta):.2f}, "
              f"B {statistics.median(tb):.2f}, storescp {statistics.median(ts):.2f}")
        print(f"  B/A speed per iteration {[round(r, 2) for r in per_iteration]}, "
              f"median {statistics.median(per_iteration):.2f}")
        print(f"  vs storescp: A {statistics.median(s / x for x, s in zip(ta, ts)):.2f}, "
              f"B {statistics.median(s / y for y, s in zip(tb, ts)):.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
