import AuthEngine
import Foundation
import XCTest
/// Inputs the fuzzers found (Tools/FuzzData/regressions), replayed on every test run.
final class FuzzRegressionTests: XCTestCase {
    /// What parses prints and parses back to the same URI (FuzzURI's property).
    func testEveryURIRegressionRoundTrips() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Tools/FuzzData/regressions/FuzzURI").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        XCTAssertFalse(files.isEmpty, "no regression inputs in \(folder.path)")
        for name in files {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            guard let uri = try? OTPAuthURI(parsing: text) else { continue }
            let again = try OTPAuthURI(parsing: uri.string)
            XCTAssertEqual(again, uri, "\(name): \(uri.string)")
        }
    }
}
