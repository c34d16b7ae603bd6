"""What the benchmark scripts share: the classpath, the simulator in its own JVM, our client through
Gatling's main (no Maven), CPU ticks and memory from /proc, GC logs, medians and Markdown tables.

Every process is on loopback; every run is bounded by its request count.
"""
import glob
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")
# Gatling's own defaults for its JVM (what gatling:test and the Gatling bundle start it with).
GATLING_JVM = [
    "-Xmx1G",
    "-XX:+HeapDumpOnOutOfMemoryError",
    "-XX:MaxInlineLevel=20",
    "-XX:MaxTrivialSize=12",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
]
SIMULATION = "onlinebench.LlmBenchmarkSimulation"


def classpath(build=None):
    """This tree's target/, or another build's folder holding the same three entries."""
    target = build or os.path.join(ROOT, "target")
    with open(os.path.join(target, "test-classpath.txt")) as f:
        deps = f.read().strip()
    return ":".join([os.path.join(target, "test-classes"),
                     os.path.join(target, "classes"), deps])


def out_dir(name):
    d = os.path.join(ROOT, "target", name)
    os.makedirs(d, exist_ok=True)
    return d


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def machine():
    model = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = int(open("/proc/meminfo").readline().split()[1]) // (1024 * 1024)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split("\n")
    return f"{os.cpu_count()} cores ({model}), {mem} GiB, {java[0]}"


def pin(core, nice=0):
    """The launch prefix: taskset for a core number (None: no pinning), nice for a nonzero nice."""
    return (["nice", "-n", str(nice)] if nice else []) + (
        [] if core is None else ["taskset", "-c", str(core)])


def raise_open_files(needed):
    """Raises this process's open-file limit (inherited by the JVMs it starts) to at least needed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return soft
    target = hard if hard >= needed else needed  # raising the hard limit needs root
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, max(hard, target)))
    except (ValueError, OSError):
        sys.exit(f"need {needed} open files per process, the limit is {soft} (hard {hard}); "
                 f"raise it (as root: ulimit -Hn {needed}; ulimit -n {needed}) and run again")
    return target


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def vm_hwm_mib(pid):
    """Peak resident set size so far (VmHWM), MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def start_simulator(cp, port, props, core=None, jvm=(), nice=0):
    """props: sim.* settings without the prefix, e.g. {"ttftMs": 0}."""
    cmd = (pin(core, nice) + ["java"] + list(jvm) + ["-cp", cp, f"-Dsim.port={port}"]
           + [f"-Dsim.{k}={v}" for k, v in props.items()] + ["onlinebench.simulator.SimulatorMain"])
    sim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = ""
    for _ in range(10):  # JVM options such as JFR may print first
        line = sim.stdout.readline()
        if "listening" in line or not line:
            break
    if "listening" not in line:
        sim.kill()
        sys.exit(f"simulator did not start: {line}")
    return sim


def stop(proc):
    proc.terminate()
    proc.wait()


class Probe:
    """Reads the simulator's chat request count without counting its own probes: a one-token
    non-streamed request whose completion id is the simulator's request number."""

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


def client_command(cp, port, props, core=None, jvm=(), results=None, nice=0,
                   simulation=SIMULATION):
    """A simulation (ours by default) through Gatling's main; props: benchmark properties, e.g.
    {"stream": "true"}; jvm: further JVM options, system properties and agents included."""
    base = {"apiBase": f"http://127.0.0.1:{port}/v1", "model": "simulated-llm", "progress": "off"}
    base.update(props)
    # jvm after props: a -D given there wins over the script's own
    return (pin(core, nice) + ["java"] + GATLING_JVM + [f"-D{k}={v}" for k, v in base.items()]
            + list(jvm) + ["-cp", cp, "io.gatling.app.Gatling", "-s", simulation, "-rf", results, "-nr"])


def run_sampled(cmd, log_path, sample, every=0.25):
    """Runs cmd to its end, calling sample(pid, seconds since start) every `every` seconds.
    Returns (exit code, wall seconds, samples, CPU seconds of the whole process from wait4)."""
    samples = []
    with open(log_path, "w") as log:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                samples.append(sample(proc.pid, time.monotonic() - start))
            except (OSError, ValueError):
                pass  # the process just exited
            time.sleep(every)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return (proc.returncode, time.monotonic() - start, samples,
                usage.ru_utime + usage.ru_stime)


# Threads of a JVM that do not serve the network and can wait for an idle moment: the JIT
# compilers, our request-log writer and the simulator's truth-log writer (both exist only so a
# benchmark can join our timings with the simulator's). On a one-core JVM they otherwise take the
# core for a time slice while an event loop that has just been woken waits behind them. Linux
# shows the first 15 characters of a thread's name.
BACKGROUND_THREADS = ("C1 CompilerThre", "C2 CompilerThre", "llm-request-log", "sim-truth-log")


def named_threads(pid, names):
    """The ids of the process's threads whose (15-character) name starts with one of names."""
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(os.path.join(task, "comm")) as f:
                if f.read().strip().startswith(names):
                    yield int(os.path.basename(task))
        except (OSError, ValueError):
            pass  # the thread ended


def yield_background_threads(pid, names=BACKGROUND_THREADS, nice=19):
    """Gives the JVM's background threads (by name) the lowest priority, so that its event loops
    run first on a shared core; called repeatedly, it catches threads started since."""
    for tid in named_threads(pid, names):
        try:
            if os.getpriority(os.PRIO_PROCESS, tid) != nice:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
        except OSError:
            pass  # the thread ended


def can_use_realtime():
    """Whether this process may put threads in the real-time class (root or CAP_SYS_NICE)."""
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))
        os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
        return True
    except OSError:
        return False


def realtime_threads(pid, names, priority=10):
    """Puts the named threads in the real-time class (SCHED_FIFO): a woken event loop then runs at
    once, ahead of every ordinary thread on its core (other processes, its JVM's compilers and
    writers). Only for a JVM with CPU to spare: a real-time thread that keeps its core busy starves
    the JIT compiler, runs slower code for longer and ends throttled by the kernel (the simulator,
    at 0.7-0.9 of its core, did). Called repeatedly, it catches threads started since."""
    for tid in named_threads(pid, names):
        try:
            if os.sched_getscheduler(tid) != os.SCHED_FIFO:
                os.sched_setscheduler(tid, os.SCHED_FIFO, os.sched_param(priority))
        except OSError:
            pass  # the thread ended


def new_run_folder(results, before):
    found = set(glob.glob(os.path.join(results, "llmbenchmarksimulation-*"))) - before
    return found.pop() if found else None


def run_folders(results):
    return set(glob.glob(os.path.join(results, "llmbenchmarksimulation-*")))


_GC = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
_UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}


def gc_log(path):
    """From -Xlog:gc: collections, peak heap used before a GC, largest heap left after one, the
    median heap left after the second half of the collections (the steady live set), and the
    largest committed heap, all MiB."""
    before, after, committed, count, afters = 0.0, 0.0, 0.0, 0, []
    if os.path.exists(path):
        for line in open(path):
            m = _GC.search(line)
            if m and "Pause" in line:
                count += 1
                before = max(before, int(m[1]) * _UNIT[m[2]])
                after = max(after, int(m[3]) * _UNIT[m[4]])
                afters.append(int(m[3]) * _UNIT[m[4]])
                committed = max(committed, int(m[5]) * _UNIT[m[6]])
    return {"gcs": count, "peak_used_mib": before, "max_after_gc_mib": after,
            "steady_after_gc_mib": median(afters[len(afters) // 2:]), "committed_mib": committed}


def median(values):
    return statistics.median(values) if values else float("nan")


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    sys.stdout.flush()


def ticks_at(samples, t):
    """CPU ticks at monotonic time t (ns), interpolated between (time ns, ticks) samples."""
    for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
        if t0 <= t <= t1:
            return c0 + (c1 - c0) * (t - t0) / (t1 - t0)
    raise ValueError("the window is outside the sampled time")


def truth_window(truth_file, samples, lo=0.25, hi=0.90):
    """The steady window of a run from the simulator's truth log: from the moment lo of the
    requests had ended to the moment hi had. Its seconds, the requests ended and content chunks
    written within it, and the client's CPU seconds over it (samples: (time.monotonic_ns(), ticks);
    CLOCK_MONOTONIC, the clock of the simulator's System.nanoTime); and, as all_chunks, the content
    chunks of the whole run (warm-up included)."""
    ends, chunk_times = [], []
    with open(truth_file) as f:
        for line in f:
            t = json.loads(line)
            ends.append(t["end_nanos"])
            chunk_times.append(t["chunk_nanos"])
    ends.sort()
    start, end = ends[int(lo * (len(ends) - 1))], ends[int(hi * (len(ends) - 1))]
    chunks = sum(1 for cs in chunk_times for c in cs if start <= c <= end)
    requests = sum(1 for e in ends if start < e <= end)
    cpu = (ticks_at(samples, end) - ticks_at(samples, start)) / TICKS
    return {"seconds": (end - start) / 1e9, "chunks": chunks, "requests": requests, "cpu": cpu,
            "all_chunks": sum(len(cs) for cs in chunk_times)}
