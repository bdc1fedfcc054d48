//! Files the engine writes and reads outside the portfolio database: papers, spreadsheets, packages, responses,
//! exports, settings.
//!
//! - [`write_atomically`] writes beside the target, flushes to disk and renames into place, so a failed or
//!   interrupted write never leaves half a file under the name (nor a stray `.part` file).
//! - [`refuse_protected`] refuses an output that is a file the same command must not replace: the open portfolio,
//!   its journal, its lock, one of its backups, or the command's own input. Paths are compared by file identity
//!   and by canonical path, never as strings.
//! - [`read_limited`] reads an input through a size limit, so a device or a pipe that never ends (`/dev/zero`)
//!   is refused instead of filling memory.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use crate::error::Protected;
use crate::error::{Error, Result};

/// The largest input file any importer reads: member packages with their meeting packet, spreadsheets, JSON
/// exports. Far above any real file (the sample's packet is about 1 MB).
pub const INPUT_LIMIT: u64 = 256 * 1024 * 1024;

/// The files an output must not replace: a portfolio's own files and the command's inputs.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    files: Vec<(PathBuf, Protected)>,
    folders: Vec<(PathBuf, Protected)>,
}

impl Guard {
    /// Nothing protected yet.
    pub fn new() -> Guard {
        Guard::default()
    }

    /// Protects the file at `path` as `what`. (The store knows a portfolio's own files: `store::output_guard`.)
    pub fn file(mut self, path: &Path, what: Protected) -> Guard {
        self.files.push((path.to_path_buf(), what));
        self
    }

    /// Protects everything inside `folder` as `what`.
    pub fn folder(mut self, folder: &Path, what: Protected) -> Guard {
        self.folders.push((folder.to_path_buf(), what));
        self
    }

    /// Protects a file the command reads.
    pub fn input(self, path: &Path) -> Guard {
        self.file(path, Protected::Input)
    }

    /// Refuses `out` when it is (or lies inside) something protected, or is not a regular file where it exists,
    /// and returns the place to write. A symbolic link to a regular file is written through (its target is
    /// replaced, the link kept); a link to anything else, a dangling one, a device and a path under `/dev` or
    /// `/proc` (`/dev/stdout`) are refused.
    pub fn check(&self, out: &Path) -> Result<Output> {
        let target = write_target(out)?;
        let out_resolved = resolved(&target);
        for (path, what) in &self.files {
            let same_identity = same_file::is_same_file(&target, path).unwrap_or(false);
            let same_name = match (&out_resolved, resolved(path)) {
                (Some(a), Some(b)) => *a == b,
                _ => false,
            };
            if same_identity || same_name {
                return Err(Error::ProtectedOutput { path: out.into(), protected: *what });
            }
        }
        for (folder, what) in &self.folders {
            if let (Some(resolved), Some(folder)) = (&out_resolved, resolved(folder))
                && resolved.starts_with(&folder)
            {
                return Err(Error::ProtectedOutput { path: out.into(), protected: *what });
            }
        }
        Ok(Output(target))
    }

    /// Checks `out` and writes `bytes` there with [`write_atomically`].
    pub fn write(&self, out: &Path, bytes: &[u8]) -> Result<()> {
        self.check(out)?.write(bytes)
    }
}

/// A place to write a file the user named, as a [`Guard`] let it through: the only way the engine's callers (the
/// command line, the app) write such a file, so no command can skip the guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output(PathBuf);

impl Output {
    /// Where the file goes (a link's target where the user named a link).
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `bytes` there whole, with [`write_atomically`].
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        write_atomically(&self.0, bytes)
    }
}

/// Refuses an output that exists and is not a regular file: a folder, a device, a fifo, a socket, or a path that
/// names one through `/dev` or `/proc`.
pub fn refuse_special(out: &Path) -> Result<()> {
    write_target(out).map(|_| ())
}

/// Where a write to `out` lands: `out` itself, or the target of a symbolic link to a regular file. Refuses the rest.
fn write_target(out: &Path) -> Result<PathBuf> {
    let refused = || Error::NotARegularFile { path: out.into() };
    if names_a_device(out) {
        return Err(refused());
    }
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = out.canonicalize().map_err(|_| refused())?;
            let regular = std::fs::metadata(&target).is_ok_and(|m| m.is_file());
            if !regular || names_a_device(&target) {
                return Err(refused());
            }
            Ok(target)
        }
        Ok(meta) if !meta.is_file() => Err(refused()),
        _ => Ok(out.to_path_buf()),
    }
}

/// A path in the kernel's own folders (`/dev/stdout`, `/proc/self/fd/1`): never a file to replace.
fn names_a_device(path: &Path) -> bool {
    #[cfg(unix)]
    {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        ["/dev", "/proc"].iter().any(|root| absolute.starts_with(root))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// The absolute, canonical form of `path`: its nearest existing ancestor's canonical path (links and `..`
/// resolved) joined with the rest, which does not exist yet. `None` when not even the current folder resolves.
fn resolved(path: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(canonical, |path, part| path.join(part)));
        }
        rest.push(existing.file_name()?);
        existing = match existing.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
    }
}

/// `dir/name` → `dir/name<suffix>`.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `bytes` to `.<name>.<pid>.part` beside `path`, flushes it to disk and renames it into place. Refuses a
/// target that is not a regular file. On failure the partial file is removed and `path` is as it was; a full disk
/// or a read-only folder gives [`Error::DiskFull`] or [`Error::ReadOnly`].
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let path = &write_target(path)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let temporary = dir.join(format!(".{name}.{}.part", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => put_in_place(&temporary, path),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(io_error(path, e))
        }
    }
}

/// Puts a file built beside its place (`built`, e.g. by SQLite's `VACUUM INTO`) under its real name: flushes it,
/// renames it over `path` and flushes the folder, so a crash leaves either the old file or the whole new one.
/// On failure `built` is removed and `path` is as it was.
pub fn put_in_place(built: &Path, path: &Path) -> Result<()> {
    // Flushed through a handle opened for writing: on Windows `FlushFileBuffers` refuses a read-only handle
    // ("access denied"), which made every new portfolio, copy, backup and restore fail there.
    let placed = flush(built).and_then(|()| std::fs::rename(built, path));
    finish_placing(built, path, placed)
}

/// After a file built aside was placed (or not): the folder flushed, or the built file removed and the error named.
fn finish_placing(built: &Path, path: &Path, placed: std::io::Result<()>) -> Result<()> {
    match placed {
        Ok(()) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            sync_folder(dir);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(built);
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                return Err(Error::FileExists { path: path.into() });
            }
            Err(io_error(path, e))
        }
    }
}

/// Puts a file built beside its place under a name that must be new: flushed, then linked under `path` and the
/// built name removed, so a file that appeared under `path` meanwhile (another process's backup in the same
/// second) is never replaced: that gives [`Error::FileExists`] and `built` is removed. Where the file system has no
/// hard links (FAT, some network shares) it is renamed after a check, which leaves a moment for such a race.
pub(crate) fn put_in_place_new(built: &Path, path: &Path) -> Result<()> {
    let placed = flush(built).and_then(|()| match std::fs::hard_link(built, path) {
        Ok(()) => std::fs::remove_file(built),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(built, path),
    });
    finish_placing(built, path, placed)
}

/// Flushes a finished file to disk, through a handle with write access (Windows needs one; Unix does not mind).
pub(crate) fn flush(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Makes a rename durable: flushes the folder that holds it (where the platform allows opening a folder).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An I/O error on `path`, naming a full disk or a read-only place as such.
pub fn io_error(path: &Path, error: std::io::Error) -> Error {
    match error.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Error::DiskFull { path: path.into() },
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
            Error::ReadOnly { path: path.into() }
        }
        _ => Error::Io { path: path.into(), source: error },
    }
}

/// Reads the whole of `path`, refusing more than `limit` bytes (whatever the file says its size is) and anything
/// that is not a regular file: a folder, a device (`/dev/zero` never ends), a fifo (opening one waits for a writer).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::FileNotFound { path: path.into() }),
        Ok(meta) if !meta.is_file() => return Err(Error::NotARegularFile { path: path.into() }),
        _ => {}
    }
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::FileNotFound { path: path.into() },
        // Windows refuses to open a folder as a file ("access denied"): it is a folder all the same.
        _ if path.is_dir() => Error::NotARegularFile { path: path.into() },
        _ => Error::Io { path: path.into(), source: e },
    })?;
    if !file.metadata().map(|m| m.is_file()).unwrap_or(false) {
        return Err(Error::NotARegularFile { path: path.into() });
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(Error::io(path))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { path: path.into(), limit });
    }
    Ok(bytes)
}

/// [`read_limited`] as UTF-8 text, without a leading byte-order mark (Windows editors write one).
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String> {
    let bytes = read_limited(path, limit)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::NotText { path: path.into() })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_part_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("paper.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new content").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new content");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("paper.pdf")]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_part_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target's folder does not exist: the write fails before anything is renamed.
        let path = dir.path().join("missing").join("paper.pdf");
        std::fs::write(dir.path().join("kept.pdf"), b"old").unwrap();
        assert!(write_atomically(&path, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no part file left");
    }

    #[test]
    fn folders_and_devices_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(write_atomically(dir.path(), b"x"), Err(Error::NotARegularFile { .. })));
        #[cfg(unix)]
        assert!(matches!(write_atomically(Path::new("/dev/null"), b"x"), Err(Error::NotARegularFile { .. })));
    }

    #[test]
    fn the_portfolio_its_journal_lock_and_backups_and_the_input_are_protected() {
        let dir = tempfile::tempdir().unwrap();
        let portfolio = dir.path().join("p.samordna");
        std::fs::write(&portfolio, b"db").unwrap();
        let input = dir.path().join("in.json");
        std::fs::write(&input, b"{}").unwrap();
        // As `store::output_guard` protects a portfolio.
        let guard = Guard::new()
            .file(&portfolio, Protected::Portfolio)
            .file(&dir.path().join("p.samordna-wal"), Protected::Journal)
            .file(&dir.path().join(".p.samordna.lock"), Protected::Lock)
            .folder(&dir.path().join(".samordna-backups"), Protected::Backup)
            .input(&input);
        let refused = |out: PathBuf| match guard.check(&out) {
            Err(Error::ProtectedOutput { protected, .. }) => Some(protected),
            _ => None,
        };
        assert_eq!(refused(portfolio.clone()), Some(Protected::Portfolio));
        // Another spelling of the same path.
        assert_eq!(refused(dir.path().join(".").join("p.samordna")), Some(Protected::Portfolio));
        assert_eq!(refused(dir.path().join("p.samordna-wal")), Some(Protected::Journal));
        assert_eq!(refused(dir.path().join(".p.samordna.lock")), Some(Protected::Lock));
        assert_eq!(refused(dir.path().join(".samordna-backups").join("x.samordna")), Some(Protected::Backup));
        assert_eq!(refused(input.clone()), Some(Protected::Input));
        assert_eq!(refused(dir.path().join("paper.pdf")), None);
        #[cfg(unix)]
        {
            // A hard link and a symbolic link to the portfolio are the portfolio.
            let hard = dir.path().join("hard.pdf");
            std::fs::hard_link(&portfolio, &hard).unwrap();
            assert_eq!(refused(hard), Some(Protected::Portfolio));
            let soft = dir.path().join("soft.pdf");
            std::os::unix::fs::symlink(&portfolio, &soft).unwrap();
            assert_eq!(refused(soft), Some(Protected::Portfolio));
        }
    }

    #[test]
    fn reads_stop_at_the_limit_even_when_the_file_reports_no_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 101]).unwrap();
        assert!(matches!(read_limited(&path, 100), Err(Error::TooLarge { .. })));
        assert_eq!(read_limited(&path, 101).unwrap().len(), 101);
        #[cfg(unix)]
        assert!(matches!(read_limited(Path::new("/dev/zero"), 1000), Err(Error::NotARegularFile { .. })));
        assert!(matches!(read_limited(dir.path(), 1000), Err(Error::NotARegularFile { .. })));
    }

    #[test]
    fn text_loses_its_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.json");
        std::fs::write(&path, "\u{feff}{}").unwrap();
        assert_eq!(read_text_limited(&path, 100).unwrap(), "{}");
    }
}
