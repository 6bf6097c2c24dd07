import AssayCore

/// An operating-system login as Assay stores it in `people.login`: what `useradd` accepts
/// in practice (letters, digits, `.`, `_`, `-`, not starting with `-`, at most 32
/// characters). Anything else could never be the login of a process, so it is refused as a
/// slip rather than stored.
enum LoginName {
    static func check(_ login: String) throws {
        let allowed = login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        guard !login.isEmpty, login.count <= 32, allowed, !login.hasPrefix("-") else {
            throw StoreError.notALoginName(login)
        }
    }
}
