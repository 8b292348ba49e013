//! Opening an input: a file or standard input, decompressed when its first bytes are the
//! magic number of gzip or zstd (the file name does not matter).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::error::Error;

/// Where lines come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Source {
    /// The name used in messages: the path, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::Path(p) => p.display().to_string(),
        }
    }
}

/// A compression format, detected on input by its magic number and chosen on output by
/// the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (RFC 1952); input may hold several members, one after another.
    Gzip,
    /// Zstandard; input may hold several frames.
    Zstd,
}

impl Compression {
    /// The format whose magic number starts `head`: gzip `1F 8B`, zstd `28 B5 2F FD`.
    pub fn detect(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1F, 0x8B]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// The format an output file name asks for: `.gz` → gzip, `.zst` → zstd.
    pub fn from_extension(path: &std::path::Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Counts the raw (possibly compressed) bytes read, for the progress report.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An opened input: the decompressed byte stream, and how to name its errors.
pub struct Opened {
    /// The decompressed bytes.
    pub reader: Box<dyn Read + Send>,
    /// The format that was detected.
    pub compression: Compression,
}

/// Read buffer of the raw input.
const RAW_BUFFER: usize = 256 * 1024;

/// Open `source`, detect its compression and return the decompressed stream. Raw bytes
/// read are added to `count`.
///
/// # Errors
/// The file cannot be opened, or its first bytes cannot be read.
pub fn open(source: &Source, count: Arc<AtomicU64>) -> Result<Opened, Error> {
    let name = source.name();
    let raw: Box<dyn Read + Send> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::Path(p) => Box::new(File::open(p).map_err(|e| Error::io(&name, "cannot open", e))?),
    };
    let mut raw = Counting { inner: raw, count };
    // The magic number decides, not the name. A pipe may deliver fewer than 4 bytes per
    // read, so read up to 4 and put them back in front of the stream.
    let mut head = Vec::with_capacity(4);
    (&mut raw)
        .take(4)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(&name, "cannot read", e))?;
    let compression = Compression::detect(&head);
    let buffered = BufReader::with_capacity(RAW_BUFFER, io::Cursor::new(head).chain(raw));
    let reader: Box<dyn Read + Send> = match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(buffered)
                .map_err(|e| Error::io(&name, "cannot start zstd decoding of", e))?,
        ),
    };
    Ok(Opened {
        reader,
        compression,
    })
}
