//! Graphviz's `dot`, run as a child process to turn DOT text into a
//! picture: fed and drained on threads, stopped after [`LAYOUT_TIMEOUT`].
//! What [`super::SystemHost::render_picture`] does.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{io_words, PictureFormat};

/// Longest wait for `dot` before giving up on the picture.
pub const LAYOUT_TIMEOUT: Duration = Duration::from_secs(30);

/// Why Graphviz drew nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum GraphvizError {
    /// `dot` is not on the PATH.
    NotInstalled,
    /// `dot` ran but failed, or took too long; the reason.
    Failed(String),
}

/// Runs Graphviz's `dot` on `dot` and returns the picture it drew.
pub fn graphviz(dot: &str, format: PictureFormat) -> Result<Vec<u8>, GraphvizError> {
    let flag = match format {
        PictureFormat::Svg => "-Tsvg",
        PictureFormat::Png => "-Tpng",
    };
    let spawned = Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(GraphvizError::NotInstalled),
        Err(e) => {
            return Err(GraphvizError::Failed(format!(
                "could not run dot: {}",
                io_words::describe(&e)
            )))
        }
    };
    // Feed and drain on threads, so a large graph cannot fill a pipe and
    // leave both sides waiting.
    let feeder = child.stdin.take().map(|mut stdin| {
        let dot = dot.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(dot.as_bytes());
        })
    });
    let drain = |pipe: Option<Box<dyn io::Read + Send>>| {
        pipe.map(|mut pipe| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let status = wait_at_most(&mut child, LAYOUT_TIMEOUT)?;
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let collect = |reader: Option<std::thread::JoinHandle<Vec<u8>>>| {
        reader.and_then(|r| r.join().ok()).unwrap_or_default()
    };
    let picture = collect(stdout);
    if !status.success() {
        let message = String::from_utf8_lossy(&collect(stderr)).trim().to_string();
        return Err(GraphvizError::Failed(format!(
            "dot exited with {status}: {message}"
        )));
    }
    Ok(picture)
}

fn wait_at_most(
    child: &mut std::process::Child,
    limit: Duration,
) -> Result<std::process::ExitStatus, GraphvizError> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GraphvizError::Failed(format!(
                    "dot took longer than {} s and was stopped",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(GraphvizError::Failed(format!(
                    "could not wait for dot: {}",
                    io_words::describe(&e)
                )))
            }
        }
    }
}
