import AuthEngine
import Foundation
import XCTest

final class ReportTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/user-profile-listing-B01234.txt")

    /// The golden file records the report as s4.3.1 shows it; it is rewritten only when asked
    /// (UPDATE_GOLDEN=1) and then read before it is accepted.
    func testTheListingMatchesItsGoldenFileByteForByte() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        let listing = try env.engine.userProfileListing(by: maker.session).text
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil { try Data(listing.utf8).write(to: Self.golden) }
        XCTAssertEqual(listing, try String(contentsOf: Self.golden, encoding: .utf8))
        XCTAssertTrue(listing.hasSuffix("""
            MAX. NO. OF USERS :14

            TOTAL NO. OF USERS :12

            TOTAL NO. OF DELEGATED ADMINISTRATORS :3

            TOTAL NO. OF USERS EXCEPT DELEGATED ADMINISTRATORS:9

            *** END OF REPORT ***

            """))
    }
}
