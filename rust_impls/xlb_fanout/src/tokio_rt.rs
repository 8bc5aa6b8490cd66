//! The tokio variants: a runtime built explicitly, `tokio::spawn` per task.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinHandle;

use crate::work::compute;
use crate::{elapsed_ns, status_kb, Mode, Outcome, Params, Variant};

/// Multi-thread with `worker_threads(threads)` (the workers start here,
/// before the measured run), or current-thread; timers enabled.
pub fn build(variant: Variant, threads: u64) -> Result<Runtime> {
    let mut builder = match variant {
        Variant::TokioMt => {
            let workers = usize::try_from(threads).context("`threads` too large")?;
            let mut b = Builder::new_multi_thread();
            b.worker_threads(workers);
            b
        }
        Variant::TokioCt => Builder::new_current_thread(),
        Variant::StdThreads => bail!("not a tokio variant"),
    };
    builder
        .enable_time()
        .build()
        .context("cannot build the tokio runtime")
}

/// Spawns `params.tasks` tasks from inside `block_on` and awaits every
/// JoinHandle (and, in channel mode, the collector task).
pub fn fan_out(rt: &Runtime, mode: Mode, params: Params) -> Result<Outcome> {
    rt.block_on(async move {
        let n = params.tasks;
        let cap = usize::try_from(n).context("`tasks` too large")?;
        let mut handles: Vec<JoinHandle<u64>> = Vec::with_capacity(cap);
        let mut rss_all_alive_kb = None;
        let start = Instant::now();
        let (sum, threads_after_spawn) = match mode {
            Mode::Sleep => {
                let d = Duration::from_millis(params.sleep_ms);
                for i in 0..n {
                    handles.push(tokio::spawn(async move {
                        tokio::time::sleep(d).await;
                        i
                    }));
                }
                let threads = status_kb("Threads").unwrap_or(0);
                (join_sum(handles).await?, threads)
            }
            Mode::Compute => {
                let rounds = params.rounds;
                for i in 0..n {
                    handles.push(tokio::spawn(async move { compute(i, rounds) }));
                }
                let threads = status_kb("Threads").unwrap_or(0);
                (join_sum(handles).await?, threads)
            }
            Mode::Hold => {
                // The latch: a watch channel holding `false` until the
                // release. `wait_for` looks at the current value first, so a
                // task first polled after the release does not wait at all.
                let (open, latch) = tokio::sync::watch::channel(false);
                for i in 0..n {
                    let mut latch = latch.clone();
                    handles.push(tokio::spawn(async move {
                        // The sender lives until every handle is joined.
                        latch.wait_for(|open| *open).await.expect("latch gone");
                        i
                    }));
                }
                // Every task is allocated by now, polled or not.
                let threads = status_kb("Threads").unwrap_or(0);
                rss_all_alive_kb = Some(status_kb("VmRSS").unwrap_or(0));
                open.send_replace(true);
                let sum = join_sum(handles).await?;
                drop(open);
                (sum, threads)
            }
            Mode::Channel => {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
                let collector = tokio::spawn(async move {
                    let (mut sum, mut count) = (0u64, 0u64);
                    while let Some(v) = rx.recv().await {
                        sum = sum.wrapping_add(v);
                        count += 1;
                    }
                    (sum, count)
                });
                for i in 0..n {
                    let tx = tx.clone();
                    handles.push(tokio::spawn(async move {
                        // The collector lives until every sender is gone.
                        tx.send(i).expect("collector gone");
                        0
                    }));
                }
                drop(tx);
                let threads = status_kb("Threads").unwrap_or(0);
                join_sum(handles).await?;
                let (sum, count) = collector
                    .await
                    .map_err(|e| anyhow!("collector task failed: {e}"))?;
                if count != n {
                    bail!("collector received {count} values, expected {n}");
                }
                (sum, threads)
            }
        };
        let ns = elapsed_ns(start);
        Ok(Outcome {
            sum,
            ns,
            threads_after_spawn,
            rss_all_alive_kb,
        })
    })
}

/// Awaits each handle in spawn order; a panicked task is an error.
async fn join_sum(handles: Vec<JoinHandle<u64>>) -> Result<u64> {
    let mut sum = 0u64;
    for h in handles {
        let v = h.await.map_err(|e| anyhow!("task failed: {e}"))?;
        sum = sum.wrapping_add(v);
    }
    Ok(sum)
}
