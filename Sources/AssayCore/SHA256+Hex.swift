import Crypto
import Foundation

/// Lower-case hexadecimal spelling of digests, as stored and printed.
public extension Sequence where Element == UInt8 {
    var hexString: String {
        let bytes = Array(self)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = table[Int(byte >> 4)]
                out[2 * i + 1] = table[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }
}

public enum Hashing {
    /// SHA-256 of `bytes`, as 64 lower-case hex digits.
    public static func sha256Hex<D: DataProtocol>(_ bytes: D) -> String {
        SHA256.hash(data: bytes).hexString
    }
}
