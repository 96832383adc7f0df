import Foundation
import Synchronization

/// The engine's notion of now. Everything is stored in UTC; screens show Hong Kong time.
public protocol Clock: Sendable {
    func now() -> Date
}

/// A clock a trainer can move (F5-F8, a scenario's `advance`). Moving a store's clock writes a
/// file, which can fail.
public protocol AdjustableClock: Clock {
    func advance(by interval: TimeInterval) throws
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Always the same moment.
public struct FixedClock: Clock {
    public let date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}

/// The system clock shifted by a constant, e.g. to run "as if" on a given day.
public struct OffsetClock: Clock {
    public let offset: TimeInterval
    public init(offset: TimeInterval) { self.offset = offset }
    public func now() -> Date { Date().addingTimeInterval(offset) }
}

/// A running clock a trainer can move forward (+1 min, +90 days, ...).
public final class ShiftableClock: AdjustableClock {
    private let base: any Clock
    private let shift = Mutex<TimeInterval>(0)

    public init(base: any Clock) { self.base = base }

    public func now() -> Date { base.now().addingTimeInterval(shift.withLock { $0 }) }

    public func advance(by interval: TimeInterval) { shift.withLock { $0 += interval } }
}

/// A clock that stands still until a test or a trainer advances it.
public final class VirtualClock: AdjustableClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}

/// Hong Kong wall-clock time (UTC+8, no daylight saving since 1979), by arithmetic: the
/// screens format the time every second and must not pay for a calendar library.
public enum HongKongTime {
    public static let timeZone = TimeZone(identifier: "Asia/Hong_Kong") ?? TimeZone(secondsFromGMT: 8 * 3600)!
    static let offset: Int64 = 8 * 3600

    /// Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month, day, hour, minute, second in Hong Kong.
    public static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        // Clamped to years 1-9999 so that no date, however damaged, traps the arithmetic.
        let seconds1970 = date.timeIntervalSince1970
        let clamped = seconds1970.isNaN ? 0 : min(max(seconds1970, -62_135_596_800), 253_402_300_799)
        let local = Int64(clamped.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = Int(local - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        return (year, month, day, seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// "2023-06-12 09:00:00 HKT"
    public static func format(_ date: Date) -> String {
        let c = components(date)
        return "\(formatDay(c.year, c.month, c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) HKT"
    }

    /// "2023-06-12"
    public static func formatDay(_ date: Date) -> String {
        let c = components(date)
        return formatDay(c.year, c.month, c.day)
    }

    private static func formatDay(_ year: Int, _ month: Int, _ day: Int) -> String { "\(year)-\(pad(month))-\(pad(day))" }
    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A wall-clock moment in Hong Kong.
    public static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        let seconds = days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Parses `2023-06-12T09:00+08:00`, `2023-06-12T01:00:00Z`, `2023-06-12 09:00` (Hong Kong
    /// when no zone is given) or `2023-06-12` (midnight in Hong Kong).
    public static func parse(_ text: String) -> Date? {
        // By hand rather than with a regular expression: ICU's regex engine costs
        // milliseconds to start, and --clock is parsed on every start-up.
        var chars = Substring(text)
        func number(_ digits: Int) -> Int? {
            let head = chars.prefix(digits)
            guard head.count == digits, head.allSatisfy(\.isASCIIDigit) else { return nil }
            chars = chars.dropFirst(digits)
            return Int(head)
        }
        func take(_ c: Character) -> Bool {
            guard chars.first == c else { return false }
            chars = chars.dropFirst()
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        if take("T") || take(" ") {
            guard let h = number(2), take(":"), let m = number(2) else { return nil }
            (hour, minute) = (h, m)
            if take(":") {
                guard let sec = number(2) else { return nil }
                second = sec
            }
        }
        var zoneOffset = Int(offset)
        if take("Z") {
            zoneOffset = 0
        } else if let sign = chars.first, sign == "+" || sign == "-" {
            chars = chars.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = take(":")
            guard let minutes = number(2), hours <= 14, minutes < 60 else { return nil }
            zoneOffset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        // Nothing may follow, and a date that does not exist (30 February) fails the round trip.
        guard chars.isEmpty, (1...12).contains(month), hour < 24, minute < 60, second < 60,
              civil(fromDays: days(year: year, month: month, day: day)) == (year, month, day) else { return nil }
        let local = days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(local - Int64(zoneOffset)))
    }
}

/// Which logon methods are in service (s4, s5): smartcard only before the 2FA launch,
/// both during the transition, 2FA only once smartcards are decommissioned.
public enum ServicePhase: String, Sendable, CaseIterable, Codable {
    case smartcardOnly = "smartcard"
    case transition
    case twoFactorOnly = "2fa"

    public static let twoFactorLaunch = HongKongTime.date(2023, 6, 12)
    public static let smartcardDecommissioning = HongKongTime.date(2023, 9, 4)

    public static func at(_ date: Date) -> ServicePhase {
        if date < twoFactorLaunch { return .smartcardOnly }
        if date < smartcardDecommissioning { return .transition }
        return .twoFactorOnly
    }

    public var smartcardInService: Bool { self != .twoFactorOnly }
    public var twoFactorInService: Bool { self != .smartcardOnly }
}
