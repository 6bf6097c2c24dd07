// A fuzz harness for the three loaders of files people write or export: the CSV reader (with
// the register import's row checks), the template loader and the answers-file loader.
// `ASSAY_FUZZ_TARGET=csv|template|answers` chooses the loader. See docs/fuzzing.md.
//
// Built by `Scripts/fuzz` with `--sanitize fuzzer -Xswiftc -DASSAY_FUZZ`, libFuzzer supplies
// `main` and calls `LLVMFuzzerTestOneInput` with each input. In an ordinary build the
// harness is a replay tool: `AssayFuzz FILE_OR_DIRECTORY…` runs every file given (a corpus,
// a crash found earlier) through the same checks and traps on the first broken promise.
import AssayCore
import Foundation

/// The harness for this process, made on the first input.
nonisolated(unsafe) private var harness: FuzzHarness?

private func currentHarness() -> FuzzHarness {
    if let harness { return harness }
    let name = ProcessInfo.processInfo.environment["ASSAY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("set ASSAY_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")) (found \"\(name)\")")
    }
    do {
        let made = try FuzzHarness(target: target)
        harness = made
        return made
    } catch {
        fatalError("harness: \((error as? UserFacingError)?.message ?? "\(error)")")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: data == nil ? 0 : size)
    currentHarness().run(bytes)
    return 0
}

/// libFuzzer calls this once before fuzzing (and before it reads the corpus folders): with
/// `ASSAY_FUZZ_SEED_DIR` set, the answers target writes generated answers files there.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    if let directory = ProcessInfo.processInfo.environment["ASSAY_FUZZ_SEED_DIR"], currentHarness().target == .answers {
        do {
            try FuzzHarness.writeAnswersSeeds(to: directory)
        } catch {
            fatalError("harness: cannot write seeds: \((error as? UserFacingError)?.message ?? "\(error)")")
        }
    }
    return 0
}

#if !ASSAY_FUZZ
/// The replay tool of an ordinary build.
@main
enum Replay {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty, !arguments.contains("-h"), !arguments.contains("--help") else {
            print("""
                usage: ASSAY_FUZZ_TARGET=csv|template|answers AssayFuzz FILE_OR_DIRECTORY…
                Runs each file (every file of a directory) through the loader's checks, as the fuzz
                build does (Scripts/fuzz); stops with a trap on the first input that breaks one.
                """)
            return
        }
        let harness = currentHarness()
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw AssayFailure("\(argument): no such file or directory.")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: argument).sorted()
                files += names.map { (argument as NSString).appendingPathComponent($0) }
            } else {
                files.append(argument)
            }
        }
        var count = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            data.withUnsafeBytes { harness.run($0) }
            count += 1
        }
        print("\(harness.target): \(count) inputs, \(harness.accepted) accepted, \(harness.rejected) rejected, none broke a check")
    }
}
#endif
