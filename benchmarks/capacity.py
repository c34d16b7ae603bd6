#!/usr/bin/env python3
"""Client capacity: our chat action against Gatling's SSE DSL, same simulator, same machine.

For each delivery mode (whole: the whole stream in one write; token: one event per write), each
repetition and each client, this starts the simulator in its own JVM pinned to core 0 (zero delays,
256 output tokens) and the client JVM (Gatling's main, no Maven) pinned to core 1, with 256 streams
in flight. Every 0.25 s it samples the client JVM's CPU ticks (/proc/<pid>/stat utime+stime, all
threads) and the simulator's chat request count (a one-token non-streamed probe whose completion id
is the count; probes are subtracted). Only the steady window counts: from 25% to 90% of the
requests, which leaves out JVM start, Gatling's start, JIT warm-up and the tail where streams drain.
Chunks are content chunks (256 per stream). Prints every run, then medians and the ratios.

Run benchmarks/capacity.sh (builds the classpath first); see --help for sizes.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")
GATLING_JVM = [
    "-Xmx1G",
    "-XX:+HeapDumpOnOutOfMemoryError",
    "-XX:MaxInlineLevel=20",
    "-XX:MaxTrivialSize=12",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
]
CLIENTS = {
    "action": "onlinebench.LlmBenchmarkSimulation",
    "sse-dsl": "onlinebench.bench.SseDslSimulation",
}
CONCURRENCY = 256
TOKENS = 256
WARMUP = 256


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


class Probe:
    """Reads the simulator's chat request count without counting its own probes."""

    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}/v1/chat/completions"
        self.sent = 0
        self.body = json.dumps(
            {"model": "simulated-llm", "max_tokens": 1,
             "messages": [{"role": "user", "content": "probe"}]}).encode()

    def count(self):
        req = urllib.request.Request(self.url, self.body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            answer = json.load(r)
        self.sent += 1
        return int(answer["id"].rsplit("-", 1)[1]) - self.sent


def start_simulator(cp, mode, port):
    cmd = ["taskset", "-c", "0", "java", "-cp", cp, f"-Dsim.port={port}", "-Dsim.ttftMs=0",
           "-Dsim.itlMs=0", f"-Dsim.delivery={mode}", "onlinebench.simulator.SimulatorMain"]
    sim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = sim.stdout.readline()
    if "listening" not in line:
        sim.kill()
        sys.exit(f"simulator did not start: {line}")
    return sim


def run_once(cp, client, mode, streams, port, out_dir):
    sim = start_simulator(cp, mode, port)
    try:
        probe = Probe(port)
        props = [f"-DapiBase=http://127.0.0.1:{port}/v1", "-Dmodel=simulated-llm",
                 "-Dstream=true", f"-Dconcurrency={CONCURRENCY}", f"-DoutputTokens={TOKENS}",
                 "-DpromptTokens=64", f"-DtotalRequests={streams}", f"-DwarmupRequests={WARMUP}",
                 "-Dprogress=off"]
        cmd = (["taskset", "-c", "1", "java"] + GATLING_JVM + props
               + ["-cp", cp, "io.gatling.app.Gatling", "-s", CLIENTS[client], "-rf", out_dir,
                  "-nr"])
        log = open(os.path.join(out_dir, f"{client}-{mode}.log"), "w")
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        samples = []  # (seconds, client ticks, requests served)
        while proc.poll() is None:
            try:
                samples.append((time.monotonic() - start, cpu_ticks(proc.pid), probe.count()))
            except (OSError, ValueError):
                pass  # the client just exited
            time.sleep(0.25)
        wall = time.monotonic() - start
        if proc.returncode != 0:
            sys.exit(f"{client} {mode} exited {proc.returncode}; see {log.name}")
    finally:
        sim.terminate()
        sim.wait()
    total = streams + WARMUP
    lo = next(s for s in samples if s[2] >= 0.25 * total)
    hi = next(s for s in samples if s[2] >= 0.90 * total)
    chunks = (hi[2] - lo[2]) * TOKENS
    seconds = hi[0] - lo[0]
    cpu = (hi[1] - lo[1]) / TICKS
    return {"client": client, "mode": mode, "chunks_per_s": chunks / seconds,
            "cpu_s_per_100k": cpu / chunks * 1e5, "client_cores": cpu / seconds,
            "window_s": seconds, "wall_s": wall}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--whole-streams", type=int, default=16000)
    p.add_argument("--token-streams", type=int, default=8000)
    p.add_argument("--modes", default="whole,token")
    p.add_argument("--clients", default="action,sse-dsl")
    p.add_argument("--port", type=int, default=18231)
    p.add_argument("--classpath", default=os.path.join(ROOT, "target", "test-classpath.txt"))
    a = p.parse_args()
    with open(a.classpath) as f:
        deps = f.read().strip()
    cp = ":".join([os.path.join(ROOT, "target", "test-classes"),
                   os.path.join(ROOT, "target", "classes"), deps])
    out_dir = os.path.join(ROOT, "target", "bench-capacity")
    os.makedirs(out_dir, exist_ok=True)
    print(f"# load before: {open('/proc/loadavg').read().strip()}", flush=True)
    runs = []
    for mode in a.modes.split(","):
        streams = a.whole_streams if mode == "whole" else a.token_streams
        for rep in range(1, a.reps + 1):
            for client in a.clients.split(","):  # alternated, so drift hits both alike
                r = run_once(cp, client, mode, streams, a.port, out_dir)
                r["rep"] = rep
                runs.append(r)
                print(f"{mode:5} {client:7} rep {rep}: {r['chunks_per_s'] / 1e3:7.1f}k chunks/s "
                      f"{r['cpu_s_per_100k']:.3f} CPU-s/100k chunks, client {r['client_cores']:.2f}"
                      f" cores, window {r['window_s']:.1f} s of {r['wall_s']:.1f} s", flush=True)
    print(f"# load after: {open('/proc/loadavg').read().strip()}")
    print()
    print("| mode | client | chunks/s (median) | CPU-s per 100k chunks (runs) | median |")
    print("|---|---|---|---|---|")
    med = {}
    for mode in a.modes.split(","):
        for client in a.clients.split(","):
            rs = [r for r in runs if r["mode"] == mode and r["client"] == client]
            cpu = statistics.median(r["cpu_s_per_100k"] for r in rs)
            rate = statistics.median(r["chunks_per_s"] for r in rs)
            med[mode, client] = cpu
            runs_text = ", ".join(f"{r['cpu_s_per_100k']:.3f}" for r in rs)
            print(f"| {mode} | {client} | {rate / 1e3:.0f}k | {runs_text} | **{cpu:.3f}** |")
        if (mode, "action") in med and (mode, "sse-dsl") in med:
            print(f"| {mode} | action / sse-dsl | | | **{med[mode, 'action'] / med[mode, 'sse-dsl']:.2f}** |")


if __name__ == "__main__":
    main()
