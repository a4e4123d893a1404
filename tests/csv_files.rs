//! CSV files as spreadsheets export them, through the library API: headers,
//! quotes, CRLF, a byte-order mark, `;` and tab files with decimal commas,
//! a chosen label column, names as classes, the task recognised from the
//! labels; and a table of bad files, each refused with the file, the line
//! and the column at fault, never a panic and never a wrong task.

use micrograd::data::{parse_csv, parse_csv_with, CsvOptions, DataError, LabelColumn, Task};

fn options(label: LabelColumn, task: Option<Task>) -> CsvOptions {
    CsvOptions {
        label,
        task,
        ..CsvOptions::default()
    }
}

#[test]
fn a_spreadsheet_export_keeps_names_and_reads_names_as_classes() {
    let text = "\u{feff}\"sepal length\";\"sepal width\";species\r\n\
                5,1;3,5;setosa\r\n\r\n4,9;3;versicolor\r\n6;3,2;\"virginica\"\r\n";
    let data = parse_csv(text, "iris.csv").unwrap();
    assert_eq!(data.feature_names, ["sepal length", "sepal width"]);
    assert_eq!(data.label_name, "species");
    assert_eq!(
        data.features,
        vec![vec![5.1, 3.5], vec![4.9, 3.0], vec![6.0, 3.2]]
    );
    assert_eq!(data.class_names, ["setosa", "versicolor", "virginica"]);
    assert_eq!(data.labels, [0, 1, 2]);
    assert_eq!(data.task(), Task::Classify);
}

#[test]
fn tabs_quotes_and_a_label_column_chosen_by_name_or_number() {
    let text = "kind\tx\t\"note, quoted\"\nb\t1.5\t2\na\t-2\t3\nb\t0\t4\n";
    let by_name = parse_csv_with(
        text,
        "t.tsv",
        &options(LabelColumn::Name("kind".into()), None),
    )
    .unwrap();
    assert_eq!(
        by_name.features,
        vec![vec![1.5, 2.0], vec![-2.0, 3.0], vec![0.0, 4.0]]
    );
    assert_eq!(by_name.feature_names, ["x", "note, quoted"]);
    assert_eq!(
        (by_name.labels.clone(), by_name.classes),
        (vec![1, 0, 1], 2)
    );
    let by_number = parse_csv_with(text, "t.tsv", &options(LabelColumn::Index(1), None)).unwrap();
    assert_eq!(by_number, by_name);
}

#[test]
fn the_task_is_recognised_from_the_labels() {
    let continuous = "x,y\n1,0.5\n2,1.25\n3,1.5\n4,2.75\n";
    let data = parse_csv(continuous, "r.csv").unwrap();
    assert_eq!(data.task(), Task::Regress);
    assert_eq!(data.targets, [0.5, 1.25, 1.5, 2.75]);
    assert!(data.labels.is_empty() && data.classes == 0);

    let few_whole = "x,y\n1,-1\n2,1\n3,1\n4,-1\n";
    let data = parse_csv(few_whole, "c.csv").unwrap();
    assert_eq!((data.task(), data.classes), (Task::Classify, 2));
    assert_eq!(data.class_names, ["-1", "1"]);

    let many_whole: String = std::iter::once("x,y\n".to_string())
        .chain((0..30).map(|i| format!("{i},{}\n", i * 3)))
        .collect();
    assert_eq!(
        parse_csv(&many_whole, "m.csv").unwrap().task(),
        Task::Regress
    );
    let forced = parse_csv_with(
        &many_whole,
        "m.csv",
        &options(LabelColumn::Last, Some(Task::Classify)),
    )
    .unwrap();
    assert_eq!(forced.classes, 30);
    let regressed = parse_csv_with(
        few_whole,
        "c.csv",
        &options(LabelColumn::Last, Some(Task::Regress)),
    )
    .unwrap();
    assert_eq!(regressed.targets, [-1.0, 1.0, 1.0, -1.0]);
}

/// Each bad file with the line and the words its error must have.
#[test]
fn bad_files_name_the_file_line_and_column() {
    let ids: String = std::iter::once("x,name\n".to_string())
        .chain((0..12).map(|i| format!("{i},person{i}\n")))
        .collect();
    // 102 rows, the 101st different label on line 103 (two rows share 0).
    let too_many_classes: String = std::iter::once("x,y\n0,0\n".to_string())
        .chain((0..101).map(|i| format!("{i},{i}\n")))
        .collect();
    let too_many_names: String = std::iter::once("x,y\n0,n0\n".to_string())
        .chain((0..101).map(|i| format!("{i},n{i}\n")))
        .collect();
    let cases: Vec<(&str, &str, CsvOptions, &str)> = vec![
        (
            "not a number",
            "a,b,y\n1,2,0\n3,six,1\n",
            CsvOptions::default(),
            "bad.csv:3: column 2 is `six`, not a number (b)",
        ),
        (
            "empty cell",
            "a,b,y\n1,2,0\n3,,1\n",
            CsvOptions::default(),
            "bad.csv:3: column 2 is empty (b): a missing value",
        ),
        (
            "NA cell",
            "1,2,0\nNA,4,1\n",
            CsvOptions::default(),
            "bad.csv:2: column 1 is `NA`: a missing value",
        ),
        (
            "missing label",
            "a,b,y\n1,2,0\n3,4,\n",
            CsvOptions::default(),
            "bad.csv:3: column 3 (y) has no label",
        ),
        (
            "short row",
            "a,b,y\n1,2,0\n3,4\n",
            CsvOptions::default(),
            "bad.csv:3: has 2 columns, expected 3 (as the header)",
        ),
        (
            "long row",
            "1,2,0\n3,4,1,9\n",
            CsvOptions::default(),
            "bad.csv:2: has 4 columns, expected 3 (as the first row)",
        ),
        (
            "infinite",
            "1,inf,0\n",
            CsvOptions::default(),
            "bad.csv:1: column 2 is not finite",
        ),
        (
            "one column",
            "5\n6\n",
            CsvOptions::default(),
            "bad.csv:1: need at least one feature column",
        ),
        (
            "unclosed quote",
            "a,b,y\n1,\"2,0\n3,4,1\n",
            CsvOptions::default(),
            "bad.csv:2: column 2 opens a quote",
        ),
        (
            "a word among numbers",
            "x,y\n1,0.5\n2,1.5\n3,big\n4,2.5\n",
            CsvOptions::default(),
            "bad.csv:4: column 2 (y) is `big`, but the other labels are numbers",
        ),
        (
            "ids, not classes",
            &ids,
            CsvOptions::default(),
            "bad.csv:2: column 2 (name) has 12 different names in 12 rows (lines 2 to 13)",
        ),
        (
            "classify a quantity",
            "x,y\n1,0.5\n2,1.5\n3,2\n",
            options(LabelColumn::Last, Some(Task::Classify)),
            "bad.csv:2: column 2 (y) is 0.5, not a whole number",
        ),
        (
            "regress names",
            "x,y\n1,cat\n2,dog\n",
            options(LabelColumn::Last, Some(Task::Regress)),
            "bad.csv:2: column 2 (y) is `cat`: regression needs numbers",
        ),
        (
            "no such label name",
            "a,b\n1,2\n",
            options(LabelColumn::Name("c".into()), None),
            "bad.csv:1: --label c: no column has that name; the columns are a, b",
        ),
        (
            "no such label number",
            "a,b\n1,2\n",
            options(LabelColumn::Index(3), None),
            "bad.csv:1: --label 3: there is no column 3",
        ),
        (
            "label name without header",
            "1,2\n3,4\n",
            options(LabelColumn::Name("y".into()), None),
            "bad.csv:1: --label y: the file has no header row",
        ),
        (
            "nothing to predict",
            "x,y\n1,2.5\n2,2.5\n",
            options(LabelColumn::Last, Some(Task::Regress)),
            "bad.csv:2: column 2 (y) is 2.5 on every row (lines 2 to 3)",
        ),
        (
            "header only",
            "x,y\n",
            CsvOptions::default(),
            "bad.csv:1: only a header row (x, y), no data rows under it",
        ),
        (
            "empty file",
            "",
            CsvOptions::default(),
            "bad.csv: the file is empty: no rows to read",
        ),
        (
            "wrong delimiter",
            "1;2;0\n3;4;1\n",
            CsvOptions {
                delimiter: Some(b','),
                ..CsvOptions::default()
            },
            "bad.csv:1: need at least one feature column",
        ),
        (
            "comments and blank lines only",
            "# measured 2024\n\n   \n# none yet\n",
            CsvOptions::default(),
            "bad.csv: the file is empty: no rows to read",
        ),
        (
            "too many classes",
            &too_many_classes,
            options(LabelColumn::Last, Some(Task::Classify)),
            "bad.csv:103: column 2 (y) has 101 different values; at most 100 classes",
        ),
        (
            "too many names",
            &too_many_names,
            CsvOptions::default(),
            "bad.csv:103: column 2 (y) has 101 different names in 102 rows (lines 2 to 103)",
        ),
        (
            "a bad row after blank and comment lines",
            "# measured 2024\nx,y,z\n1,2,0\n\n# a pause\r\n1,x,1\n",
            CsvOptions::default(),
            "bad.csv:6: column 2 is `x`, not a number (y)",
        ),
        (
            "one cell on a row",
            "x,y,z\n1,2,0\n7\n",
            CsvOptions::default(),
            "bad.csv:3: has 1 column, expected 3 (as the header)",
        ),
        (
            "header after blank lines only",
            "\n\n# a comment\nx,y\n",
            CsvOptions::default(),
            "bad.csv:4: only a header row (x, y), no data rows under it",
        ),
    ];
    // Every error about a place in the file points at its line; only a
    // file with no rows at all has none.
    let has_line = |message: &str| {
        message
            .strip_prefix("bad.csv:")
            .and_then(|rest| rest.split_once(": "))
            .is_some_and(|(line, _)| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()))
    };
    for (what, text, options, expected) in cases {
        let result = std::panic::catch_unwind(|| parse_csv_with(text, "bad.csv", &options));
        let Ok(result) = result else {
            panic!("{what}: panicked");
        };
        let err: DataError = result.expect_err(what);
        let message = err.to_string();
        assert!(
            message.contains(expected),
            "{what}: `{message}` should contain `{expected}`"
        );
        let empty = matches!(err, DataError::Empty(_));
        assert!(has_line(&message) != empty, "{what}: `{message}`");
    }
}

#[test]
fn a_file_that_is_not_text_is_refused_with_its_line() {
    let mut bytes = b"x,y\n1,0\n".to_vec();
    bytes.extend(b"2,\xff\xfe\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.csv");
    std::fs::write(&path, bytes).unwrap();
    let err = micrograd::data::load_csv(&path, &CsvOptions::default()).unwrap_err();
    assert!(err.to_string().contains("binary.csv:3: "), "{err}");
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}
