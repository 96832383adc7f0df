import AuthEngine
import Foundation
import TerminalApp
import TerminalCore
import TerminalView
import TestSupport
import XCTest

/// The QR code on REGISTER DEVICE, read back by zbarimg (a decoder we did not write), and the
/// code oathtool computes from the decoded secret logs on.
final class QRCodeTests: XCTestCase {
    private func registerDevice(size: Size, trainer: Bool = false) throws -> DrivenSession {
        let s = try DrivenSession(trainer: trainer)
        s.keys(.character("1"))
        s.logon("B0123408")
        s.submit("register")
        s.session.send(.resize(size))
        return s
    }

    func testTheScreensQRCodeDecodesToTheEnrolledURIAndItsCodeLogsOn() throws {
        let zbarimg = try requireTool("zbarimg")
        let oathtool = try requireTool("oathtool")
        let s = try registerDevice(size: Size(columns: 120, rows: 40))
        let registration = try XCTUnwrap(s.state.screen.as(RegisterDeviceScreen.self)?.registration)
        let image = s.directory.appendingPathComponent("screen.pgm")
        try Self.pgm(from: s.session.canvas, scale: 4).write(to: image)
        let decoded = try Programs.run(zbarimg, ["-q", "--raw", image.path]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(decoded, registration.uri, "the phone reads exactly the enrolled URI")
        let uri = try OTPAuthURI(parsing: decoded)
        let code = try Programs.run(oathtool, ["--totp", "-b", "--now", "@\(Int(s.session.clock.now().timeIntervalSince1970))", Base32.encode(uri.secret)])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        s.submit("code")
        s.submit([.otp: code], "submit")
        XCTAssertEqual(s.state.screen.as(LoggedOnScreen.self)?.success.userID, "B0123408", "oathtool's code from the decoded secret logs on")
    }

    /// Too small for the code: the screen says how large, and still shows the account, the
    /// whole key and its type.
    func testAt80x24TheScreenSaysHowLargeItMustBeAndShowsTheKey() throws {
        let s = try registerDevice(size: Size(columns: 80, rows: 24))
        let registration = try XCTUnwrap(s.state.screen.as(RegisterDeviceScreen.self)?.registration)
        let needed = try XCTUnwrap(RegisterDeviceScreen.neededSize(registration, trainer: false))
        let text = Self.withoutCode(s.session.canvas)
        XCTAssertTrue(text.contains(registration.manualKey), s.text)
        XCTAssertTrue(text.contains("Account: HKEX:B0123408"), s.text)
        XCTAssertTrue(text.contains(registration.keyType), s.text)
        XCTAssertTrue(text.contains("The QR code needs a window of at least \(needed.columns) x \(needed.rows)"), s.text)
    }

    /// README and the screen agree on the window REGISTER DEVICE needs.
    func testTheREADMEGivesTheSizeTheScreenAsksFor() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardizedFileURL, encoding: .utf8)
        for trainer in [false, true] {
            let s = try registerDevice(size: Size(columns: 80, rows: 24), trainer: trainer)
            let registration = try XCTUnwrap(s.state.screen.as(RegisterDeviceScreen.self)?.registration)
            let needed = try XCTUnwrap(RegisterDeviceScreen.neededSize(registration, trainer: trainer))
            XCTAssertTrue(readme.contains("\(needed.columns) x \(needed.rows)"), "README does not give \(needed.columns) x \(needed.rows)")
        }
    }

    /// At every size from the smallest to the one the code needs, the key and its type are
    /// whole, nothing is drawn over the trainer's panel, and the code appears exactly when the
    /// window is as large as the screen says.
    func testAtEverySizeTheKeyIsWholeAndTheCodeAppearsWhenItFits() throws {
        for trainer in [false, true] {
            let s = try registerDevice(size: Size(columns: 80, rows: 24), trainer: trainer)
            let registration = try XCTUnwrap(s.state.screen.as(RegisterDeviceScreen.self)?.registration)
            let needed = try XCTUnwrap(RegisterDeviceScreen.neededSize(registration, trainer: trainer))
            for columns in stride(from: 80, through: needed.columns + 10, by: 3) {
                for rows in [24, needed.rows - 1, needed.rows, needed.rows + 5] {
                    s.session.send(.resize(Size(columns: columns, rows: rows)))
                    let canvas = s.session.canvas
                    // Read as a person reads it: the QR code aside, lines wrapped at a group.
                    let text = Self.withoutCode(canvas)
                    XCTAssertTrue(text.contains(registration.manualKey), "\(columns)x\(rows) trainer \(trainer): key cut\n\(canvas.text)")
                    XCTAssertTrue(text.contains(registration.keyType), "\(columns)x\(rows): type cut\n\(canvas.text)")
                    let showsCode = canvas.cells.contains { $0.role == .qrDark }
                    XCTAssertEqual(showsCode, columns >= needed.columns && rows >= needed.rows, "\(columns)x\(rows) trainer \(trainer)")
                    if trainer {
                        for row in 1...2 { XCTAssertFalse(canvas.lines[row].contains("█"), "the trainer's panel is not drawn over") }
                    }
                }
            }
        }
    }

    /// The screen's text without the QR code, its lines joined with single spaces and the box
    /// borders gone: a sentence or a key wrapped over lines reads whole.
    static func withoutCode(_ canvas: Canvas) -> String {
        var plain = canvas
        for row in 0..<canvas.rows {
            for column in 0..<canvas.columns where canvas[row, column].role == .qrDark { plain[row, column] = Cell(" ", .normal) }
        }
        return plain.lines.joined(separator: " ").map { "│┌┐└┘─".contains($0) ? " " : $0 }
            .reduce(into: "") { out, c in if c != " " || out.last != " " { out.append(c) } }
    }

    /// The half blocks of a canvas as a greyscale image: each cell is two modules tall.
    static func pgm(from canvas: Canvas, scale: Int) -> Data {
        let width = canvas.columns * scale, height = canvas.rows * 2 * scale
        var pixels = [UInt8](repeating: 255, count: width * height)
        for row in 0..<canvas.rows {
            for column in 0..<canvas.columns {
                let cell = canvas[row, column]
                guard cell.role == .qrDark else { continue }
                let top = cell.character == "█" || cell.character == "▀"
                let bottom = cell.character == "█" || cell.character == "▄"
                for (half, dark) in [(0, top), (1, bottom)] where dark {
                    for y in 0..<scale {
                        let line = (row * 2 + half) * scale + y
                        for x in 0..<scale { pixels[line * width + column * scale + x] = 0 }
                    }
                }
            }
        }
        return Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
    }
}
