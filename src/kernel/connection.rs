//! The connection file Jupyter hands a kernel: where its five sockets
//! listen and the key that signs every message.

use std::path::Path;

use serde::Deserialize;

/// The fields of a Jupyter connection file this kernel uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Connection {
    /// `tcp` (the only transport this kernel binds).
    pub transport: String,
    /// The address to bind, e.g. `127.0.0.1`.
    pub ip: String,
    /// Requests: execute, complete, inspect, ...
    pub shell_port: u16,
    /// Broadcasts: status, streams, results, errors.
    pub iopub_port: u16,
    /// Input requests to the front end (unused: cells never ask for input).
    pub stdin_port: u16,
    /// Interrupt and shutdown, answered even while a cell runs.
    pub control_port: u16,
    /// The heartbeat: every message is echoed back.
    pub hb_port: u16,
    /// The HMAC key; empty means unsigned messages.
    #[serde(default)]
    pub key: String,
    /// `hmac-sha256` (the only scheme this kernel supports).
    #[serde(default = "default_scheme")]
    pub signature_scheme: String,
}

fn default_scheme() -> String {
    "hmac-sha256".into()
}

impl Connection {
    /// Reads and checks a connection file.
    pub fn read(path: &Path) -> Result<Connection, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the connection file {}: {e}", path.display()))?;
        let connection: Connection = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a Jupyter connection file: {e}", path.display()))?;
        if connection.transport != "tcp" {
            return Err(format!(
                "transport `{}` is not supported; use tcp",
                connection.transport
            ));
        }
        if !connection.key.is_empty() && connection.signature_scheme != "hmac-sha256" {
            return Err(format!(
                "signature scheme `{}` is not supported; use hmac-sha256",
                connection.signature_scheme
            ));
        }
        Ok(connection)
    }

    /// The endpoint of one of the ports, e.g. `tcp://127.0.0.1:5555`.
    pub fn endpoint(&self, port: u16) -> String {
        format!("{}://{}:{port}", self.transport, self.ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_file_from_jupyter_reads() {
        let text = r#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4,
            "hb_port": 5, "ip": "127.0.0.1", "key": "k", "transport": "tcp",
            "signature_scheme": "hmac-sha256", "kernel_name": "micrograd"}"#;
        let connection: Connection = serde_json::from_str(text).unwrap();
        assert_eq!(connection.endpoint(connection.hb_port), "tcp://127.0.0.1:5");
    }
}
