@testable import AuthEngine
import Foundation
@testable import TerminalCore
import TerminalView
import TestSupport
import XCTest

/// The QR code on REGISTER DEVICE, read back by zbarimg (a decoder we did not write), and the
/// code oathtool computes from the decoded secret logs on.
final class QRCodeTests: XCTestCase {
    func testTheScreensQRCodeDecodesToTheEnrolledURIAndItsCodeLogsOn() throws {
        guard let zbarimg = Programs.which("zbarimg") else { throw XCTSkip("zbarimg is not installed (make deps installs it)") }
        guard let oathtool = Programs.which("oathtool") else { throw XCTSkip("oathtool is not installed (make deps installs it)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-qr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = VirtualClock(HongKongTime.date(2023, 6, 12, 10, 0))
        let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: dir)), clock: clock,
                                configuration: EngineConfiguration(hasher: try PasswordHasher(iterations: 1_000, allowReducedCost: true)))
        try DemoData.shipped().install(into: engine)
        guard case .setUpOTPChannel(let session) = try engine.logon(userID: "B0123408", password: "Training#2023Pass") else {
            return XCTFail("channel setup expected")
        }
        let registration = try engine.beginDeviceRegistration(session)

        var state = AppState(console: .terminal, phase: .transition, now: clock.now(), size: Size(columns: 120, rows: 40))
        state.screen = .registerDevice(RegisterDeviceScreen(session: session, function: .onlineFunctions, registration: registration))
        let canvas = Renderer.render(state)
        let image = dir.appendingPathComponent("screen.pgm")
        try Self.pgm(from: canvas, scale: 4).write(to: image)

        let decoded = try Programs.run(zbarimg, ["-q", "--raw", image.path]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(decoded, registration.uri.string, "the phone reads exactly the enrolled URI")
        let uri = try OTPAuthURI(parsing: decoded)
        let code = try Programs.run(oathtool, ["--totp", "-b", "--now", "@\(Int(clock.now().timeIntervalSince1970))", Base32.encode(uri.secret)])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        guard case .accepted(.loggedOn(let success)) = try engine.submitOTP(session, code: code) else {
            return XCTFail("oathtool's code from the decoded secret logs on")
        }
        XCTAssertEqual(success.userID, "B0123408")
    }

    func testAt80x24TheScreenSaysHowLargeItMustBeAndShowsTheKey() {
        var state = AppState(console: .terminal, phase: .transition, now: HongKongTime.date(2023, 6, 12, 10, 0), size: Size(columns: 80, rows: 24))
        let registration = DeviceRegistration(uri: OTPAuthURI(issuer: "HKEX", account: "B0123401", secret: Array("12345678901234567890".utf8)))
        state.screen = .registerDevice(RegisterDeviceScreen(session: FlowSession(token: "t", userID: "B0123401"), function: .onlineFunctions,
                                                            registration: registration))
        let text = Renderer.render(state).text
        XCTAssertTrue(text.contains("Key:     GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"), text)
        XCTAssertTrue(text.contains("Account: HKEX:B0123401"))
        XCTAssertTrue(text.contains("The QR code needs a window of at least"), text)
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
