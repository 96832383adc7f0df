// Generated from the enum declarations of Sources/AuthDomain by `make generated`
// (Tools/CoverageCases): do not edit. CoverageCatalogueTests fails when it is stale.
// Each type's `Case` lists its cases for `scenario --coverage`; the switch maps a value to one.

extension LogonOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case setUpOTPChannel, enterAppOTP, enterEmailOTP, passwordExpired, locked, disabled, invalid
    }
    public var coverageCase: Case {
        switch self {
        case .setUpOTPChannel: .setUpOTPChannel
        case .enterAppOTP: .enterAppOTP
        case .enterEmailOTP: .enterEmailOTP
        case .passwordExpired: .passwordExpired
        case .locked: .locked
        case .disabled: .disabled
        case .invalid: .invalid
        }
    }
}

extension EmailOTPRequestOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case sent, throttled
    }
    public var coverageCase: Case {
        switch self {
        case .sent: .sent
        case .throttled: .throttled
        }
    }
}

extension CodeOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case accepted, wrong, expired, replayed, malformed, countedAsFailedLogon, locked
    }
    public var coverageCase: Case {
        switch self {
        case .accepted: .accepted
        case .wrong: .wrong
        case .expired: .expired
        case .replayed: .replayed
        case .malformed: .malformed
        case .countedAsFailedLogon: .countedAsFailedLogon
        case .locked: .locked
        }
    }
}

extension OTPNext: CoverageCases {
    public enum Case: String, CaseIterable {
        case loggedOn, choosePassword, authenticationSettings, refused
    }
    public var coverageCase: Case {
        switch self {
        case .loggedOn: .loggedOn
        case .choosePassword: .choosePassword
        case .authenticationSettings: .authenticationSettings
        case .refused: .refused
        }
    }
}

extension LogonStep: CoverageCases {
    public enum Case: String, CaseIterable {
        case loggedOn, refused
    }
    public var coverageCase: Case {
        switch self {
        case .loggedOn: .loggedOn
        case .refused: .refused
        }
    }
}

extension ResetStep: CoverageCases {
    public enum Case: String, CaseIterable {
        case choosePassword
    }
    public var coverageCase: Case {
        switch self {
        case .choosePassword: .choosePassword
        }
    }
}

extension SettingsStep: CoverageCases {
    public enum Case: String, CaseIterable {
        case authenticationSettings
    }
    public var coverageCase: Case {
        switch self {
        case .authenticationSettings: .authenticationSettings
        }
    }
}

extension ResetStart: CoverageCases {
    public enum Case: String, CaseIterable {
        case emailOTPSent, enterAppOTP, askDelegatedAdministrator, noEmailRegistered, locked, disabled
    }
    public var coverageCase: Case {
        switch self {
        case .emailOTPSent: .emailOTPSent
        case .enterAppOTP: .enterAppOTP
        case .askDelegatedAdministrator: .askDelegatedAdministrator
        case .noEmailRegistered: .noEmailRegistered
        case .locked: .locked
        case .disabled: .disabled
        }
    }
}

extension PasswordChangeOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case changed, mismatch, rejected, sameAsCurrent, invalidCredentials, locked, disabled
    }
    public var coverageCase: Case {
        switch self {
        case .changed: .changed
        case .mismatch: .mismatch
        case .rejected: .rejected
        case .sameAsCurrent: .sameAsCurrent
        case .invalidCredentials: .invalidCredentials
        case .locked: .locked
        case .disabled: .disabled
        }
    }
}

extension ExpiredPasswordChange: CoverageCases {
    public enum Case: String, CaseIterable {
        case notChanged, changed
    }
    public var coverageCase: Case {
        switch self {
        case .notChanged: .notChanged
        case .changed: .changed
        }
    }
}

extension SettingsStart: CoverageCases {
    public enum Case: String, CaseIterable {
        case enterAppOTP, askDelegatedAdministrator, invalid, locked, disabled
    }
    public var coverageCase: Case {
        switch self {
        case .enterAppOTP: .enterAppOTP
        case .askDelegatedAdministrator: .askDelegatedAdministrator
        case .invalid: .invalid
        case .locked: .locked
        case .disabled: .disabled
        }
    }
}

extension SettingsChange: CoverageCases {
    public enum Case: String, CaseIterable {
        case deviceDeleted, oathDisabled
    }
    public var coverageCase: Case {
        switch self {
        case .deviceDeleted: .deviceDeleted
        case .oathDisabled: .oathDisabled
        }
    }
}

extension SmartcardOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case loggedOn, refused, invalid, locked, disabled
    }
    public var coverageCase: Case {
        switch self {
        case .loggedOn: .loggedOn
        case .refused: .refused
        case .invalid: .invalid
        case .locked: .locked
        case .disabled: .disabled
        }
    }
}

extension AuthorisationOutcome: CoverageCases {
    public enum Case: String, CaseIterable {
        case applied, refused
    }
    public var coverageCase: Case {
        switch self {
        case .applied: .applied
        case .refused: .refused
        }
    }
}

extension AuthorisationRefusal: CoverageCases {
    public enum Case: String, CaseIterable {
        case invalidCheckerCredentials, changeWithdrawn, checkerSuspended, notPermitted, noLongerValid
    }
    public var coverageCase: Case {
        switch self {
        case .invalidCheckerCredentials: .invalidCheckerCredentials
        case .changeWithdrawn: .changeWithdrawn
        case .checkerSuspended: .checkerSuspended
        case .notPermitted: .notPermitted
        case .noLongerValid: .noLongerValid
        }
    }
}

extension EngineError: CoverageCases {
    public enum Case: String, CaseIterable {
        case sessionEnded, wrongStep, unavailable, notPermitted, unknownParticipant, unknownAccount, duplicateAccount,
             duplicateParticipant, quotaReached, noFreeDAUserID, invalidUserID, invalidParticipantID, invalidEmail,
             invalidCount, maxUsersBelowInUse, noEmailRegistered, emailMismatch, nothingToChange, storeFailure
    }
    public var coverageCase: Case {
        switch self {
        case .sessionEnded: .sessionEnded
        case .wrongStep: .wrongStep
        case .unavailable: .unavailable
        case .notPermitted: .notPermitted
        case .unknownParticipant: .unknownParticipant
        case .unknownAccount: .unknownAccount
        case .duplicateAccount: .duplicateAccount
        case .duplicateParticipant: .duplicateParticipant
        case .quotaReached: .quotaReached
        case .noFreeDAUserID: .noFreeDAUserID
        case .invalidUserID: .invalidUserID
        case .invalidParticipantID: .invalidParticipantID
        case .invalidEmail: .invalidEmail
        case .invalidCount: .invalidCount
        case .maxUsersBelowInUse: .maxUsersBelowInUse
        case .noEmailRegistered: .noEmailRegistered
        case .emailMismatch: .emailMismatch
        case .nothingToChange: .nothingToChange
        case .storeFailure: .storeFailure
        }
    }
}

extension FlowStep: CoverageCases {
    public enum Case: String, CaseIterable {
        case noOTPExpected, noEmailCodeExpected, channelAlreadySetUp, otpNotYetAccepted, passwordNotExpired,
             settingsNotOpen
    }
    public var coverageCase: Case {
        switch self {
        case .noOTPExpected: .noOTPExpected
        case .noEmailCodeExpected: .noEmailCodeExpected
        case .channelAlreadySetUp: .channelAlreadySetUp
        case .otpNotYetAccepted: .otpNotYetAccepted
        case .passwordNotExpired: .passwordNotExpired
        case .settingsNotOpen: .settingsNotOpen
        }
    }
}

extension Unavailability: CoverageCases {
    public enum Case: String, CaseIterable {
        case closed, twoFactorNotLaunched, smartcardDecommissioned, createUserBeforeLaunch, eServiceNotYetProcessed,
             duringConnectivityTest, businessGroupsBeforeDecommissioning
    }
    public var coverageCase: Case {
        switch self {
        case .closed: .closed
        case .twoFactorNotLaunched: .twoFactorNotLaunched
        case .smartcardDecommissioned: .smartcardDecommissioned
        case .createUserBeforeLaunch: .createUserBeforeLaunch
        case .eServiceNotYetProcessed: .eServiceNotYetProcessed
        case .duringConnectivityTest: .duringConnectivityTest
        case .businessGroupsBeforeDecommissioning: .businessGroupsBeforeDecommissioning
        }
    }
}

extension Refusal: CoverageCases {
    public enum Case: String, CaseIterable {
        case notLoggedOn, notADelegatedAdministrator, notAMaker, notAChecker, otherParticipant, ownRequest,
             concernsChecker, daProfileThroughEServiceDA3, belowMinimumDAs, hkexOnly, locked, disabled
    }
    public var coverageCase: Case {
        switch self {
        case .notLoggedOn: .notLoggedOn
        case .notADelegatedAdministrator: .notADelegatedAdministrator
        case .notAMaker: .notAMaker
        case .notAChecker: .notAChecker
        case .otherParticipant: .otherParticipant
        case .ownRequest: .ownRequest
        case .concernsChecker: .concernsChecker
        case .daProfileThroughEServiceDA3: .daProfileThroughEServiceDA3
        case .belowMinimumDAs: .belowMinimumDAs
        case .hkexOnly: .hkexOnly
        case .locked: .locked
        case .disabled: .disabled
        }
    }
}

extension StoreFault: CoverageCases {
    public enum Case: String, CaseIterable {
        case diskFull, readOnly, ioError, cannotOpen, busy, damaged, replaced, other
    }
    public var coverageCase: Case {
        switch self {
        case .diskFull: .diskFull
        case .readOnly: .readOnly
        case .ioError: .ioError
        case .cannotOpen: .cannotOpen
        case .busy: .busy
        case .damaged: .damaged
        case .replaced: .replaced
        case .other: .other
        }
    }
}
