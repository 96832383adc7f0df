import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `ccass-terminal demo`: creates or refreshes the training data set.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create or refresh the demo store: participants, DAs and users in every state.",
        discussion: "Other accounts in the store are left as they are. Demo users with the authenticator app are written, as otpauth URIs, to demo-enrolments.txt beside the store (mode 0600)."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Training only: a PBKDF2 cost below the 600,000 default, kept in the store.", valueName: "n"))
    var trainingKdfIterations: Int?

    func validate() throws {
        if let n = trainingKdfIterations, n < 1 { throw CommandFailure("--training-kdf-iterations must be a positive number") }
    }

    func run() throws {
        let location = store.settings.location
        let accountStore = try AccountStore(location: location)
        try accountStore.write { tx in
            if let n = trainingKdfIterations { try tx.setSetting(StoredSettings.trainingKDF, String(n)) }
            if let policy = store.settings.policy { try tx.setSetting(StoredSettings.policy, policy) }
        }
        try accountStore.close()
        let engine = try store.settings.engine()
        let demo = try DemoData.shipped()
        try DemoSetup.install(into: engine, directory: location.directory)
        let file = location.directory.appendingPathComponent(DemoSetup.enrolmentsFile)

        var table = TextTable(header: ["USER ID", "EMAIL", "STATE", "DEMONSTRATES"])
        for demoAccount in demo.accounts(in: engine.phase) {
            // The state as the store has it, in the words `users`, DMS and the trainer's panel use.
            guard let account = try engine.account(demoAccount.userID) else { continue }
            table.rows.append([account.userID, account.email ?? "-", account.stateWithFlags, demoAccount.demonstrates])
        }
        try StandardStream.output.line("Demo store ready in \(location.directory.path)\n")
        try StandardStream.output.line(table.render())
        try StandardStream.output.line("""

        Password of every demo account with one: \(demo.password)
        Smartcard password of every demo smartcard: \(demo.smartcardPassword)
        Authenticator enrolments of the app users: \(file.path)
          (already on the virtual phone: `ccass-terminal authenticator`)
        Email codes arrive in the Maildirs under \(location.mailURL.path)/<address>/new
        """)
    }
}
