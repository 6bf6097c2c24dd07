import Dispatch

/// Work shared among the machine's cores.
public enum Parallel {
    /// `body(0)`, `body(1)`, … `body(count - 1)`, run at once on the machine's cores, their
    /// results in index order; the first error thrown (by index) is rethrown once all have
    /// run. For independent pieces of a large job: a draw's strata, a report's months.
    public static func map<T: Sendable, E: Error>(_ count: Int, _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
        var results = [Result<T, E>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            // Each index writes its own slot only.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: count) { i in
                do throws(E) { slots[i] = .success(try body(i)) } catch { slots[i] = .failure(error) }
            }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for result in results { values.append(try result!.get()) }
        return values
    }

    /// `range` cut into at most `count` consecutive slices of nearly equal size (none when
    /// it is empty).
    public static func slices(of range: Range<Int>, count: Int) -> [Range<Int>] {
        guard !range.isEmpty else { return [] }
        let n = max(1, min(count, range.count))
        let size = (range.count + n - 1) / n
        return stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
    }
}
