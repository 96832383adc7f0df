import AuthDomain

/// Labels and messages of the emulated screens. Labels quoted from the reference package are
/// marked (package); the rest are written here to say what happened and what to do next
/// (README lists which is which).
public enum Texts {
    // Titles
    public static let terminalTitle = "CCASS/CCMS Terminal"
    public static let dmsTitle = "DMS - Security Management"
    public static let terminalAddress = "https://www.ccass.com/"                         // package s3.4
    public static let dmsAddress = "https://www.ccass.com/dms"                           // package s3.4

    // Landing options (package s4, s5, Appendix B)
    public static func label(_ option: LogonOption) -> String {
        switch option {
        case .otpOnlineFunctions: "Login with OTP - Online Functions"
        case .otpOvernightReports: "Login with OTP - Overnight Report Download"
        case .smartcardTerminal: "Login with Smartcard - Online Functions and Overnight Report Download"
        case .otpSecurityManagement: "Login with OTP - Security Management Function"
        case .smartcardSecurityManagement: "Login with Smartcard - Security Management Functions"
        }
    }
    public static let selectLogin = "Please select the login method and function:"

    // Connectivity (package s3.3, s3.5, Appendix B)
    public static let ssoAddress = "https://sso.hkexposttrade.com.hk/sso"
    public static let functionNotAvailable = "Function not available"

    /// After a logon during the post-release connectivity test (Appendix B): the terminal shows
    /// "Function not available"; a DMS logon is the test completed, and DAs perform no security
    /// management function during it (s3.5).
    public static func connectivityCompleted(_ session: ConnectivitySession, dms: Bool) -> String {
        let name = session == .primary ? "Session 1" : "Session 2"
        if dms {
            return "The connectivity test of \(name) is completed. Security management functions are not performed during the test; please log out."
        }
        return "\(functionNotAvailable). The connectivity test of \(name) is completed; please log out."
    }

    // Logon (package Appendix C)
    public static let userID = "User ID"
    public static let password = "Password"
    public static let logIn = "LOG IN"
    public static let forgot = "Forgot/Reset your Password"
    public static let changePassword = "Change Password"
    public static let invalidCredentials = "Invalid User ID or Password. Please try again."
    public static let enterPassword = "Please enter your Password."

    /// The locked message (package s4.1.2 shows it as a picture): who unlocks, and HKEX's contacts.
    public static func locked(_ kind: AccountKind? = nil) -> String {
        let who = switch kind {
        case .user?: "Please ask your Delegated Administrator to unlock it (Unlock/ Reset OTP Device Registration in DMS)."
        case .delegatedAdministrator?: "Please ask your company to submit eService DA3 (Unlock DA Account) to HKEX. \(contactHKEX)"
        case nil: "Users: please ask your Delegated Administrator. DAs: please ask your company to submit eService DA3 (Unlock DA Account) to HKEX. \(contactHKEX)"
        }
        return "Your account has been locked after 5 unsuccessful attempts. \(who)"
    }
    /// A disabled account: a user's DA enables it in DMS; a DA is enabled by HKEX, on the
    /// company's eService DA3 request (s4.1.1), as a locked DA is unlocked.
    public static let disabled = "Your account has been disabled. Users: please contact your Delegated Administrator. DAs: please ask your company to submit eService DA3 (Enable) to HKEX. \(contactHKEX)"

    /// Where a message sends someone to HKEX: the hotline, its hours and the email (s7).
    public static let contactHKEX = "Enquiries to \(HKEXContact.sentence())"

    // OTP channel setup (package Appendix C)
    public static let forgeRock = "ForgeRock Authenticator (OATH)"
    public static let registerDevice = "REGISTER DEVICE"
    public static let skipThisStep = "SKIP THIS STEP"
    public static let loginUsingCode = "LOGIN USING VERIFICATION CODE"
    public static let submit = "SUBMIT"
    /// DMS's own button (Appendix A d, Appendix D c b: "click <Submit>").
    public static let dmsSubmit = "Submit"
    public static let submitOTP = "SUBMIT OTP"
    public static let requestNewOTP = "REQUEST A NEW OTP"
    public static let back = "BACK"
    public static let otp = "OTP"
    public static let potentialRisk = "Potential Risk"
    public static let potentialRiskText = "By skipping this step, you will receive the One Time Password (OTP) through your designated email address. Using email will let your account under relatively high security risk and you will not enjoy the self-service password reset function. Do you accept to proceed?"
    public static let accept = "ACCEPT"
    public static let enterOTPOrRequest = "Please Enter Your One Time Password, Or Request A New One"
    public static let getTheApp = "Install \"ForgeRock Authenticator\" from Google Play or Apple's App Store (Client Connect and VaR Online users: use the same app)."
    public static let scanInstructions = "In \"ForgeRock Authenticator\", tap +, then Scan QR Code, and scan this code. Then select LOGIN USING VERIFICATION CODE."
    public static let typeKeyInstructions = "In \"ForgeRock Authenticator\", tap + and enter the key above by hand (or enlarge the window to scan the QR code). Then select LOGIN USING VERIFICATION CODE."
    public static func enterAppOTP(_ digits: Int) -> String { "Enter the \(digits)-digit OTP shown in your authenticator app." }
    public static let oneRegisteredDevice = "Registered device: \(forgeRock)."

    // Reset and change (package Appendix C, Appendix D: Update, Close, AUTHENTICATION SETTINGS,
    // x Delete, Save and the OATH setting; the field labels are ours)
    public static let newPassword = "New Password"
    public static let confirmPassword = "Confirm New Password"
    public static let currentPassword = "Current Password"
    public static let update = "Update"
    public static let close = "Close"
    public static let passwordChanged = "Password changed successfully"
    public static let passwordsDiffer = "The two new passwords are not the same."
    public static let sameAsCurrent = "The new password must differ from the current one."
    public static let authenticationSettings = "AUTHENTICATION SETTINGS"
    public static let deleteDevice = "x Delete"
    public static let settings = "Settings"
    public static let oathSetting = "Multi-factor authentication using OATH enable"
    public static let save = "Save"

    // DMS (package Appendix A, Appendix D c, s4.3; Email Address, Export and Business User
    // Groups are ours)
    public static let maintainUserProfile = "Maintain User Profile"
    public static let createUserProfile = "Create User Profile"
    public static let changeUserProfile = "Change User Profile"
    public static let deleteUserProfile = "Delete User Profile"
    public static let enquireUserProfile = "Enquire User Profile"
    public static let userProfileListing = "User Profile Listing"
    public static let emailAddress = "Email Address"
    public static let checkerID = "Checker ID"
    public static let authorizationCode = "Authorization Code"
    public static let confirm = "Confirm"
    public static let change = "Change"
    public static let delete = "Delete"
    public static let export = "Export"
    public static let unlockResetOTP = "Unlock/ Reset OTP Device Registration"
    public static let businessUserGroups = "Business User Groups"
    public static let locked = "Locked"
    public static let otpEnabled = "OTP Enabled"
    public static let srn = "SRN (for user using smartcard)"
    public static let certificateExpiry = "Certificate Expiry Date"

    // Smartcard (ours: the package shows its logon page only as a picture)
    public static let smartcardPassword = "Smartcard Password"
    public static let logon = "Logon"

    // After logon
    public static let logout = "Logout"
    public static let onlineFunctions = "Online Functions"
    public static let overnightReports = "Overnight Report Download"
    public static let securityManagement = "Security Management Function"
    public static let securityManagementFunctions = "Security Management Functions"
    public static let smartcardFunctions = "Online Functions and Overnight Report Download"
}
