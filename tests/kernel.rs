//! The Jupyter kernel, driven as Jupyter drives it: the real binary started
//! with a connection file, and this test as the client over ZeroMQ (shell
//! and control as DEALER, IOPub as SUB), every message signed.

#![cfg(feature = "kernel")]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use micrograd::kernel::wire::{header, Message, Signer};
use serde_json::{json, Value};
use zeromq::{DealerSocket, Socket, SocketRecv, SocketSend, SubSocket};

const KEY: &str = "a-test-key";

struct Client {
    shell: DealerSocket,
    control: DealerSocket,
    iopub: SubSocket,
    signer: Signer,
    session: String,
    kernel: Child,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Writes a connection file with free ports into `dir`.
fn connection_file(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u16>) {
    let ports: Vec<u16> = (0..5).map(|_| free_port()).collect();
    let file = dir.join("connection.json");
    let connection = json!({
        "shell_port": ports[0], "iopub_port": ports[1], "stdin_port": ports[2],
        "control_port": ports[3], "hb_port": ports[4], "ip": "127.0.0.1",
        "key": KEY, "transport": "tcp", "signature_scheme": "hmac-sha256",
        "kernel_name": "micrograd",
    });
    std::fs::write(&file, connection.to_string()).unwrap();
    (file, ports)
}

async fn start(dir: &std::path::Path) -> Client {
    let (file, ports) = connection_file(dir);
    let kernel = Command::new(env!("CARGO_BIN_EXE_micrograd"))
        .args(["kernel", "--connection-file"])
        .arg(&file)
        .env("MICROGRAD_DATA_DIR", dir)
        .stdin(Stdio::null())
        .spawn()
        .expect("the kernel starts");
    let endpoint = |port: u16| format!("tcp://127.0.0.1:{port}");
    let mut client = Client {
        shell: DealerSocket::new(),
        control: DealerSocket::new(),
        iopub: SubSocket::new(),
        signer: Signer::new(KEY),
        session: "test-session".into(),
        kernel,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    // The kernel binds as it starts: connect once it listens.
    while client.shell.connect(&endpoint(ports[0])).await.is_err() {
        assert!(Instant::now() < deadline, "the kernel never listened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client.control.connect(&endpoint(ports[3])).await.unwrap();
    client.iopub.connect(&endpoint(ports[1])).await.unwrap();
    client.iopub.subscribe("").await.unwrap();
    client
}

impl Client {
    fn request(&self, msg_type: &str, content: Value) -> Message {
        Message {
            identities: vec![],
            header: header(msg_type, &self.session),
            parent_header: json!({}),
            metadata: json!({}),
            content,
        }
    }

    async fn shell_request(&mut self, msg_type: &str, content: Value) -> (Message, Message) {
        let request = self.request(msg_type, content);
        self.shell.send(self.signer.encode(&request)).await.unwrap();
        let reply = self.receive_shell().await;
        (request, reply)
    }

    async fn receive_shell(&mut self) -> Message {
        let frames = tokio::time::timeout(Duration::from_secs(30), self.shell.recv())
            .await
            .expect("a shell reply within 30 s")
            .unwrap();
        self.signer
            .decode(frames)
            .expect("a correctly signed reply")
    }

    async fn control_request(&mut self, msg_type: &str, content: Value) -> Message {
        let request = self.request(msg_type, content);
        self.control
            .send(self.signer.encode(&request))
            .await
            .unwrap();
        let frames = tokio::time::timeout(Duration::from_secs(10), self.control.recv())
            .await
            .expect("a control reply within 10 s")
            .unwrap();
        self.signer.decode(frames).unwrap()
    }

    /// IOPub messages answering `request`, up to its `idle` status.
    async fn iopub_for(&mut self, request: &Message) -> Vec<Message> {
        let mut found = Vec::new();
        loop {
            let frames = tokio::time::timeout(Duration::from_secs(30), self.iopub.recv())
                .await
                .expect("IOPub messages within 30 s")
                .unwrap();
            let message = self.signer.decode(frames).unwrap();
            if message.parent_header["msg_id"] != request.header["msg_id"] {
                continue;
            }
            let idle =
                message.msg_type() == "status" && message.content["execution_state"] == "idle";
            found.push(message);
            if idle {
                return found;
            }
        }
    }

    async fn execute(&mut self, code: &str) -> (Message, String) {
        let (request, reply) = self
            .shell_request("execute_request", json!({"code": code, "silent": false}))
            .await;
        let streamed: String = self
            .iopub_for(&request)
            .await
            .iter()
            .filter(|m| m.msg_type() == "stream")
            .map(|m| m.content["text"].as_str().unwrap_or("").to_string())
            .collect();
        (reply, streamed)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_kernel_answers_a_client_over_zeromq() {
    let dir = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        let mut client = start(dir.path()).await;
        // IOPub subscriptions take a moment; kernel_info also waits for the
        // kernel to be up, as jupyter_client's wait_for_ready does.
        let (_, info) = client.shell_request("kernel_info_request", json!({})).await;
        assert_eq!(info.msg_type(), "kernel_info_reply");
        assert_eq!(info.content["protocol_version"], "5.3");
        tokio::time::sleep(Duration::from_millis(300)).await;

        let (reply, streamed) = client.execute("a = 2; b = a * 3").await;
        assert_eq!(reply.content["status"], "ok");
        assert_eq!(reply.content["execution_count"], 1);
        assert!(streamed.contains("b = 6"), "streamed: {streamed:?}");

        let (request, reply) = client
            .shell_request(
                "execute_request",
                json!({"code": "c = b +* 1", "silent": false}),
            )
            .await;
        let published = client.iopub_for(&request).await;
        let errors = published.iter().filter(|m| m.msg_type() == "error").count();
        assert_eq!(errors, 1, "one error message: {published:?}");
        assert!(
            !published.iter().any(
                |m| m.msg_type() == "stream" && m.content["text"].to_string().contains("error")
            ),
            "the error is not also printed as output: {published:?}"
        );
        assert_eq!(reply.content["status"], "error");
        let evalue = reply.content["evalue"].as_str().unwrap();
        assert!(evalue.contains("expected an expression"), "{evalue}");
        let traceback = reply.content["traceback"].as_array().unwrap();
        assert!(traceback[0].as_str().unwrap().starts_with("In[2]:1:"));

        let (_, reply) = client
            .shell_request("complete_request", json!({"code": "b.ba", "cursor_pos": 4}))
            .await;
        assert_eq!(reply.content["matches"], json!(["backward()"]));
        assert_eq!(reply.content["cursor_start"], 2);

        let (_, reply) = client
            .shell_request(
                "inspect_request",
                json!({"code": ":help views", "cursor_pos": 8, "detail_level": 0}),
            )
            .await;
        assert_eq!(reply.content["found"], true);

        // A long training, interrupted: the kernel answers, stops the cell
        // and keeps the session.
        client
            .execute("n = MLP(2, [16, 16, 1]); d = moons(100)")
            .await;
        let request = client.request(
            "execute_request",
            json!({"code": "train(n, d, steps=1000000)", "silent": false}),
        );
        client
            .shell
            .send(client.signer.encode(&request))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(800)).await;
        let started = Instant::now();
        let reply = client.control_request("interrupt_request", json!({})).await;
        assert_eq!(reply.content["status"], "ok");
        let finished = client.receive_shell().await;
        assert_eq!(finished.msg_type(), "execute_reply");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the cell stopped {:?} after the interrupt",
            started.elapsed()
        );
        let (_, streamed) = client.execute("b").await;
        assert!(
            streamed.contains('6'),
            "names survive an interrupt: {streamed:?}"
        );

        let reply = client
            .control_request("shutdown_request", json!({"restart": false}))
            .await;
        assert_eq!(reply.content["status"], "ok");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = client.kernel.try_wait().unwrap() {
                assert!(status.success(), "the kernel exits cleanly");
                break;
            }
            assert!(Instant::now() < deadline, "the kernel did not exit");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
}

/// True while process `pid` runs (not gone, not a zombie), from /proc.
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit_once(") ")
            .is_some_and(|(_, s)| s.starts_with('Z'))
    })
}

#[cfg(target_os = "linux")]
fn ends_within(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if !running(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
#[cfg(target_os = "linux")]
fn the_kernel_ends_when_the_launcher_jupyter_names_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = connection_file(dir.path());
    let mut launcher = Command::new("true").spawn().unwrap();
    let launcher_pid = launcher.id();
    launcher.wait().unwrap();
    let mut kernel = Command::new(env!("CARGO_BIN_EXE_micrograd"))
        .args(["kernel", "--connection-file"])
        .arg(&file)
        .env("MICROGRAD_DATA_DIR", dir.path())
        .env("JPY_PARENT_PID", launcher_pid.to_string())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = kernel.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = kernel.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.is_some_and(|s| s.success()),
        "the kernel kept running"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn an_orphaned_kernel_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = connection_file(dir.path());
    // The shell starts the kernel in the background and ends at once: the
    // kernel's parent is gone, as when a notebook server is killed.
    let output = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" kernel --connection-file \"$1\" >/dev/null 2>&1 </dev/null & echo $!; sleep 1")
        .arg(env!("CARGO_BIN_EXE_micrograd"))
        .arg(&file)
        .env("MICROGRAD_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let pid: u32 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap();
    if !ends_within(pid, Duration::from_secs(10)) {
        let _ = Command::new("kill").arg(pid.to_string()).status();
        panic!("the orphaned kernel kept running");
    }
}
