//! Where a portfolio lives: a folder that a cloud service synchronises, or a network file system, risks a
//! damaged or conflicting copy (SQLite needs working file locks and whole writes). The app warns; it does not
//! refuse, since the city's users may have no other place.

use std::path::{Component, Path};

use serde::Serialize;

/// Why the place is risky.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LocationRisk {
    /// A folder a sync client owns (OneDrive, Dropbox, Google Drive, iCloud, Box, …); `service` names it.
    Cloud { service: String },
    /// A network file system (NFS, SMB/CIFS, SSHFS, WebDAV, a Windows share); `file_system` names it.
    Network { file_system: String },
}

/// Folder names that sync clients create, and the service to name.
const CLOUD_FOLDERS: &[(&str, &str)] = &[
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud"),
    ("iclouddrive", "iCloud"),
    ("mobile documents", "iCloud"),
    ("box", "Box"),
    ("box sync", "Box"),
    ("pcloud drive", "pCloud"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
    ("sharepoint", "SharePoint"),
];

/// Network file system types as Linux names them in /proc/self/mounts.
const NETWORK_FILE_SYSTEMS: &[&str] =
    &["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "davfs", "fuse.davfs2", "afs", "9p", "fuse.rclone"];

/// The risk of keeping a portfolio at `path`, if any.
pub fn risk(path: &Path) -> Option<LocationRisk> {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Some(risk) = cloud_folder(&path) {
        return Some(risk);
    }
    if is_windows_share(&path) {
        return Some(LocationRisk::Network { file_system: "SMB".into() });
    }
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    network_mount(&path, &mounts)
}

fn cloud_folder(path: &Path) -> Option<LocationRisk> {
    path.components().find_map(|component| {
        let Component::Normal(name) = component else { return None };
        let name = name.to_string_lossy().to_lowercase();
        CLOUD_FOLDERS
            .iter()
            // "OneDrive - Göteborgs Stad" is OneDrive for a work account.
            .find(|(folder, _)| name == *folder || name.starts_with(&format!("{folder} - ")))
            .map(|(_, service)| LocationRisk::Cloud { service: (*service).into() })
    })
}

/// `\\server\share\…` on Windows.
fn is_windows_share(path: &Path) -> bool {
    matches!(
        path.components().next(),
        Some(Component::Prefix(prefix)) if matches!(prefix.kind(), std::path::Prefix::UNC(..) | std::path::Prefix::VerbatimUNC(..))
    )
}

/// The file system of the mount that holds `path` (the longest mount point that is a prefix), if it is a
/// network one. `mounts` is the text of /proc/self/mounts.
fn network_mount(path: &Path, mounts: &str) -> Option<LocationRisk> {
    let holder = mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, kind) = (fields.next()?, fields.next()?, fields.next()?);
            // Spaces in mount points are written as \040.
            let point = point.replace("\\040", " ");
            path.starts_with(&point).then_some((point, kind.to_string()))
        })
        .max_by_key(|(point, _)| point.len())?;
    let (_, file_system) = holder;
    NETWORK_FILE_SYSTEMS.contains(&file_system.as_str()).then_some(LocationRisk::Network { file_system })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_folders_are_recognised_by_name() {
        let at = |p: &str| cloud_folder(Path::new(p));
        assert_eq!(
            at("/home/anna/OneDrive - Göteborgs Stad/SSG/Portfölj.samordna"),
            Some(LocationRisk::Cloud { service: "OneDrive".into() })
        );
        assert_eq!(at("/Users/anna/Dropbox/p.samordna"), Some(LocationRisk::Cloud { service: "Dropbox".into() }));
        assert_eq!(
            at("/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/p.samordna"),
            Some(LocationRisk::Cloud { service: "iCloud".into() })
        );
        assert_eq!(at("/home/anna/Dokument/Boxning/p.samordna"), None, "a name that only starts alike");
        assert_eq!(at("/home/anna/Dokument/p.samordna"), None);
    }

    #[test]
    fn network_mounts_are_recognised_by_file_system() {
        let mounts = "/dev/sda1 / ext4 rw 0 0\n\
                      //filserver/ssg /mnt/ssg\\040delad cifs rw 0 0\n\
                      server:/export /srv/nfs nfs4 rw 0 0\n\
                      tmpfs /srv/nfs/tmp tmpfs rw 0 0\n";
        let at = |p: &str| network_mount(Path::new(p), mounts);
        assert_eq!(at("/mnt/ssg delad/p.samordna"), Some(LocationRisk::Network { file_system: "cifs".into() }));
        assert_eq!(at("/srv/nfs/a/p.samordna"), Some(LocationRisk::Network { file_system: "nfs4".into() }));
        assert_eq!(at("/srv/nfs/tmp/p.samordna"), None, "the innermost mount decides");
        assert_eq!(at("/home/anna/p.samordna"), None);
    }
}
