//! `micrograd kernel`: this language in Jupyter. The kernel speaks the
//! Jupyter messaging protocol (v5.3) over ZeroMQ — the pure-Rust `zeromq`
//! crate, so nothing but Rust is needed to build it (evcxr's Rust kernel
//! made the same move away from the system libzmq) — with every message
//! signed by HMAC-SHA256 ([`wire`]).
//!
//! Five sockets, as the connection file says ([`connection`]): shell
//! (requests), control (interrupt, shutdown: answered even while a cell
//! runs), IOPub (status, streams, errors), stdin (unused) and heartbeat.
//! Cells run on a thread of their own, one session per kernel ([`cell`]),
//! so the sockets stay responsive; what a cell prints streams out line by
//! line as it runs.

pub mod cell;
pub mod connection;
pub mod install;
mod parent;
pub mod rich;
pub mod wire;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use serde_json::{json, Value};
use tokio::sync::{mpsc as async_mpsc, oneshot, Notify};
use zeromq::{PubSocket, RepSocket, RouterSocket, Socket, SocketRecv, SocketSend};

use crate::console::complete;
use cell::{Cell, CellResult, LineStream, Stream};
use connection::Connection;
use wire::{Message, Signer};

/// Work for the session's thread.
type Job = Box<dyn FnOnce(&mut Cell) + Send>;

/// Runs the kernel until a `shutdown_request`.
pub fn run(connection_file: &Path) -> Result<(), String> {
    let connection = Connection::read(connection_file)?;
    parent::watch();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the kernel's event loop: {e}"))?;
    runtime.block_on(serve(connection))
}

/// The sockets, bound.
struct Sockets {
    shell: RouterSocket,
    control: RouterSocket,
    iopub: PubSocket,
    stdin: RouterSocket,
    heartbeat: RepSocket,
}

async fn bind(connection: &Connection) -> Result<Sockets, String> {
    let c = connection;
    let mut sockets = Sockets {
        shell: RouterSocket::new(),
        control: RouterSocket::new(),
        iopub: PubSocket::new(),
        stdin: RouterSocket::new(),
        heartbeat: RepSocket::new(),
    };
    bind_one(&mut sockets.shell, "shell", c, c.shell_port).await?;
    bind_one(&mut sockets.control, "control", c, c.control_port).await?;
    bind_one(&mut sockets.iopub, "iopub", c, c.iopub_port).await?;
    bind_one(&mut sockets.stdin, "stdin", c, c.stdin_port).await?;
    bind_one(&mut sockets.heartbeat, "heartbeat", c, c.hb_port).await?;
    Ok(sockets)
}

async fn bind_one(
    socket: &mut impl Socket,
    what: &str,
    connection: &Connection,
    port: u16,
) -> Result<(), String> {
    socket
        .bind(&connection.endpoint(port))
        .await
        .map(|_| ())
        .map_err(|e| format!("cannot bind the {what} socket to port {port}: {e}"))
}

/// What the request handlers share.
struct Kernel {
    signer: Signer,
    iopub: async_mpsc::UnboundedSender<Message>,
    jobs: mpsc::Sender<Job>,
    interrupt: Arc<AtomicBool>,
    execution_count: u64,
}

async fn serve(connection: Connection) -> Result<(), String> {
    let sockets = bind(&connection).await?;
    let Sockets {
        mut shell,
        mut control,
        mut iopub,
        stdin,
        mut heartbeat,
    } = sockets;
    let signer = Signer::new(&connection.key);
    let (jobs, interrupt) = start_session()?;
    // Ctrl-C in the terminal that started the kernel is an interrupt too,
    // never the end of the kernel.
    let flag = interrupt.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));

    let (iopub_tx, mut iopub_rx) = async_mpsc::unbounded_channel::<Message>();
    let publisher = signer.clone();
    tokio::spawn(async move {
        while let Some(message) = iopub_rx.recv().await {
            let _ = iopub.send(publisher.encode(&message)).await;
        }
    });
    tokio::spawn(async move {
        while let Ok(beat) = heartbeat.recv().await {
            if heartbeat.send(beat).await.is_err() {
                break;
            }
        }
    });
    let shutdown = Arc::new(Notify::new());
    let mut kernel = Kernel {
        signer: signer.clone(),
        iopub: iopub_tx,
        jobs,
        interrupt: interrupt.clone(),
        execution_count: 0,
    };
    let control_signer = signer.clone();
    let control_shutdown = shutdown.clone();
    let control_iopub = kernel.iopub.clone();
    tokio::spawn(async move {
        while let Ok(frames) = control.recv().await {
            let Ok(request) = control_signer.decode(frames) else {
                continue;
            };
            let (reply, stop) = control_reply(&request, &interrupt, &control_iopub);
            let _ = control.send(control_signer.encode(&reply)).await;
            if stop {
                control_shutdown.notify_one();
            }
        }
    });
    // Kept open so clients that connect to stdin find it; cells never read.
    let _stdin = stdin;
    publish_status(&kernel.iopub, None, "starting");
    loop {
        let frames = tokio::select! {
            frames = shell.recv() => frames,
            _ = shutdown.notified() => break,
        };
        let Ok(frames) = frames else { break };
        let request = match kernel.signer.decode(frames) {
            Ok(request) => request,
            Err(e) => {
                eprintln!("micrograd kernel: dropped a message: {e}");
                continue;
            }
        };
        publish_status(&kernel.iopub, Some(&request), "busy");
        let (reply, stop) = kernel.handle(&request).await;
        if let Some(reply) = reply {
            let _ = shell.send(kernel.signer.encode(&reply)).await;
        }
        publish_status(&kernel.iopub, Some(&request), "idle");
        if stop {
            break;
        }
    }
    // Let the last status messages go out before the process ends.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    Ok(())
}

/// Starts the session's thread; returns where to send it work and the
/// flag that interrupts the running cell.
fn start_session() -> Result<(mpsc::Sender<Job>, Arc<AtomicBool>), String> {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (flag_tx, flag_rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("micrograd-session".into())
        .spawn(move || {
            let mut cell = Cell::new();
            let _ = flag_tx.send(cell.interrupt_flag());
            for job in inbox {
                job(&mut cell);
            }
        })
        .map_err(|e| format!("cannot start the session thread: {e}"))?;
    let interrupt = flag_rx
        .recv()
        .map_err(|_| "the session thread stopped at start".to_string())?;
    Ok((jobs, interrupt))
}

fn publish_status(
    iopub: &async_mpsc::UnboundedSender<Message>,
    parent: Option<&Message>,
    state: &str,
) {
    let content = json!({ "execution_state": state });
    let message = match parent {
        Some(parent) => parent.broadcast("status", content),
        None => Message {
            identities: vec![b"status".to_vec()],
            header: wire::header("status", &wire::new_id()),
            parent_header: json!({}),
            metadata: json!({}),
            content,
        },
    };
    let _ = iopub.send(message);
}

/// The reply to a control message, and whether the kernel should stop.
fn control_reply(
    request: &Message,
    interrupt: &AtomicBool,
    iopub: &async_mpsc::UnboundedSender<Message>,
) -> (Message, bool) {
    match request.msg_type() {
        "interrupt_request" => {
            interrupt.store(true, Ordering::SeqCst);
            (
                request.reply("interrupt_reply", json!({"status": "ok"})),
                false,
            )
        }
        "shutdown_request" => {
            let restart = request.content["restart"].as_bool().unwrap_or(false);
            let content = json!({"status": "ok", "restart": restart});
            let _ = iopub.send(request.broadcast("shutdown_reply", content.clone()));
            (request.reply("shutdown_reply", content), true)
        }
        "kernel_info_request" => (request.reply("kernel_info_reply", kernel_info()), false),
        other => (
            request.reply(
                &other.replace("_request", "_reply"),
                json!({"status": "error", "ename": "NotSupported",
                       "evalue": format!("{other} is not supported on control"), "traceback": []}),
            ),
            false,
        ),
    }
}

fn kernel_info() -> Value {
    json!({
        "status": "ok",
        "protocol_version": wire::PROTOCOL_VERSION,
        "implementation": "micrograd",
        "implementation_version": env!("CARGO_PKG_VERSION"),
        "language_info": {
            "name": "micrograd",
            "version": env!("CARGO_PKG_VERSION"),
            "mimetype": "text/x-python",
            "file_extension": ".mg",
            "pygments_lexer": "python",
            "codemirror_mode": "python",
        },
        "banner": format!(
            "micrograd {}: scalar autograd you can type into; :help for help",
            env!("CARGO_PKG_VERSION")
        ),
        "help_links": [],
    })
}

impl Kernel {
    /// Handles a shell request: the reply (if the type has one) and whether
    /// the kernel should stop.
    async fn handle(&mut self, request: &Message) -> (Option<Message>, bool) {
        let content = &request.content;
        let reply = match request.msg_type() {
            "kernel_info_request" => request.reply("kernel_info_reply", kernel_info()),
            "execute_request" => self.execute(request).await,
            "complete_request" => {
                let code = content["code"].as_str().unwrap_or("").to_string();
                let cursor = content["cursor_pos"].as_u64().unwrap_or(0) as usize;
                let found = self
                    .ask(move |cell| {
                        let names = complete::session_names(&cell.console().session);
                        let pos = byte_index(&code, cursor);
                        let (start, matches) = match complete::wants_path(&code, pos) {
                            Some(_) => crate::repl::editor::file_names(&code, pos),
                            None => complete::complete(
                                &code,
                                pos,
                                names.iter().map(|(n, r)| (n.as_str(), *r)),
                            ),
                        };
                        (code[..start].chars().count(), matches)
                    })
                    .await;
                let (start, matches) = found.unwrap_or((cursor, Vec::new()));
                request.reply(
                    "complete_reply",
                    json!({"status": "ok", "matches": matches, "cursor_start": start,
                           "cursor_end": cursor, "metadata": {}}),
                )
            }
            "inspect_request" => {
                let code = content["code"].as_str().unwrap_or("").to_string();
                let cursor = content["cursor_pos"].as_u64().unwrap_or(0) as usize;
                let help = inspect(&code, cursor);
                request.reply(
                    "inspect_reply",
                    json!({"status": "ok", "found": help.is_some(),
                           "data": help.map_or(json!({}), |h| json!({"text/plain": h})),
                           "metadata": {}}),
                )
            }
            "is_complete_request" => {
                let code = content["code"].as_str().unwrap_or("");
                request.reply("is_complete_reply", is_complete(code))
            }
            "comm_info_request" => {
                request.reply("comm_info_reply", json!({"status": "ok", "comms": {}}))
            }
            "history_request" => {
                request.reply("history_reply", json!({"status": "ok", "history": []}))
            }
            "shutdown_request" => {
                let restart = content["restart"].as_bool().unwrap_or(false);
                return (
                    Some(request.reply(
                        "shutdown_reply",
                        json!({"status": "ok", "restart": restart}),
                    )),
                    true,
                );
            }
            _ => return (None, false),
        };
        (Some(reply), false)
    }

    /// Runs `work` on the session's thread and waits for its answer.
    async fn ask<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Cell) -> T + Send + 'static,
    ) -> Option<T> {
        let (done, answer) = oneshot::channel();
        let job: Job = Box::new(move |cell| {
            let _ = done.send(work(cell));
        });
        self.jobs.send(job).ok()?;
        answer.await.ok()
    }

    async fn execute(&mut self, request: &Message) -> Message {
        let content = &request.content;
        let code = content["code"].as_str().unwrap_or("").to_string();
        let silent = content["silent"].as_bool().unwrap_or(false);
        let store = content["store_history"].as_bool().unwrap_or(true) && !silent;
        if store {
            self.execution_count += 1;
        }
        let count = self.execution_count;
        if !silent {
            let _ = self.iopub.send(request.broadcast(
                "execute_input",
                json!({"code": code, "execution_count": count}),
            ));
        }
        self.interrupt.store(false, Ordering::SeqCst);
        let iopub = self.iopub.clone();
        let parent = request.clone();
        let result = self
            .ask(move |cell| {
                let shown = iopub.clone();
                let shown_parent = parent.clone();
                let mut out = LineStream::new("stdout", |stream: Stream| {
                    if !silent {
                        let _ = iopub.send(parent.broadcast(
                            "stream",
                            json!({"name": stream.name, "text": stream.text}),
                        ));
                    }
                });
                let mut display = |bundle: Value| {
                    if !silent {
                        let _ = shown.send(shown_parent.broadcast(
                            "display_data",
                            json!({"data": bundle, "metadata": {}, "transient": {}}),
                        ));
                    }
                };
                cell.run(&code, count, &mut out, &mut display)
            })
            .await
            .unwrap_or(CellResult::Error {
                ename: "KernelError".into(),
                evalue: "the session thread stopped".into(),
                traceback: vec![],
            });
        match result {
            CellResult::Ok => request.reply(
                "execute_reply",
                json!({"status": "ok", "execution_count": count,
                       "user_expressions": {}, "payload": []}),
            ),
            CellResult::Error {
                ename,
                evalue,
                traceback,
            } => {
                let error = json!({"ename": ename, "evalue": evalue, "traceback": traceback});
                if !silent {
                    let _ = self.iopub.send(request.broadcast("error", error.clone()));
                }
                let mut content = error;
                content["status"] = json!("error");
                content["execution_count"] = json!(count);
                request.reply("execute_reply", content)
            }
        }
    }
}

/// The byte index of the `cursor`-th character (Jupyter counts cursor
/// positions in Unicode code points).
fn byte_index(text: &str, cursor: usize) -> usize {
    text.char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i)
}

/// Help on the word at the cursor (Shift-Tab), if there is any.
fn inspect(code: &str, cursor: usize) -> Option<String> {
    let pos = byte_index(code, cursor);
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = code[..pos]
        .rfind(|c: char| !is_word(c))
        .map_or(0, |i| i + 1);
    let end = code[pos..]
        .find(|c: char| !is_word(c))
        .map_or(code.len(), |i| pos + i);
    let word = &code[start..end];
    if word.is_empty() {
        return None;
    }
    let mut page = Vec::new();
    crate::console::help::write(&mut page, crate::text::Style::plain(), word).ok()?;
    let page = String::from_utf8_lossy(&page).into_owned();
    (!page.starts_with("No help")).then_some(page)
}

/// `is_complete_reply` content: whether Enter in a console should run the
/// code, by the prompt's rules (a block ends with an empty line).
fn is_complete(code: &str) -> Value {
    let mut assembler = crate::console::Assembler::new(crate::console::Mode::Prompt);
    for line in code.split('\n') {
        assembler.push_line(line);
    }
    if !assembler.needs_more() {
        return json!({"status": "complete"});
    }
    let last = code.lines().last().unwrap_or("");
    let mut indent: String = last.chars().take_while(|c| *c == ' ').collect();
    if last.trim_end().ends_with(':') {
        indent.push_str("    ");
    }
    json!({"status": "incomplete", "indent": indent})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_incomplete_until_its_empty_line() {
        assert_eq!(is_complete("a = 2")["status"], "complete");
        let open = is_complete("for k in range(3):");
        assert_eq!(open["status"], "incomplete");
        assert_eq!(open["indent"], "    ");
        assert_eq!(
            is_complete("for k in range(3):\n    x = k\n")["status"],
            "complete"
        );
        assert_eq!(is_complete("y = (1 +")["status"], "incomplete");
        // An input no later line can mend runs now, to show its error (R1).
        assert_eq!(is_complete("def f(:")["status"], "complete");
        assert_eq!(is_complete("for i in :")["status"], "complete");
    }

    #[test]
    fn inspect_finds_help_for_a_topic_under_the_cursor() {
        assert!(inspect(":help views", 8).is_some());
        assert!(inspect("   ", 1).is_none());
    }

    #[test]
    fn cursor_positions_count_characters() {
        assert_eq!(byte_index("∂x", 1), 3);
        assert_eq!(byte_index("ab", 9), 2);
    }
}
