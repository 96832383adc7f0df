import AuthEngine
import Foundation
import TestSupport
import XCTest

/// A store someone has tampered with, and damaged side files: one clear error naming what is
/// damaged, never a trap, and nothing written over.
final class HostileStoreTests: XCTestCase {
    /// Every column of every table, each damaged in turn on every row with a wrong type, a huge
    /// number, an empty string, random bytes, an overflowing real, a negative and NULL (the
    /// drill, Tools/Drill/Hostile.swift, does the engine's work on each copy in one process).
    func testEveryColumnOfEveryTableDamagedInTurn() throws {
        let dir = try Self.demoStore()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let work = dir.deletingLastPathComponent().appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let result = try Programs.run(Programs.drill, ["hostile", "--template", dir.path, "--work", work.path, "--clock", "2023-06-12T10:00+08:00",
                                                       "--values", "'x'", "9223372036854775807", "''", "X'00FF13'", "1e308", "(-1)", "NULL"])
        let lines = result.out.split(separator: "\n").map(String.init)
        let lastCase = lines.last { $0.hasPrefix("case ") } ?? "before the first case"
        XCTAssertEqual(result.status, 0, "the drill stopped in \(lastCase): \(result.err.suffix(500))")
        let cases = lines.filter { $0.hasPrefix("case ") }.count
        XCTAssertGreaterThan(cases, 300, "every column of every table, seven values each")

        var current = ""
        var wrongType = false
        var refusedSomewhere = 0
        for line in lines {
            if line.hasPrefix("case ") { current = line; continue }
            if line.hasPrefix("declared ") { wrongType = Self.isForeign(line); continue }
            // A value of a class the column never holds is damage, whatever GRDB would make of it.
            XCTAssertFalse(line == "accepted" && wrongType, "damage read as a valid value (and saved again): \(current)")
            XCTAssertNotEqual(line, "CHANGED", "a damaged value was written over: \(current)")
            guard let refusal = line.range(of: ": refused: ").map({ String(line[$0.upperBound...]) }) else { continue }
            refusedSomewhere += 1
            // One line that names the damage (the column, or the store file and the cell), or
            // an answer the rules give for the value read (no email, a code from the phone that
            // does not match the damaged step).
            let named = refusal.contains("the store is damaged") || refusal.contains(" is damaged (")
            let ruled = refusal.hasPrefix("No email address is registered") || refusal == "the drill's DA maker could not log on"
            XCTAssertTrue(named || ruled, "\(current): \(refusal)")
        }
        XCTAssertGreaterThan(refusedSomewhere, 100, "the damage is noticed")
    }

    /// Whether a "declared TYPE [NOT NULL] holds CLASS VALUE" line describes a value this
    /// program never writes: another storage class than GRDB uses for the declared type, or a
    /// Boolean that is not 0 or 1. (The test's own reading of the schema, apart from the store's.)
    static func isForeign(_ line: String) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard let holds = words.firstIndex(of: "holds"), holds + 1 < words.count else { return false }
        let declared = words[1], kind = words[holds + 1], text = holds + 2 < words.count ? words[holds + 2] : ""
        if kind == "null" { return words.contains("NOT") }
        switch declared {
        case "TEXT", "DATETIME": return kind != "text"
        case "INTEGER": return kind != "integer"
        case "BOOLEAN": return kind != "integer" || !["0", "1"].contains(text)
        case "BLOB": return kind != "blob"
        default: return false
        }
    }

    /// The phone's file damaged: `authenticator code` says which file, fails, and leaves it.
    func testADamagedPhoneFileIsNamedAndLeftAlone() throws {
        let dir = try Self.demoStore()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let phone = dir.appendingPathComponent("phone.json")
        for damage in [Data("{\"not\": \"a phone\"}".utf8), Data([0x00, 0xFF, 0x13, 0x37]), Data(), Data("[{\"uri\": 1e308}]".utf8)] {
            try damage.write(to: phone)
            let result = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", "B0123402", "--data-dir", dir.path])
            XCTAssertEqual(result.status, 1, result.err)
            XCTAssertTrue(result.err.hasPrefix("Error: ") && result.err.contains("phone.json"), result.err)
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err)
            XCTAssertEqual(try Data(contentsOf: phone), damage, "the damaged file was written over")
        }
    }

    /// A message in a Maildir that is not a mail (bytes, an endless header, a huge date): the
    /// inbox lists what it can and never traps; the file is left as it was.
    func testADamagedMaildirMessageIsListedWithoutATrap() throws {
        let dir = try Self.demoStore()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let address = "email.user@demo-securities.example"
        let folder = dir.appendingPathComponent("mail").appendingPathComponent(address).appendingPathComponent("new")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let damages = [Data([0x00, 0xFF, 0xFE, 0x80, 0x0A]), Data(String(repeating: "X-Header: ", count: 20_000).utf8),
                       Data("Date: Fri, 31 Dec 99999999 25:61:61 +9999\nSubject: OTP 12345678\n\nYour OTP is 12345678".utf8)]
        for (index, damage) in damages.enumerated() {
            let file = folder.appendingPathComponent("1686535200.M\(index)P1.damaged")
            try damage.write(to: file)
            let result = try Programs.run(Programs.ccassTerminal, ["mailbox", address, "--data-dir", dir.path])
            XCTAssertTrue([0, 1].contains(result.status), "no trap: \(result.status) \(result.err)")
            if result.status == 1 { XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err) }
            XCTAssertEqual(try Data(contentsOf: file), damage)
        }
    }

    /// The shipped holiday calendar and blocklist damaged or missing: the program refuses to
    /// start and names the file (fail closed), on a copy of the binary and its resources.
    func testDamagedOrMissingSecurityResourcesRefuseToStart() throws {
        let dir = try Self.demoStore()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let bundleName = "ccass-terminal_CCASSResources.resources"
        let built = Programs.ccassTerminal.deletingLastPathComponent()
        for (path, damage) in [("hours/hk-public-holidays.txt", Data("2023-13-45 Not a day\n".utf8)), ("hours/hk-public-holidays.txt", nil),
                               ("policy/common-passwords.txt", Data("\n\n".utf8)), ("policy/common-passwords.txt", nil)] as [(String, Data?)] {
            let copy = dir.deletingLastPathComponent().appendingPathComponent("bin-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Programs.ccassTerminal, to: copy.appendingPathComponent("ccass-terminal"))
            try FileManager.default.copyItem(at: built.appendingPathComponent(bundleName), to: copy.appendingPathComponent(bundleName))
            let file = copy.appendingPathComponent(bundleName).appendingPathComponent(path)
            if let damage { try damage.write(to: file) } else { try FileManager.default.removeItem(at: file) }
            let result = try Programs.run(copy.appendingPathComponent("ccass-terminal"), ["users", "--data-dir", dir.path])
            XCTAssertEqual(result.status, 1, "\(path) \(damage == nil ? "missing" : "damaged"): \(result.out)")
            XCTAssertTrue(result.err.hasPrefix("Error: ") && result.err.contains(path), result.err)
            XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err)
        }
    }

    /// A demo store with a cheap KDF, in a folder of its own.
    static func demoStore() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-hostile-\(UUID().uuidString)")
        let dir = root.appendingPathComponent("store")
        let result = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000",
                                                               "--clock", "2023-06-12T09:00+08:00"])
        guard result.status == 0 else { throw TestFailure("demo: \(result.err)") }
        return dir
    }
}
