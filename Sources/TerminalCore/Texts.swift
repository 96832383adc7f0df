/// Labels and messages of the emulated screens. The labels are those of the reference
/// package; the messages say what happened and what to do next.
public enum Texts {
    // Titles
    public static let terminalTitle = "CCASS/CCMS Terminal"
    public static let dmsTitle = "DMS - Security Management"
    public static let terminalAddress = "https://www.ccass.com/"
    public static let dmsAddress = "https://www.ccass.com/dms"

    // Landing options
    public static let otpOnline = "Login with OTP - Online Functions"
    public static let otpReports = "Login with OTP - Overnight Report Download"
    public static let smartcardTerminal = "Login with Smartcard - Online Functions and Overnight Report Download"
    public static let otpDMS = "Login with OTP - Security Management Function"
    public static let smartcardDMS = "Login with Smartcard - Security Management Functions"

    /// The heart of the closed-service notice.
    public static let notAvailableNow = "is not available now"

    // Connectivity (s3.3, s3.5, Appendix B)
    public static let ssoAddress = "https://sso.hkexposttrade.com.hk/sso"
    public static let connectivityVerification = "Connectivity verification - \(ssoAddress)"
    public static let functionNotAvailable = "Function not available"

    // Logon
    public static let userID = "User ID"
    public static let password = "Password"
    public static let logIn = "LOG IN"
    public static let forgot = "Forgot/Reset your Password"
    public static let changePassword = "Change Password"
    public static let invalidCredentials = "Invalid User ID or Password. Please try again."
    public static let locked = "Your account has been locked. Please contact your Delegated Administrator (DAs: HKEX, via eService DA3) to unlock it."
    public static let disabled = "Your account has been disabled. Please contact your Delegated Administrator."
    public static let enterUserID = "Please enter your User ID."
    public static let enterPassword = "Please enter your Password."
    public static let notADA = "DMS is for Delegated Administrators only. Please use the CCASS/CCMS Terminal."

    // OTP channel setup (Appendix C)
    public static let forgeRock = "ForgeRock Authenticator (OATH)"
    public static let registerDevice = "REGISTER DEVICE"
    public static let skipThisStep = "SKIP THIS STEP"
    public static let loginUsingCode = "LOGIN USING VERIFICATION CODE"
    public static let submit = "SUBMIT"
    public static let submitOTP = "SUBMIT OTP"
    public static let requestNewOTP = "REQUEST A NEW OTP"
    public static let back = "BACK"
    public static let otp = "OTP"
    public static let potentialRisk = "Potential Risk"
    public static let potentialRiskText = "By skipping this step, you will receive the One Time Password (OTP) through your designated email address. Using email will let your account under relatively high security risk and you will not enjoy the self-service password reset function. Do you accept to proceed?"
    public static let accept = "ACCEPT"
    public static let enterOTPOrRequest = "Please Enter Your One Time Password, Or Request A New One"
    public static let scanInstructions = "In \"ForgeRock Authenticator\" (or any authenticator app), tap +, then Scan QR Code, and scan this code. Then select LOGIN USING VERIFICATION CODE."
    public static let enterAppOTP = "Enter the OTP shown in your authenticator app."

    // OTP refusals, the same wherever a code is entered
    public static func wrongOTP(remaining: Int) -> String {
        "Invalid OTP. \(remaining) more invalid OTP\(remaining == 1 ? "" : "s") will count as a failed logon."
    }
    public static let appOTPShape = "The OTP is the 6 digits your authenticator app shows."
    public static let expiredOTP = "This OTP has expired. Please request a new one."
    public static let usedOTP = "This OTP has already been used. Please use a new one."
    public static let threeWrongOTPs = "Three invalid OTPs count as one failed logon."

    // Reset and change
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

    // DMS (Appendix A, Appendix D c, s4.3)
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

    // Smartcard
    public static let smartcardPassword = "Smartcard Password"
    public static let logon = "Logon"

    // After logon
    public static let logout = "Logout"
    public static let onlineFunctions = "Online Functions"
    public static let overnightReports = "Overnight Report Download"
    public static let securityManagement = "Security Management Function"
    public static let smartcardFunctions = "Online Functions and Overnight Report Download"
}
