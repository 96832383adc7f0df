import AuthEngine
import Foundation
import TerminalCore

/// A scenario file: one step a line, `#` comments and blank lines ignored.
///
///     size 80x24                      window size (before or between steps)
///     clock 2023-06-12T09:00+08:00    set the virtual clock
///     phase transition                smartcard | transition | 2fa (before the first key)
///     console dms                     terminal | dms (before the first key)
///     ignore-hours                    open at any hour, as --ignore-hours (before the first key)
///     connectivity-test primary       run as the connectivity test's session (before the first key)
///     type B0123401                   type text into the focused field
///     key Tab                         one key: Tab, Shift-Tab, Enter, Esc, Up, Down, Left, Right,
///                                     Home, End, Backspace, Delete, Ctrl-C, or a single character
///     paste TEXT                      paste text into the focused field
///     expect "Potential Risk"         the screen shows this text
///     expect-not "Locked"             the screen does not show it
///     otp app B0123401                type the phone's current code for that account
///     otp email ADDRESS               type the newest code in that inbox
///     scan                            the phone scans the QR code on the screen (REGISTER DEVICE)
///     advance 5m                      move the clock: 30s, 5m, 2h, 90d
///     snapshot NAME                   compare the screen with snapshots/NAME.txt (or write it)
public struct Scenario: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        case size(Size)
        case clock(Date)
        case phase(ServicePhase)
        case console(Console)
        case ignoreHours
        case connectivityTest(ConnectivitySession)
        case type(String)
        case key(Key)
        case paste(String)
        case expect(String)
        case expectNot(String)
        case otpApp(String)
        case otpEmail(String)
        case scan
        case advance(TimeInterval)
        case snapshot(String)
    }

    public struct Line: Equatable, Sendable {
        public var number: Int
        public var text: String
        public var step: Step
    }

    public var name: String
    public var lines: [Line]
    /// The comment lines before step N (`lines[N]`), joined: what `play` shows as captions.
    public var captions: [Int: String] = [:]
    /// The same comment lines one by one (a handout's title, introduction and steps); the key
    /// `lines.count` holds comments after the last step.
    public var comments: [Int: [String]] = [:]

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Parses the whole file first, so a mistake on line 40 stops the run before line 1 runs.
    public init(name: String, text: String) throws {
        self.name = name
        var lines: [Line] = []
        var interacted = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                let comment = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                if !comment.isEmpty {
                    captions[lines.count] = captions[lines.count].map { $0 + " " + comment } ?? comment
                    comments[lines.count, default: []].append(comment)
                }
                continue
            }
            if line.isEmpty { continue }
            let number = index + 1
            func fail(_ message: String) -> ParseError { ParseError(file: name, line: number, message: message) }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let verb = parts[0], rest = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            func argument(_ what: String) throws -> String {
                guard !rest.isEmpty else { throw fail("\(verb) needs \(what)") }
                return Self.unquote(rest)
            }
            let step: Step
            switch verb {
            case "size":
                let dims = rest.lowercased().split(separator: "x").compactMap { Int($0) }
                guard dims.count == 2, (10...500).contains(dims[0]), (5...200).contains(dims[1]) else {
                    throw fail("expected a size like 80x24 after size, found \"\(rest)\"")
                }
                step = .size(Size(columns: dims[0], rows: dims[1]))
            case "clock":
                guard let date = HongKongTime.parse(try argument("a time")) else {
                    throw fail("expected a time like 2023-06-12T09:00+08:00 after clock, found \"\(rest)\"")
                }
                step = .clock(date)
            case "phase":
                guard !interacted else { throw fail("phase must come before the first key, type or expect") }
                guard let phase = ServicePhase(rawValue: rest) else { throw fail("expected smartcard, transition or 2fa after phase, found \"\(rest)\"") }
                step = .phase(phase)
            case "console":
                guard !interacted else { throw fail("console must come before the first key, type or expect") }
                guard let console = Console(rawValue: rest) else { throw fail("expected terminal or dms after console, found \"\(rest)\"") }
                step = .console(console)
            case "ignore-hours":
                guard !interacted else { throw fail("ignore-hours must come before the first key, type or expect") }
                step = .ignoreHours
            case "connectivity-test":
                guard !interacted else { throw fail("connectivity-test must come before the first key, type or expect") }
                guard let session = ConnectivitySession(rawValue: rest) else {
                    throw fail("expected primary or secondary after connectivity-test, found \"\(rest)\"")
                }
                step = .connectivityTest(session)
            case "type": step = .type(try argument("the text to type"))
            case "paste": step = .paste(try argument("the text to paste"))
            case "key":
                guard let key = Key(name: try argument("a key name")) else {
                    throw fail("unknown key \"\(rest)\"; expected Tab, Shift-Tab, Enter, Esc, Up, Down, Left, Right, Home, End, Backspace, Delete, Ctrl-C or one character")
                }
                step = .key(key)
            case "expect": step = .expect(try argument("the text expected on the screen"))
            case "expect-not": step = .expectNot(try argument("the text that must not be on the screen"))
            case "otp":
                let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
                guard words.count == 2, words[0] == "app" || words[0] == "email" else {
                    throw fail("expected \"otp app ACCOUNT\" or \"otp email ADDRESS\", found \"otp \(rest)\"")
                }
                step = words[0] == "app" ? .otpApp(words[1]) : .otpEmail(words[1])
            case "scan": step = .scan
            case "advance":
                guard let interval = Self.duration(rest) else { throw fail("expected a duration like 30s, 5m, 2h or 90d after advance, found \"\(rest)\"") }
                step = .advance(interval)
            case "snapshot":
                let name = try argument("a snapshot name")
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw fail("a snapshot name is letters, digits, - and _, found \"\(name)\"")
                }
                step = .snapshot(name)
            default:
                throw fail("unknown step \"\(verb)\"; expected size, clock, phase, console, ignore-hours, connectivity-test, type, key, paste, expect, expect-not, otp, scan, advance or snapshot")
            }
            switch step {
            case .size, .clock, .phase, .console, .ignoreHours, .connectivityTest: break
            default: interacted = true
            }
            lines.append(Line(number: number, text: line, step: step))
        }
        self.lines = lines
    }

    static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }

    /// "90s", "30m", "2h", "90d" (a scenario's `advance`, `class clock --advance`).
    public static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let value = Double(text.dropLast()), value.isFinite, value >= 0 else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = value
        case "m": seconds = value * 60
        case "h": seconds = value * 3600
        case "d": seconds = value * 86_400
        default: return nil
        }
        // Ten years at most: further than any training needs, and inside every clock's range.
        return seconds <= 3650 * 86_400 ? seconds : nil
    }
}
