/// Rows inserted one after another into one table in one transaction, waiting to be logged
/// as one block (`LogBlock`): their first id and their 32-byte digests, one after another.
struct InsertedRun {
    let table: AuditedTable
    let firstRowID: Int64
    private(set) var digests: [UInt8]
    private(set) var count = 1

    init(table: AuditedTable, firstRowID: Int64, digest: [UInt8]) {
        self.table = table
        self.firstRowID = firstRowID
        digests = digest
        digests.reserveCapacity(32 * 16)
    }

    /// Whether row `id` continues the run: the next id, and room in the block.
    func canTake(_ id: Int64) -> Bool {
        id == firstRowID + Int64(count) && count < LogBlock.maximumRows
    }

    mutating func append(_ digest: [UInt8]) {
        digests += digest
        count += 1
    }
}
