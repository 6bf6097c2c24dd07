import AssayStatistics
import Testing

@Suite("Benjamini–Hochberg adjustment")
struct BenjaminiHochbergTests {
    private static let reference = ComparisonReferenceValues.comparisons

    /// Same operations in the same order as R, so equal to the last bit or two.
    @Test("agrees with R's p.adjust(method = \"BH\")", arguments: reference.benjaminiHochberg.indices)
    func matchesR(_ i: Int) {
        let c = Self.reference.benjaminiHochberg[i]
        let adjusted = BenjaminiHochberg.adjust(c.p)
        #expect(adjusted.count == c.adjusted.count)
        for (a, e) in zip(adjusted, c.adjusted) {
            if let e {
                #expect(relativeError(a ?? .nan, e) <= 1e-15, "\(String(describing: a)) vs R \(e)")
            } else {
                #expect(a == nil)
            }
        }
    }

    @Test("never below the raw p, never above 1, order kept")
    func bounds() {
        let p: [Double?] = [0.04, nil, 0.9, 0.001, 0.04, 0.3]
        let adjusted = BenjaminiHochberg.adjust(p)
        for (raw, adj) in zip(p, adjusted) {
            guard let raw else { #expect(adj == nil); continue }
            #expect(adj! >= raw && adj! <= 1)
        }
        #expect(adjusted[0] == adjusted[4])
        #expect(BenjaminiHochberg.adjust([]) .isEmpty)
        #expect(BenjaminiHochberg.adjust([0.02]) == [0.02])
    }
}
