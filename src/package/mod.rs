//! Meeting packages for members who prepare offline, and the responses they send back.
//!
//! The secretary exports **one package per member** called to a meeting: the agenda with each item's texts, the
//! meeting packet as PDF (notice, memos, attachments), the criteria set with its scales and anchors, the initiatives
//! and services to score (those on the agenda, or every one of the set when an agenda item is the valuation of the
//! set), the member and their scores so far, and a random 256-bit **response key** known only to that package
//! and the portfolio. The member opens it without a portfolio, scores with comments and writes a **response**
//! carrying the member, the meeting, the package's checksum and the time, authenticated with HMAC-SHA-256 under
//! the package's key. The secretary imports responses: all or nothing, idempotent, a newer response from a member
//! replacing the older one (which is kept).
//!
//! Both files are JSON envelopes `{"format", "version", "checksum", "content"}` where `checksum` is the SHA-256
//! of the content exactly as written, so any change to the content is noticed; a response's envelope adds `mac`,
//! the HMAC of the same bytes, so only the holder of the member's package can write a response in their name, and
//! none can be altered, re-addressed or re-dated afterwards. The portfolio remembers every package it exported,
//! with its member, key and what it offered to score (`offered.rs`): a response is matched by what it scores, so
//! it stays answerable when the agenda changes in other ways (the preview tells what changed since export), and is
//! refused when something it scores is no longer scored or its scale changed. Threat model: docs/offline.md.

use std::collections::{BTreeMap, BTreeSet};

use std::path::{Path, PathBuf};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::domain::{
    Audited, CriteriaSet, Direction, Id, Initiative, ItemKind, ItemRef, Language, Meeting, Member, Score, Service,
};
use crate::error::{Error, Result};
pub use crate::error::{Refusal, Scored, SinceExport};
use crate::money::Money;
use crate::papers::{PaperKind, PaperRequest};
use crate::store::{ExportedPackage, ImportedResponse, Portfolio, Reader, Stamp, Writer};
use crate::time::{NaiveDate, TimeDelta, Timestamp};

mod envelope;
mod export;
mod import;
mod offered;
mod respond;
mod status;

pub use envelope::*;
pub use export::*;
pub use import::*;
use offered::Offered;
pub use respond::*;
pub use status::*;

pub const PACKAGE_FORMAT: &str = "samordna-meeting-package";
pub const RESPONSE_FORMAT: &str = "samordna-meeting-response";
/// The version of both formats this build writes and reads. Version 1 (one package for every member, responses
/// sealed by a checksum alone) is refused: its responses cannot be authenticated.
pub const VERSION: u32 = 2;
/// The file name extensions offered for packages and responses.
pub const PACKAGE_EXTENSION: &str = "samordna-paket";
pub const RESPONSE_EXTENSION: &str = "samordna-svar";
/// Files larger than this are refused unread (a packet with attachments is a few megabytes).
pub const MAX_PACKAGE_BYTES: usize = crate::files::INPUT_LIMIT as usize;
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// How far in the future a response's time may lie, for a member's clock that runs ahead of the secretary's
/// (practice: laptops synchronise their clocks; five minutes covers a clock that has drifted for weeks).
pub const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);
/// The length of a package's response key: 256 bits.
pub const KEY_BYTES: usize = 32;
/// The prefix of a response's `mac`.
const MAC_PREFIX: &str = "hmac-sha256:";
/// The longest comment on a score or a response.
const MAX_COMMENT: usize = crate::domain::validation::MAX_TEXT;
