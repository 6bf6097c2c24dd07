import AssayCore
import AssaySamples
import Foundation

/// A register of `rows` open cases spread over `teams` × `localities` strata with uneven
/// sizes (as real teams are), every value drawn from a seeded SplitMix64: the same seed gives
/// the same file, byte for byte.
struct SyntheticRegister {
    let rows: Int
    let teams: Int
    let localities: Int
    let seed: UInt64

    static let services = ["front-door", "assessment", "child-in-need", "child-protection", "child-in-care", "care-leaver"]

    func write(to path: String) throws {
        var random = SplitMix64(seed: seed)
        // Stratum weights between 1 and 4, so strata differ in size by up to four times.
        let strata = teams * localities
        let weights = (0..<strata).map { _ in 1.0 + Double(random.below(3000)) / 1000.0 }
        var cumulative: [Double] = []
        var sum = 0.0
        for w in weights { sum += w; cumulative.append(sum) }
        guard let handle = FileHandle(forWritingAtPath: path) ?? { FileManager.default.createFile(atPath: path, contents: nil); return FileHandle(forWritingAtPath: path) }() else {
            throw AssayFailure("cannot write \(path)")
        }
        defer { try? handle.close() }
        var buffer = "case_id,team,locality,service,worker,opened\n"
        for row in 0..<rows {
            // Every stratum gets at least one case; the rest by weight.
            let stratum: Int
            if row < strata {
                stratum = row
            } else {
                let u = random.fraction() * sum
                var lo = 0, hi = strata - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
                stratum = lo
            }
            let team = stratum / localities, locality = stratum % localities
            let service = Self.services[random.below(Self.services.count)]
            let day = 1 + random.below(28), month = 1 + random.below(12)
            buffer += "B\(1_000_000 + row),Team \(team + 1),Locality \(locality + 1),\(service),Worker \(team * 7 + random.below(7)),2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
