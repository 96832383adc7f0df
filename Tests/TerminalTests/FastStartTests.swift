import ArgumentParser
import Foundation
import TestSupport
import XCTest
@testable import CCASSTerminal

/// FastStart, the start-up path of the terminal and `authenticator code`, against
/// swift-argument-parser: on every argument vector it either declines or yields exactly the
/// values argument-parser yields, and it knows every option the two commands have.
final class FastStartTests: XCTestCase {
    /// argument-parser's own description of a command's options (its help dump), by kind.
    private func declared(_ command: any ParsableCommand.Type) throws -> (flags: Set<String>, options: Set<String>, positionals: Int) {
        let dump = try JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any]
        let arguments = try XCTUnwrap((dump?["command"] as? [String: Any])?["arguments"] as? [[String: Any]], "no arguments in the help dump")
        var flags: Set<String> = [], options: Set<String> = [], positionals = 0
        for argument in arguments {
            let long = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            switch argument["kind"] as? String {
            case "flag": flags.formUnion(long)
            case "option": options.formUnion(long)
            case "positional": positionals += 1
            case let other: XCTFail("an argument of kind \(other ?? "nil")")
            }
        }
        flags.remove("help")  // argument-parser's own, and always its to answer
        return (flags, options, positionals)
    }

    /// Adding an option to either command without teaching FastStart fails here.
    func testFastStartKnowsEveryOptionOfBothCommands() throws {
        let terminal = try declared(TerminalCommand.self)
        XCTAssertEqual(terminal.flags, Set(FastStart.terminalFlags), "the terminal's flags")
        XCTAssertEqual(terminal.options, Set(FastStart.terminalOptions), "the terminal's options")
        XCTAssertEqual(terminal.positionals, 0)
        let code = try declared(AuthenticatorCode.self)
        XCTAssertEqual(code.flags, [], "authenticator code's flags")
        XCTAssertEqual(code.options, Set(FastStart.codeOptions), "authenticator code's options")
        XCTAssertEqual(code.positionals, 1, "authenticator code's account")
    }

    /// What argument-parser makes of a vector, as the fast path would have it.
    private func parsed(_ vector: [String]) throws -> FastStart.Start {
        switch try CCASSTerminal.parseAsRoot(vector) {
        case let terminal as TerminalCommand: return .terminal(terminal.settings)
        case let code as AuthenticatorCode: return .code(code.settings)
        case let other: throw Unexpected(description: "argument-parser runs \(type(of: other))")
        }
    }

    struct Unexpected: Error, CustomStringConvertible { let description: String }

    /// The plain forms, which must take the fast path (so the test below is not vacuous).
    func testPlainStartsTakeTheFastPath() throws {
        let starts: [[String]] = [
            [], ["--ignore-hours"], ["terminal", "--dms"], ["--data-dir", "/tmp/x", "--seat", "monday/3"],
            ["--clock=2023-06-12T09:00+08:00", "--phase", "transition", "--trainer", "--policy", "hkex-2023"],
            ["--plain", "--connectivity-test", "secondary"], ["--presenter", "--smtp", "smtp://127.0.0.1:1025"],
            ["authenticator", "code", "B0123402"], ["authenticator", "code", "--data-dir", "/tmp/x", "HKEX:B0123402", "--seat=monday/1"],
        ]
        for start in starts {
            let fast = try XCTUnwrap(FastStart.start(start), "declined \(start)")
            let expected = try parsed(start)
            XCTAssertEqual(fast, expected, "\(start)")
        }
    }

    /// The property: generated vectors, valid and not, for both commands.
    func testFastStartDeclinesOrAgreesWithArgumentParser() throws {
        var generator = SeededGenerator(seed: 2023_06_12)
        let values = ["/tmp/data", "demo", "terminal", "code", "help", "x=y", "2023-06-12T09:00+08:00", "2023-13-40", "smartcard", "2fa",
                      "transition", "primary", "secondary", "hkex-2023", "nist-800-63b", "weak", "monday/3", "monday", "smtp://127.0.0.1:1025",
                      "ftp://x", "-5", "-", "--", "", " ", "B0123402", "HKEX:B0123402", "--dms", "--help", "-h"]
        func token(options: [String], flags: [String]) -> [String] {
            let option = (options + ["nope", "version"]).randomElement(using: &generator)!
            let value = values.randomElement(using: &generator)!
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...2: return ["--\(option)", value]
            case 3...4: return ["--\(option)=\(value)"]
            case 5...6: return flags.isEmpty ? [value] : ["--\((flags + ["nope", "help"]).randomElement(using: &generator)!)"]
            case 7: return ["--\(option)"]
            case 8: return [value]
            default: return [["-h", "--", "-", "--help", "--generate-completion-script", "bash"].randomElement(using: &generator)!]
            }
        }
        var taken = 0, declined = 0
        for walk in 0..<4000 {
            var vector: [String]
            let isCode = walk % 2 == 1
            if isCode {
                vector = ["authenticator", "code"]
                if Bool.random(using: &generator) { vector.append(values.randomElement(using: &generator)!) }
            } else {
                vector = Int.random(in: 0..<4, using: &generator) == 0 ? ["terminal"] : []
            }
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                vector += isCode ? token(options: FastStart.codeOptions, flags: [])
                                 : token(options: FastStart.terminalOptions, flags: FastStart.terminalFlags)
            }
            guard let fast = FastStart.start(vector) else {
                declined += 1
                continue
            }
            taken += 1
            do {
                let expected = try parsed(vector)
                XCTAssertEqual(fast, expected, "\(vector)")
            } catch let unexpected as Unexpected {
                XCTFail("\(vector): \(unexpected)")
            } catch {
                XCTFail("\(vector): FastStart runs it, argument-parser refuses: \(CCASSTerminal.fullMessage(for: error))")
            }
        }
        // Both sides of the property were exercised.
        XCTAssertGreaterThan(taken, 400, "taken \(taken), declined \(declined)")
        XCTAssertGreaterThan(declined, 400, "taken \(taken), declined \(declined)")
    }
}
