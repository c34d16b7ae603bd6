#!/usr/bin/env python3
"""Fidelity from a cold start: a fresh client JVM, no warmup requests to the target, and what its
first measured requests report against the simulator's own write times.

Issue 13's figure: 128 streams at concurrency 64, -DwarmupRequests=0, TTFT 200 ms, ITL 20 ms. Each
repetition starts a fresh simulator JVM (with a truth log, sim.truthLog) and a fresh client JVM
(through Gatling's main), joins requests.jsonl with the truth log on the request id (fidelity.py's
run_once does it) and compares what the run reports with what the simulator did:
- reported median TTFT and ITL (summary.json) minus the simulator's median (truth log), within 1 ms;
- reported p99 TTFT and ITL minus the simulator's p99, within 3 ms;
- per request, the harness's error (reported minus truth), its median and p99 of absolute values.

The simulator is an already-running server, as the issue's independent server was: before the
measured client starts, a throwaway client (ours, through Gatling's main, in its own JVM) sends it
--prime-requests requests, so that what is measured is the client's cold start, not the simulator's
(its JIT too would otherwise add to the way in). The join ignores those requests.

Unlike fidelity.py, the client is left as a user runs it: no thread priorities changed, no real-time
event loops (what is measured is the cold start, JIT compiler included). The simulator is on core 0
and the client on core 1 (--no-pin: both share the cores). --client-jvm passes options to the
client; --build runs another build's classes (e.g. of the commit before the self-warmup).

Run benchmarks/coldstart.sh (builds the classpath first); see --help.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys

import benchlib as b
import fidelity

LIMITS = {"median": 1.0, "p99": 3.0}


def churn_connections(port, count):
    """Opens count connections to the simulator one after another, one small request each."""
    request = (f"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Connection: close\r\n\r\n").encode()
    for _ in range(count):
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(request)
            while s.recv(65536):
                pass


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--reps", type=int, default=5)
    a.add_argument("--streams", type=int, default=64, help="concurrency")
    a.add_argument("--requests", type=int, default=128)
    a.add_argument("--warmup", type=int, default=0, help="warmupRequests to the simulator")
    a.add_argument("--ttft-ms", type=float, default=200)
    a.add_argument("--itl-ms", type=float, default=20)
    a.add_argument("--jitter", type=float, default=0.1, help="sim.jitter")
    a.add_argument("--tokens", type=int, default=32)
    a.add_argument("--prompt-tokens", type=int, default=64)
    a.add_argument("--no-pin", dest="pin", action="store_false",
                   help="let both JVMs share the cores (default: simulator core 0, client core 1)")
    a.add_argument("--prime-requests", type=int, default=2048,
                   help="requests a throwaway client sends the simulator first, at concurrency "
                        "256, to warm the simulator's code (0: a cold simulator too)")
    a.add_argument("--prime-connections", type=int, default=0,
                   help="then open this many connections to the simulator, one after another, "
                        "each asking GET /v1/models once, to bring its accept path to compiled "
                        "speed too (the primer opens only 256)")
    a.add_argument("--nice", type=int, default=0,
                   help="run both JVMs at this nice value (e.g. -10: ahead of other work on a "
                        "shared machine; needs the privilege to raise priority)")
    a.add_argument("--client-jvm", default="", help="extra JVM options for the client")
    a.add_argument("--sim-jvm", default="", help="extra JVM options for the simulator")
    a.add_argument("--build", default=None,
                   help="run the classes of another build: a folder with classes/, test-classes/ "
                        "and test-classpath.txt, e.g. a copy of target/ made at another commit "
                        "(default: this tree's target/)")
    a.add_argument("--port", type=int, default=18302)
    a = a.parse_args()
    # what fidelity.run_once reads beyond the above: all streams at once, ordinary scheduling
    a.ramp_up_ms = 0
    a.batch_slowdown = 0
    a.yield_background = False
    a.realtime = False
    a.realtime_after = None
    cp = b.classpath(a.build)
    out = b.out_dir("bench-coldstart")
    b.raise_open_files(a.streams + 1024)
    print(f"# {b.machine()}")
    print(f"# simulator primed with {a.prime_requests} requests; "
          f"{a.requests} requests, {a.warmup} warmup, {a.streams} streams, {a.tokens} tokens, "
          f"sim ttft {a.ttft_ms} ms, itl {a.itl_ms} ms, jitter {a.jitter}; "
          + ("simulator JVM on core 0, client JVM on core 1" if a.pin else "not pinned")
          + (f"; client JVM options: {a.client_jvm}" if a.client_jvm else "")
          + (f"; both JVMs at nice {a.nice}" if a.nice else "")
          + (f"; build {a.build}" if a.build else ""))
    print(f"# load before: {b.load()}", flush=True)
    def prime(sim):
        if a.prime_requests <= 0:
            return
        props = {"stream": "true", "concurrency": 256, "outputTokens": a.tokens,
                 "promptTokens": a.prompt_tokens, "totalRequests": a.prime_requests,
                 "warmupRequests": 0, "preflight": "false"}
        primer = os.path.join(out, "primer")
        with open(os.path.join(out, "primer.log"), "w") as log:
            rc = subprocess.run(b.client_command(cp, a.port, props, core=1 if a.pin else None,
                                                 results=primer, nice=a.nice),
                                stdout=log, stderr=subprocess.STDOUT).returncode
        if rc != 0:
            sys.exit(f"the primer exited {rc}; see {out}/primer.log")
        churn_connections(a.port, a.prime_connections)

    runs = [fidelity.run_once(a, cp, out, rep, prime) for rep in range(1, a.reps + 1)]
    print(f"# load after: {b.load()}")
    print()

    def row(name, reported, truth, limit):
        diffs = [r[reported] - r[truth] for r in runs]
        med = statistics.median(diffs)
        return [name, ", ".join(f"{d:+.2f}" for d in diffs), f"**{med:+.2f}**", f"±{limit:g}",
                "yes" if abs(med) <= limit else "no"]

    print("Reported minus the simulator's truth (ms; runs, then median):")
    print()
    b.table(["figure", "runs", "median", "limit", "within"],
            [row("median TTFT", "ttft", "sim_ttft", LIMITS["median"]),
             row("p99 TTFT", "ttft_p99", "sim_ttft_p99", LIMITS["p99"]),
             row("median ITL", "itl", "sim_itl", LIMITS["median"]),
             row("p99 ITL", "itl_p99", "sim_itl_p99", LIMITS["p99"])])
    print()

    def cells(key, fmt="{:.2f}"):
        return [", ".join(fmt.format(r[key]) for r in runs),
                "**" + fmt.format(statistics.median(r[key] for r in runs)) + "**"]

    print("Per-request harness error, |reported - truth| (ms; runs, then median), and the "
          "harness's own verdict:")
    print()
    b.table(["figure", "runs", "median"],
            [["TTFT error abs p50"] + cells("ttft_abs_p50"),
             ["TTFT error abs p99"] + cells("ttft_abs_p99"),
             ["ITL error abs p50"] + cells("itl_abs_p50"),
             ["ITL error abs p99"] + cells("itl_abs_p99"),
             ["event-loop lag p99"] + cells("lag_p99"),
             ["harness_saturated", ", ".join(str(r["saturated"]) for r in runs), ""]])


if __name__ == "__main__":
    main()
