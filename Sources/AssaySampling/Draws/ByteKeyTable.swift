import Foundation

/// Byte strings to numbers, for finding a case's stratum by its fields' bytes: an open
/// addressing table with the keys in one buffer. A draw looks a million cases' strata up;
/// a `Dictionary` keyed by byte arrays spent a tenth of the draw hashing (SipHash, a call
/// per key) and probing, where FNV-1a over thirty bytes and one comparison suffice.
struct ByteKeyTable {
    private var keyBytes: [UInt8] = []
    /// Entry `e`'s key is `keyBytes[keyStarts[e] ..< keyStarts[e + 1]]`.
    private var keyStarts: [Int] = [0]
    private var values: [Int32] = []
    private var hashes: [UInt64] = []
    /// An entry number a slot, -1 when empty; never more than half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// FNV-1a over 8-byte words, then the bytes left, mixed (MurmurHash3's finaliser) so
    /// that the low bits, which pick the slot, depend on every byte.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var i = 0
        if let base = key.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= key.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                i += 8
            }
        }
        while i < key.count {
            h = (h ^ UInt64(key[i])) &* prime
            i += 1
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                keyStarts.withUnsafeBufferPointer { starts in
                    keyBytes.withUnsafeBufferPointer { bytes in
                        let mask = slots.count - 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let entry = Int(slots[slot])
                            if entry < 0 { return nil }
                            if hashes[entry] == hash, starts[entry + 1] - starts[entry] == key.count,
                               key.isEmpty || memcmp(bytes.baseAddress! + starts[entry], key.baseAddress!, key.count) == 0 {
                                return values[entry]
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Adds `key` (not in the table) with `value`.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int32) {
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        values.append(value)
        hashes.append(Self.hash(key))
        if values.count * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for entry in values.indices { place(entry) }
        } else {
            place(values.count - 1)
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }
}
