/// FNV-1a over a string's UTF-8 bytes: a hash that is the same on every machine and every
/// run, unlike Swift's `Hasher`, which is seeded afresh per process. Used to give each case
/// and each team its own random stream, so a case's generated answers do not depend on which
/// other cases were drawn with it or in what order.
enum StableHash {
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
