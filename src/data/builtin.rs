//! The built-in 2-D classification sets: moons as scikit-learn's
//! `make_moons`, circles, xor and spiral, generated from a seed, so the same
//! seed gives the same points on every machine. Their features are already
//! on a unit scale, so training does not standardise them unless asked.

use std::f64::consts::PI;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Dataset;

/// The built-in data sets, by name.
pub const BUILTIN: [&str; 4] = ["moons", "circles", "xor", "spiral"];

/// A built-in set by name with `samples` points and Gaussian `noise`, or
/// `None` for an unknown name.
pub fn builtin(name: &str, samples: usize, noise: f64, seed: u64) -> Option<Dataset> {
    builtin_from(name, samples, noise, &mut ChaCha8Rng::seed_from_u64(seed))
}

/// [`builtin`] drawing from `rng` (the REPL's per-session stream).
pub fn builtin_from(
    name: &str,
    samples: usize,
    noise: f64,
    rng: &mut ChaCha8Rng,
) -> Option<Dataset> {
    let (features, labels, classes) = match name {
        "moons" => moons_points(samples, noise, rng),
        "circles" => circles_points(samples, noise, rng),
        "xor" => xor_points(samples, noise, rng),
        "spiral" => spiral_points(samples, 3, noise, rng),
        _ => return None,
    };
    Some(Dataset::classes(name, features, labels, classes))
}

type Points = (Vec<Vec<f64>>, Vec<usize>, usize);

/// Two interleaving half circles, as `sklearn.datasets.make_moons`: the
/// upper moon (class 0) on the unit circle, the lower (class 1) shifted by
/// (1, −0.5), each point jittered by N(0, noise²), then shuffled.
fn moons_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let outer = samples / 2;
    let inner = samples - outer;
    let mut points = Vec::with_capacity(samples);
    for t in linspace(0.0, PI, outer) {
        points.push((vec![t.cos(), t.sin()], 0));
    }
    for t in linspace(0.0, PI, inner) {
        points.push((vec![1.0 - t.cos(), 1.0 - t.sin() - 0.5], 1));
    }
    finish(points, noise, 2, rng)
}

/// Two concentric circles, the inner one (class 1) of radius 0.5.
fn circles_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let outer = samples / 2;
    let inner = samples - outer;
    let mut points = Vec::with_capacity(samples);
    for (count, radius, class) in [(outer, 1.0, 0), (inner, 0.5, 1)] {
        for k in 0..count {
            let t = 2.0 * PI * k as f64 / count as f64;
            points.push((vec![radius * t.cos(), radius * t.sin()], class));
        }
    }
    finish(points, noise, 2, rng)
}

/// Points uniform in the square (−1, 1)², class 1 where x and y share a
/// sign: the problem a single neuron cannot solve.
fn xor_points(samples: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let points = (0..samples)
        .map(|_| {
            let x: f64 = rng.random_range(-1.0..1.0);
            let y: f64 = rng.random_range(-1.0..1.0);
            (vec![x, y], usize::from(x * y > 0.0))
        })
        .collect();
    finish(points, noise, 2, rng)
}

/// `classes` interleaved spiral arms (CS231n's spiral), radius 0 to 1.
fn spiral_points(samples: usize, classes: usize, noise: f64, rng: &mut ChaCha8Rng) -> Points {
    let per_class = samples / classes;
    let mut points = Vec::with_capacity(samples);
    for class in 0..classes {
        let count = per_class + usize::from(class < samples % classes);
        for (k, radius) in linspace(0.0, 1.0, count).enumerate() {
            let start = class as f64 * 4.0;
            let t = start + 4.0 * k as f64 / (count.max(2) - 1) as f64;
            points.push((vec![radius * t.sin(), radius * t.cos()], class));
        }
    }
    finish(points, noise, classes, rng)
}

/// Adds Gaussian noise to every coordinate, then shuffles.
fn finish(
    mut points: Vec<(Vec<f64>, usize)>,
    noise: f64,
    classes: usize,
    rng: &mut ChaCha8Rng,
) -> Points {
    for (x, _) in &mut points {
        for v in x.iter_mut() {
            *v += noise * standard_normal(rng);
        }
    }
    for i in (1..points.len()).rev() {
        let j = rng.random_range(0..=i);
        points.swap(i, j);
    }
    let (features, labels) = points.into_iter().unzip();
    (features, labels, classes)
}

/// `count` evenly spaced values from `start` to `end` inclusive (numpy's
/// `linspace`).
fn linspace(start: f64, end: f64, count: usize) -> impl Iterator<Item = f64> {
    let step = if count > 1 {
        (end - start) / (count - 1) as f64
    } else {
        0.0
    };
    (0..count).map(move |k| start + step * k as f64)
}

/// One draw from N(0, 1) by the Box–Muller transform.
fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>(); // (0, 1]: log never sees 0
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}
