import AssayCore
import Foundation

/// A database shared by a group (docs/deployment.md): its folder is set-group-id, so every
/// file made in it belongs to the folder's group, and gives others no access at all; the
/// files in it are read and written by that group, never by others.
///
/// Sharing is a property of the folder, not of the database's records: a restore from a
/// backup made before sharing cannot undo it, and the operating system, which enforces it,
/// is what is checked. A folder is shared when it is set-group-id; a database file that
/// its group may write is taken as meant to be shared too, so that clearing the folder's
/// set-group-id bit is refused rather than read as "not shared".
enum SharedFolder {
    /// The mode for a new file Assay makes in `folder`: 0660 in a shared folder (the group
    /// comes from the folder), else 0600.
    static func fileMode(in folder: String) -> mode_t {
        isShared(folder) ? 0o660 : 0o600
    }

    /// The mode for a new folder (an evidence pack's) made in `folder`.
    static func folderMode(in folder: String) -> mode_t {
        isShared(folder) ? 0o2770 : 0o700
    }

    static func isShared(_ folder: String) -> Bool {
        var info = stat()
        return stat(folder, &info) == 0 && (info.st_mode & S_ISGID) != 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Why the database at `path` may not be opened as its folder is set up, or nil when
    /// it is private to its owner or properly shared: others have no access to the folder or
    /// the files, and the files are the folder's group's. (Whether the group may write is
    /// not checked: a read-only database is opened read-only.) The text ends with the
    /// commands that fix it.
    static func problem(for path: String) -> String? {
        let folder = DatabaseFile.folder(of: path)
        var folderInfo = stat(), fileInfo = stat()
        guard stat(folder, &folderInfo) == 0, stat(path, &fileInfo) == 0 else { return nil }
        let folderShared = (folderInfo.st_mode & S_ISGID) != 0
        let fileShared = (fileInfo.st_mode & 0o020) != 0  // group-writable: meant for a group
        guard folderShared || fileShared else { return nil }
        let files: [String] = [path, "\(path)-wal", "\(path)-shm"].filter { access($0, F_OK) == 0 }
        let group = folderShared ? folderInfo.st_gid : fileInfo.st_gid
        let groupName = Self.groupName(group)
        var problems: [String] = []
        if !folderShared {
            problems.append("its folder \(folder) is not set-group-id (files made there would not belong to \(groupName))")
        }
        if folderInfo.st_mode & 0o007 != 0 {
            problems.append("its folder \(folder) is open to others (mode \(Self.octal(folderInfo.st_mode & 0o7777)))")
        }
        // A folder the group may not write is allowed: the database is then read-only
        // (reading and verify work), e.g. while an incident is looked into.
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            if info.st_mode & 0o007 != 0 {
                problems.append("\(file) is open to others (mode \(Self.octal(info.st_mode & 0o777)))")
            }
            if info.st_gid != group {
                problems.append("\(file) belongs to the group \(Self.groupName(info.st_gid)), not \(groupName)")
            }
        }
        guard !problems.isEmpty else { return nil }
        let quoted = files.map(Self.shellQuoted).joined(separator: " ")
        return """
            \(path) is a shared database, but \(problems.joined(separator: "; ")). Nothing was run. \
            Its owner (or root) fixes it with: chgrp \(groupName) \(Self.shellQuoted(folder)) \(quoted) && \
            chmod 2770 \(Self.shellQuoted(folder)) && chmod 660 \(quoted)
            """
    }

    static func groupName(_ gid: gid_t) -> String {
        if let entry = getgrgid(gid), let name = entry.pointee.gr_name { return String(cString: name) }
        return String(gid)
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode, radix: 8) }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+:@".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Makes `folder` a shared folder for `group`, creating it when missing (`init
    /// --group`): set-group-id, owned by the group, mode 2770. An existing folder is only
    /// checked: changing the mode of a folder someone already uses (a home folder) is theirs
    /// to decide, so a folder not so is refused with the commands that make it so.
    static func prepare(_ folder: String, group: String) throws {
        guard let entry = getgrnam(group) else {
            throw StoreError.noGroup(group)
        }
        let gid = entry.pointee.gr_gid
        var info = stat()
        if stat(folder, &info) != 0 {
            guard errno == ENOENT else {
                throw StoreError.sharedFolderFailed(folder: folder, what: String(cString: strerror(errno)))
            }
            guard mkdir(folder, 0o700) == 0 else {
                throw StoreError.sharedFolderFailed(folder: folder, what: "cannot create the folder: " + String(cString: strerror(errno)))
            }
            guard chown(folder, uid_t.max, gid) == 0, chmod(folder, 0o2770) == 0 else {
                let reason = String(cString: strerror(errno))
                rmdir(folder)
                throw StoreError.sharedFolderFailed(folder: folder, what: "cannot give the folder to the group \(group) (\(reason)); you must be in the group, or root")
            }
            return
        }
        let mode = info.st_mode & 0o7777
        guard info.st_gid == gid, mode & 0o2070 == 0o2070, mode & 0o007 == 0 else {
            throw StoreError.folderNotShared(folder: folder, quoted: shellQuoted(folder), group: group, actualGroup: groupName(info.st_gid), mode: octal(mode))
        }
    }
}

extension SharedFolder {
    /// Running set-group-id, a restore reads the backup with the service's group, so it may
    /// write only into a database that is the service's too: else anyone could make a
    /// database of their own and restore the protected one into it, a copy they could read
    /// with any tool (docs/integrity.md, "What is authenticated").
    static func refuseRestoreOutsideService(into path: String) throws {
        guard let service = ProcessPrivilege.serviceGroup else { return }
        var info = stat()
        let folder = DatabaseFile.folder(of: path)
        guard stat(folder, &info) == 0, info.st_gid == service, info.st_mode & 0o007 == 0, isShared(folder) else {
            throw StoreError.restoreOutsideService(path: path, group: groupName(service))
        }
    }
}

extension Store {
    /// Makes (or checks) the folder of a new database shared by `group` (`init --group`).
    public static func prepareSharedFolder(for path: String, group: String) throws {
        try SharedFolder.prepare(DatabaseFile.folder(of: DatabaseFile.plainPath(path)), group: group)
    }
}
