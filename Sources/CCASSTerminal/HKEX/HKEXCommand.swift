import ArgumentParser
import AuthEngine
import Foundation
import SafeIO

/// `ccass-terminal hkex ...`: the exchange operator's console for participants, DAs (eService
/// DA3) and additional user accounts (eService DA4). Every change goes through the engine as
/// HKEX, which keeps the package's rules (processing dates, registered email, minimum DAs).
struct HKEXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hkex",
        abstract: "The HKEX side: participants, delegated administrators (eService DA3) and additional user accounts (eService DA4).",
        subcommands: [HKEXParticipantCommand.self, HKEXDACommand.self, HKEXGrant.self, HKEXFees.self]
    )

    static let actor = Actor.hkex(operatorName: "HKEX")

    /// "HKSCC-CP:B01234" -> (clearing house, participant ID)
    static func participantKey(_ text: String) throws -> (ClearingHouse, String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let house = ClearingHouse(rawValue: parts[0]) else {
            throw CommandFailure("\"\(text)\" is not a participant; write CLEARING-HOUSE:ID, e.g. HKSCC-CP:B01234 (clearing houses: \(ClearingHouse.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return (house, parts[1])
    }

    /// Processes one eService request and prints what HKEX completed.
    static func process(_ request: EServiceRequest, _ store: StoreSettings) throws {
        let result = try store.engine().process(request, by: actor)
        switch result {
        case .daAdded(let userID, let role, let participant):
            try StandardStream.output.line("\(request.form) \(request.typeName): \(role.description) \(userID) added to \(participant); first logon sets up the password and OTP channel; the DA was notified by email")
        case .completed(let userID):
            try StandardStream.output.line("\(request.form) \(request.typeName): \(userID) done; the DA was notified by email")
        case .accountsGranted(let participant, let count, let fee, let maxUsers):
            try StandardStream.output.line("\(request.form): granted \(count) additional user account(s) to \(participant) (MAX. NO. OF USERS now \(maxUsers)); fee HKD \(fee)")
        }
    }
}
