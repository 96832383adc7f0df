import Foundation
import Synchronization

/// The engine's notion of now. Everything is stored in UTC; screens show Hong Kong time.
public protocol Clock: Sendable {
    func now() -> Date
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
    public init(startingAt date: Date) { offset = date.timeIntervalSinceNow }
    public func now() -> Date { Date().addingTimeInterval(offset) }
}

/// A clock that stands still until a test or a trainer advances it.
public final class VirtualClock: Clock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}

public enum HongKongTime {
    public static let timeZone = TimeZone(identifier: "Asia/Hong_Kong") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// "2023-06-12 09:00:00 HKT"
    public static func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d HKT", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// "2023-06-12"
    public static func formatDay(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// A wall-clock moment in Hong Kong.
    public static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// Parses `2023-06-12T09:00+08:00`, `2023-06-12T01:00:00Z`, `2023-06-12 09:00` (Hong Kong
    /// when no zone is given) or `2023-06-12` (midnight in Hong Kong).
    public static func parse(_ text: String) -> Date? {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        let numbers = (1...6).map { group($0).flatMap(Int.init) }
        var zone = timeZone
        if let designator = group(7) {
            if designator == "Z" {
                zone = TimeZone(secondsFromGMT: 0)!
            } else {
                let digits = designator.dropFirst().filter(\.isNumber)
                let hours = Int(digits.prefix(2))!, minutes = Int(digits.suffix(2))!
                let sign = designator.hasPrefix("-") ? -1 : 1
                guard let parsed = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) else { return nil }
                zone = parsed
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2],
                                        hour: numbers[3] ?? 0, minute: numbers[4] ?? 0, second: numbers[5] ?? 0)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
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
