//! Writing the result so that nothing is lost: a file is written to a temporary file
//! beside it, flushed, fsynced and renamed over the destination only when the whole run
//! succeeded. Until then (an error, Ctrl-C, a crash) the destination is untouched; the
//! temporary file is removed on every error path that returns.
//!
//! Output compression is done by the workers, one gzip member or zstd frame per chunk
//! (a valid multi-member file that every decoder reads whole), so it runs in parallel.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::{Error, ErrorKind};
use super::input::Compression;

/// Where the result goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically; a path that exists and is not a regular file (a
    /// device such as `/dev/null`, a FIFO) is written directly.
    Path(PathBuf),
}

/// gzip level of the output: 6 (gzip's own default) compressed the seed corpus to within
/// 2% of level 9 at several times the speed.
const GZIP_LEVEL: u32 = 6;
/// zstd level of the output: the library's default.
const ZSTD_LEVEL: i32 = 3;

/// `data` compressed as one gzip member or zstd frame (a copy for `None`).
///
/// # Errors
/// The encoder failed (out of memory).
pub fn compress(compression: Compression, data: &[u8]) -> io::Result<Vec<u8>> {
    match compression {
        Compression::None => Ok(data.to_vec()),
        Compression::Gzip => {
            let buf = Vec::with_capacity(data.len() / 3 + 64);
            let mut e = flate2::write::GzEncoder::new(buf, flate2::Compression::new(GZIP_LEVEL));
            e.write_all(data)?;
            e.finish()
        }
        Compression::Zstd => zstd::bulk::compress(data, ZSTD_LEVEL),
    }
}

/// Receives the output chunks in input order.
pub trait Sink {
    /// Write one chunk's bytes; `line_ends` are the end offsets of its lines in `data`
    /// (empty unless the run asked for them).
    ///
    /// # Errors
    /// Writing failed; the run stops.
    fn write_chunk(&mut self, data: &[u8], line_ends: &[usize]) -> Result<(), Error>;
}

enum Target {
    Stdout(io::Stdout),
    Direct(File),
    Temp {
        file: File,
        temp: PathBuf,
        dest: PathBuf,
    },
}

/// An output being written. Dropping it before [`Output::commit`] removes the
/// temporary file and leaves the destination as it was.
pub struct Output {
    target: Option<Target>,
    name: String,
    compression: Compression,
    written: u64,
    /// Bytes before this offset have been handed to [`start_writeback`].
    writeback_from: u64,
}

/// How much output accumulates before its writeback to disk is started.
const WRITEBACK_STEP: u64 = 32 << 20;

/// Start writing `len` bytes of `file` from `offset` to disk, without waiting. The final
/// fsync then waits only for the tail: measured on 1 GB of output (standard preset,
/// 2 jobs), the fsync at the end took 0.41 s when all the writeback was left to it (this
/// machine's dirty-page limits let the whole output sit in memory until then).
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    unsafe extern "C" {
        fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> i32;
    }
    const SYNC_FILE_RANGE_WRITE: u32 = 2;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: `sync_file_range` (Linux, glibc and musl export it) only reads its integer
    // arguments; the descriptor is owned by `file`, open for the whole call. A failure
    // (e.g. a file system without support) only loses the early start: fsync still
    // writes everything at commit, so the result is ignored.
    let _ = unsafe { sync_file_range(file.as_raw_fd(), offset, len, SYNC_FILE_RANGE_WRITE) };
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _len: u64) {}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Output {
    /// Start writing to `dest`, compressed as `compression`.
    ///
    /// # Errors
    /// The temporary file cannot be created (a missing directory, no permission).
    pub fn create(dest: &Destination, compression: Compression) -> Result<Output, Error> {
        let (target, name) = match dest {
            Destination::Stdout => (Target::Stdout(io::stdout()), "<stdout>".to_owned()),
            Destination::Path(path) => {
                let name = path.display().to_string();
                let special = fs::metadata(path).is_ok_and(|m| !m.is_file());
                let target = if special {
                    let file = OpenOptions::new()
                        .write(true)
                        .truncate(true)
                        .open(path)
                        .map_err(|e| Error::io(&name, "cannot open output", e))?;
                    Target::Direct(file)
                } else {
                    let temp = temp_path(path);
                    let file = OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&temp)
                        .map_err(|e| Error::io(&name, "cannot create output", e))?;
                    Target::Temp {
                        file,
                        temp,
                        dest: path.clone(),
                    }
                };
                (target, name)
            }
        };
        Ok(Output {
            target: Some(target),
            name,
            compression,
            written: 0,
            writeback_from: 0,
        })
    }

    /// The compression chunks must be written in.
    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    fn write_err(&self, e: io::Error) -> Error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Error::new(ErrorKind::BrokenPipe)
        } else {
            Error::io(&self.name, "cannot write", e)
        }
    }

    /// Write bytes (already compressed).
    ///
    /// # Errors
    /// The write failed (disk full, closed pipe: [`ErrorKind::BrokenPipe`]).
    pub fn write_all(&mut self, data: &[u8]) -> Result<(), Error> {
        let result = match self.target.as_mut() {
            Some(Target::Stdout(s)) => s.lock().write_all(data),
            Some(Target::Direct(f)) | Some(Target::Temp { file: f, .. }) => f.write_all(data),
            None => Ok(()),
        };
        result.map_err(|e| self.write_err(e))?;
        self.written += data.len() as u64;
        if self.written - self.writeback_from >= WRITEBACK_STEP {
            if let Some(Target::Temp { file, .. }) = &self.target {
                start_writeback(
                    file,
                    self.writeback_from,
                    self.written - self.writeback_from,
                );
            }
            self.writeback_from = self.written;
        }
        Ok(())
    }

    /// Finish: an empty member/frame if nothing was written to a compressed output (so
    /// it is a valid compressed file), flush, fsync, and rename the temporary file over
    /// the destination.
    ///
    /// # Errors
    /// Flushing, syncing or renaming failed; the destination is then unchanged.
    pub fn commit(mut self) -> Result<(), Error> {
        if self.written == 0 && self.compression != Compression::None {
            let empty = compress(self.compression, &[])
                .map_err(|e| Error::io(&self.name, "cannot compress", e))?;
            self.write_all(&empty)?;
        }
        match self.target.take() {
            Some(Target::Stdout(s)) => s.lock().flush().map_err(|e| self.write_err(e)),
            // A device or FIFO: writes went straight through; fsync does not apply.
            Some(Target::Direct(mut f)) => f.flush().map_err(|e| self.write_err(e)),
            Some(Target::Temp { file, temp, dest }) => {
                let done = file
                    .sync_all()
                    .map_err(|e| self.write_err(e))
                    .and_then(|()| {
                        fs::rename(&temp, &dest)
                            .map_err(|e| Error::io(&self.name, "cannot rename output to", e))
                    });
                if done.is_err() {
                    let _ = fs::remove_file(&temp);
                } else if let Some(dir) = parent(&dest).and_then(|d| File::open(d).ok()) {
                    // Make the rename itself durable; failing here loses nothing already
                    // renamed, so it is not an error.
                    let _ = dir.sync_all();
                }
                done
            }
            None => Ok(()),
        }
    }
}

impl Sink for Output {
    fn write_chunk(&mut self, data: &[u8], _line_ends: &[usize]) -> Result<(), Error> {
        self.write_all(data)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some(Target::Temp { file, temp, .. }) = self.target.take() {
            drop(file);
            let _ = fs::remove_file(temp);
        }
    }
}

fn parent(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

/// `.NAME.arnorm-PID-N.tmp` beside `dest`: same directory, so the rename is atomic.
fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let file = format!(".{name}.arnorm-{}-{n}.tmp", std::process::id());
    parent(dest).unwrap_or(Path::new(".")).join(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("arnorm-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_destination_changes_only_on_commit() {
        let dir = scratch_dir("output");
        let dest = dir.join("out.txt");
        fs::write(&dest, "old").unwrap();
        let mut out = Output::create(&Destination::Path(dest.clone()), Compression::None).unwrap();
        out.write_all(b"new").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(entries(&dir).len(), 2); // the temporary file beside it
        drop(out);
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(entries(&dir), ["out.txt"]);
        let mut out = Output::create(&Destination::Path(dest.clone()), Compression::None).unwrap();
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new");
        assert_eq!(entries(&dir), ["out.txt"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_empty_compressed_output_is_a_valid_file() {
        let dir = scratch_dir("empty");
        for (name, c) in [("e.gz", Compression::Gzip), ("e.zst", Compression::Zstd)] {
            let dest = dir.join(name);
            Output::create(&Destination::Path(dest.clone()), c)
                .unwrap()
                .commit()
                .unwrap();
            let bytes = fs::read(&dest).unwrap();
            assert_eq!(Compression::detect(&bytes), c);
        }
        fs::remove_dir_all(dir).unwrap();
    }
}
