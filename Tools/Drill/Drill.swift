import ArgumentParser
import AuthEngine
import Authenticator
import Foundation

/// `ccass-drill`: helpers for the multi-process tests, apart from the product: real processes
/// on one store, driven through the same engine the terminal uses.
@main
struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ccass-drill", abstract: "Test drills on a ccass-terminal store.",
                                                    subcommands: [Writer.self, Logon.self, DMSChange.self, Hostile.self])

    struct StoreArguments: ParsableArguments {
        @Option(name: .customLong("data-dir")) var dataDir: String
        @Option var clock: String?

        func engine() throws -> AuthEngine {
            let store = try AccountStore(location: StoreLocation(directory: URL(fileURLWithPath: dataDir)))
            let clock: any Clock = clock.flatMap(HongKongTime.parse).map { OffsetClock(offset: $0.timeIntervalSinceNow) } ?? SystemClock()
            return AuthEngine(store: store, clock: clock, configuration: try StoredSettings.configuration(for: store))
        }

        /// The demo's DA maker logged on to DMS with the phone's code (each run has its own
        /// --clock, so its code is fresh).
        func makerLogon(_ engine: AuthEngine) throws -> LogonSuccess {
            var phone = try Phone.load(directory: URL(fileURLWithPath: dataDir))
            let code = try phone.show(try phone.index(of: "HKEX:B01234X1"), at: engine.clock.now()).code
            guard case .enterAppOTP(let session, _) = try engine.logon(userID: "B01234X1", password: "Training#2023Pass", service: .dms),
                  case .accepted(.loggedOn(let maker)) = try engine.submitOTP(session, code: code) else {
                throw DrillFailure.makerLogon
            }
            return maker
        }
    }

    /// One DMS maker-checker change: the demo's DA maker changes B0123409's email and the
    /// demo's DA checker authorises it; prints "applied". For the fault-injection tests.
    struct DMSChange: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dms-change")
        @OptionGroup var store: StoreArguments
        @Option var email: String

        func run() throws {
            let engine = try store.engine()
            let maker = try store.makerLogon(engine)
            let change = try engine.submit(.changeEmail(userID: "B0123409", email: email), by: maker.session)
            guard case .applied = try engine.authorise(change, checkerID: "B01234Y1", authorizationCode: "Training#2023Pass") else {
                throw DrillFailure.checkerRefused
            }
            say("applied")
        }
    }

    /// Commits numbered changes to one account forever, printing "committed N" after each commit.
    struct Writer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "writer")
        @OptionGroup var store: StoreArguments
        @Option var user: String

        func run() throws {
            let engine = try store.engine()
            let maker = try store.makerLogon(engine)
            // Numbers go on from what the store holds, so they only ever grow across runs.
            let email = try engine.account(user)?.email ?? ""
            var n = Int(email.dropFirst("drill".count).prefix { $0.isNumber }) ?? 0
            while true {
                n += 1
                try engine.registerEmail(userID: user, email: "drill\(n)@writer.example", actor: "drill")
                // Failed logons write the lockout counter and the audit log as well.
                _ = try engine.logon(userID: user, password: "not-the-password-\(n)")
                try engine.unlock(userID: user, actor: "drill")
                // A reset of the 2FA registration and a fresh email code: the other writes.
                if n % 5 == 0 {
                    try engine.resetOTPRegistration(userID: user, actor: "drill")
                    _ = try engine.startPasswordReset(userID: user)
                }
                // A DMS change with maker-checker: another user's email, numbered too.
                let change = try engine.submit(.changeEmail(userID: "B0123409", email: "dms\(n)@writer.example"), by: maker.session)
                guard case .applied = try engine.authorise(change, checkerID: "B01234Y1", authorizationCode: "Training#2023Pass") else {
                    throw DrillFailure.checkerRefused
                }
                say("committed \(n)")
            }
        }
    }

    /// Attempts `count` logons and prints each outcome on its own line.
    struct Logon: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "logon")
        @OptionGroup var store: StoreArguments
        @Option var user: String
        @Option var password: String
        @Option var count: Int = 1

        func run() throws {
            let engine = try store.engine()
            for _ in 0..<count {
                switch try engine.logon(userID: user, password: password) {
                case .invalid: say("invalid")
                case .locked: say("locked")
                case .disabled: say("disabled")
                case .passwordExpired: say("expired")
                case .setUpOTPChannel: say("setup")
                case .enterAppOTP: say("app")
                case .enterEmailOTP: say("email")
                }
            }
        }
    }
}

enum DrillFailure: Error, CustomStringConvertible {
    case makerLogon, checkerRefused

    var description: String {
        switch self {
        case .makerLogon: "the drill's DA maker could not log on"
        case .checkerRefused: "the drill's checker was refused"
        }
    }
}

/// Writes a line straight to the pipe, so a reader sees it before the process dies.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
