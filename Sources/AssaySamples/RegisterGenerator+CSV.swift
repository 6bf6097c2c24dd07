import Foundation

extension RegisterGenerator {
    /// Streams the register as CSV (header first) in chunks of about 64 KiB: the primary way
    /// out, so a million-row register never sits in memory.
    public func writeCSV(_ emit: ([UInt8]) throws -> Void) rethrows {
        let chunkSize = 1 << 16
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkSize + 1024)
        CSVLine.append(OpenCase.header, to: &buffer)
        try forEachCase { openCase in
            CSVLine.append(openCase.fields, to: &buffer)
            if buffer.count >= chunkSize {
                try emit(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try emit(buffer) }
    }

    /// Streams the register as CSV to an open file (or standard output).
    public func writeCSV(to handle: FileHandle) throws {
        try writeCSV { try handle.write(contentsOf: Data($0)) }
    }

    /// The whole register as CSV text: the streamed bytes, collected.
    public func csv() -> String {
        var bytes: [UInt8] = []
        writeCSV { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
