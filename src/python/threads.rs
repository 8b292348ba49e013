//! The thread pools of the batch calls.
//!
//! One rayon pool per thread count, made on first use and kept. A pool made before
//! `fork()` has no threads in the child, and waiting on it would hang forever, so pools
//! are remembered together with the process id that made them and are made anew (the
//! old ones leaked, never joined) in a forked child.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::normalize::Units;

/// Environment variable that sets the default number of threads of batch calls.
pub const THREADS_ENV: &str = "ARNORM_NUM_THREADS";

struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<ThreadPool>>,
}

static POOLS: Mutex<Option<Pools>> = Mutex::new(None);

/// The number of threads for a batch call: `threads`, else `$ARNORM_NUM_THREADS`, else
/// the number of CPUs available to the process.
pub fn thread_count(threads: Option<isize>) -> PyResult<usize> {
    if let Some(n) = threads {
        return usize::try_from(n).ok().filter(|&n| n >= 1).ok_or_else(|| {
            PyValueError::new_err(format!("threads must be None or an integer >= 1, got {n}"))
        });
    }
    if let Ok(text) = std::env::var(THREADS_ENV) {
        return text
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "{THREADS_ENV} must be an integer >= 1, got {text:?}"
                ))
            });
    }
    Ok(std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The pool of `size` threads (`size` >= 2).
pub fn pool(size: usize) -> PyResult<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut guard = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if guard.as_ref().is_some_and(|p| p.pid != pid) {
        // Forked child: the parent's worker threads do not exist here.
        if let Some(stale) = guard.take() {
            std::mem::forget(stale);
        }
    }
    let pools = guard.get_or_insert_with(|| Pools {
        pid,
        by_size: HashMap::new(),
    });
    if let Some(p) = pools.by_size.get(&size) {
        return Ok(p.clone());
    }
    let p = ThreadPoolBuilder::new()
        .num_threads(size)
        .thread_name(|i| format!("arnorm-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {size} threads: {e}")))?;
    let p = Arc::new(p);
    pools.by_size.insert(size, p.clone());
    Ok(p)
}

/// Split `0..lens.len()` into consecutive ranges of about `target` code points each (a
/// text longer than `target` is a range of its own), so that a batch of uneven texts is
/// spread evenly over the threads and each task is large enough to amortize scheduling.
pub fn balanced_ranges(
    lens: impl Iterator<Item = usize>,
    target: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut size, mut end) = (0, 0, 0);
    for (i, len) in lens.enumerate() {
        if size > 0 && size + len > target {
            ranges.push(start..i);
            start = i;
            size = 0;
        }
        size += len;
        end = i + 1;
    }
    if start < end {
        ranges.push(start..end);
    }
    ranges
}

/// Code points per parallel task of the batch calls.
const TASK_UNITS: usize = 64 * 1024;

/// `f` over every text of a batch, in order, with the GIL released: on the calling
/// thread when `threads` is 1 (or there is one text), else on the pool of `threads`
/// threads in size-balanced tasks.
pub fn map_batch<T: Send>(
    py: Python<'_>,
    views: &[Units<'_>],
    threads: usize,
    f: impl Fn(Units<'_>) -> T + Sync,
) -> PyResult<Vec<T>> {
    if threads == 1 || views.len() < 2 {
        return Ok(py.detach(|| views.iter().map(|&u| f(u)).collect()));
    }
    let pool = pool(threads)?;
    let ranges = balanced_ranges(views.iter().map(|u| u.len()), TASK_UNITS);
    Ok(py.detach(|| {
        pool.install(|| {
            ranges
                .par_iter()
                .flat_map_iter(|r| views[r.clone()].iter().map(|&u| f(u)))
                .collect()
        })
    }))
}
