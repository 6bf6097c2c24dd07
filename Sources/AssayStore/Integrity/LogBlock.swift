import AssayCore
import Crypto

/// Log format 2's block: one `audit_log` entry for a run of rows inserted one after another
/// into one table in one transaction (docs/integrity.md, "Log format 2: blocks").
///
/// The entry keeps every row's 32-byte digest, in id order, in `row_digests`, and the root
/// of a hash tree over them as its `after_sha256`; the chain hashes the root (and the row
/// count), so the digests cannot change without the chain noticing, and a row edited behind
/// Assay's back is still named alone: its digest differs from its own leaf. The tree is
/// RFC 6962's (Certificate Transparency's) Merkle tree hash, so a published tool can check
/// it and a row can later be proved to be in a block by a path of a few hashes.
public enum LogBlock {
    /// The most rows one block carries. Bounded so that finding the entries that cover a row
    /// is an index range of this many ids (`row_id BETWEEN id - 255 AND id`), and a block's
    /// digests (8 KB) stay one small value. Fixed by migration `v19-log-blocks`'s CHECK.
    public static let maximumRows = 256

    /// RFC 6962 §2.1: the hash of one leaf is SHA-256(0x00 ‖ digest); of a node,
    /// SHA-256(0x01 ‖ left ‖ right), the left subtree holding the largest power of two
    /// leaves smaller than the node's count. `digests` is the rows' 32-byte digests, one
    /// after another (at least one).
    public static func root(of digests: [UInt8]) -> [UInt8] {
        precondition(digests.count >= 32 && digests.count % 32 == 0, "a block's digests are 32 bytes a row")
        return digests.withUnsafeBufferPointer { subtree($0, leaves: 0..<($0.count / 32)) }
    }

    private static func subtree(_ digests: UnsafeBufferPointer<UInt8>, leaves: Range<Int>) -> [UInt8] {
        var hasher = SHA256()
        if leaves.count == 1 {
            hasher.update(data: [0x00])
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digests[leaves.lowerBound * 32..<leaves.upperBound * 32])))
        } else {
            var split = 1
            while split * 2 < leaves.count { split *= 2 }
            hasher.update(data: [0x01])
            hasher.update(data: subtree(digests, leaves: leaves.lowerBound..<leaves.lowerBound + split))
            hasher.update(data: subtree(digests, leaves: leaves.lowerBound + split..<leaves.upperBound))
        }
        return Array(hasher.finalize())
    }

    /// Row `index`'s digest (0 for the block's first row) as the log's other entries spell
    /// a digest: 64 lower-case hex digits.
    static func digest(_ index: Int, in digests: [UInt8]) -> String {
        digests[index * 32..<index * 32 + 32].hexString
    }
}
