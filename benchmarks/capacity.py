#!/usr/bin/env python3
"""Streaming capacity: chunks/s our client ingests, CPU-s per 100,000 chunks; beside Gatling's SSE DSL.

For each delivery mode (whole: the whole stream in one write; token: one event per write), each
concurrency (streams in flight, --concurrency 512,2048), each repetition and each client (ours,
and Gatling's own SSE DSL for comparison), this starts the simulator in its own JVM pinned to
core 0 (zero delays, 256 output tokens) and the client JVM (Gatling's main, no Maven) pinned to
core 1. Every 0.25 s it samples the client JVM's CPU ticks (/proc/<pid>/stat utime+stime, all
threads) with CLOCK_MONOTONIC, the clock of the simulator's truth log (sim.truthLog). Only the
steady window counts: from the moment 25% of the requests had ended to the moment 90% had (truth
log), which leaves out JVM start, Gatling's start, JIT warm-up and the tail where streams drain;
chunks are the content chunks the simulator wrote within it (256 per stream). Prints every run, then medians and the ratios.

--itl-ms paces the simulator (e.g. 10 ms: 512 streams give 51,200 chunks/s), so both clients are
compared at the same load instead of each at the rate it reaches; at zero delay the faster client
waits for the simulator more often, and a wake-up per event costs it CPU that a saturated client,
reading several events per read, does not pay. --profiler adds an async-profiler CPU profile of
each client run and a table of event-loop microseconds per chunk by where they went (loopprofile.py):
waiting for data, the socket read, and what sits above it.

Run benchmarks/capacity.sh (builds the classpath first); see --help for sizes.
"""
import argparse
import os
import statistics
import sys
import time

import benchlib as b
import loopprofile

CLIENTS = {
    "action": "onlinebench.LlmBenchmarkSimulation",
    "sse-dsl": "onlinebench.bench.SseDslSimulation",
}
TOKENS = 256


def run_once(cp, client, mode, concurrency, streams, port, out_dir, profiler=None, extra=(),
             itl_ms=0):
    warmup = max(256, concurrency)
    truth = os.path.join(out_dir, "truth.jsonl")
    if os.path.exists(truth):
        os.remove(truth)
    sim = b.start_simulator(
        cp, port, {"ttftMs": 0, "itlMs": itl_ms, "delivery": mode, "truthLog": truth}, core=0)
    try:
        props = {"stream": "true", "concurrency": concurrency, "outputTokens": TOKENS,
                 "promptTokens": 64, "totalRequests": streams, "warmupRequests": warmup}
        # With --profiler, async-profiler samples the client's CPU (Java, native and, where the
        # kernel allows, kernel frames) as collapsed stacks (one line per stack, flamegraph.pl input).
        paced = f"-itl{itl_ms:g}ms" if itl_ms else ""
        profile = os.path.join(out_dir, f"profile-{client}-{mode}-{concurrency}{paced}.collapsed")
        agent = ([f"-agentpath:{profiler}=start,event=cpu,interval=1ms,threads,file={profile}"]
                 if profiler else [])
        cmd = b.client_command(cp, port, props, core=1, jvm=agent + list(extra), results=out_dir,
                               simulation=CLIENTS[client])
        rc, wall, samples, _ = b.run_sampled(
            cmd, os.path.join(out_dir, f"{client}-{mode}-{concurrency}.log"),
            lambda pid, t: (time.monotonic_ns(), b.cpu_ticks(pid)))
        if rc != 0:
            sys.exit(f"{client} {mode} exited {rc}; see {out_dir}")
    finally:
        b.stop(sim)  # flushes the truth log
    w = b.truth_window(truth, samples)
    cost = loopprofile.per_chunk_us(profile, w["all_chunks"]) if profiler else {}
    return {"profile": cost, "client": client, "mode": mode, "concurrency": concurrency,
            "chunks_per_s": w["chunks"] / w["seconds"], "cpu_s_per_100k": w["cpu"] / w["chunks"] * 1e5,
            "client_cores": w["cpu"] / w["seconds"], "window_s": w["seconds"], "wall_s": wall}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--concurrency", default="512,2048", help="streams in flight, comma list")
    p.add_argument("--whole-streams", type=int, default=16000)
    p.add_argument("--token-streams", type=int, default=8000)
    p.add_argument("--modes", default="whole,token")
    p.add_argument("--clients", default="action,sse-dsl")
    p.add_argument("--port", type=int, default=18231)
    p.add_argument("--itl-ms", type=float, default=0,
                   help="the simulator's gap between tokens (default 0: as fast as it can write); "
                        "a gap paces every client to the same chunk rate, e.g. 512 streams at 10 ms "
                        "= 51,200 chunks/s, so clients are compared at equal load rather than each "
                        "at the rate it reaches")
    p.add_argument("--client-prop", action="append", default=[], metavar="-Dname=value",
                   help="an extra system property for every client JVM (repeatable)")
    p.add_argument("--profiler", metavar="LIBASYNCPROFILER_SO",
                   help="profile each client run with async-profiler (libasyncProfiler.so from "
                        "tools.profiler:async-profiler on Maven Central); collapsed stacks per run")
    a = p.parse_args()
    cp = b.classpath()
    out_dir = b.out_dir("bench-capacity")
    levels = [int(c) for c in a.concurrency.split(",")]
    b.raise_open_files(max(levels) + 1024)
    print(f"# {b.machine()}")
    print("# simulator JVM on core 0, client JVM on core 1; simulator itl "
          + (f"{a.itl_ms} ms" if a.itl_ms else "0 (as fast as it can write)"))
    print(f"# load before: {b.load()}", flush=True)
    runs = []
    for mode in a.modes.split(","):
        streams = a.whole_streams if mode == "whole" else a.token_streams
        for concurrency in levels:
            for rep in range(1, a.reps + 1):
                for client in a.clients.split(","):  # alternated, so drift hits both alike
                    r = run_once(cp, client, mode, concurrency, streams, a.port, out_dir, a.profiler,
                                 a.client_prop, a.itl_ms)
                    r["rep"] = rep
                    runs.append(r)
                    print(f"{mode:5} {concurrency:5} {client:7} rep {rep}: "
                          f"{r['chunks_per_s'] / 1e3:7.1f}k chunks/s "
                          f"{r['cpu_s_per_100k']:.3f} CPU-s/100k chunks, client "
                          f"{r['client_cores']:.2f} cores, window {r['window_s']:.1f} s of "
                          f"{r['wall_s']:.1f} s, load {b.load()}", flush=True)
    print(f"# load after: {b.load()}")
    print()
    rows = []
    for mode in a.modes.split(","):
        for concurrency in levels:
            med = {}
            for client in a.clients.split(","):
                rs = [r for r in runs if (r["mode"], r["concurrency"], r["client"])
                      == (mode, concurrency, client)]
                cpu = statistics.median(r["cpu_s_per_100k"] for r in rs)
                rate = statistics.median(r["chunks_per_s"] for r in rs)
                cores = statistics.median(r["client_cores"] for r in rs)
                med[client] = cpu
                rows.append([mode, concurrency, client,
                             ", ".join(f"{r['chunks_per_s'] / 1e3:.0f}k" for r in rs),
                             f"**{rate / 1e3:.0f}k**",
                             ", ".join(f"{r['cpu_s_per_100k']:.3f}" for r in rs),
                             f"**{cpu:.3f}**", f"{cores:.2f}"])
            if "action" in med and "sse-dsl" in med:
                rows.append([mode, concurrency, "action / sse-dsl (CPU)", "", "", "",
                             f"**{med['action'] / med['sse-dsl']:.2f}**", ""])
    b.table(["delivery", "streams", "client", "chunks/s (runs)", "median chunks/s",
             "CPU-s per 100k chunks (runs)", "median CPU-s per 100k", "client cores used"], rows)
    if a.profiler:
        print()
        print("Event-loop CPU per chunk from the profiles (microseconds, whole run, median of the "
              "runs; see loopprofile.py):")
        print()
        clients = a.clients.split(",")
        for mode in a.modes.split(","):
            for concurrency in levels:
                cost = {}
                for client in clients:
                    rs = [r["profile"] for r in runs if (r["mode"], r["concurrency"], r["client"])
                          == (mode, concurrency, client)]
                    cost[client] = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
                print(f"{mode}, {concurrency} streams:")
                print()
                b.table(["where"] + clients, [
                    [k] + [f"{cost[c][k]:.0%}" if "share" in k else f"{cost[c][k]:.2f}"
                           for c in clients] for k in cost[clients[0]]])
                print()


if __name__ == "__main__":
    main()
