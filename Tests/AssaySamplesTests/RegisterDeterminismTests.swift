import AssayCore
import AssaySamples
import Foundation
import Testing

@Suite struct RegisterDeterminismTests {
    @Test func theSameSeedGivesTheSameBytes() throws {
        let a = try RegisterGenerator(seed: 7, caseCount: 600).csv()
        let b = try RegisterGenerator(seed: 7, caseCount: 600).csv()
        #expect(a == b)
    }

    @Test func anotherSeedGivesAnotherRegister() throws {
        let a = try RegisterGenerator(seed: 7, caseCount: 600).csv()
        let b = try RegisterGenerator(seed: 8, caseCount: 600).csv()
        #expect(a != b)
    }

    /// The committed sample is what the generator makes now; if this fails after a deliberate
    /// change to the generator, run Samples/regenerate and commit the result.
    @Test func theCommittedSampleIsCurrent() throws {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try Data(contentsOf: packageRoot.appendingPathComponent("Samples/register-2026-11.csv"))
        let generated = try RegisterGenerator().csv()
        #expect(committed == Data(generated.utf8), "Samples/register-2026-11.csv is stale: run Samples/regenerate")
    }

    @Test func theCommittedBrokenRegisterIsCurrent() throws {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try Data(contentsOf: packageRoot.appendingPathComponent("Samples/register-broken.csv"))
        #expect(committed == Data(BrokenRegister.bytes()), "Samples/register-broken.csv is stale: run Samples/regenerate")
    }

    /// The streaming writer is the primary path; `csv()` and `cases()` must agree with it.
    @Test func streamingWritingCollectingAgree() throws {
        let generator = try RegisterGenerator(seed: 99, caseCount: 3_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-samples-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try generator.writeCSV(to: handle)
        try handle.close()
        let streamed = try Data(contentsOf: url)
        #expect(streamed == Data(generator.csv().utf8))

        let records = try StrictCSV.records(Array(streamed))
        #expect(records.dropFirst().map(\.strings) == generator.cases().map(\.fields))
    }

    @Test func tooFewCasesForTheStrataIsRefused() {
        #expect(throws: SamplesError.self) { try RegisterGenerator(caseCount: 10) }
        #expect(throws: SamplesError.tooFewCases(100, strata: 101)) { try RegisterGenerator(caseCount: 100, strata: 101) }
        #expect(throws: SamplesError.tooFewStrata(0)) { try RegisterGenerator(caseCount: 100, strata: 0) }
    }
}
