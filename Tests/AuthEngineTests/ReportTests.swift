import AuthEngine
import Foundation
import XCTest

final class ReportTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/user-profile-listing-B01234.txt")

    func testTheListingMatchesItsGoldenFileByteForByte() throws {
        let env = try TestEnvironment()
        let listing = try env.engine.userProfileListing(clearingHouse: .hksccParticipant, participantID: "B01234")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil { try Data(listing.utf8).write(to: Self.golden) }
        XCTAssertEqual(Data(listing.utf8), try Data(contentsOf: Self.golden))
        XCTAssertTrue(listing.hasSuffix("""
            MAX. NO. OF USERS :14

            TOTAL NO. OF USERS :12

            TOTAL NO. OF DELEGATED ADMINISTRATORS :3

            TOTAL NO. OF USERS EXCEPT DELEGATED ADMINISTRATORS:9

            *** END OF REPORT ***

            """))
    }

    func testEnquiryShowsSmartcardFieldsUntil2FAIsInitialised() throws {
        let env = try TestEnvironment()
        let before = try env.engine.profileFields(userID: "B0123401")
        XCTAssertEqual(before.map(\.label).suffix(2), ["SRN (for user using smartcard)", "Certificate Expiry Date"])
        XCTAssertEqual(before.last?.value, "31-Dec-30 23:59:59")
        let after = try env.engine.profileFields(userID: "B0123404")
        XCTAssertEqual(after.suffix(2).map(\.label), ["Locked", "OTP Enabled"])
        XCTAssertEqual(after.suffix(2).map(\.value), ["Y", "Y"])
    }
}
