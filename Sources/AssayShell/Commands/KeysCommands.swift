import ArgumentParser
import AssayCore
import AssayReturn
import AssayStore

/// `keys init` and `keys export-public`: the database's Ed25519 key pair that signs its
/// returns to the region (docs/regional.md, "The key").
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The key pair that signs the authority's returns to its region (lead only).",
        subcommands: [KeysInitCommand.self, KeysExportPublicCommand.self])
}

struct KeysInitCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the database's signing key pair (lead only).",
        discussion: "The private key is written to DATABASE.signing-key, readable by your login alone (0600); it is never replaced. Give the hub the public key: keys export-public --out FILE.")

    @Option(help: ArgumentHelp("The authority's name, as its returns and the hub will show it.", valueName: "name"))
    var authority: String

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try store.require([.lead], to: "make the signing key")
        let path = SigningKey.path(forDatabase: session.databasePath)
        let key = try SigningKey.create(authority: authority, at: path)
        session.write("""
            Made the signing key of \(key.authority): \(path) (0600, your login only). Key id \(key.publicKey.keyID).
            Send the hub its public key: assay keys export-public --out FILE

            """)
    }
}

struct KeysExportPublicCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-public",
        abstract: "Write the public key, for the hub's `hub authority add NAME --key FILE` (lead only).")

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try store.require([.lead], to: "export the public key")
        let key = try SigningKey.load(from: SigningKey.path(forDatabase: session.databasePath)).publicKey
        try PrivateFile.write(key.json.canonicalBytes + [0x0A], to: out)
        session.write("Wrote the public key of \(key.authority) to \(out) (key id \(key.keyID)).\n")
    }
}
