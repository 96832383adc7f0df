import Foundation

/// Where each trainee of a class stands, read from the audit log: the first time each exercise
/// was done at the seat since it was last set up.
public struct SeatProgress: Sendable, Equatable {
    public enum Milestone: String, CaseIterable, Sendable {
        case passwordSet = "first password set"
        case deviceOrRisk = "device registered / risk accepted"
        case appLogon = "logged on by app"
        case emailLogon = "logged on by email"
        case locked = "locked"
        case unlocked = "unlocked by DA maker-checker"
        case passwordReset = "password reset"

        /// The dashboard's column heading (8 characters at most: seven columns fit 80).
        public var heading: String {
            switch self {
            case .passwordSet: "Password"
            case .deviceOrRisk: "Device"
            case .appLogon: "App"
            case .emailLogon: "Email"
            case .locked: "Locked"
            case .unlocked: "Unlocked"
            case .passwordReset: "Reset"
            }
        }
    }

    public var seat: Int
    public var participantID: String
    public var done: [Milestone: Date]
    /// The last thing the seat did, for the dashboard's last column.
    public var lastActivity: Date?

    public var isComplete: Bool { done.count == Milestone.allCases.count }

    public init(seat: Int, participantID: String, done: [Milestone: Date], lastActivity: Date? = nil) {
        self.seat = seat
        self.participantID = participantID
        self.done = done
        self.lastActivity = lastActivity
    }
}
