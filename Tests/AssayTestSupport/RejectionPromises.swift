import AssayCore
import Foundation

/// What every loader promises of a rejection (docs/fuzzing.md): it names `file`, holds at
/// least one problem, and each problem names the file, has a reason, has a line (except a
/// file that is not UTF-8 at all), and quotes what is wrong, never the whole file. Returns
/// the promises broken, for the property tests of the loaders to collect.
public func brokenPromises(of rejection: InputRejected, file: String, bytes: [UInt8]) -> [String] {
    var broken: [String] = []
    if !rejection.message.hasPrefix(file + ": rejected") || rejection.problems.isEmpty { broken.append("rejected as \(rejection.message)") }
    let text = String(validating: bytes, as: UTF8.self).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    for problem in rejection.problems {
        let lineless = problem.line == nil && problem.reason != "not UTF-8 text"
        if problem.file != file || problem.reason.isEmpty || lineless || (problem.line ?? 1) < 1 {
            broken.append("problem: \(problem)")
        }
        if let text, text.split(separator: "\n").count > 2, problem.reason.contains(text) { broken.append("the whole file in: \(problem)") }
    }
    return broken
}
