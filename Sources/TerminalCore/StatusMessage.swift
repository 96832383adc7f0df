/// A line at the bottom of the screen: an error in red, or information.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case error, info, success, warning }
    public var kind: Kind
    public var text: String

    public static func error(_ text: String) -> StatusMessage { StatusMessage(kind: .error, text: text) }
    public static func info(_ text: String) -> StatusMessage { StatusMessage(kind: .info, text: text) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(kind: .success, text: text) }
    public static func warning(_ text: String) -> StatusMessage { StatusMessage(kind: .warning, text: text) }
}
