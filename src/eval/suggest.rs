//! "Did you mean …?" for unknown names, by edit distance.

/// The closest candidate within a small edit distance of `name`, if any.
/// A name that differs only in case (`W` for `w`) wins over any other; a
/// one-letter name has no other near it (every one-letter name is one edit
/// away), so it is matched by case alone. Ties go to the candidate nearer
/// ignoring case, then to the first.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = match name.chars().count() {
        1 => 0,
        2 | 3 => 1,
        _ => 2,
    };
    let folded = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .filter(|candidate| *candidate != name)
        .map(|candidate| {
            let by_case = strsim::damerau_levenshtein(&folded, &candidate.to_ascii_lowercase());
            let exact = strsim::damerau_levenshtein(name, candidate);
            ((by_case, exact), candidate)
        })
        .filter(|((by_case, exact), _)| *by_case == 0 || *exact <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn case_slips_win_and_one_letter_names_match_by_case_only() {
        assert_eq!(closest("W", ["x", "w", "y"]), Some("w"));
        assert_eq!(closest("g", ["x", "w", "y"]), None);
        assert_eq!(closest("Loss", ["lost", "loss"]), Some("loss"));
        assert_eq!(closest("tanhh", ["tan", "tanh"]), Some("tanh"));
        assert_eq!(closest("xs", ["x", "ys"]), Some("x"));
    }
}
