//! The JSON envelope both files share: its checksum, a response's MAC, sealing and opening.

use super::*;

// ---------------------------------------------------------------------------------------------------------------
// The files

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    version: u32,
    checksum: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac: Option<&'a str>,
    content: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: String,
    version: u32,
    checksum: String,
    #[serde(default)]
    mac: Option<String>,
    #[serde(borrow)]
    content: &'a RawValue,
}

/// A file opened by [`open_sealed`]: its content, checksum, MAC (responses) and the content's bytes as written.
pub(super) struct Sealed<T> {
    pub(super) content: T,
    pub(super) checksum: String,
    pub(super) mac: Option<String>,
    pub(super) raw: String,
}

/// `sha256:` and the hexadecimal SHA-256 of `bytes`.
pub fn checksum(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// `hmac-sha256:` and the hexadecimal HMAC-SHA-256 of `bytes` under `key`.
pub(super) fn mac(key: &[u8], bytes: &[u8]) -> String {
    let mut hmac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    hmac.update(bytes);
    format!("{MAC_PREFIX}{}", hex(&hmac.finalize().into_bytes()))
}

/// Whether `text` is the HMAC-SHA-256 of `bytes` under `key`, compared in constant time.
pub(super) fn mac_matches(key: &[u8], bytes: &[u8], text: &str) -> bool {
    let Some(tag) = text.strip_prefix(MAC_PREFIX).and_then(unhex) else { return false };
    let mut hmac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    hmac.update(bytes);
    hmac.verify_slice(&tag).is_ok()
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lower-case hexadecimal to bytes; `None` for anything else.
pub(super) fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// Writes `content` in an envelope, with the MAC under `key` when given. Returns the file's bytes and the
/// content's checksum.
pub(super) fn seal<T: Serialize>(format: &str, content: &T, key: Option<&[u8]>) -> (Vec<u8>, String) {
    let json = serde_json::to_string(content).expect("package contents serialise");
    let sum = checksum(json.as_bytes());
    let tag = key.map(|key| mac(key, json.as_bytes()));
    let raw = RawValue::from_string(json).expect("serde_json writes valid JSON");
    let envelope = EnvelopeOut { format, version: VERSION, checksum: &sum, mac: tag.as_deref(), content: &raw };
    let mut bytes = serde_json::to_vec_pretty(&envelope).expect("envelopes serialise");
    bytes.push(b'\n');
    (bytes, sum)
}

/// Reads an envelope of `format`, checks the version and checksum and parses the content. (A response's MAC is
/// checked on import, with the key the portfolio keeps.)
pub(super) fn open_sealed<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    format: &'static str,
    limit: usize,
) -> std::result::Result<Sealed<T>, Refusal> {
    let expected = if format == PACKAGE_FORMAT { "meeting package" } else { "meeting response" };
    let unreadable = |detail: String| Refusal::Unreadable { expected, detail };
    if bytes.len() > limit {
        return Err(unreadable(format!("larger than {} MB", limit / (1024 * 1024))));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".into()))?;
    let envelope: EnvelopeIn<'_> = serde_json::from_str(text).map_err(|e| unreadable(e.to_string()))?;
    if envelope.format != format {
        let found = match envelope.format.as_str() {
            PACKAGE_FORMAT => "meeting package".to_string(),
            RESPONSE_FORMAT => "meeting response".to_string(),
            other => format!("'{other}' file"),
        };
        return Err(Refusal::WrongKind { expected, found });
    }
    if envelope.version > VERSION {
        return Err(Refusal::NewerVersion { found: envelope.version });
    }
    if envelope.version < VERSION {
        return Err(Refusal::OlderVersion { found: envelope.version });
    }
    if checksum(envelope.content.get().as_bytes()) != envelope.checksum {
        return Err(Refusal::Altered);
    }
    let content = serde_json::from_str(envelope.content.get()).map_err(|e| unreadable(e.to_string()))?;
    Ok(Sealed { content, checksum: envelope.checksum, mac: envelope.mac, raw: envelope.content.get().to_string() })
}
