import Foundation

/// Why an engine operation did not happen. Callers switch on the case; the description is the
/// one line a person reads (a screen shows it, a command prints it) and is never compared.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flow or logon session has ended (finished, timed out, or never existed here).
    case sessionEnded
    /// The flow is not at a step that takes this call.
    case wrongStep(FlowStep)
    /// Not available at this moment of the rollout, or during the connectivity test.
    case unavailable(Unavailability)
    /// The actor may not do this.
    case notPermitted(Refusal)
    case unknownParticipant(String)
    case unknownAccount(String)
    case duplicateAccount(String)
    case duplicateParticipant(String)
    case quotaReached(participant: String, max: Int)
    case noFreeDAUserID(participant: String)
    /// The format's own explanation (UserIDFormat).
    case invalidUserID(String)
    case invalidParticipantID(String)
    case invalidEmail(String)
    case invalidCount(what: String, minimum: Int)
    case maxUsersBelowInUse(participant: String, requested: Int, inUse: Int)
    case noEmailRegistered(String)
    /// eService DA3: the registered email given with the request is not the DA's.
    case emailMismatch(userID: String)
    case nothingToChange
    /// The store or a file could not be read or written; nothing was changed.
    case storeFailure(StoreFault)

    public var description: String {
        switch self {
        case .sessionEnded: return "This session has ended. Please log in again."
        case .wrongStep(let step): return "That step is not expected now (\(step.description))."
        case .unavailable(let why): return why.description
        case .notPermitted(let why): return why.description
        case .unknownParticipant(let id): return "There is no participant \(id)."
        case .unknownAccount(let id): return "There is no user profile \(id)."
        case .duplicateAccount(let id): return "User ID \(id) is already in use."
        case .duplicateParticipant(let id): return "Participant \(id) already exists."
        case .quotaReached(let participant, let max):
            return "Participant \(participant) has no spare user account (MAX. NO. OF USERS: \(max)); HKEX grants more through eService DA4."
        case .noFreeDAUserID(let participant): return "Participant \(participant) has no free DA user ID left."
        case .invalidUserID(let why): return why
        case .invalidParticipantID(let why): return why
        case .invalidEmail(let email): return "\"\(email)\" is not an email address (name@company.com, letters, digits and . _ % + - only)."
        case .invalidCount(let what, let minimum): return "\(what) must be at least \(minimum)."
        case .maxUsersBelowInUse(let participant, let requested, let inUse):
            return "MAX. NO. OF USERS of \(participant) cannot be \(requested): \(inUse) user accounts are in use."
        case .noEmailRegistered(let id): return "No email address is registered for \(id)."
        case .emailMismatch(let id): return "The email address given is not the one registered for \(id); the request was not processed."
        case .nothingToChange: return "Nothing to change."
        case .storeFailure(let fault):
            switch fault {
            // Trying again helps with a full disk or a busy store, not with a damaged one.
            case .damaged: return "The request could not be completed: \(fault). Nothing was changed; please tell HKEX."
            // A failed sync comes after the write: the change may be on the disk all the same.
            case .ioError: return "The request could not be completed: \(fault). It may or may not have been recorded; please try again."
            default: return "The request could not be completed: \(fault). Nothing was changed; please try again."
            }
        }
    }
}

/// The steps of a flow a call can be out of place at.
public enum FlowStep: Sendable, Equatable, CustomStringConvertible {
    case noOTPExpected
    case noEmailCodeExpected
    case channelAlreadySetUp
    case otpNotYetAccepted
    case passwordNotExpired
    case settingsNotOpen

    public var description: String {
        switch self {
        case .noOTPExpected: "no one-time password is expected"
        case .noEmailCodeExpected: "no email code is expected"
        case .channelAlreadySetUp: "the OTP channel is already set up"
        case .otpNotYetAccepted: "the one-time password has not been accepted yet"
        case .passwordNotExpired: "the password has not expired"
        case .settingsNotOpen: "authentication settings are not open"
        }
    }
}

/// What is not available yet, no longer, or not during the connectivity test (s3.5, s4, s5).
public enum Unavailability: Sendable, Equatable, CustomStringConvertible {
    /// Outside the operating hours (s4 footnote 1) or the connectivity test's window.
    case closed(ServiceHours.Service, holiday: String?, opensAt: Date?)
    /// Login with OTP before the launch of 2FA.
    case twoFactorNotLaunched
    case smartcardDecommissioned
    /// Create User Profile for new users starts with the launch of 2FA (s4.2.1).
    case createUserBeforeLaunch
    /// HKEX processes the new eService DA3 request types and DA4 from this day (s4.1.1, s4.3.1).
    case eServiceNotYetProcessed(from: Date)
    /// No DA unlock, password reset or security management change during the post-release
    /// connectivity test (s3.5, Appendix B).
    case duringConnectivityTest
    case businessGroupsBeforeDecommissioning

    public var description: String {
        switch self {
        case .closed(let service, let holiday, let opensAt):
            ServiceHours.closedNotice(service, holiday: holiday, opensAt: opensAt)
        case .twoFactorNotLaunched: "Login with OTP is available from the launch of 2FA on 12 June 2023."
        case .smartcardDecommissioned: "Smartcard logon was decommissioned on 4 September 2023."
        case .createUserBeforeLaunch: "Create User Profile for new users is available from the launch of 2FA on 12 June 2023."
        case .eServiceNotYetProcessed(let from):
            "HKEX processes this eService request type from \(HongKongTime.formatDay(from)) onwards."
        case .duringConnectivityTest:
            "Not available during the post-release connectivity test: no account unlock, password reset or security management change."
        case .businessGroupsBeforeDecommissioning:
            "Business user groups are assigned in DMS from the decommissioning of smartcards on 4 September 2023."
        }
    }
}

/// The CCASS/CCMS Terminal's address (s3.4), where users log on.
let ccassAddress = "https://www.ccass.com/"

/// Who may do what (s3.1, s4.1, s4.3, s5.1): the actor is not the one for this.
public enum Refusal: Sendable, Equatable, CustomStringConvertible {
    /// No live DMS logon behind the request.
    case notLoggedOn
    case notADelegatedAdministrator(String)
    case notAMaker(String)
    case notAChecker(userID: String, participant: String)
    /// The profile belongs to another participant than the DA's.
    case otherParticipant(userID: String, participant: String)
    /// A checker cannot authorise a request they made.
    case ownRequest
    /// A checker cannot authorise a request that concerns themselves (s5.1).
    case concernsChecker
    /// Before decommissioning, a DA's email, Unlock/ Reset OTP Device Registration and deletion
    /// go to HKEX through eService DA3 (s3.1, s4.1.1, s4.1.2).
    case daProfileThroughEServiceDA3(String, ClearingHouse)
    /// The change would leave the participant below 1 DA maker and 2 DA checkers (s5.1).
    case belowMinimumDAs(participant: String, makers: Int, checkers: Int)
    /// eService requests are processed by HKEX, not through a DMS logon.
    case hkexOnly
    case locked(String)
    case disabled(String)

    public var description: String {
        switch self {
        case .notLoggedOn: "You are not logged on to DMS."
        case .notADelegatedAdministrator(let id): "\(id) is not a Delegated Administrator: DMS is for DAs. Users log on at \(ccassAddress)."
        case .notAMaker(let id): "\(id) is not a DA maker; a DA maker submits changes."
        case .notAChecker(let id, let participant): "\(id) is not a DA checker of \(participant)."
        case .otherParticipant(let id, let participant): "\(id) is not a user profile of your participant (\(participant))."
        case .ownRequest: "A checker cannot authorize their own request: another DA checker enters their Checker ID and Authorization Code."
        case .concernsChecker: "A checker cannot authorize a request about themselves: another DA checker enters their Checker ID and Authorization Code."
        case .daProfileThroughEServiceDA3(let id, let house):
            "\(id) is a DA: its email, Unlock/ Reset OTP Device Registration and deletion go to HKEX through eService DA3 in Client Connect. Enquiries to \(HKEXContact.sentence(for: house))"
        case .belowMinimumDAs(let participant, let makers, let checkers):
            "Refused: \(participant) must keep at least 1 DA maker and 2 DA checkers (it would have \(makers) and \(checkers))."
        case .hkexOnly: "eService requests are processed by HKEX."
        case .locked(let id): "The account \(id) is locked."
        case .disabled(let id): "The account \(id) is disabled."
        }
    }
}

/// Why the store or one of its files could not be read or written, in the operator's words.
public enum StoreFault: Equatable, Sendable, CustomStringConvertible {
    /// No space left (a full disk, a quota, a file size limit).
    case diskFull
    /// The store or its folder cannot be written.
    case readOnly
    /// The disk reported an error reading or writing.
    case ioError
    /// A file of the store (its journal, its shared memory) could not be opened.
    case cannotOpen
    /// Another session holds the store longer than the wait allows.
    case busy
    /// The database is damaged; the column holding a value this program cannot read, if known.
    case damaged(column: String?)
    /// The store's file was replaced or removed while it was open: nothing more is written to it.
    case replaced
    /// Anything else, with its detail (a file that could not be written, named).
    case other(String)

    public var description: String {
        switch self {
        case .diskFull: return "the disk holding the store is full"
        case .readOnly: return "the store is read-only"
        case .ioError: return "the disk reported an error reading or writing the store"
        case .cannotOpen: return "a file of the store could not be opened"
        case .busy: return "the store is busy in another session"
        case .damaged(let column?): return "the store is damaged: its \(column) column holds a value this program cannot read"
        case .damaged(nil): return "the store is damaged"
        case .replaced: return "the store's file was replaced or removed while this session had it open; nothing more was written to it"
        case .other(let detail): return detail
        }
    }
}
