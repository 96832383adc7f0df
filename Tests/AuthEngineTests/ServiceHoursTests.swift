import AuthEngine
import Foundation
import XCTest

final class ServiceHoursTests: XCTestCase {
    let hours = ServiceHours.shipped

    /// The calendar file is read on bytes: a line is a real Gregorian day, a space, a name.
    func testHolidayCalendarLinesAreRealDays() throws {
        let hours = try ServiceHours.load("# comment\n\n2024-02-29 Leap day  \r\n 2023-12-25 Christmas Day\n")
        XCTAssertEqual(hours.holidays, ["2024-02-29": "Leap day", "2023-12-25": "Christmas Day"])
        for bad in ["2023-02-29 Not leap", "2023-13-01 Month 13", "2023-04-31 April 31", "2023-1-02 Short", "2023-01-02", "2023/01/02 Slashes",
                    "0000-01-01 Year zero", "2023-01-0x Letter", "2023-01-02\tTab"] {
            XCTAssertThrowsError(try ServiceHours.load(bad + "\n"), bad)
        }
        XCTAssertThrowsError(try ServiceHours.load("# only comments\n"))
    }

    func testWeekdayHoursSaturdayForDMSAndHolidays() {
        XCTAssertGreaterThan(hours.holidays.count, 80, "2023 to 2027")
        let monday = { (h: Int, m: Int) in HongKongTime.date(2023, 6, 12, h, m) }
        XCTAssertFalse(hours.isOpen(.terminal, at: monday(6, 59)))
        XCTAssertTrue(hours.isOpen(.terminal, at: monday(7, 0)))
        XCTAssertTrue(hours.isOpen(.terminal, at: monday(21, 29)))
        XCTAssertFalse(hours.isOpen(.terminal, at: monday(21, 30)))
        let saturday = HongKongTime.date(2023, 6, 17, 10, 0)
        XCTAssertFalse(hours.isOpen(.terminal, at: saturday))
        XCTAssertTrue(hours.isOpen(.dms, at: saturday))
        XCTAssertFalse(hours.isOpen(.dms, at: HongKongTime.date(2023, 6, 17, 13, 0)))
        XCTAssertFalse(hours.isOpen(.dms, at: HongKongTime.date(2023, 6, 18, 10, 0)), "Sunday")
        XCTAssertFalse(hours.isOpen(.terminal, at: HongKongTime.date(2023, 6, 22, 10, 0)), "Tuen Ng Festival")
        XCTAssertEqual(hours.holiday(on: HongKongTime.date(2023, 6, 22, 10, 0)), "Tuen Ng Festival")
        XCTAssertFalse(hours.isOpen(.dms, at: HongKongTime.date(2023, 7, 1, 10, 0)), "a Saturday holiday closes DMS")
    }

    func testNextOpeningSkipsWeekendsAndHolidays() {
        XCTAssertEqual(hours.nextOpening(.terminal, after: HongKongTime.date(2023, 6, 21, 22, 0)), HongKongTime.date(2023, 6, 23, 7, 0))
        XCTAssertEqual(hours.nextOpening(.dms, after: HongKongTime.date(2023, 6, 16, 22, 0)), HongKongTime.date(2023, 6, 17, 9, 0))
        XCTAssertEqual(hours.nextOpening(.terminal, after: HongKongTime.date(2023, 12, 22, 22, 0)), HongKongTime.date(2023, 12, 27, 7, 0))
        XCTAssertEqual(ServiceHours.describe(HongKongTime.date(2023, 6, 23, 7, 0)), "Friday 2023-06-23 07:00 HKT")
    }
}
