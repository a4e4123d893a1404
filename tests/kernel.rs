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

async fn start(dir: &std::path::Path) -> Client {
    let ports: Vec<u16> = (0..5).map(|_| free_port()).collect();
    let file = dir.join("connection.json");
    let connection = json!({
        "shell_port": ports[0], "iopub_port": ports[1], "stdin_port": ports[2],
        "control_port": ports[3], "hb_port": ports[4], "ip": "127.0.0.1",
        "key": KEY, "transport": "tcp", "signature_scheme": "hmac-sha256",
        "kernel_name": "micrograd",
    });
    std::fs::write(&file, connection.to_string()).unwrap();
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

        let (reply, _) = client.execute("c = b +* 1").await;
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
