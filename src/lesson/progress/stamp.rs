//! Names for a file moved aside: `progress.json.bad-20261201-210512`, the
//! time in UTC, with `-2`, `-3`, ... if that name is taken.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A free name beside `path`: its name, `.TAG-`, and the time now.
pub fn beside(path: &Path, tag: &str) -> PathBuf {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut base = path.as_os_str().to_owned();
    base.push(format!(".{tag}-{}", utc_stamp(seconds)));
    let mut candidate = PathBuf::from(&base);
    let mut count = 1;
    while candidate.exists() {
        count += 1;
        let mut numbered = base.clone();
        numbered.push(format!("-{count}"));
        candidate = PathBuf::from(numbered);
    }
    candidate
}

/// `YYYYMMDD-HHMMSS` for seconds since 1970 (UTC).
fn utc_stamp(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let time = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_as_utc_dates() {
        assert_eq!(utc_stamp(0), "19700101-000000");
        assert_eq!(utc_stamp(951_782_400), "20000229-000000");
        assert_eq!(utc_stamp(1_764_623_112), "20251201-210512");
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let first = beside(&path, "bad");
        std::fs::write(&first, "x").unwrap();
        let second = beside(&path, "bad");
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-2"), "{second:?}");
    }
}
