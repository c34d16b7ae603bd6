#!/usr/bin/env python3
"""Harness fidelity: what our run reports against what the simulator really did, request by request.

Starts the simulator in its own JVM with a truth log (sim.truthLog: arrival and the write time of
every token, System.nanoTime), runs our simulation through Gatling's main with requests.jsonl on
(the server's x-request-id and every token's arrival), joins the two on the request id and prints:
- the run's reported TTFT / TPOT / ITL (summary.json) and the simulator's own (truth log);
- per request, the harness's error: reported TTFT minus the simulator's (first token written minus
  request read), and every reported ITL minus the simulator's gap between the same two writes;
- how late the simulator itself was against its schedule (first write - arrival - ttft).

Run benchmarks/fidelity.sh (builds the classpath first); see --help. Issue 7's figure: --streams 1024.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATLING_JVM = ["-Xmx1G", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12",
               "--add-opens=java.base/java.lang=ALL-UNNAMED",
               "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"]


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--streams", type=int, default=256, help="concurrency")
    a.add_argument("--requests", type=int, default=2048)
    a.add_argument("--warmup", type=int, default=512)
    a.add_argument("--ttft-ms", type=float, default=200)
    a.add_argument("--itl-ms", type=float, default=20)
    a.add_argument("--tokens", type=int, default=64)
    a.add_argument("--prompt-tokens", type=int, default=64)
    a.add_argument("--pin", action="store_true", help="simulator on core 0, client on core 1")
    a.add_argument("--sim-jvm", default="", help="extra JVM options for the simulator")
    a.add_argument("--client-jvm", default="", help="extra JVM options for the client")
    a.add_argument("--port", type=int, default=18301)
    a = a.parse_args()
    with open(os.path.join(ROOT, "target", "test-classpath.txt")) as f:
        cp = ":".join([os.path.join(ROOT, "target", "test-classes"),
                       os.path.join(ROOT, "target", "classes"), f.read().strip()])
    out = os.path.join(ROOT, "target", "bench-fidelity")
    os.makedirs(out, exist_ok=True)
    truth_file = os.path.join(out, f"truth-{int(time.time())}.jsonl")
    sim_pin = ["taskset", "-c", "0"] if a.pin else []
    cli_pin = ["taskset", "-c", "1"] if a.pin else []
    sim = subprocess.Popen(
        sim_pin + ["java"] + a.sim_jvm.split() + ["-cp", cp, f"-Dsim.port={a.port}",
                   f"-Dsim.ttftMs={a.ttft_ms}", f"-Dsim.itlMs={a.itl_ms}",
                   f"-Dsim.truthLog={truth_file}", "onlinebench.simulator.SimulatorMain"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for _ in range(10):  # JVM options such as JFR may print first
        line = sim.stdout.readline()
        if "listening" in line or not line:
            break
    if "listening" not in line:
        sim.kill()
        sys.exit(f"simulator did not start: {line}")
    try:
        before = set(glob.glob(os.path.join(out, "llmbenchmarksimulation-*")))
        props = [f"-DapiBase=http://127.0.0.1:{a.port}/v1", "-Dmodel=simulated-llm",
                 "-Dstream=true", f"-Dconcurrency={a.streams}", f"-DoutputTokens={a.tokens}",
                 f"-DpromptTokens={a.prompt_tokens}", f"-DtotalRequests={a.requests}",
                 f"-DwarmupRequests={a.warmup}", "-DrequestLog=true", "-Dprogress=off"]
        rc = subprocess.run(cli_pin + ["java"] + GATLING_JVM + a.client_jvm.split() + props +
                            ["-cp", cp, "io.gatling.app.Gatling", "-s",
                             "onlinebench.LlmBenchmarkSimulation", "-rf", out, "-nr"],
                            stdout=subprocess.DEVNULL).returncode
        if rc != 0:
            sys.exit(f"Gatling exited {rc}")
    finally:
        sim.terminate()
        sim.wait()
    run = (set(glob.glob(os.path.join(out, "llmbenchmarksimulation-*"))) - before).pop()
    summary = json.load(open(os.path.join(run, "summary.json")))
    truth = {}
    for line in open(truth_file):
        t = json.loads(line)
        truth[t["id"]] = t
    ttft_err, itl_err, late, truth_ttft, truth_itl = [], [], [], [], []
    for line in open(os.path.join(run, "requests.jsonl")):
        r = json.loads(line)
        t = truth[r["request_id"]]
        chunks = t["chunk_nanos"]
        tt = (chunks[0] - t["arrival_nanos"]) / 1e6
        truth_ttft.append(tt)
        late.append(tt - a.ttft_ms)
        ttft_err.append(r["ttft_ms"] - tt)
        times = r["token_times_ms"]
        for i in range(1, len(times)):
            gap = (chunks[i] - chunks[i - 1]) / 1e6
            truth_itl.append(gap)
            itl_err.append((times[i] - times[i - 1]) - gap)

    def row(name, values):
        absv = [abs(v) for v in values]
        print(f"| {name} | {statistics.median(values):+.3f} | {pct(absv, 50):.3f} | "
              f"{pct(absv, 99):.3f} | {max(absv):.3f} |")

    print(f"run {os.path.basename(run)}: {a.requests} requests + {a.warmup} warm-up, "
          f"concurrency {a.streams}, {a.tokens} tokens, ttft {a.ttft_ms} ms, itl {a.itl_ms} ms, "
          f"pinned {a.pin}; load {open('/proc/loadavg').read().split()[:3]}; cpu pressure "
          f"{open('/proc/pressure/cpu').readline().split()[1:3]}")
    print("| figure (ms) | reported p50 | reported p99 | simulator p50 | simulator p99 |")
    print("|---|---|---|---|---|")
    print(f"| TTFT | {summary['median_ttft_ms']:.2f} | {summary['p99_ttft_ms']:.2f} | "
          f"{pct(truth_ttft, 50):.2f} | {pct(truth_ttft, 99):.2f} |")
    print(f"| TPOT | {summary['median_tpot_ms']:.2f} | {summary['p99_tpot_ms']:.2f} | | |")
    print(f"| ITL | {summary['median_itl_ms']:.2f} | {summary['p99_itl_ms']:.2f} | "
          f"{pct(truth_itl, 50):.2f} | {pct(truth_itl, 99):.2f} |")
    print()
    print("| harness error, reported - simulator (ms) | median | abs p50 | abs p99 | abs max |")
    print("|---|---|---|---|---|")
    row("TTFT", ttft_err)
    row("ITL", itl_err)
    row("simulator lateness, first token", late)


if __name__ == "__main__":
    main()
