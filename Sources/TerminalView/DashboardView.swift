import AuthDomain
import Foundation
import TerminalCore

/// The trainer's dashboard of a class: one row per seat, one column per exercise with the time
/// it was first done (Hong Kong time), and how many of the seven each seat has done. The same
/// rows are printed by `class status --once`.
public enum DashboardView {
    static let milestones = SeatProgress.Milestone.allCases

    public static func header() -> String {
        "Seat  " + milestones.map { pad($0.heading, 9) }.joined() + "Done"
    }

    public static func row(_ seat: SeatProgress) -> String {
        pad(String(repeating: " ", count: max(0, 4 - String(seat.seat).count)) + "\(seat.seat)", 6)
            + milestones.map { pad(seat.done[$0].map(time) ?? "-", 9) }.joined()
            + "\(seat.done.count)/\(milestones.count)"
    }

    /// Under the table, in its columns: how many seats have done each exercise, and how many
    /// all of them.
    public static func totals(_ seats: [SeatProgress]) -> String {
        pad("All", 6) + milestones.map { milestone in pad("\(seats.filter { $0.done[milestone] != nil }.count)", 9) }.joined()
            + "\(seats.filter(\.isComplete).count)/\(seats.count)"
    }

    /// The table as CSV, times in full.
    public static func csv(_ seats: [SeatProgress]) -> String {
        var lines = [(["seat", "participant"] + milestones.map(\.rawValue) + ["done", "last activity"]).joined(separator: ",")]
        for seat in seats {
            lines.append(([String(seat.seat), seat.participantID] + milestones.map { seat.done[$0].map(HongKongTime.format) ?? "" }
                          + ["\(seat.done.count)", seat.lastActivity.map(HongKongTime.format) ?? ""]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func render(name: String, settings: String = "", seats: [SeatProgress], now: Date, scroll: Int, size: Size, error: String?) -> Canvas {
        var canvas = Canvas(columns: size.columns, rows: size.rows)
        canvas.fill(row: 0, column: 0, width: size.columns, role: .title)
        _ = canvas.text(" Class \(name): \(seats.count == 1 ? "1 seat" : "\(seats.count) seats")", row: 0, column: 0, role: .title, width: size.columns)
        let clock = String(HongKongTime.format(now).prefix(19)) + " HKT "
        if size.columns > clock.count + 20 {
            _ = canvas.text(clock, row: 0, column: size.columns - clock.count, role: .title)
        }
        if !settings.isEmpty { _ = canvas.text(" " + settings.prefix(1).uppercased() + settings.dropFirst(), row: 1, column: 0, role: .subtle, width: size.columns) }
        _ = canvas.text(" " + header(), row: 2, column: 0, role: .heading, width: size.columns)
        let height = max(0, size.rows - 7)
        let first = min(scroll, max(0, seats.count - height))
        for (offset, seat) in seats.dropFirst(first).prefix(height).enumerated() {
            _ = canvas.text(" " + row(seat), row: 3 + offset, column: 0, role: seat.isComplete ? .success : .normal, width: size.columns)
        }
        _ = canvas.text(" " + totals(seats), row: 3 + min(height, seats.count - first), column: 0, role: .heading, width: size.columns)
        let below = seats.count - first - min(height, seats.count - first)
        if let error {
            _ = canvas.text(" " + error, row: size.rows - 2, column: 0, role: .error, width: size.columns)
        } else if first > 0 || below > 0 {
            let more = [first > 0 ? "↑ \(first) above" : nil, below > 0 ? "↓ \(below) below" : nil].compactMap { $0 }.joined(separator: ", ")
            _ = canvas.text(" Seats \(more) (↑↓, PageUp, PageDown)", row: size.rows - 2, column: 0, role: .subtle, width: size.columns)
        }
        canvas.fill(row: size.rows - 1, column: 0, width: size.columns, role: .hint)
        _ = canvas.text(" ↑↓ scroll  q quit   times are Hong Kong time on the class's clock", row: size.rows - 1, column: 0, role: .hint,
                        width: size.columns)
        return canvas
    }

    static func time(_ date: Date) -> String { String(HongKongTime.format(date).dropFirst(11).prefix(5)) }

    static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
}
