"""Executes examples/lecture.ipynb in the micrograd kernel with nbclient,
as `jupyter nbconvert --to notebook --execute` would, and checks what the
cells produced. Usage: run.py MICROGRAD_BINARY NOTEBOOK

Needs jupyter_client, nbclient and nbformat (pip install nbclient).
"""
import json
import os
import subprocess
import sys
import tempfile

import nbclient
import nbformat


def main():
    binary, notebook = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as data:
        os.environ["JUPYTER_DATA_DIR"] = data
        os.environ["MICROGRAD_DATA_DIR"] = data
        subprocess.run([binary, "kernel", "install", "--user"], check=True)
        nb = nbformat.read(notebook, as_version=4)
        nbclient.NotebookClient(nb, timeout=120, kernel_name="micrograd").execute()
    outputs = [cell.get("outputs", []) for cell in nb.cells if cell.cell_type == "code"]
    errors = [o for cell in outputs for o in cell if o.output_type == "error"]
    assert not errors, f"cells failed: {errors}"

    def text(cell):
        return "".join(o.get("text", "") for o in cell if o.output_type == "stream")

    def data(cell, mime):
        return [o["data"][mime] for o in cell if mime in o.get("data", {})]

    first_graph, dot, step, neuron, training = outputs
    assert "L = d * f" in text(first_graph) or data(first_graph, "text/html"), first_graph
    svgs = data(dot, "image/svg+xml")
    assert svgs and "<svg" in svgs[0], f"no SVG of the lecture graph: {dot}"
    for label in ["a", "b", "c", "d", "e", "f", "L"]:
        assert f">{label}" in svgs[0], f"node {label} missing from the SVG"
    assert "step 1/3" in text(step), text(step)
    # The cell echoes its bindings (x2 = 0, ...) as the REPL does; the
    # print is its last line.
    o, x1_grad, w1_grad = (float(v) for v in text(neuron).splitlines()[-1].split())
    assert abs(o - 0.7071067811865476) < 1e-9 and abs(x1_grad + 1.5) < 1e-9, text(neuron)
    assert abs(w1_grad - 1.0) < 1e-9, text(neuron)
    printed = [line.split() for line in text(training).splitlines() if " = " not in line]
    losses = [float(words[1]) for words in printed]
    assert len(losses) == 20 and losses[-1] < losses[0], losses
    print(json.dumps({"cells": len(outputs), "first_loss": losses[0], "last_loss": losses[-1]}))


if __name__ == "__main__":
    main()
