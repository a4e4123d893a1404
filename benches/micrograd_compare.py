#!/usr/bin/env python3
"""Side-by-side timing: the workloads of `micrograd bench`, run in Karpathy's
Python micrograd (`pip install micrograd`) and in this engine's release
binary, with the ratio. Not part of CI.

    python3 benches/micrograd_compare.py chain 100000
    python3 benches/micrograd_compare.py wide 100000
    python3 benches/micrograd_compare.py demo 5 [--no-gc]

The workloads build the same graphs as src/bench.rs: `chain` alternates
`y = y + x` and `y = y.relu()`; `wide` is sum(x_i * x_i); `demo` is
micrograd's demo.ipynb (moons(100, noise 0.1), MLP(2, [16, 16, 1]), hinge
loss + 1e-4 * sum(p*p), full-batch SGD, lr = 1 - 0.9 k / 100). Python's
micrograd sorts the graph recursively, so deep chains need a raised
recursion limit and a big thread stack; a 1,000,000-node chain is out of
its reach, hence the smaller default. For `demo`, `total_s` is scaled to
100 steps from the steps run (each step costs the same) and says so.
"""

import argparse
import gc
import json
import math
import random
import subprocess
import sys
import threading
import time

from micrograd.engine import Value
from micrograd.nn import MLP


def chain(n):
    start = time.perf_counter()
    x = Value(0.5)
    y = x
    for k in range(1, n):
        y = y + x if k % 2 == 1 else y.relu()
    built = time.perf_counter()
    y.backward()
    done = time.perf_counter()
    return {"workload": "chain", "nodes": n, "build_s": built - start,
            "backward_s": done - built}


def wide(n):
    start = time.perf_counter()
    xs = [Value(i / n) for i in range(n)]
    total = sum(x * x for x in xs)
    built = time.perf_counter()
    total.backward()
    done = time.perf_counter()
    return {"workload": "wide", "nodes": 3 * n, "build_s": built - start,
            "backward_s": done - built}


def moons(samples=100, noise=0.1, seed=1):
    """sklearn.datasets.make_moons without numpy; labels -1/+1."""
    rng = random.Random(seed)
    outer, inner = samples // 2, samples - samples // 2
    points = []
    for k in range(outer):
        t = math.pi * k / (outer - 1)
        points.append(([math.cos(t), math.sin(t)], -1))
    for k in range(inner):
        t = math.pi * k / (inner - 1)
        points.append(([1 - math.cos(t), 1 - math.sin(t) - 0.5], 1))
    for x, _ in points:
        x[0] += rng.gauss(0, noise)
        x[1] += rng.gauss(0, noise)
    rng.shuffle(points)
    return points


def demo(steps):
    random.seed(1337)
    data = moons()
    model = MLP(2, [16, 16, 1])
    build = backward = 0.0
    accuracy = 0.0
    for k in range(steps):
        start = time.perf_counter()
        inputs = [list(map(Value, x)) for x, _ in data]
        scores = list(map(model, inputs))
        losses = [(1 + -y * s).relu() for (_, y), s in zip(data, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum(p * p for p in model.parameters())
        total = data_loss + reg_loss
        accuracy = sum((y > 0) == (s.data > 0) for (_, y), s in zip(data, scores)) / len(data)
        built = time.perf_counter()
        model.zero_grad()
        total.backward()
        lr = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= lr * p.grad
        done = time.perf_counter()
        build += built - start
        backward += done - built
    scale = 100 / steps
    return {"workload": "demo", "steps_run": steps, "build_s": build * scale,
            "backward_s": backward * scale, "accuracy_after_steps_run": accuracy,
            "note": "build_s, backward_s and total_s scaled to 100 steps"}


def rust(workload, size, binary):
    args = [binary, "bench", workload] + ([str(size)] if workload != "demo" else [])
    out = subprocess.run(args + ["--json", "--runs", "1"], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=["chain", "wide", "demo"])
    parser.add_argument("size", type=int, nargs="?",
                        help="nodes (chain), leaves (wide) or steps to run (demo)")
    parser.add_argument("--no-gc", action="store_true", help="turn Python's GC off")
    parser.add_argument("--rust", default="target/release/micrograd",
                        help="the micrograd binary to compare with")
    args = parser.parse_args()
    size = args.size or {"chain": 100_000, "wide": 100_000, "demo": 5}[args.workload]
    if args.no_gc:
        gc.disable()
    sys.setrecursionlimit(10 * size + 10_000)
    threading.stack_size(512 * 1024 * 1024)
    result = {}
    work = {"chain": chain, "wide": wide, "demo": demo}[args.workload]
    thread = threading.Thread(target=lambda: result.update(work(size)))
    thread.start()
    thread.join()
    result["total_s"] = result["build_s"] + result["backward_s"]
    result["gc"] = not args.no_gc
    print("python", json.dumps(result))
    try:
        ours = rust(args.workload, size, args.rust)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"(no comparison: cannot run {args.rust}: {error})")
        return
    print("rust  ", json.dumps(ours))
    print(f"python / rust total time: {result['total_s'] / ours['total_s']:.0f}x")


if __name__ == "__main__":
    main()
