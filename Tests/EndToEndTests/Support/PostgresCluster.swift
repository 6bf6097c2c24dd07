import Foundation
import Testing

/// A private PostgreSQL server for the hub's tests: `initdb` in a new temporary folder, a
/// free port, `pg_ctl start` listening only on a Unix socket in that folder, stopped and
/// removed when the test process exits. Run as `nobody` when the tests run as root (the
/// server refuses to run as root). No mock: the hub's SQL, roles and row-level security
/// run on the real thing. Scripts/setup installs PostgreSQL (Debian's `postgresql`).
final class PostgresCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    /// The server's superuser, who runs `hub init` and imports.
    static let admin = "hubadmin"

    /// One server for the whole test process; each test makes its own database in it.
    static let shared: Result<PostgresCluster, Error> = Result { try PostgresCluster() }

    static func start() throws -> PostgresCluster {
        switch shared {
        case .success(let cluster): return cluster
        case .failure(let error): throw error
        }
    }

    /// The folder holding initdb and pg_ctl: Debian keeps them off the PATH.
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    private init() throws {
        guard let bin = Self.binaries() else {
            throw ClusterFailure("PostgreSQL's initdb is not installed (Debian package postgresql; Scripts/setup installs it).")
        }
        folder = NSTemporaryDirectory() + "assay-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o700)
        let asRoot = geteuid() == 0
        if asRoot {
            guard let nobody = getpwnam("nobody") else { throw ClusterFailure("no user nobody to run PostgreSQL as") }
            chown(folder, nobody.pointee.pw_uid, nobody.pointee.pw_gid)
        }
        port = Self.freePort()
        let prefix = asRoot ? ["runuser", "-u", "nobody", "--"] : []
        let initdb = try AssayBinary.runTool(prefix + ["\(bin)/initdb", "-D", "\(folder)/data", "-U", Self.admin, "--auth=trust",
                                                       "-E", "UTF8", "--locale=C.UTF-8"], in: folder)
        guard initdb.status == 0 else { throw ClusterFailure("initdb failed: \(initdb.stderr)") }
        let options = "-c listen_addresses='' -k \(folder) -p \(port) -c max_connections=100 -c fsync=off"
        let start = Self.spawn(prefix + ["\(bin)/pg_ctl", "-D", "\(folder)/data", "-o", options, "-l", "\(folder)/server.log", "-w", "start"],
                               output: "\(folder)/pg_ctl.out")
        guard start == 0 else {
            let said = ["pg_ctl.out", "server.log"].map { (try? String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)) ?? "" }
            throw ClusterFailure("pg_ctl start failed: \(said.joined(separator: "\n"))")
        }
        Self.stopCommand = prefix + ["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "stop"]
        Self.folderToRemove = folder
        atexit {
            _ = PostgresCluster.spawn(PostgresCluster.stopCommand, output: "/dev/null")
            try? FileManager.default.removeItem(atPath: PostgresCluster.folderToRemove)
        }
    }

    nonisolated(unsafe) static var stopCommand: [String] = []
    nonisolated(unsafe) static var folderToRemove = ""

    /// A URL for `database` as `user` (trust authentication: the socket is in a folder only
    /// the server's user and root can enter).
    func url(_ database: String, user: String = PostgresCluster.admin) -> String {
        "postgresql://\(user)@/\(database)?host=\(folder)&port=\(port)"
    }

    /// A new, empty database for one test.
    func makeDatabase() throws -> String {
        let name = "hub_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let result = try psql(url("postgres"), "CREATE DATABASE \(name)")
        guard result.status == 0 else { throw ClusterFailure("CREATE DATABASE failed: \(result.stderr)") }
        return String(name)
    }

    /// `psql URL -c SQL`, unaligned and without headers: what a BI tool connected with that
    /// login would be given.
    func psql(_ url: String, _ sql: String) throws -> AssayBinary.Result {
        try AssayBinary.runTool(["psql", url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], in: folder)
    }

    /// Runs a program with its output to a file and waits for it, by posix_spawn and waitpid
    /// rather than Foundation's Process: pg_ctl leaves the server running as a daemon, and
    /// Process then never saw pg_ctl's own end (the test waited for ever).
    static func spawn(_ arguments: [String], output: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// A port nothing listens on now: bound to port 0 and released.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ClusterFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
