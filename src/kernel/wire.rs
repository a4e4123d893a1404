//! Jupyter's wire protocol (messaging v5.3): a message is the routing
//! identities, the `<IDS|MSG>` delimiter, an HMAC-SHA256 signature, then
//! four JSON frames (header, parent header, metadata, content) and any
//! binary buffers. This file turns ZeroMQ frames into [`Message`]s and
//! back, signing and checking signatures with the connection's key.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use zeromq::ZmqMessage;

/// The frame that separates routing identities from the message.
const DELIMITER: &[u8] = b"<IDS|MSG>";

/// The protocol version this kernel speaks.
pub const PROTOCOL_VERSION: &str = "5.3";

/// Why a set of frames is not a message this kernel accepts.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// No `<IDS|MSG>` frame, or fewer than the five frames after it.
    #[error("malformed message: {0}")]
    Malformed(&'static str),
    /// The signature does not match the content for our key.
    #[error("the message's signature does not match (wrong key?)")]
    BadSignature,
    /// A frame that should be JSON is not.
    #[error("a frame is not JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// One Jupyter message.
#[derive(Clone, Debug)]
pub struct Message {
    /// ZeroMQ routing identities (ROUTER sockets), or the topic (IOPub).
    pub identities: Vec<Vec<u8>>,
    /// `msg_id`, `msg_type`, `session`, `username`, `date`, `version`.
    pub header: Value,
    /// The header of the message this one answers (`{}` if none).
    pub parent_header: Value,
    /// Free-form metadata.
    pub metadata: Value,
    /// The message type's own fields.
    pub content: Value,
}

impl Message {
    /// The message's type (`execute_request`, ...), `""` if missing.
    pub fn msg_type(&self) -> &str {
        self.header["msg_type"].as_str().unwrap_or("")
    }

    /// A new message of `msg_type` answering `self`: same identities and
    /// session, `self`'s header as parent.
    pub fn reply(&self, msg_type: &str, content: Value) -> Message {
        let session = self.header["session"].as_str().unwrap_or("");
        Message {
            identities: self.identities.clone(),
            header: header(msg_type, session),
            parent_header: self.header.clone(),
            metadata: json!({}),
            content,
        }
    }

    /// A message to publish on IOPub about `self` (its topic is the type).
    pub fn broadcast(&self, msg_type: &str, content: Value) -> Message {
        Message {
            identities: vec![msg_type.as_bytes().to_vec()],
            ..self.reply(msg_type, content)
        }
    }
}

/// A fresh header for a message of `msg_type` in `session`.
pub fn header(msg_type: &str, session: &str) -> Value {
    json!({
        "msg_id": new_id(),
        "msg_type": msg_type,
        "session": session,
        "username": "micrograd",
        "date": humantime::format_rfc3339_micros(std::time::SystemTime::now()).to_string(),
        "version": PROTOCOL_VERSION,
    })
}

/// A random 128-bit id in hex, as Jupyter's uuid4 strings are used: only
/// their uniqueness matters.
pub fn new_id() -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}")
}

/// Signs and checks messages with the connection file's key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// A signer for `key` (an empty key means messages are not signed).
    pub fn new(key: &str) -> Self {
        Signer {
            key: key.as_bytes().to_vec(),
        }
    }

    fn signature(&self, frames: &[&[u8]]) -> String {
        if self.key.is_empty() {
            return String::new();
        }
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key size");
        for frame in frames {
            mac.update(frame);
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// Parses and checks received frames.
    pub fn decode(&self, message: ZmqMessage) -> Result<Message, WireError> {
        let frames: Vec<Vec<u8>> = message.into_vec().into_iter().map(|f| f.to_vec()).collect();
        let split = frames
            .iter()
            .position(|f| f == DELIMITER)
            .ok_or(WireError::Malformed("no <IDS|MSG> delimiter"))?;
        let rest = &frames[split + 1..];
        if rest.len() < 5 {
            return Err(WireError::Malformed(
                "fewer than five frames after <IDS|MSG>",
            ));
        }
        let expected = self.signature(&[&rest[1], &rest[2], &rest[3], &rest[4]]);
        if !self.key.is_empty() && !constant_time_eq(expected.as_bytes(), &rest[0]) {
            return Err(WireError::BadSignature);
        }
        Ok(Message {
            identities: frames[..split].to_vec(),
            header: serde_json::from_slice(&rest[1])?,
            parent_header: serde_json::from_slice(&rest[2])?,
            metadata: serde_json::from_slice(&rest[3])?,
            content: serde_json::from_slice(&rest[4])?,
        })
    }

    /// Frames for `message`, signed.
    pub fn encode(&self, message: &Message) -> ZmqMessage {
        let json = |v: &Value| serde_json::to_vec(v).expect("a JSON value serialises");
        let parts = [
            json(&message.header),
            json(&message.parent_header),
            json(&message.metadata),
            json(&message.content),
        ];
        let signature = self.signature(&[&parts[0], &parts[1], &parts[2], &parts[3]]);
        let mut frames: Vec<bytes::Bytes> = message
            .identities
            .iter()
            .map(|id| bytes::Bytes::from(id.clone()))
            .collect();
        frames.push(bytes::Bytes::from_static(DELIMITER));
        frames.push(bytes::Bytes::from(signature.into_bytes()));
        frames.extend(parts.into_iter().map(bytes::Bytes::from));
        ZmqMessage::try_from(frames).expect("a message has frames")
    }
}

/// Compares two byte strings in time that does not depend on where they
/// differ (signature checks).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Message {
        Message {
            identities: vec![b"peer".to_vec()],
            header: header("execute_request", "s1"),
            parent_header: json!({}),
            metadata: json!({}),
            content: json!({"code": "a = 2"}),
        }
    }

    #[test]
    fn a_signed_message_decodes_to_itself() {
        let signer = Signer::new("secret");
        let decoded = signer.decode(signer.encode(&sample())).unwrap();
        assert_eq!(decoded.identities, vec![b"peer".to_vec()]);
        assert_eq!(decoded.msg_type(), "execute_request");
        assert_eq!(decoded.content["code"], "a = 2");
    }

    #[test]
    fn a_message_signed_with_another_key_is_refused() {
        let frames = Signer::new("other").encode(&sample());
        assert!(matches!(
            Signer::new("secret").decode(frames),
            Err(WireError::BadSignature)
        ));
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_the_four_json_frames() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let signer = Signer::new("Jefe");
        let data = b"what do ya want for nothing?";
        assert_eq!(
            signer.signature(&[&data[..10], &data[10..]]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_reply_carries_its_parent_and_routing() {
        let request = sample();
        let reply = request.reply("execute_reply", json!({"status": "ok"}));
        assert_eq!(reply.identities, request.identities);
        assert_eq!(reply.parent_header, request.header);
        assert_eq!(reply.header["session"], "s1");
        assert_eq!(reply.header["version"], PROTOCOL_VERSION);
    }
}
