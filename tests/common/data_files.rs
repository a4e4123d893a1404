//! CSV files as a learner brings them, generated from a fixed seed so a
//! test can name the numbers they train to: an iris-like set (150 rows, 4
//! unscaled features in cm, three named species, a header) and a
//! regression set (y = 3·x1 − 2·x2 + noise).

// Each test crate uses only part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 150 rows like Fisher's iris: 4 features in cm, three named species,
/// 50 of each, interleaved.
pub fn iris_like() -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let species = [
        ("setosa", [5.0, 3.4, 1.5, 0.2]),
        ("versicolor", [5.9, 2.8, 4.3, 1.3]),
        ("virginica", [6.6, 3.0, 5.6, 2.0]),
    ];
    let mut text = String::from("sepal_length,sepal_width,petal_length,petal_width,species\n");
    for i in 0..150 {
        let (name, centre) = species[i % 3];
        let row: Vec<String> = centre
            .iter()
            .map(|c| format!("{:.1}", c + rng.random_range(-0.3..0.3)))
            .collect();
        text += &format!("{},{name}\n", row.join(","));
    }
    text
}

/// [`iris_like`] with only the petals' length and width and the species:
/// two features, so its decision boundary can be drawn.
pub fn iris_petals() -> String {
    iris_like()
        .lines()
        .map(|line| line.split(',').skip(2).collect::<Vec<_>>().join(",") + "\n")
        .collect()
}

/// `rows` rows of `x1,x2,y` with y = 3·x1 − 2·x2 + noise in (−0.2, 0.2),
/// x1 and x2 uniform in (−2, 2).
pub fn linear_regression(rows: usize) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut text = String::from("x1,x2,y\n");
    for _ in 0..rows {
        let x1: f64 = rng.random_range(-2.0..2.0);
        let x2: f64 = rng.random_range(-2.0..2.0);
        let y = 3.0 * x1 - 2.0 * x2 + rng.random_range(-0.2..0.2);
        text += &format!("{x1:.3},{x2:.3},{y:.3}\n");
    }
    text
}

/// Writes `text` to `name` in `dir` and returns its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a CSV file");
    path
}
