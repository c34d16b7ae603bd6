#!/usr/bin/env python3
"""Request capacity: our harness beside wrk, non-streamed tiny requests, same simulator endpoint.

For each repetition, starts the simulator in its own JVM pinned to core 0 (zero delays), then on
core 1, one after the other against that same simulator: our benchmark (Gatling's main, no Maven;
stream=false, outputTokens 1, promptTokens 16; every check and the RunRecorder on, as in any run)
and wrk (one thread, a Lua script POSTing the same kind of JSON body), both with the same number
of connections in flight.

Our harness: every 0.25 s the client JVM's CPU ticks (/proc/<pid>/stat, all threads) and the
simulator's request count (a one-token probe) are sampled; only the steady window counts, from
25% to 90% of the requests (JVM start, JIT warm-up and the drain are left out). The whole-process
CPU (wait4, JVM start included) is printed too. wrk: its own requests/s, and its whole-process CPU
from wait4. Prints every run, then a Markdown table of medians and the ratios.

Run benchmarks/request-capacity.sh (builds the classpath first); see --help for sizes.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import benchlib as b

PROMPT_TOKENS = 16


def body():
    words = " ".join(["word"] * PROMPT_TOKENS)
    return json.dumps({"model": "simulated-llm", "messages": [{"role": "user", "content": words}],
                       "max_tokens": 1}, separators=(",", ":"))


def run_ours(cp, port, connections, requests, warmup, results, extra_jvm):
    probe = b.Probe(port)
    props = {"stream": "false", "concurrency": connections, "outputTokens": 1,
             "promptTokens": PROMPT_TOKENS, "totalRequests": requests, "warmupRequests": warmup}
    before = b.run_folders(results)
    rc, wall, samples, cpu_total = b.run_sampled(
        b.client_command(cp, port, props, core=1, jvm=extra_jvm, results=results),
        os.path.join(results, "ours.log"),
        lambda pid, t: (t, b.cpu_ticks(pid), probe.count()))
    if rc != 0:
        sys.exit(f"our client exited {rc}; see {results}/ours.log")
    summary = json.load(open(os.path.join(b.new_run_folder(results, before), "summary.json")))
    total = requests + warmup
    lo = next(s for s in samples if s[2] >= 0.25 * total)
    hi = next(s for s in samples if s[2] >= 0.90 * total)
    done = hi[2] - lo[2]
    seconds = hi[0] - lo[0]
    cpu = (hi[1] - lo[1]) / b.TICKS
    return {"rps": done / seconds, "cpu_per_10k": cpu / done * 1e4,
            "whole_cpu_per_10k": cpu_total / total * 1e4, "cores": cpu / seconds,
            "errors": summary["failed"], "completed": summary["completed"],
            "summary_rps": summary["request_throughput"], "window_s": seconds, "wall_s": wall}


def run_wrk(port, connections, seconds, results):
    script = os.path.join(results, "post.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = '{body()}'\n")
    cmd = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script,
           f"http://127.0.0.1:{port}/v1/chat/completions"]
    rc, wall, _, cpu = b.run_sampled(cmd, os.path.join(results, "wrk.log"), lambda pid, t: None)
    out = open(os.path.join(results, "wrk.log")).read()
    if rc != 0:
        sys.exit(f"wrk exited {rc}:\n{out}")
    done = int(re.search(r"(\d+) requests in", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
            "cpu_per_10k": cpu / done * 1e4, "cores": cpu / wall, "requests": done,
            "errors": (int(errors[1]) if errors else 0), "socket_errors":
                (socket_errors[1] if socket_errors else "none")}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--connections", type=int, default=64, help="requests in flight, both clients")
    p.add_argument("--requests", type=int, default=300000, help="our measured requests per run")
    p.add_argument("--warmup", type=int, default=20000, help="our warm-up requests")
    p.add_argument("--wrk-seconds", type=int, default=15)
    p.add_argument("--client-jvm", default="", help="extra JVM options for our client, e.g. JFR")
    p.add_argument("--port", type=int, default=18241)
    a = p.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (Debian/Ubuntu), then run this again")
    if not shutil.which("taskset"):
        sys.exit("taskset is missing: apt-get install util-linux")
    cp = b.classpath()
    results = b.out_dir("bench-requests")
    print(f"# {b.machine()}")
    print(f"# simulator JVM on core 0, client (ours or wrk) on core 1; {a.connections} connections")
    print(f"# load before: {b.load()}", flush=True)
    runs = []
    for rep in range(1, a.reps + 1):
        sim = b.start_simulator(cp, a.port, {"ttftMs": 0, "itlMs": 0}, core=0)
        try:
            ours = run_ours(cp, a.port, a.connections, a.requests, a.warmup, results,
                            a.client_jvm.split())
            wrk = run_wrk(a.port, a.connections, a.wrk_seconds, results)
        finally:
            b.stop(sim)
        runs.append((ours, wrk))
        print(f"rep {rep}: ours {ours['rps']:8.0f} req/s {ours['cpu_per_10k']:.3f} CPU-s/10k "
              f"(whole process {ours['whole_cpu_per_10k']:.3f}), {ours['cores']:.2f} cores, "
              f"{ours['completed']} ok {ours['errors']} failed, window {ours['window_s']:.1f} s of "
              f"{ours['wall_s']:.1f} s | wrk {wrk['rps']:8.0f} req/s {wrk['cpu_per_10k']:.3f} "
              f"CPU-s/10k, {wrk['cores']:.2f} cores, {wrk['errors']} non-2xx, socket errors "
              f"{wrk['socket_errors']} | load {b.load()}", flush=True)
    print(f"# load after: {b.load()}")
    print()
    med = {k: b.median([o[k] for o, _ in runs]) for k in ("rps", "cpu_per_10k",
                                                         "whole_cpu_per_10k")}
    wmed = {k: b.median([w[k] for _, w in runs]) for k in ("rps", "cpu_per_10k")}
    b.table(["client", "req/s (runs)", "median req/s", "CPU-s per 10k requests (runs)",
             "median CPU-s per 10k"],
            [["ours (steady window)", ", ".join(f"{o['rps']:.0f}" for o, _ in runs),
              f"**{med['rps']:.0f}**", ", ".join(f"{o['cpu_per_10k']:.3f}" for o, _ in runs),
              f"**{med['cpu_per_10k']:.3f}**"],
             ["ours (whole process, JVM start included)", "", "",
              ", ".join(f"{o['whole_cpu_per_10k']:.3f}" for o, _ in runs),
              f"{med['whole_cpu_per_10k']:.3f}"],
             ["wrk", ", ".join(f"{w['rps']:.0f}" for _, w in runs), f"**{wmed['rps']:.0f}**",
              ", ".join(f"{w['cpu_per_10k']:.3f}" for _, w in runs),
              f"**{wmed['cpu_per_10k']:.3f}**"],
             ["ours / wrk", "", f"**{med['rps'] / wmed['rps']:.2f}**", "",
              f"{med['cpu_per_10k'] / wmed['cpu_per_10k']:.1f}"]])


if __name__ == "__main__":
    main()
