#!/usr/bin/env python3
"""Harness fidelity: what our run reports against what the simulator really did, request by request.

Starts the simulator in its own JVM with a truth log (sim.truthLog: arrival and the write time of
every token, System.nanoTime), runs our simulation through Gatling's main with requests.jsonl on
(the server's x-request-id and every token's arrival), joins the two on the request id and prints:
- the run's reported TTFT / TPOT / ITL (summary.json) and the simulator's own (truth log);
- per request, the harness's error: reported TTFT minus the simulator's (first token written minus
  request read), and every reported ITL minus the simulator's gap between the same two writes;
- the TTFT error split by where it arose, on CLOCK_MONOTONIC, which both JVMs read: the way in (our
  send stamp to the simulator reading the request: our write, loopback, and the simulator's own
  read queue) and the way out (the simulator's first write to our stamp on its arrival: loopback
  and our event loop's delay);
- how late the simulator itself was against its schedule (first write - arrival - ttft).

Each JVM has one core, and a woken event loop that lands behind a JIT compiler's or a log writer's
time slice waits milliseconds; so while the client runs, both JVMs' JIT compiler threads, our
request-log writer and the simulator's truth-log writer (both there only for this join) get nice 19
(--no-yield leaves them alone). From 12 s after the client's start (--realtime-after), our event
loops run SCHED_FIFO where the privilege allows (--no-realtime: not): a loop woken for an arriving
token then runs at once, ahead of any ordinary thread on its core. Only the loops: with the client's
VM thread real-time too, 2 runs in 15 had first tokens ~0.9 s late at p99 (about the kernel's
real-time throttling period, as if it kept a thread the safepoint waited for off the core). Not
from the start: loops still running code the JIT has not compiled are busy enough to keep the
compiler from ever running, and then stay slow (once, from 0 s: first tokens 0.9 s late at p99; at
nice -20 instead of real-time, every run: event-loop lag of seconds). The simulator stays in the
ordinary class for the same reason: at 0.6-0.9 of its core, real-time loops starved its compiler
and were throttled by the kernel. --client-jvm / --sim-jvm take further JVM options, e.g.
"-Dio.netty.eventLoopThreads=1 -XX:TieredStopAtLevel=1" for one event loop and C1 only.

After the warm-up, users start one request's length apart in total (rampUp = ttft + tokens x itl)
as on a server that has been busy for a while; --ramp-up-ms 0 releases all of them at once, which
measures the burst instead.

Each repetition starts a fresh simulator; the table gives every repetition and the medians.

Run benchmarks/fidelity.sh (builds the classpath first); see --help. The defaults are issue 7's
figure: 1,024 streams, TTFT 200 ms, ITL 20 ms, jitter 10%, simulator on core 0, client on core 1;
32,768 requests, so that JIT compilation (which shares the client's one core) is a small part of
the run.
"""
import argparse
import json
import os
import statistics
import sys

import benchlib as b


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


# The client's Netty event loops (Gatling names them gatling-1-N).
CLIENT_REALTIME_THREADS = ("gatling-1-",)


def background(sim_pid, yield_background, realtime):
    """A run_sampled callback: both JVMs' background threads at the lowest priority, and from
    `realtime` seconds on (None: never) our event loops in the real-time class."""
    def sample(pid, seconds):
        if yield_background:
            b.yield_background_threads(pid)
            b.yield_background_threads(sim_pid)
        if realtime is not None and seconds >= realtime:
            b.realtime_threads(pid, CLIENT_REALTIME_THREADS)
    return sample


def run_once(a, cp, out, rep, prime=None):
    """One repetition; prime(sim), if given, runs once the simulator is up and before the client
    (coldstart.py warms the simulator's own code with it, so that its cold start is not ours)."""
    truth_file = os.path.join(out, f"truth-{rep}.jsonl")
    if os.path.exists(truth_file):
        os.remove(truth_file)
    sim = b.start_simulator(
        cp, a.port, {"ttftMs": a.ttft_ms, "itlMs": a.itl_ms, "jitter": a.jitter,
                     "batchSlowdown": a.batch_slowdown, "seed": rep, "truthLog": truth_file},
        core=0 if a.pin else None, jvm=a.sim_jvm.split(), nice=a.nice)
    try:
        if prime is not None:
            prime(sim)
        before = b.run_folders(out)
        props = {"stream": "true", "concurrency": a.streams, "outputTokens": a.tokens,
                 "promptTokens": a.prompt_tokens, "totalRequests": a.requests,
                 "warmupRequests": a.warmup, "requestLog": "true"}
        if a.ramp_up_ms > 0:
            props["rampUp"] = f"{a.ramp_up_ms:.0f}ms"
        sim_start = b.cpu_ticks(sim.pid)
        rc, wall, _, client_cpu = b.run_sampled(
            b.client_command(cp, a.port, props, core=1 if a.pin else None,
                             jvm=a.client_jvm.split(), results=out, nice=a.nice),
            os.path.join(out, "client.log"),
            background(sim.pid, a.yield_background, a.realtime_after if a.realtime else None))
        sim_cores = (b.cpu_ticks(sim.pid) - sim_start) / b.TICKS / wall
        if rc != 0:
            sys.exit(f"Gatling exited {rc}; see {out}/client.log")
    finally:
        b.stop(sim)
    run = b.new_run_folder(out, before)
    summary = json.load(open(os.path.join(run, "summary.json")))
    truth = {}
    for line in open(truth_file):
        t = json.loads(line)
        truth[t["id"]] = t
    os.remove(truth_file)
    ttft_err, itl_err, late, truth_ttft, truth_itl = [], [], [], [], []
    with open(os.path.join(run, "requests.jsonl")) as f:
        joined = [(r, truth[r["request_id"]]) for r in map(json.loads, f)]
    # Both JVMs read CLOCK_MONOTONIC (System.nanoTime on Linux), so one clock spans the two logs;
    # requests.jsonl gives sends as offsets from the first measured send, whose absolute time is
    # taken as the earliest (arrival - offset): that sets the quickest request's way in to zero,
    # a bias of one loopback transit (tens of microseconds) moved from the way in to the way out.
    origin = min(t["arrival_nanos"] - r["start_offset_ms"] * 1e6 for r, t in joined)
    way_in, way_out = [], []
    for r, t in joined:
        chunks = t["chunk_nanos"]
        tt = (chunks[0] - t["arrival_nanos"]) / 1e6
        truth_ttft.append(tt)
        late.append(tt - a.ttft_ms)
        ttft_err.append(r["ttft_ms"] - tt)
        sent = origin + r["start_offset_ms"] * 1e6
        way_in.append((t["arrival_nanos"] - sent) / 1e6)
        way_out.append((sent + r["ttft_ms"] * 1e6 - chunks[0]) / 1e6)
        times = r["token_times_ms"]
        for i in range(1, len(times)):
            gap = (chunks[i] - chunks[i - 1]) / 1e6
            truth_itl.append(gap)
            itl_err.append((times[i] - times[i - 1]) - gap)
    absolute = lambda vs: [abs(v) for v in vs]
    r = {"rep": rep, "failed": summary["failed"], "saturated": summary["harness_saturated"],
         "lag_p99": summary["harness"]["event_loop_lag_p99_ms"],
         "ttft": summary["median_ttft_ms"], "ttft_p99": summary["p99_ttft_ms"],
         "itl": summary["median_itl_ms"], "itl_p99": summary["p99_itl_ms"],
         "sim_ttft": pct(truth_ttft, 50), "sim_ttft_p99": pct(truth_ttft, 99),
         "sim_itl": pct(truth_itl, 50), "sim_itl_p99": pct(truth_itl, 99),
         "ttft_err_med": statistics.median(ttft_err),
         "ttft_abs_p50": pct(absolute(ttft_err), 50), "ttft_abs_p99": pct(absolute(ttft_err), 99),
         "ttft_abs_max": max(absolute(ttft_err)),
         "itl_err_med": statistics.median(itl_err),
         "itl_abs_p50": pct(absolute(itl_err), 50), "itl_abs_p99": pct(absolute(itl_err), 99),
         "itl_abs_max": max(absolute(itl_err)),
         "late_p50": pct(late, 50), "late_p99": pct(late, 99), "load": b.load(),
         "in_p50": pct(way_in, 50), "in_p99": pct(way_in, 99),
         "out_p50": pct(way_out, 50), "out_p99": pct(way_out, 99),
         "sim_cores": sim_cores, "client_cores": client_cpu / wall,
         "pressure": open("/proc/pressure/cpu").readline().split()[1]}
    print(f"rep {rep}: {os.path.basename(run)}, {summary['completed']} ok {r['failed']} failed; "
          f"TTFT error abs p50 {r['ttft_abs_p50']:.3f} p99 {r['ttft_abs_p99']:.3f} ms; ITL error "
          f"abs p50 {r['itl_abs_p50']:.3f} p99 {r['itl_abs_p99']:.3f} ms; simulator late p99 "
          f"{r['late_p99']:.1f} ms; TTFT error's way in p50 {r['in_p50']:.3f} p99 "
          f"{r['in_p99']:.3f} ms, way out p50 {r['out_p50']:.3f} p99 {r['out_p99']:.3f} ms; "
          f"client lag p99 {r['lag_p99']:.1f} ms, saturated "
          f"{r['saturated']}; CPU used over the run: simulator {sim_cores:.2f} cores, client "
          f"{r['client_cores']:.2f} (JVM start included); load {r['load']}, cpu pressure "
          f"{r['pressure']}", flush=True)
    return r


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--reps", type=int, default=3)
    a.add_argument("--streams", type=int, default=1024, help="concurrency")
    a.add_argument("--requests", type=int, default=32768)
    a.add_argument("--warmup", type=int, default=4096)
    a.add_argument("--ttft-ms", type=float, default=200)
    a.add_argument("--itl-ms", type=float, default=20)
    a.add_argument("--jitter", type=float, default=0.1, help="sim.jitter")
    a.add_argument("--batch-slowdown", type=float, default=0,
                   help="sim.batchSlowdown: each other decoding stream stretches a token's interval "
                        "by this fraction, as continuous batching does (0.002: 61 ms at 1,024)")
    a.add_argument("--tokens", type=int, default=64)
    a.add_argument("--ramp-up-ms", type=float, default=None,
                   help="the client's rampUp after the warm-up (default: one request's length, "
                        "ttft + tokens x itl, so the streams are spread over their cycle as on a "
                        "busy server; 0 releases every stream at once)")
    a.add_argument("--prompt-tokens", type=int, default=64)
    a.add_argument("--no-pin", dest="pin", action="store_false",
                   help="let both JVMs share the cores (default: simulator core 0, client core 1)")
    a.add_argument("--no-yield", dest="yield_background", action="store_false",
                   help="leave the JVMs' JIT compilers and log writers at normal priority "
                        "(by default they get nice 19, so each JVM's event loops run first on its "
                        "one core)")
    a.add_argument("--no-realtime", dest="realtime", action="store_false",
                   help="leave our event loops in the ordinary scheduling class (by default they "
                        "run SCHED_FIFO from --realtime-after where the privilege allows, so "
                        "that a wake-up for an arriving token is not queued behind the machine's "
                        "other work)")
    a.add_argument("--realtime-after", type=float, default=12,
                   help="seconds after the client's start before its event loops go real-time "
                        "(default 12: past JVM start and most of the warm-up; earlier, loops busy "
                        "with code the JIT has not compiled yet keep the compiler from running)")
    a.add_argument("--nice", type=int, default=0,
                   help="run both JVMs at this nice value (e.g. -10: ahead of the machine's other "
                        "work on their cores; needs the privilege to raise priority)")
    a.add_argument("--sim-jvm", default="", help="extra JVM options for the simulator")
    a.add_argument("--client-jvm", default="", help="extra JVM options for the client")
    a.add_argument("--port", type=int, default=18301)
    a = a.parse_args()
    if a.realtime and not b.can_use_realtime():
        print("# no privilege for real-time scheduling (CAP_SYS_NICE): event loops stay ordinary")
        a.realtime = False
    if a.ramp_up_ms is None:
        a.ramp_up_ms = a.ttft_ms + a.tokens * a.itl_ms
    cp = b.classpath()
    out = b.out_dir("bench-fidelity")
    b.raise_open_files(a.streams + 1024)
    print(f"# {b.machine()}")
    print(f"# {a.requests} requests + {a.warmup} warm-up, {a.streams} streams, {a.tokens} tokens, "
          f"sim ttft {a.ttft_ms} ms, itl {a.itl_ms} ms, jitter {a.jitter}, "
          f"client rampUp {a.ramp_up_ms:.0f} ms; "
          + ("simulator JVM on core 0, client JVM on core 1" if a.pin else "not pinned")
          + (f"; our event loops SCHED_FIFO from {a.realtime_after:g} s" if a.realtime else ""))
    print(f"# load before: {b.load()}", flush=True)
    runs = [run_once(a, cp, out, rep) for rep in range(1, a.reps + 1)]
    print(f"# load after: {b.load()}")
    print()

    def cells(key, fmt="{:.3f}"):
        return [", ".join(fmt.format(r[key]) for r in runs),
                "**" + fmt.format(statistics.median(r[key] for r in runs)) + "**"]

    print("Reported figures against the simulator's own (ms; runs, then median):")
    print()
    b.table(["figure", "reported p50", "median", "simulator p50", "median", "reported p99",
             "median", "simulator p99", "median"],
            [["TTFT"] + cells("ttft", "{:.2f}") + cells("sim_ttft", "{:.2f}")
             + cells("ttft_p99", "{:.2f}") + cells("sim_ttft_p99", "{:.2f}"),
             ["ITL"] + cells("itl", "{:.2f}") + cells("sim_itl", "{:.2f}")
             + cells("itl_p99", "{:.2f}") + cells("sim_itl_p99", "{:.2f}")])
    print()
    print("Harness error per request, reported minus simulator (ms; runs, then median):")
    print()
    b.table(["error", "signed median", "median", "abs p50", "median", "abs p99", "median",
             "abs max", "median"],
            [["TTFT"] + cells("ttft_err_med") + cells("ttft_abs_p50") + cells("ttft_abs_p99")
             + cells("ttft_abs_max"),
             ["ITL"] + cells("itl_err_med") + cells("itl_abs_p50") + cells("itl_abs_p99")
             + cells("itl_abs_max"),
             ["TTFT error, way in: our send to the simulator's read", "", ""]
             + cells("in_p50") + cells("in_p99") + ["", ""],
             ["TTFT error, way out: the simulator's first write to our arrival", "", ""]
             + cells("out_p50") + cells("out_p99") + ["", ""],
             ["simulator lateness, first token (p50, p99)", "", ""] + cells("late_p50", "{:.2f}")
             + cells("late_p99", "{:.2f}") + ["", ""]])


if __name__ == "__main__":
    main()
