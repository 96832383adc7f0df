/// A line at the bottom of the screen: an error in red, or information.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case error, info, success, warning }
    public var kind: Kind
    public var text: String
    /// A remark of the program around the emulated system (the trainer's clock, the phone
    /// beside the terminal, a start-up notice), not something the system says: a recorded
    /// scenario does not expect it, since a replay has no trainer or phone to say it.
    public var isAside = false

    public static func error(_ text: String) -> StatusMessage { StatusMessage(kind: .error, text: text) }
    public static func info(_ text: String) -> StatusMessage { StatusMessage(kind: .info, text: text) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(kind: .success, text: text) }
    public static func warning(_ text: String) -> StatusMessage { StatusMessage(kind: .warning, text: text) }
    /// Information from the program around the system (see `isAside`).
    public static func aside(_ text: String, kind: Kind = .info) -> StatusMessage { StatusMessage(kind: kind, text: text, isAside: true) }
}
