//! The streaming engine end to end on files: order, chunking, compression, errors.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use arnorm::stream::{
    self, Compression, Destination, ErrorKind, NormalizeLines, OnInvalid, Settings, Source,
};
use arnorm::Normalizer;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("arnorm-stream-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn seed() -> String {
    fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_688baa17ac9f05f1.txt"
    ))
    .unwrap()
}

fn settings(jobs: usize, chunk_bytes: usize) -> Settings {
    Settings {
        jobs,
        chunk_bytes,
        ..Settings::default()
    }
}

fn normalize_file(src: &Path, dst: &Path, s: &Settings) -> Result<stream::Summary, stream::Error> {
    let n = Normalizer::from_preset("standard").unwrap();
    stream::run(
        &[Source::Path(src.to_path_buf())],
        &Destination::Path(dst.to_path_buf()),
        NormalizeLines::new(n),
        s,
        &mut |_| true,
    )
}

/// The expected output: each line normalized alone, terminators kept.
fn expected(text: &str) -> String {
    let n = Normalizer::from_preset("standard").unwrap();
    text.split_inclusive('\n')
        .map(|l| {
            let (body, end) = match l.strip_suffix("\r\n") {
                Some(b) => (b, "\r\n"),
                None => l.strip_suffix('\n').map_or((l, ""), |b| (b, "\n")),
            };
            n.normalize(body) + end
        })
        .collect()
}

#[test]
fn any_chunk_size_and_job_count_give_the_same_ordered_output() {
    let d = dir("order");
    let text = seed().replace('\n', "\r\n") + "آخر سطر بلا نهاية";
    let src = d.join("in.txt");
    fs::write(&src, &text).unwrap();
    let want = expected(&text);
    for (jobs, chunk) in [(1, 1 << 20), (1, 7), (3, 64), (2, 1)] {
        let dst = d.join("out.txt");
        let summary = normalize_file(&src, &dst, &settings(jobs, chunk)).unwrap();
        assert_eq!(
            fs::read_to_string(&dst).unwrap(),
            want,
            "jobs={jobs} chunk={chunk}"
        );
        assert_eq!(summary.lines, text.split_inclusive('\n').count() as u64);
    }
    fs::remove_dir_all(d).unwrap();
}

#[test]
fn compressed_input_and_output_round_trip() {
    let d = dir("codecs");
    let text = seed();
    let src = d.join("in.txt");
    fs::write(&src, &text).unwrap();
    let plain = d.join("plain.txt");
    normalize_file(&src, &plain, &settings(2, 1000)).unwrap();
    let want = fs::read(&plain).unwrap();
    for ext in ["gz", "zst"] {
        let packed = d.join(format!("out.{ext}"));
        normalize_file(&src, &packed, &settings(2, 1000)).unwrap();
        let bytes = fs::read(&packed).unwrap();
        assert_ne!(Compression::detect(&bytes), Compression::None);
        // Reading it back (already normalized, so unchanged) decompresses every member.
        let back = d.join(format!("back-{ext}.txt"));
        normalize_file(&packed, &back, &settings(2, 1000)).unwrap();
        assert_eq!(fs::read(&back).unwrap(), want, "{ext}");
    }
    fs::remove_dir_all(d).unwrap();
}

#[test]
fn truncated_compressed_input_is_an_error_and_leaves_no_output() {
    let d = dir("truncated");
    let src = d.join("in.txt");
    fs::write(&src, seed().repeat(20)).unwrap();
    for ext in ["gz", "zst"] {
        let packed = d.join(format!("in.{ext}"));
        normalize_file(&src, &packed, &settings(1, 1 << 20)).unwrap();
        let bytes = fs::read(&packed).unwrap();
        let cut = d.join(format!("cut.{ext}"));
        fs::File::create(&cut)
            .unwrap()
            .write_all(&bytes[..bytes.len() / 2])
            .unwrap();
        let dst = d.join("never.txt");
        let err = normalize_file(&cut, &dst, &settings(2, 1 << 20)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Decompress { .. }),
            "{ext}: {err}"
        );
        assert!(!dst.exists());
    }
    let names: Vec<_> = fs::read_dir(&d).unwrap().collect();
    assert_eq!(names.len(), 5, "a temporary file was left behind");
    fs::remove_dir_all(d).unwrap();
}

#[test]
fn invalid_utf8_is_reported_with_line_and_offset_across_chunks() {
    let d = dir("utf8");
    let src = d.join("in.txt");
    let mut bytes = "سطر\n".repeat(100).into_bytes(); // 7 bytes a line
    bytes.extend_from_slice(b"ok \xFF\n");
    fs::write(&src, &bytes).unwrap();
    let dst = d.join("out.txt");
    let err = normalize_file(&src, &dst, &settings(2, 16)).unwrap_err();
    match err.kind() {
        ErrorKind::InvalidUtf8 { line, offset, .. } => assert_eq!((*line, *offset), (101, 703)),
        other => panic!("{other:?}"),
    }
    assert!(!dst.exists());
    let s = Settings {
        on_invalid: OnInvalid::Skip,
        ..settings(2, 16)
    };
    let summary = normalize_file(&src, &dst, &s).unwrap();
    assert_eq!((summary.skipped, summary.lines), (1, 101));
    assert_eq!(fs::read(&dst).unwrap(), "سطر\n".repeat(100).as_bytes());
    fs::remove_dir_all(d).unwrap();
}

#[test]
fn a_line_past_the_limit_names_its_line() {
    let d = dir("long");
    let src = d.join("in.txt");
    fs::write(&src, format!("a\nb\n{}\n", "x".repeat(5000))).unwrap();
    let s = Settings {
        max_line_bytes: 1000,
        ..settings(2, 64)
    };
    let err = normalize_file(&src, &d.join("out.txt"), &s).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:3: line longer than the limit of 1000 bytes",
            src.display()
        )
    );
    fs::remove_dir_all(d).unwrap();
}

#[cfg(unix)]
#[test]
fn the_monitor_stops_a_run_blocked_on_a_fifo() {
    let d = dir("stop");
    let fifo = d.join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A writer that sends one line and then keeps the FIFO open: the reader blocks.
    let writer_path = fifo.clone();
    let (hold_tx, hold_rx) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        let mut w = fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        w.write_all(b"first line\n").unwrap();
        let _ = hold_rx.recv();
    });
    let dst = d.join("out.txt");
    let mut ticks = 0;
    let n = Normalizer::from_preset("standard").unwrap();
    let err = stream::run(
        &[Source::Path(fifo)],
        &Destination::Path(dst.clone()),
        NormalizeLines::new(n),
        &settings(2, 1 << 20),
        &mut |_| {
            ticks += 1;
            ticks < 3
        },
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Interrupted), "{err}");
    assert_eq!(ticks, 3);
    assert!(!dst.exists());
    assert_eq!(
        fs::read_dir(&d).unwrap().count(),
        1,
        "the temporary file was left"
    );
    hold_tx.send(()).unwrap();
    writer.join().unwrap();
    fs::remove_dir_all(d).unwrap();
}
