//! The one error type of the streaming engine.

use std::fmt;
use std::io;

/// Why a streaming run failed. Every variant carries what a one-line message needs: the
/// input's name (`<stdin>` for standard input), the 1-based line and the byte offset in
/// the (decompressed) input where it applies.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kind of an [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading an input, creating or writing the output failed (a missing file, a
    /// missing output directory, a full disk, ...). `path` names the file concerned.
    Io {
        /// The input or output file (`<stdin>`, `<stdout>` for the standard streams).
        path: String,
        /// What was being done: `"cannot read"`, `"cannot write"`, ...
        action: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The compressed input is corrupt or truncated.
    Decompress {
        /// The input file.
        path: String,
        /// `"gzip"` or `"zstd"`.
        format: &'static str,
        /// The decoder's error.
        source: io::Error,
    },
    /// A line is not valid UTF-8 (with `errors = strict`).
    InvalidUtf8 {
        /// The input file.
        path: String,
        /// The 1-based line number.
        line: u64,
        /// The 0-based byte offset of the first invalid byte in the decompressed input.
        offset: u64,
    },
    /// A line is longer than the configured maximum.
    LineTooLong {
        /// The input file.
        path: String,
        /// The 1-based line number.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// The line transform refused a line (invalid JSON, a field that is not a string).
    Line {
        /// The input file.
        path: String,
        /// The 1-based line number.
        line: u64,
        /// The transform's message.
        message: String,
    },
    /// Standard output is a closed pipe (`arnorm ... | head`): not a failure of the
    /// run, the reader simply wanted no more.
    BrokenPipe,
    /// The monitor asked to stop (Ctrl-C).
    Interrupted,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    pub(crate) fn io(path: &str, action: &'static str, source: io::Error) -> Error {
        Error::new(ErrorKind::Io {
            path: path.to_owned(),
            action,
            source,
        })
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The operating system's error code, for errors that have one.
    pub fn raw_os_error(&self) -> Option<i32> {
        match &self.kind {
            ErrorKind::Io { source, .. } => source.raw_os_error(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io {
                path,
                action,
                source,
            } => write!(f, "{action} {path}: {source}"),
            ErrorKind::Decompress {
                path,
                format,
                source,
            } => write!(f, "{path}: corrupt or truncated {format} data: {source}"),
            ErrorKind::InvalidUtf8 { path, line, offset } => {
                write!(f, "{path}:{line}: invalid UTF-8 at byte offset {offset}")
            }
            ErrorKind::LineTooLong { path, line, limit } => {
                write!(
                    f,
                    "{path}:{line}: line longer than the limit of {limit} bytes"
                )
            }
            ErrorKind::Line {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: {message}"),
            ErrorKind::BrokenPipe => f.write_str("standard output is a closed pipe"),
            ErrorKind::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } | ErrorKind::Decompress { source, .. } => Some(source),
            _ => None,
        }
    }
}
