#!/usr/bin/env python3
"""micrograd's demo in Karpathy's Python micrograd (`pip install
micrograd`), for benches/peers.py:

    python3 python_micrograd_demo.py SETUP [STEPS] [--no-gc]

SETUP is what `micrograd bench demo --write-setup FILE` writes: the samples,
the initial weights in micrograd's order and the schedule. The math is
demo.ipynb's: micrograd.nn.MLP(2, [16, 16, 1]) (ReLU hidden layers, linear
output) with the weights set from SETUP; per sample `(1 + -y * score).relu()`;
`sum(losses) * (1.0 / len(losses)) + alpha * sum(p * p)`; zero_grad,
backward, SGD with lr = 1 - 0.9 k / steps. Every step builds a new graph,
as micrograd does. Prints one JSON line: the seconds of the training loop
and every step's loss.
"""

import gc
import json
import sys
import time

from micrograd.engine import Value
from micrograd.nn import MLP


def read_setup(path):
    setup = {"samples": []}
    with open(path) as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            key, *words = line.split()
            numbers = [float(w) for w in words]
            if key == "sample":
                setup["samples"].append((numbers[:-1], numbers[-1]))
            elif key in ("sizes", "parameters"):
                setup[key] = numbers
            else:
                setup[key] = numbers[0]
    return setup


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--no-gc" in sys.argv:
        gc.disable()
    setup = read_setup(args[0])
    total_steps = int(setup["steps"])
    steps = int(args[1]) if len(args) > 1 else total_steps
    sizes = [int(s) for s in setup["sizes"]]
    model = MLP(sizes[0], sizes[1:])
    parameters = model.parameters()
    assert len(parameters) == len(setup["parameters"])
    for p, value in zip(parameters, setup["parameters"]):
        p.data = value
    rows = [xs for xs, _ in setup["samples"]]
    labels = [y for _, y in setup["samples"]]
    alpha = setup["l2"]
    losses = []
    started = time.perf_counter()
    for k in range(steps):
        inputs = [list(map(Value, row)) for row in rows]
        scores = list(map(model, inputs))
        hinges = [(1 + -yi * scorei).relu() for yi, scorei in zip(labels, scores)]
        data_loss = sum(hinges) * (1.0 / len(hinges))
        reg_loss = alpha * sum((p * p for p in parameters))
        total_loss = data_loss + reg_loss
        model.zero_grad()
        total_loss.backward()
        rate = 1.0 - 0.9 * k / total_steps
        for p in parameters:
            p.data -= rate * p.grad
        losses.append(total_loss.data)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "steps": steps, "losses": losses}))


if __name__ == "__main__":
    main()
