import ArgumentParser
import AuthEngine
import Foundation

/// Hidden helpers for the multi-process tests: real processes on one store, driven through
/// the same engine the terminal uses.

/// Commits numbered changes to one account forever, printing "committed N" after each commit.
struct WriterDrill: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_drill-writer", shouldDisplay: false)

    @OptionGroup var store: StoreOptions
    @Option var user: String

    func run() throws {
        reportingErrors {
            let engine = try store.engine()
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
                say("committed \(n)")
            }
        }
    }
}

/// Attempts `count` logons and prints each outcome on its own line.
struct LogonDrill: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_drill-logon", shouldDisplay: false)

    @OptionGroup var store: StoreOptions
    @Option var user: String
    @Option var password: String
    @Option var count: Int = 1

    func run() throws {
        reportingErrors {
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

/// Writes a line straight to the pipe, so a reader sees it before the process dies.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
