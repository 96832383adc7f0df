import ArgumentParser
import AuthEngine
import Foundation

/// `ccass-terminal hkex ...`: the exchange operator's console for participants, DAs (eService
/// DA3) and additional user accounts (eService DA4).
struct HKEXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hkex",
        abstract: "The HKEX side: participants, delegated administrators (eService DA3) and additional user accounts (eService DA4).",
        subcommands: [Participants.self, DelegatedAdministrators.self, Grant.self, Fees.self]
    )

    /// "HKSCC-CP:B01234" -> (clearing house, participant ID)
    static func participantKey(_ text: String) throws -> (ClearingHouse, String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let house = ClearingHouse(rawValue: parts[0]) else {
            throw ValidationError("\"\(text)\" is not a participant; write CLEARING-HOUSE:ID, e.g. HKSCC-CP:B01234 (clearing houses: \(ClearingHouse.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return (house, parts[1])
    }

    static let actor = "HKEX"

    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "participant", abstract: "Create, list and size participants.",
                                                        subcommands: [Add.self, List.self, SetMax.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a participant of a clearing house.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "CLEARING-HOUSE:ID, e.g. HKSCC-CP:B05678, HKSCC-DB:BNK123, HKCC:XYZ, SEOCH:XYZ") var participant: String
            @Option(help: "The participant's name.") var name: String
            @Option(help: "MAX NO. OF USERS.") var maxUsers: Int

            func run() throws {
                reportingErrors {
                    let (house, id) = try HKEXCommand.participantKey(participant)
                    let engine = try store.engine()
                    try engine.createParticipant(Participant(clearingHouse: house, participantID: id, name: name, maxUsers: maxUsers),
                                                 actor: HKEXCommand.actor)
                    print("Created \(house.rawValue):\(id) (\(house.title)), MAX NO. OF USERS \(maxUsers)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the participants with their user accounts in use.")
            @OptionGroup var store: StoreOptions

            func run() throws {
                reportingErrors {
                    let engine = try store.engine()
                    let accounts = try engine.accounts()
                    var table = TextTable(header: ["PARTICIPANT", "CLEARING HOUSE", "NAME", "MAX", "USED", "DAS"])
                    for p in try engine.participants() {
                        let mine = accounts.filter { $0.participantKey == p.key }
                        table.rows.append([p.key, p.clearingHouse.title, p.name, "\(p.maxUsers)", "\(mine.count)",
                                           "\(mine.filter { $0.kind == .delegatedAdministrator }.count)"])
                    }
                    print(table.render())
                }
            }
        }

        struct SetMax: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set-max", abstract: "Set MAX NO. OF USERS (never below the accounts in use).")
            @OptionGroup var store: StoreOptions
            @Argument var participant: String
            @Argument var maxUsers: Int

            func run() throws {
                reportingErrors {
                    let (house, id) = try HKEXCommand.participantKey(participant)
                    try store.engine().setMaxUsers(clearingHouse: house, participantID: id, maxUsers: maxUsers, actor: HKEXCommand.actor)
                    print("\(participant): MAX NO. OF USERS \(maxUsers)")
                }
            }
        }
    }

    struct DelegatedAdministrators: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "da", abstract: "eService DA3: add, unlock, enable, disable, delete a DA, or reset its password and OTP registration.",
            subcommands: [Add.self, Action.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a DA; HKEX assigns the user ID in the participant's DA format.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "CLEARING-HOUSE:ID") var participant: String
            @Option(help: "The DA's registered email address.") var email: String
            @Option(help: "A particular DA user ID (default: the first free one).") var userID: String?
            @Flag(help: "DA maker.") var maker = false
            @Flag(help: "DA checker.") var checker = false

            func validate() throws {
                if !maker && !checker { throw ValidationError("a DA is a maker, a checker or both: give --maker and/or --checker") }
            }

            func run() throws {
                reportingErrors {
                    let (house, id) = try HKEXCommand.participantKey(participant)
                    let engine = try store.engine()
                    let assigned = try userID ?? engine.nextDAUserID(clearingHouse: house, participantID: id)
                    let account = try engine.createAccount(userID: assigned, clearingHouse: house, participantID: id, kind: .delegatedAdministrator,
                                                           isMaker: maker, isChecker: checker, email: email, actor: HKEXCommand.actor)
                    print("Added \(account.roleDescription) \(account.userID) to \(account.participantKey); first logon sets up the password and OTP channel")
                }
            }
        }

        struct Action: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "do", abstract: "unlock | enable | disable | delete | reset a DA (reset: password and OTP registration, next logon is a first-time logon).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "unlock, enable, disable, delete or reset") var action: String
            @Argument(help: "The DA's user ID.") var userID: String

            func validate() throws {
                guard ["unlock", "enable", "disable", "delete", "reset"].contains(action) else {
                    throw ValidationError("unknown action \"\(action)\"; use unlock, enable, disable, delete or reset")
                }
            }

            func run() throws {
                reportingErrors {
                    let engine = try store.engine()
                    guard let account = try engine.account(userID) else { throw EngineError.unknownAccount(AuthEngine.normalise(userID)) }
                    guard account.kind == .delegatedAdministrator else {
                        throw EngineError.invalid("\(account.userID) is a user, not a DA; users are maintained by their DAs in DMS")
                    }
                    switch action {
                    case "unlock": try engine.unlock(userID: account.userID, actor: HKEXCommand.actor)
                    case "enable": try engine.setDisabled(userID: account.userID, false, actor: HKEXCommand.actor)
                    case "disable": try engine.setDisabled(userID: account.userID, true, actor: HKEXCommand.actor)
                    case "delete": try engine.deleteAccount(userID: account.userID, actor: HKEXCommand.actor)
                    default: try engine.resetOTPRegistration(userID: account.userID, actor: HKEXCommand.actor)
                    }
                    print("\(action): \(account.userID) done")
                }
            }
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "eService DA4: grant additional user accounts (one-off fee HKD 250 each).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "CLEARING-HOUSE:ID") var participant: String
        @Argument(help: "How many additional user accounts.") var accounts: Int

        func run() throws {
            reportingErrors {
                let (house, id) = try HKEXCommand.participantKey(participant)
                let fee = try store.engine().grantAccounts(clearingHouse: house, participantID: id, count: accounts, actor: HKEXCommand.actor)
                print("Granted \(fee.accounts) additional user account(s) to \(fee.participant); fee HKD \(fee.amountHKD)")
            }
        }
    }

    struct Fees: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the fee ledger of eService DA4.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            reportingErrors {
                let ledger = try store.engine().feeLedger()
                var table = TextTable(header: ["DATE", "PARTICIPANT", "ACCOUNTS", "FEE (HKD)"])
                for fee in ledger { table.rows.append([HongKongTime.format(fee.at), fee.participant, "\(fee.accounts)", "\(fee.amountHKD)"]) }
                table.rows.append(["TOTAL", "", "\(ledger.reduce(0) { $0 + $1.accounts })", "\(ledger.reduce(0) { $0 + $1.amountHKD })"])
                print(table.render())
            }
        }
    }
}
