#!/usr/bin/env python3
"""micrograd's demo (100 training steps of MLP(2, [16, 16, 1]) on moons(100),
hinge loss + 1e-4 * sum(p*p), SGD with lr = 1 - 0.9 k / 100) timed side by
side, in one run, in this crate and in its peers; opt-in, not part of
`cargo test` or CI.

    python3 benches/peers.py --peer-src DIR [--runs 5] [--python-steps 2]

- ours: `micrograd bench demo --runs 1 --json` (release build; the training
  loop's time as the binary measures it; the step's graph is built once and
  replayed, src/engine/replay.rs).
- micrograd-rs: mickvangelderen/micrograd-rs (a Rust tape) checked out at
  DIR (`git clone https://github.com/mickvangelderen/micrograd-rs DIR`;
  measured at d739c0d); benches/peers/micrograd_rs_demo.rs is copied into
  its examples/ and built there with `cargo build --release`. Run twice:
  `rebuild` makes a new tape every step, `replay` builds it once.
- Python micrograd (`pip install micrograd`), benches/peers/python_micrograd_demo.py:
  a new graph every step, as micrograd does; it takes minutes for 100
  steps, so it runs --python-steps steps and its time is scaled to 100.

Every implementation starts from the same samples and initial weights
(`micrograd bench demo --write-setup FILE`) and does the same arithmetic, so
its loss curve must match ours (`micrograd train --data moons --steps 100
--seed 1 --json`); the largest relative difference is printed beside each
time. Ratios are peer time / our time, medians of --runs interleaved runs.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def run_json(command):
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def build_micrograd_rs(source):
    examples = os.path.join(source, "examples")
    os.makedirs(examples, exist_ok=True)
    shutil.copy(os.path.join(HERE, "peers", "micrograd_rs_demo.rs"),
                os.path.join(examples, "micrograd_demo.rs"))
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "micrograd_demo"],
                   cwd=source, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(source, "target"))
    return os.path.join(target, "release", "examples", "micrograd_demo")


def largest_difference(losses, reference):
    return max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(losses, reference))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--micrograd", default=os.path.join(TARGET, "release", "micrograd"),
                        help="our release binary (default: $CARGO_TARGET_DIR or target/, release)")
    parser.add_argument("--peer-src", help="a checkout of mickvangelderen/micrograd-rs")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python-steps", type=int, default=2,
                        help="steps Python micrograd runs (0: skip it); scaled to 100")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="micrograd-peers-")
    setup = os.path.join(work, "setup.txt")
    subprocess.run([args.micrograd, "bench", "demo", "--write-setup", setup], check=True)
    reference = run_json([args.micrograd, "train", "--data", "moons", "--steps", "100",
                          "--seed", "1", "--json"])["losses"]

    contenders = [("ours", "graph built once, replayed each step",
                   lambda: run_json([args.micrograd, "bench", "demo", "--runs", "1", "--json"]))]
    if args.peer_src:
        demo = build_micrograd_rs(args.peer_src)
        for mode, what in [("rebuild", "new tape every step"), ("replay", "tape built once, replayed")]:
            contenders.append((f"micrograd-rs {mode}", what,
                               lambda mode=mode: run_json([demo, setup, mode])))
    times = {name: [] for name, _, _ in contenders}
    differences = {}
    for _ in range(args.runs):
        for name, _, run in contenders:
            result = run()
            times[name].append(result["total_s"] if name == "ours" else result["seconds"])
            if "losses" in result:
                differences[name] = largest_difference(result["losses"], reference)

    rows = [(name, what, statistics.median(times[name])) for name, what, _ in contenders]
    if args.python_steps > 0:
        try:
            result = run_json([sys.executable, os.path.join(HERE, "peers", "python_micrograd_demo.py"),
                               setup, str(args.python_steps)])
            name = "Python micrograd"
            rows.append((name, f"new graph every step ({args.python_steps} run, x{100 / args.python_steps:g})",
                         result["seconds"] * 100 / args.python_steps))
            differences[name] = largest_difference(result["losses"], reference)
        except subprocess.CalledProcessError:
            print("Python micrograd did not run (pip install micrograd)", file=sys.stderr)

    ours = rows[0][2]
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs, medians of {args.runs} runs")
    print(f"{'implementation':<20} {'100 steps':>10} {'ratio':>8}  {'loss curve vs ours':<18}  what it does")
    for name, what, seconds in rows:
        difference = differences.get(name)
        agreement = "-" if difference is None else f"{difference:.1e} rel."
        shown = f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.0f} s"
        ratio = seconds / ours
        ratio = f"{ratio:.2f}x" if ratio < 100 else f"{ratio:,.0f}x"
        print(f"{name:<20} {shown:>10} {ratio:>8}  {agreement:<18}  {what}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
