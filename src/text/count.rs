//! Counts as words: `100,000`, `1 leaf`, `2 leaves`.

/// `100000` as `100,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// `1 leaf`, `2 leaves`, `100,000 nodes`: a count with its noun, plural
/// when it is not one (`plural` is the plural form).
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_count_of_one_is_singular() {
        assert_eq!(count(1, "leaf", "leaves"), "1 leaf");
        assert_eq!(count(0, "leaf", "leaves"), "0 leaves");
        assert_eq!(count(100_000, "node", "nodes"), "100,000 nodes");
    }
}
