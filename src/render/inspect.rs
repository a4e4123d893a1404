//! `show n` and `show d`: a network layer by layer (sizes, activation,
//! the range of its weights and biases), a layer neuron by neuron, a
//! neuron weight by weight; a data set as a few rows, each feature's
//! range and the class counts. Never every node: a view of a network of
//! 40,000 parameters is a few lines. Every part is named as the learner
//! types it back (`n.L1.N1.w1.data`, `show n.L1.N1`, `d[0]`), from the
//! name the view was asked for.

use std::io::{self, Write};

use crate::data::{Dataset, Task};
use crate::engine::nn::{Layer, Mlp};
use crate::engine::{Graph, NodeId};
use crate::text::{column_width, count, display_width, number, pad_left, pad_right, wrap, Style};

/// Most neurons a layer view lists, and weights a row shows.
const MAX_ROWS: usize = 10;
/// Most weights a neuron view lists one per line.
const MAX_WEIGHT_ROWS: usize = 20;
/// Samples shown from the start of a data set (and the last one after).
const HEAD_SAMPLES: usize = 5;

/// `show name` for a network (or a part of one: a layer, a neuron).
pub fn network(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    name: &str,
    mlp: &Mlp,
) -> io::Result<()> {
    match mlp.layers.as_slice() {
        [layer] if layer.neurons.len() == 1 => neuron_view(out, style, graph, name, mlp),
        [layer] => layer_view(out, style, graph, name, layer),
        _ => layers_view(out, style, graph, name, mlp),
    }
}

/// A network of several layers: one line per layer.
fn layers_view(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    name: &str,
    mlp: &Mlp,
) -> io::Result<()> {
    let heading = format!(
        "MLP({}, {:?}) · {}",
        mlp.inputs,
        mlp.sizes(),
        count(mlp.parameters().len(), "parameter", "parameters")
    );
    write_heading(out, style, name, &heading)?;
    let mut rows = Vec::new();
    let mut fan_in = mlp.inputs;
    for (l, layer) in mlp.layers.iter().enumerate() {
        let (weights, biases) = parameters_of(layer);
        rows.push(vec![
            format!("{name}.L{}", l + 1),
            format!("{fan_in} → {}", layer.neurons.len()),
            activation_of(layer).to_string(),
            format!("weights {}", range_text(graph, &weights)),
            format!("biases {}", range_text(graph, &biases)),
        ]);
        fan_in = layer.neurons.len();
    }
    write_rows(out, &rows, &[false, false, false, false, false])?;
    if mlp.scaling.is_some() {
        writeln!(
            out,
            "  {}",
            style
                .palette
                .dim("inputs are standardised first (the training part's mean and std)")
        )?;
    }
    let hint = format!(
        "a layer's neurons: show {name}.L1; one neuron's weights: show {name}.L1.N1; one weight: {name}.L1.N1.w1.data"
    );
    write_hint(out, style, &hint)
}

/// One layer: one line per neuron with its weights and bias.
fn layer_view(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    name: &str,
    layer: &Layer,
) -> io::Result<()> {
    let inputs = layer.neurons.first().map_or(0, |n| n.weights.len());
    let heading = format!(
        "a layer of {} {} {}, {} each · {}",
        layer.neurons.len(),
        activation_of(layer),
        if layer.neurons.len() == 1 {
            "neuron"
        } else {
            "neurons"
        },
        count(inputs, "input", "inputs"),
        count(
            layer.neurons.len() * (inputs + 1),
            "parameter",
            "parameters"
        )
    );
    write_heading(out, style, name, &heading)?;
    let mut rows = Vec::new();
    for (j, neuron) in layer.neurons.iter().take(MAX_ROWS).enumerate() {
        let mut weights: Vec<String> = neuron
            .weights
            .iter()
            .take(MAX_ROWS)
            .map(|&w| number::short(graph.value(w), 3))
            .collect();
        if neuron.weights.len() > MAX_ROWS {
            weights.push(format!("… {} more", neuron.weights.len() - MAX_ROWS));
        }
        rows.push(vec![
            format!("{name}.N{}", j + 1),
            format!("w [{}]", weights.join(", ")),
            format!("b {}", number::short(graph.value(neuron.bias), 3)),
        ]);
    }
    write_rows(out, &rows, &[false, false, false])?;
    if layer.neurons.len() > MAX_ROWS {
        writeln!(
            out,
            "  … {} more ({name}.N{} to {name}.N{})",
            layer.neurons.len() - MAX_ROWS,
            MAX_ROWS + 1,
            layer.neurons.len()
        )?;
    }
    write_hint(
        out,
        style,
        &format!("one neuron with gradients: show {name}.N1; one weight: {name}.N1.w1.data"),
    )
}

/// One neuron: one line per weight and its bias, with data and gradient.
fn neuron_view(
    out: &mut dyn Write,
    style: Style,
    graph: &Graph,
    name: &str,
    mlp: &Mlp,
) -> io::Result<()> {
    let layer = &mlp.layers[0];
    let neuron = &layer.neurons[0];
    let inputs = neuron.weights.len();
    let heading = format!(
        "a neuron, {}(w·x + b) over {}",
        activation_of(layer),
        count(inputs, "input", "inputs")
    );
    write_heading(out, style, name, &heading)?;
    let mut rows = vec![vec!["".to_string(), "data".to_string(), "grad".to_string()]];
    let parameter = |id: NodeId, label: String| {
        vec![
            label,
            number::short(graph.value(id), 6),
            number::short(graph.grad(id), 6),
        ]
    };
    for (i, &w) in neuron.weights.iter().take(MAX_WEIGHT_ROWS).enumerate() {
        rows.push(parameter(w, format!("{name}.w{}", i + 1)));
    }
    if inputs > MAX_WEIGHT_ROWS {
        rows.push(vec![
            format!("… {} more", inputs - MAX_WEIGHT_ROWS),
            String::new(),
            String::new(),
        ]);
    }
    rows.push(parameter(neuron.bias, format!("{name}.b")));
    write_rows(out, &rows, &[false, true, true])?;
    write_hint(
        out,
        style,
        &format!(
            "each reads and changes as typed: {name}.w1.data, {name}.w1.grad, {name}.b.data -= 0.1"
        ),
    )
}

/// `name: heading`, wrapped between the heading's parts (after a `·` or
/// a `,` outside brackets) where it does not fit: `show n.L1` of lesson
/// 13 was 62 columns wide at 60.
fn write_heading(out: &mut dyn Write, style: Style, name: &str, heading: &str) -> io::Result<()> {
    let first = format!("{name}: ");
    let lines = wrap::between_parts(heading, &first, style.width);
    writeln!(out, "{}{}", style.palette.name(name), &lines[name.len()..])
}

/// `show name` for a data set: a few rows, each feature's range, the
/// class counts (or the target's range, for regression).
pub fn data(out: &mut dyn Write, style: Style, name: &str, data: &Dataset) -> io::Result<()> {
    let heading = format!(
        "{} · {}, {}, {}",
        data.name,
        count(data.len(), "sample", "samples"),
        count(data.dimensions(), "feature", "features"),
        data.what_to_learn()
    );
    write_heading(out, style, name, &heading)?;
    let label_name = match (data.label_name.as_str(), data.task()) {
        ("", Task::Classify) => "class".to_string(),
        ("", Task::Regress) => "y".to_string(),
        (named, _) => named.to_string(),
    };
    let mut header = vec![String::new()];
    header.extend((0..data.dimensions()).map(|i| data.feature_name(i)));
    header.push(label_name);
    let mut rows = vec![header];
    let shown: Vec<usize> = if data.len() <= HEAD_SAMPLES + 1 {
        (0..data.len()).collect()
    } else {
        (0..HEAD_SAMPLES).chain([data.len() - 1]).collect()
    };
    for (k, &i) in shown.iter().enumerate() {
        if k == HEAD_SAMPLES && i > HEAD_SAMPLES {
            rows.push(ellipsis_row(data.dimensions() + 2));
        }
        let mut row = vec![format!("{name}[{i}]")];
        row.extend(data.features[i].iter().map(|&x| number::short(x, 5)));
        row.push(label_text(data, i));
        rows.push(row);
    }
    for (word, pick) in [("min", f64::min as fn(f64, f64) -> f64), ("max", f64::max)] {
        let mut row = vec![word.to_string()];
        row.extend((0..data.dimensions()).map(|f| {
            let value = data.features.iter().map(|r| r[f]).reduce(pick);
            value.map_or_else(String::new, |v| number::short(v, 5))
        }));
        row.push(match data.task() {
            Task::Regress => data
                .targets
                .iter()
                .copied()
                .reduce(pick)
                .map_or_else(String::new, |v| number::short(v, 5)),
            Task::Classify => String::new(),
        });
        rows.push(row);
    }
    write_table(out, style, name, &rows)?;
    if data.task() == Task::Classify {
        let mut counts = vec![0usize; data.classes];
        for &label in &data.labels {
            counts[label] += 1;
        }
        let classes: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(class, n)| {
                let name = data.class_name(class);
                if name.parse::<f64>().is_ok() {
                    format!("class {name}: {n}")
                } else {
                    format!("{name}: {n}")
                }
            })
            .collect();
        let text = format!("samples per class: {}", classes.join(", "));
        writeln!(out, "{}", wrap::hanging(&text, "  ", style.width))?;
    }
    write_hint(
        out,
        style,
        &format!(
            "one sample: {name}[0] (features, label); how many: len({name}); to learn it: train(n, {name})"
        ),
    )
}

/// The label of sample `i` as the file spells it.
fn label_text(data: &Dataset, i: usize) -> String {
    match data.task() {
        Task::Regress => number::short(data.targets[i], 5),
        Task::Classify => data.class_name(data.labels[i]),
    }
}

/// A row of `…` marking samples left out.
fn ellipsis_row(cells: usize) -> Vec<String> {
    let mut row = vec!["…".to_string()];
    row.extend((1..cells).map(|_| String::new()));
    row
}

/// The data table: the name column and the label column (the last)
/// left-aligned, numbers right; feature columns beyond what fits the
/// terminal give way to one `…` column.
fn write_table(
    out: &mut dyn Write,
    style: Style,
    name: &str,
    rows: &[Vec<String>],
) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| column_width(rows.iter().map(|r| r[c].as_str()), 0))
        .collect();
    let mut features: Vec<usize> = (1..columns.saturating_sub(1)).collect();
    let line_width = |features: &[usize]| {
        let cut = if features.len() + 2 < columns { 3 } else { 0 };
        2 + widths[0]
            + widths[columns - 1]
            + features.iter().map(|&c| widths[c] + 2).sum::<usize>()
            + 2
            + cut
    };
    while features.len() > 1 && line_width(&features) > style.width {
        features.pop();
    }
    let cut = features.len() + 2 < columns;
    for (r, row) in rows.iter().enumerate() {
        let mut cells = vec![pad_right(&row[0], widths[0])];
        cells.extend(features.iter().map(|&c| pad_left(&row[c], widths[c])));
        if cut {
            cells.push(if r == 0 { " " } else { "…" }.to_string());
        }
        cells.push(pad_right(&row[columns - 1], widths[columns - 1]));
        let line = format!("  {}", cells.join("  ")).trim_end().to_string();
        if r == 0 {
            writeln!(out, "{}", style.palette.dim(&line))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    if cut {
        let hidden = columns - 2 - features.len();
        writeln!(
            out,
            "  {}",
            style.palette.dim(&format!(
                "({} more not shown here; {name}[0] has them all)",
                count(hidden, "feature", "features")
            ))
        )?;
    }
    Ok(())
}

/// Rows of cells two spaces apart, indented; `right[c]` aligns column `c`
/// to the right.
fn write_rows(out: &mut dyn Write, rows: &[Vec<String>], right: &[bool]) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| display_width(&r[c])).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c].saturating_sub(display_width(cell)));
                if right.get(c) == Some(&true) {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        writeln!(out, "  {}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// A dim line saying where to look next, wrapped to the terminal.
fn write_hint(out: &mut dyn Write, style: Style, hint: &str) -> io::Result<()> {
    for line in wrap::hanging(hint, "  ", style.width).lines() {
        writeln!(out, "{}", style.palette.dim(line))?;
    }
    Ok(())
}

/// A layer's weights and biases.
fn parameters_of(layer: &Layer) -> (Vec<NodeId>, Vec<NodeId>) {
    let weights = layer
        .neurons
        .iter()
        .flat_map(|n| n.weights.iter().copied())
        .collect();
    let biases = layer.neurons.iter().map(|n| n.bias).collect();
    (weights, biases)
}

/// The activation of a layer's neurons (they share one).
fn activation_of(layer: &Layer) -> &'static str {
    layer
        .neurons
        .first()
        .map_or("linear", |n| n.activation.name())
}

/// `-0.98 … 0.95`: the smallest and largest value of `ids`.
fn range_text(graph: &Graph, ids: &[NodeId]) -> String {
    let values: Vec<f64> = ids.iter().map(|&id| graph.value(id)).collect();
    if values.is_empty() {
        return "none".into();
    }
    if values.iter().any(|v| v.is_nan()) {
        return "NaN (training diverged)".into();
    }
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = (number::short(low, 3), number::short(high, 3));
    if low == high {
        low
    } else {
        format!("{low} … {high}")
    }
}
