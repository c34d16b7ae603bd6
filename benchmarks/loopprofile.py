#!/usr/bin/env python3
"""Where a client's event loops spend their CPU, per chunk, from an async-profiler profile.

Reads collapsed stacks written with async-profiler's `threads` option (the first frame names the
thread), keeps the Netty event loops' stacks (Gatling names them gatling-1-N) and puts each sample
in the category of its deepest frame that matches one (so a callee's time is its own category's,
not its caller's): waiting for data (the CPU that going to sleep in epoll_wait and waking up costs;
the sleep itself is not CPU), the socket read, Netty's HTTP/1.1 decoding, Gatling's
HTTP client and SSE handling, our own code, the rest of Netty (channel, pipeline, buffers). Divided
by the chunks the simulator wrote over the whole run, it gives CPU microseconds per chunk.

Used by capacity.py (--profiler); standalone:
  python3 benchmarks/loopprofile.py profile.collapsed --chunks 2179072 [--interval-ms 1]
"""
import argparse
import collections

EVENT_LOOP = "[gatling-"
# (category, patterns): the deepest frame matching any pattern decides the category.
CATEGORIES = [
    ("waiting for data (epoll_wait: sleep, wake-up)", ("Native.epollWait", "submitAndWait", "epoll_pwait")),
    ("socket read (recv)", ("recvAddress", "readAddress", "Native.recv", "Native.read")),
    ("sending requests", ("writeAddress", "writevAddresses", "sendAddress", "Native.write")),
    ("Netty HTTP/1.1 decoding", ("io/netty/handler/codec/",)),
    ("Gatling HTTP client, SSE, stats", ("io/gatling/",)),
    ("ours (onlinebench)", ("onlinebench/",)),
]
REST = "Netty channel, pipeline, buffers"
ORDER = [name for name, _ in CATEGORIES] + [REST]


def category(frames):
    for frame in reversed(frames):
        for name, patterns in CATEGORIES:
            if any(p in frame for p in patterns):
                return name
    return REST


def event_loop_samples(path):
    """Samples per category over the event-loop threads, and the whole profile's samples."""
    per_category, total = collections.Counter(), 0
    with open(path) as f:
        for line in f:
            stack, count = line.rsplit(" ", 1)
            frames, n = stack.split(";"), int(count)
            total += n
            if frames[0].startswith(EVENT_LOOP):
                per_category[category(frames[1:])] += n
    return per_category, total


def per_chunk_us(path, chunks, interval_ms=1.0):
    """CPU microseconds per chunk, per category, for the event loops; plus their share of all CPU."""
    per_category, total = event_loop_samples(path)
    loops = sum(per_category.values())
    us = {name: per_category[name] * interval_ms * 1e3 / chunks for name in ORDER}
    us["event loops, total"] = loops * interval_ms * 1e3 / chunks
    us["event loops' share of the JVM's CPU"] = loops / total if total else 0.0
    return us


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("collapsed")
    p.add_argument("--chunks", type=int, required=True, help="chunks received over the run")
    p.add_argument("--interval-ms", type=float, default=1.0, help="the profile's sampling interval")
    a = p.parse_args()
    for name, value in per_chunk_us(a.collapsed, a.chunks, a.interval_ms).items():
        print(f"{name:40} {value:8.3f}")


if __name__ == "__main__":
    main()
