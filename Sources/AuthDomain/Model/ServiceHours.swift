import CCASSResources
import Foundation

/// Operating hours (s4, footnote 1): the CCASS/CCMS Terminal from 07:00 to 21:30 Monday to
/// Friday; DMS also from 09:00 to 13:00 on Saturday; both closed on Hong Kong public holidays
/// (Resources/hours/hk-public-holidays.txt).
public struct ServiceHours: Sendable, Equatable {
    public enum Service: String, Sendable, Equatable, CaseIterable, Codable {
        case terminal, dms

        public var title: String {
            switch self {
            case .terminal: "The CCASS/CCMS Terminal"
            case .dms: "DMS"
            }
        }
    }

    /// Holidays as "YYYY-MM-DD", with their names.
    public let holidays: [String: String]
    /// The calendar could not be read: the service is never open (fail closed), and the
    /// program refuses to start before it gets here (`SecurityResources.check`).
    let unreadable: Bool

    public init(holidays: [String: String]) {
        self.holidays = holidays
        unreadable = false
    }

    private init(unreadable: Void) {
        holidays = [:]
        self.unreadable = true
    }

    public static let resourcePath = "hours/hk-public-holidays.txt"

    /// The shipped calendar; closed at every hour if it is missing or damaged.
    public static let shipped: ServiceHours = (try? load(ResourceFiles.text(resourcePath))) ?? ServiceHours(unreadable: ())

    /// Reads a holiday calendar: `YYYY-MM-DD name` a line, `#` comments. A line that is not one
    /// is an error naming it. Read on bytes (it is read before the first frame): splitting on
    /// Characters and parsing each date with a calendar cost two million instructions.
    public static func load(_ text: String, file: String = resourcePath) throws -> ServiceHours {
        var holidays: [String: String] = [:]
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        for (index, raw) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let first = raw.firstIndex(where: { !blank($0) }), let last = raw.lastIndex(where: { !blank($0) }) else { continue }
            let line = Array(raw[first...last])
            if line[0] == UInt8(ascii: "#") { continue }
            guard line.count > 11, line[10] == UInt8(ascii: " "), let date = calendarDate(line[0..<10]) else {
                let shown = String(decoding: line, as: UTF8.self).prefix(40)
                throw ResourceFiles.Damaged(path: file, detail: "line \(index + 1) is not \"YYYY-MM-DD name\": \(shown)")
            }
            holidays[date] = String(decoding: line[11...], as: UTF8.self)
        }
        guard !holidays.isEmpty else { throw ResourceFiles.Damaged(path: file, detail: "it lists no holiday") }
        return ServiceHours(holidays: holidays)
    }

    /// `YYYY-MM-DD` when it is a day of the Gregorian calendar (no 30 February), else nil.
    static func calendarDate(_ bytes: ArraySlice<UInt8>) -> String? {
        let digits = bytes.enumerated().allSatisfy { offset, byte in
            offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard bytes.count == 10, digits else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[bytes.startIndex + $1] - UInt8(ascii: "0")) } }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard year >= 1, (1...12).contains(month), (1...days[month - 1]).contains(day) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Opening and closing minutes of the day for a weekday (1 = Sunday ... 7 = Saturday).
    static func window(_ service: Service, weekday: Int) -> (open: Int, close: Int)? {
        switch weekday {
        case 2...6: return (7 * 60, 21 * 60 + 30)
        case 7: return service == .dms ? (9 * 60, 13 * 60) : nil
        default: return nil
        }
    }

    /// The day's window at a moment, nil when closed all day (Sunday, Saturday for the terminal, holidays).
    func window(_ service: Service, on date: Date) -> (open: Int, close: Int)? {
        let c = HongKongTime.components(date)
        if holidays[HongKongTime.formatDay(date)] != nil { return nil }
        let days = HongKongTime.days(year: c.year, month: c.month, day: c.day)
        let weekday = Int((days + 4) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday (5)
        return Self.window(service, weekday: weekday)
    }

    /// Open at `date`: the operating hours, or for a connectivity-test session only its window.
    public func isOpen(_ service: Service, at date: Date, connectivityTest: ConnectivitySession? = nil) -> Bool {
        if unreadable { return false }
        if let connectivityTest { return date >= connectivityTest.window.start && date < connectivityTest.window.end }
        guard let window = window(service, on: date) else { return false }
        let c = HongKongTime.components(date)
        let minute = c.hour * 60 + c.minute
        return minute >= window.open && minute < window.close
    }

    /// Nil while open; otherwise why the service is closed and when it opens.
    public func closedNotice(_ service: Service, at date: Date, connectivityTest: ConnectivitySession? = nil) -> String? {
        guard !isOpen(service, at: date, connectivityTest: connectivityTest) else { return nil }
        if let connectivityTest { return connectivityTest.closedNotice(at: date) }
        return Self.closedNotice(service, holiday: holiday(on: date), opensAt: nextOpening(service, after: date))
    }

    /// "The CCASS/CCMS Terminal is not available now (Christmas Day). It opens on ..."
    public static func closedNotice(_ service: Service, holiday: String?, opensAt: Date?) -> String {
        var text = "\(service.title) is not available now"
        if let holiday { text += " (\(holiday))" }
        text += "."
        if let opensAt { text += " It opens on \(describe(opensAt))." }
        return text
    }

    /// The next moment the service opens, after `date` (within a year).
    public func nextOpening(_ service: Service, after date: Date, connectivityTest: ConnectivitySession? = nil) -> Date? {
        if let connectivityTest { return connectivityTest.window.start > date ? connectivityTest.window.start : nil }
        let c = HongKongTime.components(date)
        let today = HongKongTime.date(c.year, c.month, c.day)
        for offset in 0...366 {
            let day = today.addingTimeInterval(Double(offset) * 86_400)
            guard let window = window(service, on: day) else { continue }
            let opening = day.addingTimeInterval(Double(window.open * 60))
            if opening > date { return opening }
        }
        return nil
    }

    /// "Monday 2023-06-12 07:00 HKT"
    public static func describe(_ date: Date) -> String {
        let c = HongKongTime.components(date)
        let days = HongKongTime.days(year: c.year, month: c.month, day: c.day)
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let name = names[Int((days + 4) % 7 + 7) % 7]
        return "\(name) \(HongKongTime.format(date).prefix(16)) HKT"
    }

    /// Why a day is closed, if it is a holiday.
    public func holiday(on date: Date) -> String? { holidays[HongKongTime.formatDay(date)] }
}

/// The post-release connectivity test of 10 June 2023 (s3.5, Appendix B): Session 1 at the
/// Primary Data Centre 18:00-20:00, Session 2 at the Secondary 22:00-23:00 (Hong Kong time).
public enum ConnectivitySession: String, Equatable, Sendable, CaseIterable {
    case primary
    case secondary

    public var title: String {
        switch self {
        case .primary: "Connectivity test - Primary Data Centre (Session 1)"
        case .secondary: "Connectivity test - Secondary Data Centre (Session 2): changes not kept"
        }
    }

    public var window: DateInterval {
        switch self {
        case .primary: DateInterval(start: HongKongTime.date(2023, 6, 10, 18, 0), end: HongKongTime.date(2023, 6, 10, 20, 0))
        case .secondary: DateInterval(start: HongKongTime.date(2023, 6, 10, 22, 0), end: HongKongTime.date(2023, 6, 10, 23, 0))
        }
    }

    func closedNotice(at date: Date) -> String {
        let span = "\(HongKongTime.format(window.start).dropFirst(11).prefix(5))-\(HongKongTime.format(window.end).dropFirst(11).prefix(5))"
        let name = self == .primary ? "Session 1" : "Session 2"
        return date < window.start
            ? "The connectivity test \(name) is not open yet: it runs \(span) on Saturday 10 June 2023 (HKT)."
            : "The connectivity test \(name) (\(span) on Saturday 10 June 2023) is over."
    }
}
