/// Rows inserted one after another into one table in one transaction, waiting to be logged
/// as one block (`LogBlock`): their first id and their digests as 32 bytes each.
struct InsertedRun {
    let table: AuditedTable
    let firstRowID: Int64
    /// The first row's digest as hex, for a run of one (logged as a plain entry).
    let firstDigestHex: String
    private(set) var digests: [UInt8]
    private(set) var count = 1

    init(table: AuditedTable, firstRowID: Int64, digest: String) {
        self.table = table
        self.firstRowID = firstRowID
        firstDigestHex = digest
        digests = []
        digests.reserveCapacity(32 * 16)
        Self.appendBytes(ofHex: digest, to: &digests)
    }

    /// Whether row `id` continues the run: the next id, and room in the block.
    func canTake(_ id: Int64) -> Bool {
        id == firstRowID + Int64(count) && count < LogBlock.maximumRows
    }

    mutating func append(_ digest: String) {
        Self.appendBytes(ofHex: digest, to: &digests)
        count += 1
    }

    private static func appendBytes(ofHex hex: String, to bytes: inout [UInt8]) {
        guard let digest = LogEntry.bytes(hex: hex) else { preconditionFailure("a row digest that is not 64 hex digits: \(hex)") }
        bytes += digest
    }
}
