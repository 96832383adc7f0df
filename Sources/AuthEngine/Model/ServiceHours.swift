import CCASSResources
import Foundation

/// Operating hours (s4, footnote 1): the CCASS/CCMS Terminal from 07:00 to 21:30 Monday to
/// Friday; DMS also from 09:00 to 13:00 on Saturday; both closed on Hong Kong public holidays
/// (Resources/hours/hk-public-holidays.txt).
public struct ServiceHours: Sendable, Equatable {
    public enum Service: String, Sendable { case terminal, dms }

    /// Holidays as "YYYY-MM-DD", with their names.
    public let holidays: [String: String]

    public init(holidays: [String: String]) { self.holidays = holidays }

    public static let shipped: ServiceHours = {
        let text = (try? ResourceFiles.text("hours/hk-public-holidays.txt")) ?? ""
        var holidays: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2, HongKongTime.parse(parts[0]) != nil { holidays[parts[0]] = parts[1] }
        }
        return ServiceHours(holidays: holidays)
    }()

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

    public func isOpen(_ service: Service, at date: Date) -> Bool {
        guard let window = window(service, on: date) else { return false }
        let c = HongKongTime.components(date)
        let minute = c.hour * 60 + c.minute
        return minute >= window.open && minute < window.close
    }

    /// The next moment the service opens, after `date` (within a year).
    public func nextOpening(_ service: Service, after date: Date) -> Date? {
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
