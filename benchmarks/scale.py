#!/usr/bin/env python3
"""Scale and memory: 10,000 concurrent streams, and runs of 50,000 and 200,000 requests.

Each run starts the simulator in its own JVM and our benchmark through Gatling's main (no Maven),
with Gatling's default JVM options (-Xmx1G) plus a GC log (-Xlog:gc). Neither is pinned: both
share the 2 cores (G1, as a user gets by default). For each run it prints the errors (summary.json),
the largest number of streams the simulator held at once (its truth log: arrival to last write;
with zero delays it ends each stream as soon as it starts, so that is small there),
the client's heap from its GC log (the peak used before a collection, the most left after one,
the most committed) and its peak RSS (VmHWM, sampled from /proc every 0.25 s until it exits).

- streams: --streams concurrent streams (default 10,000), sim.ttftMs 1000, sim.itlMs 500, 16
  tokens each: every stream lives about 8.5 s, so all of them are in flight at once. Needs two
  file descriptors per stream over both processes; the open-file limit is raised for them.
- requests: streamed, zero delays, 256 in flight, 32 tokens each, --requests (default 50,000 and
  200,000): memory must not grow with the number of requests.

Run benchmarks/scale.sh (builds the classpath first); see --help.
"""
import argparse
import json
import os
import sys
import time

import benchlib as b


def max_in_flight(truth_file):
    events = []
    with open(truth_file) as f:
        for line in f:
            t = json.loads(line)
            events.append((t["arrival_nanos"], 1))
            events.append((t["end_nanos"], -1))
    events.sort()
    now = peak = 0
    for _, d in events:
        now += d
        peak = max(peak, now)
    return peak


def run(cp, port, name, sim_props, client_props, results):
    truth = os.path.join(results, f"truth-{name}.jsonl")
    gc = os.path.join(results, f"gc-{name}.log")
    for f in (truth, gc):
        if os.path.exists(f):
            os.remove(f)
    sim = b.start_simulator(cp, port, dict(sim_props, truthLog=truth))
    try:
        before = b.run_folders(results)
        hwm = [0.0]

        def sample(pid, t):
            hwm[0] = max(hwm[0], b.vm_hwm_mib(pid))

        rc, wall, _, cpu = b.run_sampled(
            b.client_command(cp, port, client_props, jvm=[f"-Xlog:gc:file={gc}"],
                             results=results),
            os.path.join(results, f"{name}.log"), sample)
        sim_hwm = b.vm_hwm_mib(sim.pid)
    finally:
        b.stop(sim)
    if rc != 0:
        sys.exit(f"{name}: the client exited {rc}; see {results}/{name}.log")
    summary = json.load(open(os.path.join(b.new_run_folder(results, before), "summary.json")))
    heap = b.gc_log(gc)
    r = {"name": name, "completed": summary["completed"], "failed": summary["failed"],
         "errors": {k: v for k, v in summary["errors"].items() if v},
         "in_flight": max_in_flight(truth), "rss_mib": hwm[0], "sim_rss_mib": sim_hwm,
         "wall_s": wall, "cpu_s": cpu, "saturated": summary["harness_saturated"],
         "median_ttft_ms": summary.get("median_ttft_ms"), **heap}
    os.remove(truth)
    print(f"{name}: {r['completed']} ok, {r['failed']} failed {r['errors'] or ''}, at most "
          f"{r['in_flight']} streams at once; heap peak {r['peak_used_mib']:.0f} MiB, after GC at "
          f"most {r['max_after_gc_mib']:.0f} MiB, committed {r['committed_mib']:.0f} MiB, "
          f"{r['gcs']} GCs; RSS peak {r['rss_mib']:.0f} MiB (simulator {sim_hwm:.0f}); "
          f"{wall:.1f} s, {cpu:.1f} CPU-s; load {b.load()}", flush=True)
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--streams", type=int, default=10000)
    p.add_argument("--stream-requests", type=int, default=20000)
    p.add_argument("--requests", default="50000,200000")
    p.add_argument("--reps", type=int, default=1)
    p.add_argument("--only", choices=["streams", "requests"])
    p.add_argument("--port", type=int, default=18251)
    a = p.parse_args()
    cp = b.classpath()
    results = b.out_dir("bench-scale")
    print(f"# {b.machine()}")
    print("# simulator and client JVMs not pinned (they share the 2 cores); client -Xmx1G")
    print(f"# load before: {b.load()}", flush=True)
    rows = []
    if a.only != "requests":
        limit = b.raise_open_files(a.streams + 2048)
        print(f"# open files per process: {limit}", flush=True)
        for rep in range(1, a.reps + 1):
            r = run(cp, a.port, f"streams-{a.streams}",
                    {"ttftMs": 1000, "itlMs": 500},
                    {"stream": "true", "concurrency": a.streams, "outputTokens": 16,
                     "promptTokens": 64, "totalRequests": a.stream_requests,
                     "warmupRequests": 1000}, results)
            rows.append([f"{a.streams:,} streams, {a.stream_requests:,} requests (1000 ms / 500 "
                         f"ms, 16 tokens)", r])
    if a.only != "streams":
        for n in (int(x) for x in a.requests.split(",")):
            for rep in range(1, a.reps + 1):
                r = run(cp, a.port, f"requests-{n}", {"ttftMs": 0, "itlMs": 0},
                        {"stream": "true", "concurrency": 256, "outputTokens": 32,
                         "promptTokens": 64, "totalRequests": n, "warmupRequests": 1000},
                        results)
                rows.append([f"{n:,} requests, 256 streams (zero delays, 32 tokens)", r])
    print(f"# load after: {b.load()}")
    print()
    b.table(["run", "ok", "failed", "max streams at once (simulator)", "heap peak used (MiB)",
             "heap after GC, max (MiB)",
             "heap after GC, 2nd half median (MiB)", "heap committed (MiB)", "GCs", "client RSS peak (MiB)",
             "wall s", "client CPU-s"],
            [[name, f"{r['completed']:,}", r["failed"], f"{r['in_flight']:,}",
              f"{r['peak_used_mib']:.0f}", f"{r['max_after_gc_mib']:.0f}",
              f"{r['steady_after_gc_mib']:.0f}",
              f"{r['committed_mib']:.0f}", r["gcs"], f"{r['rss_mib']:.0f}", f"{r['wall_s']:.0f}",
              f"{r['cpu_s']:.0f}"] for name, r in rows])


if __name__ == "__main__":
    main()
