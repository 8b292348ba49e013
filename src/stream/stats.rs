//! The `count` and `variants` jobs: token frequencies over the whole input, reduced in
//! parallel, then written as one sorted table.
//!
//! Each worker counts the tokens of its chunks into its own [`Counts`] (no lock, no
//! per-chunk message), so memory holds the vocabulary once per worker and never the
//! corpus; the per-worker counts are merged when the input ends. Tokens, order and
//! filters are exactly those of [`crate::tokenize::counts`] (what `arnorm.word_counts`
//! and `arnorm.variants` use), so the command line and the Python API agree.

use super::error::Error;
use super::input::{Compression, Source};
use super::jsonl::{for_each_string_field, is_blank};
use super::output::{compress, Destination, Output, Sink};
use super::pipeline;
use super::transform::{encode_utf8, LineTransform};
use super::{Progress, Settings, Summary};
use crate::tokenize::counts::{add, group_variants, merge, Counts};
use crate::tokenize::Tokenizer;
use crate::Normalizer;

/// Count the tokens of each line (text) or of the named string fields of each JSON
/// object line.
pub struct CountTokens {
    tokenizer: Tokenizer,
    fields: Option<Vec<String>>,
}

impl CountTokens {
    /// Count with `tokenizer`; `fields` (JSON Lines input) names the fields to count.
    pub fn new(tokenizer: Tokenizer, fields: Option<Vec<String>>) -> CountTokens {
        CountTokens { tokenizer, fields }
    }

    fn count(&self, text: &str, s: &mut CountScratch) {
        s.units.clear();
        s.units.extend(text.chars().map(u32::from));
        let counts = &mut s.counts;
        self.tokenizer
            .for_each_token(&s.units, &mut s.buffer, |t| add(counts, t, 1));
    }
}

/// One worker's buffers and counts.
#[derive(Default)]
pub struct CountScratch {
    units: Vec<u32>,
    buffer: Vec<u32>,
    counts: Counts,
}

impl LineTransform for CountTokens {
    type Scratch = CountScratch;

    fn apply(&self, line: &str, s: &mut CountScratch, _out: &mut Vec<u8>) -> Result<(), String> {
        match &self.fields {
            None => self.count(line, s),
            Some(_) if is_blank(line) => {}
            Some(fields) => for_each_string_field(line, fields, |_, _, value| {
                self.count(&value, s);
                Ok(())
            })?,
        }
        Ok(())
    }
}

/// How a table of results is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Tab-separated values, one row per line, no header.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

impl TableFormat {
    /// `"tsv"` or `"jsonl"`.
    pub fn from_name(name: &str) -> Option<TableFormat> {
        match name {
            "tsv" => Some(TableFormat::Tsv),
            "jsonl" => Some(TableFormat::Jsonl),
            _ => None,
        }
    }
}

/// Which rows of a table are written.
#[derive(Clone, Copy, Debug)]
pub struct Report {
    /// Leave out tokens (groups, for variants) seen fewer times.
    pub min_count: u64,
    /// Write only the first rows (groups).
    pub top: Option<usize>,
    /// The output format.
    pub format: TableFormat,
}

/// Discards the (empty) per-line output of the counting transform.
struct Discard;

impl Sink for Discard {
    fn write_chunk(&mut self, _: &[u8], _: &[usize]) -> Result<(), Error> {
        Ok(())
    }
}

/// Run `transform` over `sources` and merge the workers' counts.
fn count_all(
    sources: &[Source],
    transform: CountTokens,
    settings: &Settings,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<(Counts, Summary), Error> {
    let (summary, scratches) = pipeline::run_collect(
        sources,
        &mut Discard,
        transform,
        settings,
        Compression::None,
        monitor,
    )?;
    let counts = scratches
        .into_iter()
        .map(|s| s.counts)
        .reduce(merge)
        .unwrap_or_default();
    Ok((counts, summary))
}

/// Writes a table in blocks (one gzip member / zstd frame per block when compressed).
struct TableWriter {
    output: Output,
    block: Vec<u8>,
}

impl TableWriter {
    const BLOCK: usize = 1 << 20;

    fn flush(&mut self) -> Result<(), Error> {
        if self.block.is_empty() {
            return Ok(());
        }
        match self.output.compression() {
            Compression::None => self.output.write_all(&self.block)?,
            c => {
                let data = compress(c, &self.block)
                    .map_err(|e| Error::io("<output>", "cannot compress", e))?;
                self.output.write_all(&data)?;
            }
        }
        self.block.clear();
        Ok(())
    }

    fn row_done(&mut self) -> Result<(), Error> {
        if self.block.len() >= Self::BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self, summary: &mut Summary) -> Result<(), Error> {
        self.flush()?;
        summary.bytes_out = self.output.written();
        self.output.commit()
    }
}

fn create(destination: &Destination) -> Result<TableWriter, Error> {
    let compression = match destination {
        Destination::Path(p) => Compression::from_extension(p),
        Destination::Stdout => Compression::None,
    };
    Ok(TableWriter {
        output: Output::create(destination, compression)?,
        block: Vec::with_capacity(TableWriter::BLOCK + 4096),
    })
}

/// Write `token` as a JSON string.
fn json_token(token: &[u32], scratch: &mut Vec<u8>, out: &mut Vec<u8>) {
    scratch.clear();
    encode_utf8(token, scratch);
    // The normalizer and the tokenizer keep scalar values: always valid UTF-8.
    let text = std::str::from_utf8(scratch).unwrap_or("\u{FFFD}");
    // Writing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

/// Count the tokens of `sources` and write `token<TAB>count` rows (or JSON objects
/// `{"token": ..., "count": ...}`), most frequent first, ties by code points: the
/// order of `arnorm.word_counts`. The destination is replaced only on success.
///
/// # Errors
/// Those of [`super::run`].
pub fn count(
    sources: &[Source],
    destination: &Destination,
    transform: CountTokens,
    settings: &Settings,
    report: &Report,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    let mut w = create(destination)?;
    let (counts, mut summary) = count_all(sources, transform, settings, monitor)?;
    let mut rows: Vec<(Box<[u32]>, u64)> = counts
        .into_iter()
        .filter(|e| e.1 >= report.min_count)
        .collect();
    rows.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(report.top.unwrap_or(usize::MAX));
    let mut scratch = Vec::new();
    for (token, n) in rows {
        match report.format {
            TableFormat::Tsv => {
                encode_utf8(&token, &mut w.block);
                w.block.extend_from_slice(format!("\t{n}\n").as_bytes());
            }
            TableFormat::Jsonl => {
                w.block.extend_from_slice(b"{\"token\":");
                json_token(&token, &mut scratch, &mut w.block);
                w.block
                    .extend_from_slice(format!(",\"count\":{n}}}\n").as_bytes());
            }
        }
        w.row_done()?;
    }
    w.finish(&mut summary)?;
    Ok(summary)
}

/// Count the surface forms of `sources` with `surface` (a transform whose tokenizer
/// drops punctuation, as `arnorm.variants` does), group them by their `key`
/// normalization, and write the groups with the largest totals first (ties by key):
/// TSV rows `key<TAB>total<TAB>form<TAB>count`, one per surface form (forms by count,
/// then code points), or one JSON object per group
/// `{"key": ..., "total": ..., "forms": {form: count, ...}}`. `min_count` and `top`
/// apply to groups. The grouping runs on `pool` (else on the global rayon pool).
///
/// # Errors
/// Those of [`super::run`].
#[allow(clippy::too_many_arguments)]
pub fn variants(
    sources: &[Source],
    destination: &Destination,
    surface: CountTokens,
    key: &Normalizer,
    settings: &Settings,
    report: &Report,
    pool: Option<&rayon::ThreadPool>,
    monitor: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Summary, Error> {
    let mut w = create(destination)?;
    let (counts, mut summary) = count_all(sources, surface, settings, monitor)?;
    let total = |forms: &[(Box<[u32]>, u64)]| forms.iter().map(|f| f.1).sum::<u64>();
    let group = || group_variants(counts, key, report.min_count);
    let grouped = match pool {
        Some(pool) => pool.install(group),
        None => group(),
    };
    let mut groups: Vec<_> = grouped
        .into_iter()
        .map(|(k, forms)| (total(&forms), k, forms))
        .collect();
    groups.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    groups.truncate(report.top.unwrap_or(usize::MAX));
    let mut scratch = Vec::new();
    for (sum, k, forms) in groups {
        match report.format {
            TableFormat::Tsv => {
                for (form, n) in forms {
                    encode_utf8(&k, &mut w.block);
                    w.block.extend_from_slice(format!("\t{sum}\t").as_bytes());
                    encode_utf8(&form, &mut w.block);
                    w.block.extend_from_slice(format!("\t{n}\n").as_bytes());
                }
            }
            TableFormat::Jsonl => {
                w.block.extend_from_slice(b"{\"key\":");
                json_token(&k, &mut scratch, &mut w.block);
                w.block
                    .extend_from_slice(format!(",\"total\":{sum},\"forms\":{{").as_bytes());
                for (i, (form, n)) in forms.iter().enumerate() {
                    if i > 0 {
                        w.block.push(b',');
                    }
                    json_token(form, &mut scratch, &mut w.block);
                    w.block.extend_from_slice(format!(":{n}").as_bytes());
                }
                w.block.extend_from_slice(b"}}\n");
            }
        }
        w.row_done()?;
    }
    w.finish(&mut summary)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::PunctuationTokens;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("arnorm-stats-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    fn tokenizer(preset: &str, punctuation: PunctuationTokens) -> Tokenizer {
        Tokenizer::new(Normalizer::from_preset(preset).ok(), false, punctuation)
    }

    fn settings(jobs: usize) -> Settings {
        Settings {
            jobs,
            chunk_bytes: 16, // many chunks, so several workers each count some
            ..Settings::default()
        }
    }

    #[test]
    fn counts_are_merged_over_workers_and_sorted() {
        let src = temp("count.txt");
        std::fs::write(&src, "كَتَبَ كتب، إلى\nالى b a\r\nb\n\n{\"x\":1}\nكتب").unwrap();
        let dst = temp("count.tsv");
        let report = Report {
            min_count: 1,
            top: None,
            format: TableFormat::Tsv,
        };
        for jobs in [1, 3] {
            let t = CountTokens::new(tokenizer("standard", PunctuationTokens::Drop), None);
            let sources = [Source::Path(src.clone())];
            let dest = Destination::Path(dst.clone());
            let s = count(&sources, &dest, t, &settings(jobs), &report, &mut |_| true).unwrap();
            assert_eq!(s.lines, 6);
            let got = std::fs::read_to_string(&dst).unwrap();
            // Ties by code points: "b" (U+0062) before "الي" (U+0627...).
            assert_eq!(got, "كتب\t3\nb\t2\nالي\t2\n1\t1\na\t1\nx\t1\n");
        }
    }

    #[test]
    fn variants_group_surface_forms_by_key() {
        let src = temp("variants.jsonl");
        std::fs::write(
            &src,
            "{\"t\": \"إلى الى إلى\"}\n\n{\"t\": \"كتب كتاب\", \"u\": 1}\n",
        )
        .unwrap();
        let dst = temp("variants.jsonl.out");
        let t = CountTokens::new(
            tokenizer("light", PunctuationTokens::Drop),
            Some(vec!["t".into()]),
        );
        let key = Normalizer::from_preset("search").unwrap();
        let report = Report {
            min_count: 2,
            top: None,
            format: TableFormat::Jsonl,
        };
        let sources = [Source::Path(src.clone())];
        let dest = Destination::Path(dst.clone());
        variants(
            &sources,
            &dest,
            t,
            &key,
            &settings(2),
            &report,
            None,
            &mut |_| true,
        )
        .unwrap();
        let got = std::fs::read_to_string(&dst).unwrap();
        assert_eq!(
            got,
            "{\"key\":\"الي\",\"total\":3,\"forms\":{\"إلى\":2,\"الى\":1}}\n"
        );
    }
}
