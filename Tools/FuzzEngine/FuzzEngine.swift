// libFuzzer entry point: random sequences of engine operations on one store. No crash, and no
// 2FA logon without a valid password and a valid OTP (the fuzzer knows neither codes nor seeds).
import FuzzSupport
import AuthEngine
import Foundation

private let engine: AuthEngine = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-fuzz-engine-\(getpid())")
    let clock = VirtualClock(HongKongTime.date(2023, 6, 12, 10, 0))
    var configuration = EngineConfiguration(hasher: try! PasswordHasher(iterations: 1, allowReducedCost: true), terminal: "fuzz")
    configuration.random = .deterministic(seed: "fuzz")
    let engine = AuthEngine(store: try! AccountStore(location: StoreLocation(directory: directory)), clock: clock, configuration: configuration)
    try! DemoData.shipped().install(into: engine)
    return engine
}()

private let users = ["B0123401", "B0123402", "B0123403", "B0123404", "B0123408", "B01234X1", "NOBODY01", ""]
private let passwords = ["Training#2023Pass", "wrong", "", "Brand-New#Pass2023", "12345678"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var sessions: [FlowSession] = []
    var i = 0
    func next() -> Int { defer { i += 1 }; return i < size ? Int(data[i]) : 0 }
    while i < size {
        let op = next() % 9, user = users[next() % users.count], password = passwords[next() % passwords.count]
        let code = String(format: "%0\(next() % 2 == 0 ? 6 : 8)d", next() * 7919 % 100_000_000)
        do {
            switch op {
            case 0:
                switch try engine.logon(userID: user, password: password) {
                case .setUpOTPChannel(let s), .enterAppOTP(let s, _), .enterEmailOTP(let s, _), .passwordExpired(let s): sessions.append(s)
                default: break
                }
            case 1: if let s = sessions.randomElement() {
                if case .accepted(.loggedOn) = try engine.submitOTP(s, code: code) {
                    preconditionFailure("logged on with a guessed code")
                }
            }
            case 2: if case .emailOTPSent(let s, _) = try engine.startPasswordReset(userID: user) { sessions.append(s) }
            case 3: if let s = sessions.randomElement() { _ = try engine.requestEmailOTP(s) }
            case 4: if let s = sessions.randomElement() { _ = try engine.beginDeviceRegistration(s) }
            case 5: if let s = sessions.randomElement() { _ = try engine.skipDeviceRegistration(s) }
            case 6: _ = try engine.changePassword(userID: user, currentPassword: password, newPassword: "Brand-New#Pass2023", confirmation: "Brand-New#Pass2023")
            case 7: (engine.clock as? VirtualClock)?.advance(by: Double(next() * 13))
            default: _ = try engine.smartcardLogon(userID: user, smartcardPassword: password)
            }
        } catch {
            // Refusals (ended flows, wrong stage, out of service) are answers, not crashes.
        }
    }
    return 0
}

#if FUZZING
/// SwiftPM points `main` at `FuzzEngine_main`; libFuzzer's driver takes over from there.
@_cdecl("FuzzEngine_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzEngine)
}
#else
@main
enum FuzzEntry {
    static func main() { explainFuzzTarget() }
}
#endif
