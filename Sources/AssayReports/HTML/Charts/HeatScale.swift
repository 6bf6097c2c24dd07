import Foundation

/// The heat map's colours: ColorBrewer's "Reds", light to dark, for shares from 0% to 100%
/// of audits graded requires improvement or inadequate. The share is always written in the
/// cell too, and text on each fill is black or white, whichever reads at 4.5:1 or better.
enum HeatScale {
    static let stops: [(Double, (Double, Double, Double))] = [
        (0, (255, 245, 240)), (0.25, (252, 187, 161)), (0.5, (251, 106, 74)), (0.75, (203, 24, 29)), (1, (103, 0, 13)),
    ]

    /// The fill of a share, "#rrggbb".
    static func colour(_ share: Double) -> String {
        let s = min(1, max(0, share))
        var i = 0
        while i < stops.count - 2 && s > stops[i + 1].0 { i += 1 }
        let (a, ca) = stops[i], (b, cb) = stops[i + 1]
        let t = (s - a) / (b - a)
        func mix(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(ca.0, cb.0), mix(ca.1, cb.1), mix(ca.2, cb.2))
    }
}
