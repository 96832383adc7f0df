/// The login methods and functions of the landing pages (s4, s5): what each console offers in
/// each phase, in the package's order.
public enum LogonOption: String, Sendable, Equatable, CaseIterable {
    case otpOnlineFunctions
    case otpOvernightReports
    case smartcardTerminal
    case otpSecurityManagement
    case smartcardSecurityManagement

    public var usesSmartcard: Bool { self == .smartcardTerminal || self == .smartcardSecurityManagement }

    /// CCASS/CCMS Terminal: Login with OTP for Online Functions and for Overnight Report
    /// Download, and while smartcards are in service Login with Smartcard; DMS: the same for
    /// the Security Management Function.
    public static func offered(on service: ServiceHours.Service, in phase: ServicePhase) -> [LogonOption] {
        var options: [LogonOption] = []
        switch service {
        case .terminal:
            if phase.twoFactorInService { options += [.otpOnlineFunctions, .otpOvernightReports] }
            if phase.smartcardInService { options.append(.smartcardTerminal) }
        case .dms:
            if phase.twoFactorInService { options.append(.otpSecurityManagement) }
            if phase.smartcardInService { options.append(.smartcardSecurityManagement) }
        }
        return options
    }
}
