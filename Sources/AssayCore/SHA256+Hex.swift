import Crypto
import Foundation

/// Lower-case hexadecimal spelling of digests, as stored and printed.
public extension Sequence where Element == UInt8 {
    var hexString: String {
        var out = ""
        out.reserveCapacity(64)
        for byte in self {
            out.append(Character(Unicode.Scalar(Self.hexDigits[Int(byte >> 4)])))
            out.append(Character(Unicode.Scalar(Self.hexDigits[Int(byte & 0x0f)])))
        }
        return out
    }

    private static var hexDigits: [UInt8] { Array("0123456789abcdef".utf8) }
}

public enum Hashing {
    /// SHA-256 of `bytes`, as 64 lower-case hex digits.
    public static func sha256Hex<D: DataProtocol>(_ bytes: D) -> String {
        SHA256.hash(data: bytes).hexString
    }
}
