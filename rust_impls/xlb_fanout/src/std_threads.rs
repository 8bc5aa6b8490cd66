//! The OS-thread variant: one `std::thread` per task, default stack size.

use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};

use crate::work::compute;
use crate::{elapsed_ns, status_kb, Mode, Outcome, Params};

/// `thread::Builder::new().spawn` (the same default stack as
/// `thread::spawn`, but a failed spawn is an error rather than a panic).
fn spawn<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<JoinHandle<T>> {
    thread::Builder::new()
        .spawn(f)
        .context("cannot spawn an OS thread")
}

pub fn fan_out(mode: Mode, params: Params) -> Result<Outcome> {
    let n = params.tasks;
    let cap = usize::try_from(n).context("`tasks` too large")?;
    let mut handles: Vec<JoinHandle<u64>> = Vec::with_capacity(cap);
    let mut rss_all_alive_kb = None;
    let start = Instant::now();
    let (sum, threads_after_spawn) = match mode {
        Mode::Sleep => {
            let d = Duration::from_millis(params.sleep_ms);
            for i in 0..n {
                handles.push(spawn(move || {
                    thread::sleep(d);
                    i
                })?);
            }
            let threads = status_kb("Threads").unwrap_or(0);
            (join_sum(handles)?, threads)
        }
        Mode::Compute => {
            let rounds = params.rounds;
            for i in 0..n {
                handles.push(spawn(move || compute(i, rounds))?);
            }
            let threads = status_kb("Threads").unwrap_or(0);
            (join_sum(handles)?, threads)
        }
        Mode::Hold => {
            let latch = Arc::new(Latch::default());
            for i in 0..n {
                let task_latch = Arc::clone(&latch);
                match spawn(move || {
                    task_latch.wait();
                    i
                }) {
                    Ok(h) => handles.push(h),
                    Err(e) => {
                        // Let the threads already spawned finish first.
                        latch.open();
                        join_sum(handles)?;
                        return Err(e);
                    }
                }
            }
            // pthread_create has made every thread; none can end yet.
            let threads = status_kb("Threads").unwrap_or(0);
            rss_all_alive_kb = Some(status_kb("VmRSS").unwrap_or(0));
            latch.open();
            (join_sum(handles)?, threads)
        }
        Mode::Channel => {
            let (tx, rx) = mpsc::channel::<u64>();
            let collector = spawn(move || {
                let (mut sum, mut count) = (0u64, 0u64);
                for v in rx {
                    sum = sum.wrapping_add(v);
                    count += 1;
                }
                (sum, count)
            })?;
            for i in 0..n {
                let tx = tx.clone();
                handles.push(spawn(move || {
                    tx.send(i).expect("collector gone");
                    0
                })?);
            }
            drop(tx);
            let threads = status_kb("Threads").unwrap_or(0);
            join_sum(handles)?;
            let (sum, count) = collector
                .join()
                .map_err(|_| anyhow!("collector thread panicked"))?;
            if count != n {
                bail!("collector received {count} values, expected {n}");
            }
            (sum, threads)
        }
    };
    Ok(Outcome {
        sum,
        ns: elapsed_ns(start),
        threads_after_spawn,
        rss_all_alive_kb,
    })
}

/// A one-shot latch: closed until `open`; `wait` returns at once once open,
/// so a thread that first runs after the release does not block.
#[derive(Default)]
struct Latch {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Latch {
    fn wait(&self) {
        let guard = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let _open = self
            .opened
            .wait_while(guard, |open| !*open)
            .unwrap_or_else(|e| e.into_inner());
    }

    fn open(&self) {
        *self.open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.opened.notify_all();
    }
}

fn join_sum(handles: Vec<JoinHandle<u64>>) -> Result<u64> {
    let mut sum = 0u64;
    for h in handles {
        let v = h.join().map_err(|_| anyhow!("task thread panicked"))?;
        sum = sum.wrapping_add(v);
    }
    Ok(sum)
}
