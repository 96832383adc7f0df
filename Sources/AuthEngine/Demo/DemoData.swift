import CCASSResources
import Foundation
import Synchronization

/// The training data set of Resources/demo/demo.json: participants of each clearing house,
/// DAs, and users in every state, built through the store like real data.
public struct DemoData: Sendable, Decodable {
    public struct DemoParticipant: Sendable, Decodable {
        var clearingHouse: ClearingHouse
        var participantID: String
        var name: String
        var maxUsers: Int
    }

    public struct DemoAccount: Sendable, Decodable {
        public var userID: String
        /// CLEARINGHOUSE:ID, e.g. HKSCC-CP:B01234
        public var participant: String
        public var kind: AccountKind
        var maker: Bool?
        var checker: Bool?
        public var email: String?
        /// The state the account is set up in (the names `users` and DMS use).
        public var state: AccountState
        var smartcard: Bool?
        public var locked: Bool?
        public var disabled: Bool?
        var passwordAgeDays: Int?
        /// Made by a DA after the launch of 2FA (Create User Profile starts then): no such account before.
        var createdAfterLaunch: Bool?
        public var demonstrates: String

        /// The account as it was before the launch of 2FA (12 June 2023): every account logged on
        /// by smartcard, none had a 2FA password or OTP channel yet (an email registered is what
        /// lets it start 2FA later); nil for one made after the launch.
        var beforeLaunch: DemoAccount? {
            guard createdAfterLaunch != true else { return nil }
            var account = self
            account.state = email == nil ? .smartcardOnly : .notInitialised
            account.smartcard = true
            account.passwordAgeDays = nil
            account.demonstrates = "Before the launch: smartcard logon\(email == nil ? "" : ", 2FA to set up from 12 June 2023") (then: \(demonstrates))"
            return account
        }
    }

    public var password: String
    public var smartcardPassword: String
    var participants: [DemoParticipant]
    public var accounts: [DemoAccount]

    public static func shipped() throws -> DemoData {
        try JSONDecoder().decode(DemoData.self, from: ResourceFiles.data("demo/demo.json"))
    }

    /// One demo account that uses the authenticator app, with its enrolment URI.
    public struct Enrolment: Sendable {
        public var userID: String
        public var uri: OTPAuthURI
    }

    /// The accounts as demo data made in a phase has them: before the launch, the accounts that
    /// day had (`DemoAccount.beforeLaunch`).
    public func accounts(in phase: ServicePhase) -> [DemoAccount] {
        phase == .smartcardOnly ? accounts.compactMap(\.beforeLaunch) : accounts
    }

    /// Creates or refreshes the demo participants and accounts in the engine's store; other
    /// data is left alone. Returns the app enrolments so a trainer's phone can learn them.
    @discardableResult
    public func install(into engine: AuthEngine) throws -> [Enrolment] {
        let now = engine.clock.now()
        let accounts = accounts(in: engine.phase)
        let hasher = engine.configuration.hasher
        // Hash every password up front and in parallel: the KDF is the slow part.
        let secrets = accounts.flatMap { account -> [String] in
            var needed: [String] = []
            if [.passwordSet, .app, .email].contains(account.state) { needed.append("\(account.userID)/password") }
            if account.smartcard == true { needed.append("\(account.userID)/smartcard") }
            return needed
        }
        let hashes = try Self.parallelHashes(secrets.map { $0.hasSuffix("/password") ? password : smartcardPassword }, hasher: hasher)
        let hashOf = Dictionary(uniqueKeysWithValues: zip(secrets, hashes))
        var enrolments: [Enrolment] = []
        try engine.store.write { tx in
            for p in participants {
                let participant = Participant(clearingHouse: p.clearingHouse, participantID: p.participantID, name: p.name, maxUsers: p.maxUsers)
                if try tx.participant(p.clearingHouse, p.participantID) == nil {
                    try tx.insert(participant)
                } else {
                    try tx.save(participant)
                }
            }
            for (index, demo) in accounts.enumerated() {
                let key = demo.participant.split(separator: ":", maxSplits: 1).map(String.init)
                guard key.count == 2, let house = ClearingHouse(rawValue: key[0]),
                      let participant = try tx.participant(house, key[1])
                else { throw EngineError.unknownParticipant(demo.participant) }
                try UserIDFormat.validate(demo.userID, role: demo.kind == .user ? .user : .delegatedAdministrator, participant: participant)
                if let old = try tx.account(demo.userID) { try tx.delete(old) }
                var account = Account(userID: demo.userID, participant: participant, kind: demo.kind,
                                      isMaker: demo.maker ?? false, isChecker: demo.checker ?? false,
                                      email: demo.email, createdAt: now)
                if demo.smartcard == true {
                    account.smartcardSRN = String(format: "0101101200%03dAB2", index + 1)
                    account.certificateExpiry = HongKongTime.date(2030, 12, 31, 23, 59).addingTimeInterval(59)
                    account.smartcardPasswordHash = hashOf["\(demo.userID)/smartcard"]?.encoded
                }
                if let hash = hashOf["\(demo.userID)/password"] {
                    account.passwordHash = hash.encoded
                    account.passwordChangedAt = now.addingTimeInterval(-Double(demo.passwordAgeDays ?? 7) * 86_400)
                }
                switch demo.state {
                case .app:
                    let seed = try engine.configuration.random.bytes(20)
                    account.otpChannel = .app
                    account.sealedSeed = try tx.seal(seed: seed, for: demo.userID)
                    enrolments.append(Enrolment(userID: demo.userID, uri: OTPAuthURI(issuer: engine.configuration.issuer, account: demo.userID, secret: seed)))
                case .email:
                    account.otpChannel = .email
                    account.riskAcceptedAt = now.addingTimeInterval(-7 * 86_400)
                case .smartcardOnly, .notInitialised, .passwordSet:
                    break
                }
                if demo.locked == true {
                    account.locked = true
                    account.lockedAt = now.addingTimeInterval(-3600)
                    account.failedLogons = (1...5).map { now.addingTimeInterval(-3600 - Double(60 * (5 - $0))) }
                }
                account.disabled = demo.disabled ?? false
                try tx.deleteEmailCodes(of: demo.userID)
                try tx.insert(account)
                try tx.audit(.accountCreated, userID: demo.userID, at: now, terminal: engine.configuration.terminal, "demo data: \(demo.state.rawValue)")
            }
        }
        return enrolments
    }

    static func parallelHashes(_ passwords: [String], hasher: PasswordHasher) throws -> [PasswordHash] {
        // Each iteration writes its own slot, and concurrentPerform returns after all of them:
        // no lock is needed (a Synchronization.Mutex here was a race to ThreadSanitizer, which
        // does not see inside that module's atomics).
        let results = UnsafeMutableBufferPointer<PasswordHash?>.allocate(capacity: passwords.count)
        results.initialize(repeating: nil)
        defer {
            // Deinitialized before it is freed: the hashes hold arrays of their own (LeakSanitizer).
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: passwords.count) { index in
            slots[index] = try? hasher.hash(passwords[index])
        }
        return try results.map { hash in
            guard let hash else { throw SecureRandom.Failure() }
            return hash
        }
    }
}
