import AuthDomain
import Foundation
@testable import TerminalCore
import XCTest

// Every transition of the state machine, asserting the whole resulting state: the expected
// state is the previous one with exactly the changes the transition should make (Driver's
// `key`, `keys`, `typing`, `event` and `reply`), and the effects are exactly those listed.

private let s = Fixtures.session
private let appPrompt = Fixtures.appPrompt
private let verifyingPassword = "Verifying your User ID and Password..."
private let verifyingOTP = "Verifying your OTP..."
private let sentNotice = "An OTP has been sent to f*********n@demo-securities.example. It is valid for 5 minutes."
private let lockedText = Texts.locked()
private let newPassword = "Brand-New#Pass2023"
private let currentPassword = "Training#2023Pass"

/// The code step of REGISTER DEVICE, spelt out.
private func codeForm(digits: Int) -> Form {
    Form([.field(TextField(.otp, kind: .digits(max: digits))), .button(id: "submit", label: Texts.submit),
          .button(id: "back", label: Texts.back)], submit: "submit")
}

final class LandingAndLogonUpdateTests: XCTestCase {
    func testLandingOffersTheOptionsOfTheConsoleAndPhase() {
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .smartcardOnly).options, [.smartcardTerminal])
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .transition).options, [.otpOnlineFunctions, .otpOvernightReports, .smartcardTerminal])
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .twoFactorOnly).options, [.otpOnlineFunctions, .otpOvernightReports])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .smartcardOnly).options, [.smartcardSecurityManagement])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .transition).options, [.otpSecurityManagement, .smartcardSecurityManagement])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .twoFactorOnly).options, [.otpSecurityManagement])
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .transition).options.map(Texts.label), [
            "Login with OTP - Online Functions",
            "Login with OTP - Overnight Report Download",
            "Login with Smartcard - Online Functions and Overnight Report Download",
        ])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .transition).options.map(Texts.label), [
            "Login with OTP - Security Management Function",
            "Login with Smartcard - Security Management Functions",
        ])
    }

    func testLandingMovesFocusAndOpensTheChosenFunction() {
        var d = Driver()
        let landing = LandingScreen(console: .terminal, phase: .transition)
        XCTAssertEqual(d.state.screen, landing.any)
        d.key(.down) { $0.modifyScreen(LandingScreen.self) { $0.focus = 1 } }
        d.keys(.backTab, .backTab) { $0.modifyScreen(LandingScreen.self) { $0.focus = 2 } }
        d.key(.right, "wraps") { $0.modifyScreen(LandingScreen.self) { $0.focus = 0 } }
        d.key(.up) { $0.modifyScreen(LandingScreen.self) { $0.focus = 2 } }
        d.key(.enter) { $0.expectScreen(SmartcardScreen(function: .smartcardTerminal, console: .terminal)) }
        d.key(.escape) { $0.expectScreen(landing) }
        d.key(.character("2")) { $0.expectScreen(LogonScreen(function: .overnightReports)) }
        d.key(.escape) { $0.expectScreen(landing) }
        d.key(.character("1")) { $0.expectScreen(LogonScreen(function: .onlineFunctions)) }
        d.key(.escape) { $0.expectScreen(landing) }
        d.key(.character("9")) { $0.message = .error("Choose 1 to 3.") }
        d.key(.character("0"), "0 is no option either")
        d.key(.escape) { $0.message = .info("Press Ctrl-C to leave the terminal.") }
        d.key(.character("x"), "not a key of the landing page")
        XCTAssertEqual(d.effects, [])
    }

    func testVOpensTheConnectivityVerificationWithoutLogon() {
        var d = Driver()
        let landing = LandingScreen(console: .terminal, phase: .transition)
        d.key(.character("v"), "the SSO page, no logon") { $0.expectScreen(ConnectivityCheckScreen()) }
        d.key(.tab, "one button")
        d.key(.enter) {
            $0.expectScreen(landing)
            $0.message = .info("Connectivity verified. The window was closed without logging on.")
        }
        d.key(.character("V"), "either case") {
            $0.expectScreen(ConnectivityCheckScreen())
            $0.message = nil
        }
        d.key(.escape) {
            $0.expectScreen(landing)
            $0.message = .info("Connectivity verified. The window was closed without logging on.")
        }
        XCTAssertEqual(d.effects, [])
    }

    func testDMSLandingOpensSecurityManagement() {
        var d = Driver(Fixtures.state(.dms))
        d.key(.character("1")) { $0.expectScreen(LogonScreen(function: .securityManagement)) }
        d.key(.escape) { $0.expectScreen(LandingScreen(console: .dms, phase: .transition)) }
        d.key(.character("2")) { $0.expectScreen(SmartcardScreen(function: .securityManagement, console: .dms)) }
        XCTAssertEqual(d.state.screen.as(SmartcardScreen.self)?.option, .smartcardSecurityManagement)
    }

    func testPhaseChangesRebuildTheLandingPageOnly() {
        var d = Driver()
        d.key(.down) { $0.modifyScreen(LandingScreen.self) { $0.focus = 1 } }
        let minuteLater = Fixtures.now.addingTimeInterval(60)
        d.event(.tick(now: minuteLater, phase: .transition), "same phase: the page stays as it is") { $0.now = minuteLater }
        // The clock crossing 4 September 2023 rebuilds the landing page: no smartcard any more.
        let decommissioned = HongKongTime.date(2023, 9, 4, 7, 0)
        d.event(.tick(now: decommissioned, phase: .twoFactorOnly)) {
            $0.now = decommissioned
            $0.phase = .twoFactorOnly
            $0.expectScreen(LandingScreen(console: .terminal, phase: .twoFactorOnly))
        }
        d.key(.character("3")) { $0.message = .error("Choose 1 to 2.") }
        d.key(.character("1")) {
            $0.message = nil
            $0.expectScreen(LogonScreen(function: .onlineFunctions))
        }
        // Away from the landing page the screen stays; the phase is recorded.
        let back = HongKongTime.date(2023, 9, 4, 8, 0)
        d.event(.tick(now: back, phase: .transition)) {
            $0.now = back
            $0.phase = .transition
        }
        d.key(.escape, "the landing page of the phase now") { $0.expectScreen(LandingScreen(console: .terminal, phase: .transition)) }
    }

    func testAChoiceWhileClosedShowsTheNoticeInsteadOfOpening() {
        var start = Fixtures.state()
        start.environment.hours = ServiceHours(holidays: [:])
        start.now = HongKongTime.date(2023, 6, 11, 10, 0)  // a Sunday
        var d = Driver(start)
        XCTAssertNotNil(d.state.closedNotice)
        d.key(.enter) { $0.modifyScreen(LandingScreen.self) { $0.triedWhileClosed = true } }
        d.event(.tick(now: Fixtures.now, phase: .transition)) { $0.now = Fixtures.now }
        d.key(.enter, "open on Monday") { $0.expectScreen(LogonScreen(function: .onlineFunctions)) }
    }

    func testLogonChecksTheFieldsThenCallsTheEngineOnce() {
        var d = Driver()
        d.press(.enter)
        XCTAssertEqual(d.state.screen, LogonScreen(function: .onlineFunctions).any)
        d.key(.enter, "Enter in User ID moves on") { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: .password) } }
        d.key(.enter, "LOG IN from the last field, no User ID") {
            $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: .userID) }
            $0.message = .error("Please enter your User ID.")
        }
        d.typing("b01234", "raised as typed") { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B01234") } }
        d.keys(.enter, .enter, note: "too short: back to the User ID") {
            $0.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101.")
        }
        d.typing("01") { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B0123401") } }
        d.key(.tab) { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: .password) } }
        d.key(.enter, "no password") { $0.message = .error(Texts.enterPassword) }
        d.typing(currentPassword) { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.password, currentPassword) } }
        let logon = EngineRequest.logon(userID: "B0123401", password: currentPassword, .terminal)
        d.key(.enter, effects: [.engine(id: 1, logon)]) {
            $0.message = nil
            $0.expectCall(1, logon, verifyingPassword)
        }
        // A second Enter while verifying submits nothing, and Esc does not leave: both wait.
        d.keys(.enter, .escape) { $0.typeahead = [.key(.enter), .key(.escape)] }
        d.reply(.logon(.invalid), "the repeated Enter and Esc are dropped") {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
            $0.message = .error(Texts.invalidCredentials)
        }
    }

    func testEveryLogonOutcomeLeadsToItsScreen() {
        let function = TerminalFunction.overnightReports
        let refused = LogonScreen(function: function, userID: "B0123401", focusOnPassword: true)
        let outcomes: [(LogonOutcome, (inout AppState) -> Void)] = [
            (.setUpOTPChannel(s), { $0.expectScreen(ChannelSetupScreen(session: s, function: function)) }),
            (.enterAppOTP(s, appPrompt), { $0.expectScreen(AppOTPScreen(session: s, function: function, prompt: appPrompt)) }),
            // The box says where the code was sent: no message says it again.
            (.enterEmailOTP(s, Fixtures.notice), { $0.expectScreen(EmailOTPScreen(session: s, function: function, notice: Fixtures.notice)) }),
            (.passwordExpired(s), {
                $0.expectScreen(PasswordExpiredScreen(session: s, function: function))
                $0.message = .error("Your password has expired. Please change it now.")
            }),
            (.locked, {
                $0.expectScreen(refused)
                $0.message = .error(lockedText)
            }),
            (.disabled, {
                $0.expectScreen(refused)
                // A disabled DA is sent to HKEX (eService DA3 Enable), as a locked DA is (s4.1.1).
                $0.message = .error("Your account has been disabled. Users: please contact your Delegated Administrator. DAs: please ask your company to submit eService DA3 (Enable) to HKEX. Enquiries to \(HKEXContact.sentence())")
            }),
            (.invalid, {
                $0.expectScreen(refused)
                $0.message = .error("Invalid User ID or Password. Please try again.")
            }),
        ]
        for (outcome, change) in outcomes {
            var d = Driver(showing: LogonScreen(function: function))
            d.type("B0123401")
            d.press(.tab)
            d.type("secret")
            d.key(.enter, effects: [.engine(id: 1, .logon(userID: "B0123401", password: "secret", .terminal))]) {
                $0.expectCall(1, .logon(userID: "B0123401", password: "secret", .terminal), verifyingPassword)
            }
            d.reply(.logon(outcome), "\(outcome)") {
                $0.pending = nil
                change(&$0)
            }
        }
    }

    func testDMSLogonAsksForTheDMSService() {
        var d = Driver(.dms, showing: LogonScreen(function: .securityManagement))
        d.type("B01234X1")
        d.press(.tab)
        d.type("secret")
        let logon = EngineRequest.logon(userID: "B01234X1", password: "secret", .dms)
        d.key(.enter, effects: [.engine(id: 1, logon)]) { $0.expectCall(1, logon, verifyingPassword) }
    }

    func testFieldsRefuseWhatTheyCannotHoldWithAMessage() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.typing("B0-1", "what was valid is kept") {
            $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B01") }
            $0.message = .error("User ID: only letters and digits")
        }
        d.event(.paste("23401XYZ"), "paste lands in the field, up to its length") {
            $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B0123401") }
            $0.message = .error("User ID: at most 8 characters")
        }
        d.keys(.home, .delete, .end, .backspace, .left) {
            $0.modifyScreen(LogonScreen.self) {
                $0.form?.update(.userID) { field in
                    field.set("012340")
                    _ = field.edit(.left)
                }
            }
        }
        XCTAssertEqual(d.state.screen.as(LogonScreen.self)?.form?.field(.userID)?.cursor, 5)
        d.key(.tab) { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: .password) } }
        d.event(.paste("pass\nword"), "a pasted line end is not part of a password") {
            $0.modifyScreen(LogonScreen.self) { $0.form?.set(.password, "password") }
        }
    }

    /// Below the minimum size the state is kept, and keys typed meanwhile wait for the window
    /// to grow (as type-ahead does while the engine works); then they apply, in order.
    func testKeysTypedInATooSmallWindowWaitForItToGrow() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type("B01")
        let tiny = Size(columns: 60, rows: 20)
        d.event(.resize(tiny)) { $0.size = tiny }
        d.typing("23") { $0.typeahead = [.key(.character("2")), .key(.character("3"))] }
        XCTAssertTrue(d.screenText.contains("Please enlarge the window to at least 80\u{00A0}x\u{00A0}24"), d.screenText)
        XCTAssertTrue(d.screenText.contains("60\u{00A0}x\u{00A0}20 now)."), "the size is never split over two lines:\n\(d.screenText)")
        d.event(.resize(Fixtures.small), "the keys that waited apply") {
            $0.size = Fixtures.small
            $0.typeahead = []
            $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B0123") }
        }
        d.typing("4") { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.userID, "B01234") } }
    }

    func testCtrlCQuitsAndEndsTheFlowInProgress() {
        var d = Driver(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        d.key(.interrupt, effects: [.engine(id: 0, .cancel(s)), .quit]) { $0.quitting = true }
        d.key(.interrupt, "once is enough")
    }

    func testCtrlCOnTheLandingPageJustQuits() {
        var d = Driver()
        d.key(.interrupt, effects: [.quit]) { $0.quitting = true }
    }

    func testCtrlCEndsThePopupsFlowToo() {
        var start = Fixtures.state(showing: LogonScreen(function: .onlineFunctions))
        let other = FlowSession(token: "t2", userID: "B0123401")
        start.open(ResetPopup(userID: "B0123401").with { $0.stage = .appOTP(other, appPrompt, otp: TextField(.otp, kind: .digits(max: 6))) })
        var d = Driver(start)
        d.key(.interrupt, effects: [.engine(id: 0, .cancel(other)), .quit]) { $0.quitting = true }
    }

    func testAStaleEngineAnswerIsIgnored() {
        var d = Driver()
        d.event(.engine(id: 99, EngineAnswer(LogonOutcome.invalid)))
        var w = Driver(showing: LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
        w.type("secret")
        w.press(.enter)
        w.event(.engine(id: 2, EngineAnswer(LogonOutcome.invalid)), "not the call that waits")
        XCTAssertNotNil(w.state.pending)
    }

    func testLoggedOnMenuAndLogout() {
        var d = Driver(showing: LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions))
        d.key(.enter) {
            $0.message = .info("Settlement Instruction Maintenance is outside this emulator, which covers the logon only.")
        }
        d.key(.escape) {
            $0.modifyScreen(LoggedOnScreen.self) { $0.form?.focus(on: "logout") }
            $0.message = .info("Select Logout to leave.")
        }
        d.key(.enter, effects: [.engine(id: 0, .logout(Fixtures.actorSession))]) {
            $0.expectScreen(LandingScreen(console: .terminal, phase: .transition))
            $0.message = .info("B0123401 logged out.")
        }
    }

    func testTheConnectivityTestShowsFunctionNotAvailableAfterLogon() {
        var start = Fixtures.state(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        start.environment.connectivityTest = .secondary
        var d = Driver(start)
        d.type("123456")
        d.press(.enter)
        d.reply(.otp(.accepted(.loggedOn(Fixtures.success)))) {
            $0.pending = nil
            $0.expectScreen(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions, connectivityTest: .secondary))
            $0.message = .success("Logged on as B0123401 by 2FA (authenticator app).")
        }
        XCTAssertEqual(d.state.currentForm, Form([.button(id: "logout", label: Texts.logout)]), "no function during the test")
        let text = d.screenText
        XCTAssertTrue(text.contains(Texts.functionNotAvailable), text)
        XCTAssertFalse(text.contains("Settlement Instruction Maintenance"), text)
    }

    func testSmartcardChecksThePasswordShapeAndOutcomes() {
        var d = Driver(showing: SmartcardScreen(function: .smartcardTerminal, console: .terminal))
        d.type("B0123404")
        d.press(.tab)
        d.typing("12345") { $0.modifyScreen(SmartcardScreen.self) { $0.form?.set(.smartcardPassword, "12345") } }
        d.key(.enter) { $0.message = .error("The smartcard password is 6 to 8 digits.") }
        d.typing("678") { $0.modifyScreen(SmartcardScreen.self) { $0.form?.set(.smartcardPassword, "12345678") } }
        let logon = EngineRequest.smartcardLogon(userID: "B0123404", password: "12345678", .terminal)
        d.key(.enter, effects: [.engine(id: 1, logon)]) {
            $0.message = nil
            $0.expectCall(1, logon, "Reading your smartcard...")
        }
        d.reply(.smartcard(.locked), "a locked account cannot use the smartcard either") {
            $0.pending = nil
            $0.modifyScreen(SmartcardScreen.self) { $0.form?.clear(.smartcardPassword) }
            $0.message = .error(lockedText)
        }
        d.type("87654321")
        d.press(.enter)
        d.reply(.smartcard(.invalid)) {
            $0.pending = nil
            $0.modifyScreen(SmartcardScreen.self) { $0.form?.clear(.smartcardPassword) }
            $0.message = .error("Invalid User ID or smartcard password. Please try again.")
        }
        d.type("87654321")
        d.press(.enter)
        let smartcardSuccess = LogonSuccess(session: Fixtures.actorSession, userID: "B0123404", role: AccountRole(kind: .user),
                                            clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: Fixtures.now,
                                            previousLogonAt: nil, method: .smartcard)
        d.reply(.smartcard(.loggedOn(smartcardSuccess))) {
            $0.pending = nil
            $0.expectScreen(LoggedOnScreen(success: smartcardSuccess, function: .smartcardTerminal))
            $0.message = .success("Logged on as B0123404 by smartcard.")
        }
    }

    func testSmartcardDMSRefusalGoesBackToTheLandingPage() {
        var d = Driver(.dms, showing: SmartcardScreen(function: .securityManagement, console: .dms))
        d.type("B0123404")
        d.press(.tab)
        d.type("12345678")
        d.press(.enter)
        d.reply(.smartcard(.refused(.notADelegatedAdministrator("B0123404")))) {
            $0.pending = nil
            $0.expectScreen(LandingScreen(console: .dms, phase: .transition))
            $0.message = .error(Refusal.notADelegatedAdministrator("B0123404").description)
        }
    }
}

final class OTPUpdateTests: XCTestCase {
    /// The three screens of the logon flow that take a code, each with a code typed and
    /// submitted, and the screen as it is with the field emptied.
    private func screensWithACodeSubmitted(_ function: TerminalFunction = .onlineFunctions) -> [(String, Driver, Screen)] {
        var app = Driver(showing: AppOTPScreen(session: s, function: function, prompt: appPrompt))
        app.type("123456")
        app.press(.enter)
        var email = Driver(showing: EmailOTPScreen(session: s, function: function, notice: Fixtures.notice))
        email.type("12345678")
        email.press(.enter)
        let code = RegisterDeviceScreen(session: s, function: function, registration: Fixtures.registration).with {
            $0.step = .code
            $0.form = codeForm(digits: 6)
        }
        var register = Driver(showing: code)
        register.type("123456")
        register.press(.enter)
        return [
            ("app", app, AppOTPScreen(session: s, function: function, prompt: appPrompt).any),
            ("email", email, EmailOTPScreen(session: s, function: function, notice: Fixtures.notice).any),
            ("register-device", register, code.any),
        ]
    }

    func testEachCodeScreenSubmitsOnce() {
        for (name, d, _) in screensWithACodeSubmitted() {
            let code = name == "email" ? "12345678" : "123456"
            XCTAssertEqual(d.effects, [.engine(id: 1, .submitLogonOTP(s, code: code))], name)
            XCTAssertEqual(d.state.pending, AppState.PendingCall(id: 1, call: AnyEngineCall(comparing: .submitLogonOTP(s, code: code)), label: verifyingOTP), name)
        }
    }

    func testRefusedCodesKeepTheScreenAndEmptyTheField() {
        let refusals: [(OTPOutcome, String)] = [
            (.wrong(remaining: 2), "Invalid OTP. 2 more invalid OTPs will count as a failed logon."),
            (.expired(remaining: 1), "This OTP has expired. Please request a new one. 1 more invalid OTP will count as a failed logon."),
            (.replayed(remaining: 1), "This OTP has already been used. Please use a new one. 1 more invalid OTP will count as a failed logon."),
            (.malformed(expectedDigits: 6), "The OTP is 6 digits."),
        ]
        for (name, start, emptied) in screensWithACodeSubmitted() {
            for (outcome, text) in refusals {
                var d = start
                d.reply(.otp(outcome), "\(name) \(outcome)") {
                    $0.pending = nil
                    $0.screen = emptied
                    $0.message = .error(text)
                }
            }
        }
    }

    func testThreeWrongCodesSendTheUserBackToLogon() {
        for (name, start, _) in screensWithACodeSubmitted(.overnightReports) {
            var d = start
            d.reply(.otp(.countedAsFailedLogon(lockedNow: false)), name) {
                $0.pending = nil
                $0.expectScreen(LogonScreen(function: .overnightReports, userID: "B0123401", focusOnPassword: true))
                $0.message = .error("Three invalid OTPs count as one failed logon. Please log in again.")
            }
            d = start
            d.reply(.otp(.locked), name) {
                $0.pending = nil
                $0.expectScreen(LogonScreen(function: .overnightReports, userID: "B0123401", focusOnPassword: true))
                $0.message = .error(lockedText)
            }
        }
    }

    func testAnAcceptedCodeLogsOn() {
        for (name, start, _) in screensWithACodeSubmitted(.overnightReports) {
            var d = start
            d.reply(.otp(.accepted(.loggedOn(Fixtures.success))), name) {
                $0.pending = nil
                $0.expectScreen(LoggedOnScreen(success: Fixtures.success, function: .overnightReports))
                $0.message = .success("Logged on as B0123401 by 2FA (authenticator app).")
            }
        }
    }

    func testDMSRefusesUsersWhoAreNotDelegatedAdministrators() {
        var d = Driver(.dms, showing: AppOTPScreen(session: s, function: .securityManagement, prompt: appPrompt))
        d.type("123456")
        d.press(.enter)
        d.reply(.otp(.accepted(.refused(.notADelegatedAdministrator("B0123401"))))) {
            $0.pending = nil
            $0.expectScreen(LandingScreen(console: .dms, phase: .transition))
            $0.message = .error(Refusal.notADelegatedAdministrator("B0123401").description)
        }
    }

    func testAnEndedSessionGoesBackToLogonWithTheMessage() {
        for (name, start, _) in screensWithACodeSubmitted() {
            var d = start
            d.reply(.failure(.sessionEnded), effects: [.engine(id: 0, .cancel(s))], name) {
                $0.pending = nil
                $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
                $0.message = .error("This session has ended. Please log in again.")
            }
        }
    }

    func testOtherFailuresAreShownAndTheScreenStays() {
        for (name, start, _) in screensWithACodeSubmitted() {
            var d = start
            d.reply(.failure(.wrongStep(.noOTPExpected)), name) {
                $0.pending = nil
                $0.message = .error("That step is not expected now (no one-time password is expected).")
            }
        }
    }

    func testTheCodeIsCheckedForItsShapeBeforeItIsSent() {
        var d = Driver(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        d.typing("12a") {
            $0.modifyScreen(AppOTPScreen.self) { $0.form?.set(.otp, "12") }
            $0.message = .error("OTP: digits only")
        }
        d.key(.enter) { $0.message = .error("The OTP is the 6 digits your authenticator app shows.") }
        d.typing("34567") {
            $0.modifyScreen(AppOTPScreen.self) { $0.form?.set(.otp, "123456") }
            $0.message = .error("OTP: at most 6 characters")
        }
        var e = Driver(showing: EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
        e.typing("123456") { $0.modifyScreen(EmailOTPScreen.self) { $0.form?.set(.otp, "123456") } }
        e.key(.enter, "the email code has 8 digits") { $0.message = .error("The OTP is the 8 digits of the email.") }
    }

    func testAnAppPromptOfEightDigitsTakesEight() {
        let eight = OTPPrompt(source: .app, digits: 8)
        var d = Driver(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: eight))
        d.typing("12345678") { $0.modifyScreen(AppOTPScreen.self) { $0.form?.set(.otp, "12345678") } }
        d.key(.enter, effects: [.engine(id: 1, .submitLogonOTP(s, code: "12345678"))]) { $0.expectCall(1, .submitLogonOTP(s, code: "12345678"), verifyingOTP) }
    }

    func testEscOnACodeScreenEndsTheFlowAndGoesBackToLogon() {
        var d = Driver(showing: AppOTPScreen(session: s, function: .overnightReports, prompt: appPrompt))
        d.key(.escape, effects: [.engine(id: 0, .cancel(s))]) {
            $0.expectScreen(LogonScreen(function: .overnightReports, userID: "B0123401", focusOnPassword: true))
        }
        var e = Driver(showing: EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
        e.key(.escape, effects: [.engine(id: 0, .cancel(s))]) {
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
        }
    }

    func testRegisterDeviceThenConfirmWithTheFirstCode() {
        var d = Driver(showing: ChannelSetupScreen(session: s, function: .onlineFunctions))
        d.key(.enter, effects: [.engine(id: 1, .beginDeviceRegistration(s))]) {
            $0.expectCall(1, .beginDeviceRegistration(s), "Preparing your QR code...")
        }
        let scan = RegisterDeviceScreen(session: s, function: .onlineFunctions, registration: Fixtures.registration)
        d.reply(.registration(Fixtures.registration)) {
            $0.pending = nil
            $0.expectScreen(scan)
        }
        XCTAssertEqual(scan.form, Form([.button(id: "code", label: Texts.loginUsingCode), .button(id: "back", label: Texts.back)]))
        let code = scan.with {
            $0.step = .code
            $0.form = codeForm(digits: 6)
        }
        d.key(.enter) {
            $0.screen = code.any
            $0.message = .info("Enter the 6-digit OTP shown in your authenticator app.")
        }
        d.key(.escape, "back to the QR code") {
            $0.screen = scan.any
            $0.message = nil
        }
        d.key(.enter) {
            $0.screen = code.any
            $0.message = .info("Enter the 6-digit OTP shown in your authenticator app.")
        }
        d.typing("654321") { $0.screen = code.filled(.otp, "654321").any }
        d.key(.enter, effects: [.engine(id: 2, .submitLogonOTP(s, code: "654321"))]) { $0.expectCall(2, .submitLogonOTP(s, code: "654321"), verifyingOTP) }
        d.reply(.otp(.wrong(remaining: 2))) {
            $0.pending = nil
            $0.screen = code.any
            $0.message = .error("Invalid OTP. 2 more invalid OTPs will count as a failed logon.")
        }
        d.type("123456")
        d.press(.enter)
        d.reply(.otp(.accepted(.loggedOn(Fixtures.success)))) {
            $0.pending = nil
            $0.expectScreen(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions))
            $0.message = .success("Logged on as B0123401 by 2FA (authenticator app).")
        }
    }

    /// Back from REGISTER DEVICE tells the engine (which keeps the key for the next visit) and
    /// comes back to the channel choice on REGISTER DEVICE.
    func testBackFromRegistrationGoesBackToTheChoice() {
        var d = Driver(showing: RegisterDeviceScreen(session: s, function: .onlineFunctions, registration: Fixtures.registration))
        d.keys(.tab, .enter, effects: [.engine(id: 0, .abandonDeviceRegistration(s))], note: "nothing to wait for") {
            $0.expectScreen(ChannelSetupScreen(session: s, function: .onlineFunctions))
        }
        XCTAssertNil(d.state.pending)
    }

    func testSkipShowsThePotentialRiskThenEmailOTP() {
        var d = Driver(showing: ChannelSetupScreen(session: s, function: .onlineFunctions))
        d.keys(.tab, .enter) { $0.expectScreen(RiskWarningScreen(session: s, function: .onlineFunctions)) }
        XCTAssertTrue(d.screenText.contains(Texts.potentialRisk))
        XCTAssertEqual(d.state.currentForm?.focusedItem?.key, "back", "a warning's default is the safe choice: a stray Enter goes back")
        d.key(.enter, "a way back, on the button that opened the warning") {
            $0.expectScreen(ChannelSetupScreen(session: s, function: .onlineFunctions, focus: .skip))
        }
        d.key(.enter) { $0.expectScreen(RiskWarningScreen(session: s, function: .onlineFunctions)) }
        d.press(.backTab)
        d.key(.enter, effects: [.engine(id: 1, .skipDeviceRegistration(s))], "ACCEPT, chosen") {
            $0.expectCall(1, .skipDeviceRegistration(s), "Sending your OTP by email...")
        }
        d.reply(.skipped(Fixtures.notice)) {
            $0.pending = nil
            $0.expectScreen(EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
        }
    }

    func testEscOnTheChannelChoiceEndsTheFlow() {
        var d = Driver(showing: ChannelSetupScreen(session: s, function: .onlineFunctions))
        d.key(.escape, effects: [.engine(id: 0, .cancel(s))]) {
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
        }
    }

    func testEmailResendWaitsFiveMinutesAndSaysHowLong() {
        var d = Driver(showing: EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
        let t55 = Fixtures.now.addingTimeInterval(55)
        d.event(.tick(now: t55, phase: .transition)) { $0.now = t55 }
        d.keys(.tab, .tab) { $0.modifyScreen(EmailOTPScreen.self) { $0.form?.focus(on: "resend") } }
        d.key(.enter, "throttled: no call") { $0.message = .error("A new OTP can be requested when the wait shown above is over.") }
        XCTAssertTrue(d.screenText.contains("A new OTP can be requested in 4:05."), d.screenText)
        let t300 = Fixtures.now.addingTimeInterval(300)
        d.event(.tick(now: t300, phase: .transition)) { $0.now = t300 }
        d.key(.enter, effects: [.engine(id: 1, .requestEmailOTP(s))]) { $0.expectCall(1, .requestEmailOTP(s), "Requesting a new OTP...") }
        let fresh = EmailOTPNotice(sentTo: Fixtures.notice.sentTo, sentAt: t300, expiresAt: t300.addingTimeInterval(300),
                                   nextRequestAt: t300.addingTimeInterval(300), newlySent: true, digits: 8)
        d.reply(.emailOTP(.sent(fresh))) {
            $0.pending = nil
            $0.modifyScreen(EmailOTPScreen.self) { $0.notice = fresh }
            $0.message = .info("A new OTP has been sent. It is valid for 5 minutes.")
        }
        XCTAssertTrue(d.screenText.contains("A new OTP can be requested in 5:00."), d.screenText)

        // A code typed, then another request: the engine says the code sent is still the one.
        d.keys(.backTab, .backTab) { $0.modifyScreen(EmailOTPScreen.self) { $0.form?.focus(on: .otp) } }
        d.typing("1234") { $0.modifyScreen(EmailOTPScreen.self) { $0.form?.set(.otp, "1234") } }
        let t600 = t300.addingTimeInterval(300)
        d.event(.tick(now: t600, phase: .transition)) { $0.now = t600 }
        d.press(.tab, .tab)
        d.press(.enter)
        let same = EmailOTPNotice(sentTo: Fixtures.notice.sentTo, sentAt: t300, expiresAt: t300.addingTimeInterval(300),
                                  nextRequestAt: t600.addingTimeInterval(120), newlySent: false, digits: 8)
        d.reply(.emailOTP(.throttled(same, seconds: 120)), "the code typed stays") {
            $0.pending = nil
            $0.modifyScreen(EmailOTPScreen.self) { $0.notice = same }
            $0.message = .info("No new OTP was sent: the one sent to f*********n@demo-securities.example at 10:05:00 is unused and still valid.")
        }
        XCTAssertEqual(d.state.screen.as(EmailOTPScreen.self)?.form?.text(.otp), "1234")
    }

    func testEscOnTheOtherLogonStepsGoesBackOneStepOrToLogon() {
        var r = Driver(showing: RiskWarningScreen(session: s, function: .onlineFunctions))
        r.key(.escape, "Potential Risk: back to the channel choice, on SKIP THIS STEP, which opened it") {
            $0.expectScreen(ChannelSetupScreen(session: s, function: .onlineFunctions, focus: .skip))
        }
        var p = Driver(showing: PasswordExpiredScreen(session: s, function: .overnightReports))
        p.type("abc")
        p.key(.escape, effects: [.engine(id: 0, .cancel(s))]) {
            $0.expectScreen(LogonScreen(function: .overnightReports, userID: "B0123401", focusOnPassword: true))
        }
    }

    func testAnUndeliveredEmailCodeSaysSo() {
        var notice = Fixtures.notice
        notice.deliveryProblem = "The mail server did not answer; the code is in the Maildir."
        var d = Driver(showing: RiskWarningScreen(session: s, function: .onlineFunctions))
        d.press(.backTab)
        d.press(.enter)
        d.reply(.skipped(notice)) {
            $0.pending = nil
            $0.expectScreen(EmailOTPScreen(session: s, function: .onlineFunctions, notice: notice))
            $0.message = .error("The mail server did not answer; the code is in the Maildir.")
        }
    }

    func testExpiredPasswordIsCheckedThenTheLogonContinues() {
        var d = Driver(showing: PasswordExpiredScreen(session: s, function: .onlineFunctions))
        d.type("short")
        d.press(.tab)
        d.type("short")
        d.key(.enter, "focus on the field at fault") {
            $0.modifyScreen(PasswordExpiredScreen.self) { $0.form?.focus(on: .newPassword) }
            $0.message = .error("The new password does not meet: At least 16 characters; At least 1 number; At least 1 special character from !@#$%^&*(); At least 1 capital letter.")
        }
        d.press(.clearField)
        d.type(newPassword)
        d.press(.tab, .clearField)
        d.type(newPassword + "x")
        d.key(.enter) {
            $0.modifyScreen(PasswordExpiredScreen.self) {
                $0.form?.set(.newPassword, newPassword)
                $0.form?.set(.confirmPassword, newPassword + "x")
                $0.form?.focus(on: .confirmPassword)
            }
            $0.message = .error(Texts.passwordsDiffer)
        }
        d.press(.backspace)
        let change = EngineRequest.changeExpiredPassword(s, new: newPassword, confirmation: newPassword)
        d.key(.enter, effects: [.engine(id: 1, change)]) {
            $0.modifyScreen(PasswordExpiredScreen.self) { $0.form?.set(.confirmPassword, newPassword) }
            $0.expectCall(1, change, "Changing your password...")
        }
        var refused = d
        refused.reply(.expiredChange(.notChanged(.sameAsCurrent))) {
            $0.pending = nil
            $0.expectScreen(PasswordExpiredScreen(session: s, function: .onlineFunctions))
            $0.message = .error(Texts.sameAsCurrent)
        }
        var app = d
        app.reply(.expiredChange(.changed(next: .enterAppOTP(s, appPrompt)))) {
            $0.pending = nil
            $0.expectScreen(AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
            $0.message = .success("Password changed.")
        }
        var email = d
        email.reply(.expiredChange(.changed(next: .enterEmailOTP(s, Fixtures.notice)))) {
            $0.pending = nil
            $0.expectScreen(EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
            $0.message = .success("Password changed.")
        }
    }
}

final class TypeaheadTests: XCTestCase {
    /// The logon page with LOG IN pressed: "Verifying your User ID and Password...".
    private func verifying() -> Driver {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type("B0123401")
        d.press(.tab)
        d.type("secret")
        d.press(.enter)
        XCTAssertEqual(d.state.pending?.label, verifyingPassword)
        return d
    }

    func testTextTypedWhileVerifyingLandsInTheNextScreensField() {
        var d = verifying()
        d.typing("123456", "kept, not lost") { $0.typeahead = "123456".map { .key(.character($0)) } }
        d.reply(.logon(.enterAppOTP(s, appPrompt))) {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt).filled(.otp, "123456"))
        }
    }

    func testARepeatedEnterIsDroppedNotASecondSubmission() {
        var d = verifying()
        d.keys(.enter, .enter) { $0.typeahead = [.key(.enter), .key(.enter)] }
        d.reply(.logon(.enterAppOTP(s, appPrompt)), "the impatient Enters do not submit an empty code") {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        }
        XCTAssertEqual(d.effects, [.engine(id: 1, .logon(userID: "B0123401", password: "secret", .terminal))])
    }

    func testKeysAfterTheCodeAreReplayedUpToTheNextCall() {
        var d = verifying()
        d.press(.enter)
        d.type("123456")
        d.press(.enter)
        d.type("9")
        let typed: [Input] = [.key(.enter)] + "123456".map { .key(.character($0)) } + [.key(.enter), .key(.character("9"))]
        XCTAssertEqual(d.state.typeahead, typed)
        // The leading Enter is dropped; the code goes in, its Enter submits it, and the 9 waits
        // for that answer in turn.
        d.reply(.logon(.enterAppOTP(s, appPrompt)), effects: [.engine(id: 2, .submitLogonOTP(s, code: "123456"))]) {
            $0.expectScreen(AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt).filled(.otp, "123456"))
            $0.expectCall(2, .submitLogonOTP(s, code: "123456"), verifyingOTP)
            $0.typeahead = [.key(.character("9"))]
        }
        d.reply(.otp(.wrong(remaining: 2)), "the 9 lands in the emptied field") {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt).filled(.otp, "9"))
            $0.message = .error("Invalid OTP. 2 more invalid OTPs will count as a failed logon.")
        }
    }

    func testPastesAndEditingKeysWaitInOrder() {
        var d = verifying()
        d.event(.paste("12345")) { $0.typeahead = [.paste("12345")] }
        d.keys(.backspace, .character("9")) { $0.typeahead = [.paste("12345"), .key(.backspace), .key(.character("9"))] }
        d.reply(.logon(.enterEmailOTP(s, Fixtures.notice))) {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice).filled(.otp, "12349"))
        }
    }

    func testAnEscAfterOtherKeysIsKept() {
        var d = verifying()
        d.keys(.character("1"), .escape) { $0.typeahead = [.key(.character("1")), .key(.escape)] }
        d.reply(.logon(.enterAppOTP(s, appPrompt)), effects: [.engine(id: 0, .cancel(s))], "only a leading Enter or Esc is a repeat") {
            $0.pending = nil
            $0.typeahead = []
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
        }
    }

    func testTypeaheadIsBounded() {
        var d = verifying()
        d.type(String(repeating: "1", count: 600))
        XCTAssertEqual(d.state.typeahead.count, 512)
        XCTAssertEqual(d.effects.count, 1)
    }

    func testAnAnswerForAScreenLeftIsNotAppliedAndItsFlowIsCancelled() {
        var d = verifying()
        // The screen is replaced before the answer comes (a scenario header, the runtime).
        d.state.show(LandingScreen(console: .terminal, phase: .transition))
        let landing = d.state
        d.reply(.logon(.enterAppOTP(s, appPrompt)), effects: [.engine(id: 0, .cancel(s))]) { $0.pending = nil }
        XCTAssertEqual(d.state.screen, landing.screen, "the landing page did not receive the answer")
    }

    func testALogonAnsweredAfterItsScreenWasLeftIsLoggedOut() {
        var d = Driver(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        d.type("123456")
        d.press(.enter)
        d.state.show(LogonScreen(function: .onlineFunctions))
        d.reply(.otp(.accepted(.loggedOn(Fixtures.success))), effects: [.engine(id: 0, .logout(Fixtures.actorSession))]) {
            $0.pending = nil
        }
    }

    func testAPopupsAnswerAfterThePopupWasClosedOpensNothing() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions, userID: "B0123401"))
        d.press(.tab, .tab, .tab, .enter, .enter)
        XCTAssertEqual(d.state.pending?.request, .startPasswordReset(userID: "B0123401", .terminal))
        d.state.show(LogonScreen(function: .onlineFunctions, userID: "B0123401"))
        d.reply(.resetStart(.emailOTPSent(s, Fixtures.notice)), effects: [.engine(id: 0, .cancel(s))]) { $0.pending = nil }
        XCTAssertNil(d.state.popup)
    }

    func testCtrlCWhileWaitingQuitsAtOnceAndNothingIsReplayed() {
        var d = verifying()
        d.type("12")
        d.key(.interrupt, effects: [.quit]) { $0.quitting = true }
        d.reply(.logon(.invalid)) {
            $0.pending = nil
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
            $0.message = .error(Texts.invalidCredentials)
        }
        XCTAssertEqual(d.state.typeahead, [.key(.character("1")), .key(.character("2"))], "not typed into a program that is leaving")
    }

    func testAFormSubmittedByAFrontEndWhileWaitingIsIgnored() {
        var d = verifying()
        d.event(.submitForm(fields: [.password: "other"], action: "login"))
    }
}

final class PopupUpdateTests: XCTestCase {
    private let otpField8 = TextField(.otp, kind: .digits(max: 8))
    private let otpField6 = TextField(.otp, kind: .digits(max: 6))

    /// The logon page with a User ID typed, focus on "Forgot/Reset your Password".
    private func onForgot(_ userID: String = "B0123401") -> Driver {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type(userID)
        d.press(.tab, .tab, .tab)
        XCTAssertEqual(d.state.currentForm?.focusedItem, .button(id: "forgot", label: Texts.forgot))
        return d
    }

    private func resetAsked(_ userID: String = "B0123401") -> Driver {
        var d = onForgot(userID)
        d.press(.enter, .enter)
        XCTAssertEqual(d.state.pending?.request, .startPasswordReset(userID: userID, .terminal))
        return d
    }

    func testResetByEmailFromUserIDToPasswordChanged() {
        var d = onForgot()
        let screen = d.state.screen
        d.key(.enter) { $0.expectPopup(ResetPopup(userID: "B0123401")) }
        let start = EngineRequest.startPasswordReset(userID: "B0123401", .terminal)
        d.key(.enter, effects: [.engine(id: 1, start)], "Enter in the only field submits") { $0.expectCall(1, start, "Checking your User ID...") }
        d.reply(.resetStart(.emailOTPSent(s, Fixtures.notice))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.stage = .emailOTP(s, Fixtures.notice, otp: self.otpField8) }
        }
        XCTAssertEqual(d.state.popup?.form, Form([.field(otpField8), .button(id: "submit", label: Texts.submitOTP),
                                                  .button(id: "resend", label: Texts.requestNewOTP), .button(id: "close", label: Texts.close)],
                                                 submit: "submit"))
        d.type("1234")
        d.key(.enter) { $0.message = .error("The OTP is the 8 digits of the email.") }
        d.type("5678")
        d.key(.enter, effects: [.engine(id: 2, .submitResetOTP(s, code: "12345678"))]) {
            $0.modifyPopup(ResetPopup.self) { $0.form?.set(.otp, "12345678") }
            $0.expectCall(2, .submitResetOTP(s, code: "12345678"), verifyingOTP)
        }
        d.reply(.otp(.wrong(remaining: 2)), "the field is emptied") {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.stage = .emailOTP(s, Fixtures.notice, otp: self.otpField8) }
            $0.message = .error("Invalid OTP. 2 more invalid OTPs will count as a failed logon.")
        }
        d.type("87654321")
        d.press(.enter)
        let empty = (TextField(.newPassword, kind: .password), TextField(.confirmPassword, kind: .password))
        d.reply(.otp(.accepted(.choosePassword(s)))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.stage = .newPassword(s, new: empty.0, confirmation: empty.1) }
            $0.message = .info("Please enter your new password twice.")
        }
        d.type(newPassword)
        d.press(.tab)
        d.type(newPassword + "!")
        d.key(.enter, "focus on the field at fault") {
            $0.modifyPopup(ResetPopup.self) {
                $0.form?.set(.newPassword, newPassword)
                $0.form?.set(.confirmPassword, newPassword + "!")
                $0.form?.focus(on: .confirmPassword)
            }
            $0.message = .error(Texts.passwordsDiffer)
        }
        d.press(.backspace)
        let complete = EngineRequest.completePasswordReset(s, new: newPassword, confirmation: newPassword)
        d.key(.enter, effects: [.engine(id: 4, complete)]) {
            $0.modifyPopup(ResetPopup.self) { $0.form?.set(.confirmPassword, newPassword) }
            $0.expectCall(4, complete, "Setting your password...")
        }
        d.reply(.passwordChange(.sameAsCurrent), "both emptied, focus on the first") {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) {
                $0.stage = .newPassword(s, new: empty.0, confirmation: empty.1)
                $0.form?.focus(on: .newPassword)
            }
            $0.message = .error(Texts.sameAsCurrent)
        }
        d.type("Another-New#Pass2023")
        d.press(.tab)
        d.type("Another-New#Pass2023")
        d.press(.enter)
        d.reply(.passwordChange(.changed)) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) {
                $0.stage = .done(userID: "B0123401")
                $0.form?.focus(on: "close")
            }
            $0.message = .success(Texts.passwordChanged + ". Close, then LOG IN with the new password.")
        }
        XCTAssertTrue(d.screenText.contains(Texts.passwordChanged))
        XCTAssertEqual(d.state.popup?.form, Form([.button(id: "close", label: Texts.close)]))
        d.key(.enter, "Close ends nothing more: the flow is over; the message stays; the next step is the password, then LOG IN") {
            $0.popup = nil
            $0.modifyScreen(LogonScreen.self) {
                $0.form?.set(.userID, "B0123401")
                $0.form?.clear(.password)
                $0.form?.focus(on: .password)
            }
        }
        XCTAssertNotEqual(d.state.screen, screen, "the focus is no longer on Forgot/Reset your Password")
        XCTAssertEqual(d.state.currentForm?.focusedItem?.key, FieldID.password.rawValue)
    }

    func testResetByAppCodeAndThreeWrongCodes() {
        var d = resetAsked("B0123402")
        let b2 = FlowSession(token: "t2", userID: "B0123402")
        d.reply(.resetStart(.enterAppOTP(b2, appPrompt))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.stage = .appOTP(b2, appPrompt, otp: self.otpField6) }
            $0.message = .info("Enter the 6-digit OTP shown in your authenticator app.")
        }
        XCTAssertEqual(d.state.popup?.form, Form([.field(otpField6), .button(id: "submit", label: Texts.submitOTP),
                                                  .button(id: "close", label: Texts.close)], submit: "submit"))
        d.type("123456")
        d.key(.enter, effects: [.engine(id: 2, .submitResetOTP(b2, code: "123456"))]) {
            $0.modifyPopup(ResetPopup.self) { $0.form?.set(.otp, "123456") }
            $0.expectCall(2, .submitResetOTP(b2, code: "123456"), verifyingOTP)
        }
        d.reply(.otp(.expired(remaining: 1))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.form?.clear(.otp) }
            $0.message = .error("This OTP has expired. Please request a new one. 1 more invalid OTP will count as a failed logon.")
        }
        d.type("123456")
        d.press(.enter)
        d.reply(.otp(.countedAsFailedLogon(lockedNow: false))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) { $0.stage = .refused("Three invalid OTPs count as one failed logon. Please start again.") }
            $0.message = nil
        }
        d.key(.escape, "the flow is already over: nothing to cancel") { $0.popup = nil }
    }

    func testResetIsRefusedWithGuidance() {
        let refusals: [(ResetStart, String)] = [
            (.askDelegatedAdministrator(.user), "Your OTP is sent by email, so the password cannot be reset here. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration for you."),
            (.askDelegatedAdministrator(.delegatedAdministrator), "Your OTP is sent by email, so the password cannot be reset here. Please ask your company to submit eService DA3 (Unlock DA Account) to HKEX. " + Texts.contactHKEX),
            (.noEmailRegistered(.user), "No email address is registered for this User ID. Please ask your Delegated Administrator to register it (Change User Profile)."),
            (.noEmailRegistered(.delegatedAdministrator), "No email address is registered for this User ID. Please ask your company to register it with HKEX (eService DA3). " + Texts.contactHKEX),
            (.locked, lockedText),
            (.disabled, Texts.disabled),
        ]
        for (start, text) in refusals {
            var d = resetAsked()
            d.reply(.resetStart(start), "\(start)") {
                $0.pending = nil
                $0.modifyPopup(ResetPopup.self) { $0.stage = .refused(text) }
            }
            XCTAssertTrue(d.screenText.contains(String(text.prefix(30))), d.screenText)
            d.key(.escape) { $0.popup = nil }
        }
    }

    func testResetChecksTheUserIDFirst() {
        var d = onForgot("B01")
        d.press(.enter)
        d.key(.enter) { $0.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101.") }
    }

    func testEscClosesTheResetPopupAndEndsItsFlow() {
        var d = resetAsked()
        d.answer(.resetStart(.emailOTPSent(s, Fixtures.notice)))
        d.type("12")
        d.key(.escape, effects: [.engine(id: 0, .cancel(s))]) {
            $0.popup = nil
            $0.message = nil
        }
        XCTAssertNil(d.state.pending)
    }

    func testResetResendWaitsThenAsksTheEngine() {
        var d = resetAsked()
        d.answer(.resetStart(.emailOTPSent(s, Fixtures.notice)))
        d.keys(.tab, .tab) { $0.modifyPopup(ResetPopup.self) { $0.form?.focus(on: "resend") } }
        d.key(.enter) { $0.message = .error("A new OTP can be requested when the wait shown above is over.") }
        let t300 = Fixtures.now.addingTimeInterval(300)
        d.event(.tick(now: t300, phase: .transition)) { $0.now = t300 }
        d.key(.enter, effects: [.engine(id: 2, .requestEmailOTP(s))]) { $0.expectCall(2, .requestEmailOTP(s), "Requesting a new OTP...") }
        let fresh = EmailOTPNotice(sentTo: Fixtures.notice.sentTo, sentAt: t300, expiresAt: t300.addingTimeInterval(300),
                                   nextRequestAt: t300.addingTimeInterval(300), newlySent: true, digits: 8)
        d.reply(.emailOTP(.sent(fresh))) {
            $0.pending = nil
            $0.modifyPopup(ResetPopup.self) {
                $0.stage = .emailOTP(s, fresh, otp: self.otpField8)
                $0.form?.focus(on: "resend")
            }
            $0.message = .info("A new OTP has been sent. It is valid for 5 minutes.")
        }
    }

    func testAnEndedSessionInAPopupGoesBackToLogonAndEndsItsFlow() {
        var d = resetAsked()
        d.answer(.resetStart(.emailOTPSent(s, Fixtures.notice)))
        d.type("12345678")
        d.press(.enter)
        d.reply(.failure(.sessionEnded), effects: [.engine(id: 0, .cancel(s))]) {
            $0.pending = nil
            $0.expectScreen(LogonScreen(function: .onlineFunctions, userID: "B0123401", focusOnPassword: true))
            $0.message = .error("This session has ended. Please log in again.")
        }
    }

    // MARK: Change password

    private func onChangePassword(_ userID: String = "B0123402") -> Driver {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type(userID)
        d.press(.tab, .tab, .tab, .tab)
        XCTAssertEqual(d.state.currentForm?.focusedItem, .button(id: "change", label: Texts.changePassword))
        return d
    }

    func testChangePasswordNewTwiceThenCurrent() {
        var d = onChangePassword()
        let screen = d.state.screen
        d.key(.enter) { $0.expectPopup(ChangePasswordPopup(userID: "B0123402")) }
        XCTAssertEqual(d.state.currentForm?.focusedItem, .field(TextField(.newPassword, kind: .password)), "the User ID is known")
        d.typing(newPassword) { $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.set(.newPassword, newPassword) } }
        d.key(.tab) { $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: .confirmPassword) } }
        d.typing(newPassword) { $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.set(.confirmPassword, newPassword) } }
        let askCurrent = ChangePasswordPopup(userID: "B0123402").with {
            $0.stage = .currentPassword(userID: "B0123402", new: newPassword, current: TextField(.currentPassword, kind: .password))
            $0.form?.focus(on: .currentPassword)
        }
        d.key(.enter) {
            $0.expectPopup(askCurrent)
            $0.message = .info("Please enter your current password.")
        }
        d.typing(currentPassword) { $0.expectPopup(askCurrent.filled(.currentPassword, currentPassword)) }
        let change = EngineRequest.changePassword(userID: "B0123402", current: currentPassword, new: newPassword, confirmation: newPassword, .terminal)
        d.key(.enter, effects: [.engine(id: 1, change)]) { $0.expectCall(1, change, "Changing your password...") }
        d.reply(.passwordChange(.invalidCredentials), "the current password is emptied") {
            $0.pending = nil
            $0.expectPopup(askCurrent)
            $0.message = .error(Texts.invalidCredentials)
        }
        d.key(.enter) { $0.message = .error("Please enter your current password.") }
        d.type(currentPassword)
        d.press(.enter)
        d.reply(.passwordChange(.sameAsCurrent), "choose another new password") {
            $0.pending = nil
            $0.expectPopup(ChangePasswordPopup(userID: "B0123402"))
            $0.message = .error(Texts.sameAsCurrent)
        }
        d.type(newPassword + "2")
        d.press(.tab)
        d.type(newPassword + "2")
        d.press(.enter)
        d.type(currentPassword)
        d.press(.enter)
        d.reply(.passwordChange(.changed)) {
            $0.pending = nil
            $0.modifyPopup(ChangePasswordPopup.self) {
                $0.stage = .done(userID: "B0123402")
                $0.form?.focus(on: "close")
            }
            $0.message = .success("Password changed successfully. Use the new password at your next logon.")
        }
        d.key(.enter, "the message stays; the logon page is ready for the new password") {
            $0.popup = nil
            $0.modifyScreen(LogonScreen.self) {
                $0.form?.set(.userID, "B0123402")
                $0.form?.clear(.password)
                $0.form?.focus(on: .password)
            }
        }
        XCTAssertEqual(d.state.currentForm?.focusedItem?.key, FieldID.password.rawValue, "the next step is the password, then LOG IN")
        _ = screen
    }

    func testChangePasswordChecksBeforeAskingForTheCurrentOne() {
        var d = onChangePassword()
        d.press(.enter)
        d.key(.enter, "Enter in New Password moves on") { $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: .confirmPassword) } }
        d.key(.enter) {
            $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: .newPassword) }
            $0.message = .error("Please enter the new password twice.")
        }
        d.type("short")
        d.key(.enter, "Enter moves to the confirmation") {
            $0.modifyPopup(ChangePasswordPopup.self) {
                $0.form?.set(.newPassword, "short")
                $0.form?.focus(on: .confirmPassword)
            }
        }
        d.key(.enter) {
            $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: .newPassword) }
            $0.message = .error("The new password does not meet: At least 16 characters; At least 1 number; At least 1 special character from !@#$%^&*(); At least 1 capital letter.")
        }
        d.press(.clearField)
        d.type(newPassword)
        d.press(.tab)
        d.type("Different#Pass2023")
        d.key(.enter) {
            $0.modifyPopup(ChangePasswordPopup.self) {
                $0.form?.set(.newPassword, newPassword)
                $0.form?.set(.confirmPassword, "Different#Pass2023")
                $0.form?.focus(on: .confirmPassword)
            }
            $0.message = .error(Texts.passwordsDiffer)
        }
        d.press(.backTab, .backTab, .clearField)
        d.key(.enter, "Enter in User ID moves on") {
            $0.modifyPopup(ChangePasswordPopup.self) {
                $0.form?.clear(.userID)
                $0.form?.focus(on: .newPassword)
            }
        }
        d.press(.tab)
        d.key(.enter) {
            $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: .userID) }
            $0.message = .error("Please enter your User ID.")
        }
        XCTAssertEqual(d.effects, [])
    }

    // MARK: Authentication settings

    private let b2 = FlowSession(token: "t2", userID: "B0123402")

    /// AUTHENTICATION SETTINGS opened from Change Password, password and code given: the
    /// settings stage.
    private func settingsOpen() -> Driver {
        var d = onChangePassword()
        d.press(.enter)
        d.keys(.tab, .tab, .tab) { $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.focus(on: "settings") } }
        d.key(.enter, "replaces the Change Password pop-up") { $0.expectPopup(AuthenticationSettingsPopup(userID: "B0123402")) }
        XCTAssertEqual(d.state.currentForm?.focusedItem, .field(TextField(.password, kind: .password)))
        d.typing(currentPassword) { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.set(.password, currentPassword) } }
        let start = EngineRequest.startAuthenticationSettings(userID: "B0123402", password: currentPassword, .terminal)
        d.key(.enter, effects: [.engine(id: 1, start)]) { $0.expectCall(1, start, verifyingPassword) }
        d.reply(.settingsStart(.enterAppOTP(b2, appPrompt))) {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) {
                $0.stage = .otp(self.b2, appPrompt, otp: self.otpField6)
                $0.form?.focus(on: .otp)
            }
            $0.message = .info("Enter the 6-digit OTP shown in your authenticator app.")
        }
        d.type("123456")
        d.key(.enter, effects: [.engine(id: 2, .submitSettingsOTP(b2, code: "123456"))]) {
            $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.set(.otp, "123456") }
            $0.expectCall(2, .submitSettingsOTP(b2, code: "123456"), verifyingOTP)
        }
        d.reply(.otp(.wrong(remaining: 2))) {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.clear(.otp) }
            $0.message = .error("Invalid OTP. 2 more invalid OTPs will count as a failed logon.")
        }
        d.type("654321")
        d.press(.enter)
        d.reply(.otp(.accepted(.authenticationSettings(b2))), "the focus starts on Close") {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) {
                $0.stage = .settings(self.b2)
                $0.form?.focus(on: "close")
            }
            $0.message = .info(Texts.oneRegisteredDevice)
        }
        XCTAssertEqual(d.state.currentForm, Form([.button(id: "delete", label: Texts.deleteDevice), .button(id: "oath", label: Texts.settings),
                                                  .button(id: "close", label: Texts.close)], focus: 2))
        return d
    }

    func testAReflexEnterOnTheSettingsClosesThemAndDeletesNothing() {
        var d = settingsOpen()
        d.key(.enter, effects: [.engine(id: 0, .cancel(b2))]) {
            $0.popup = nil
            $0.message = nil
        }
    }

    func testDeletingTheDeviceTakesASecondConfirmation() {
        var d = settingsOpen()
        d.key(.tab) { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.focus(on: "delete") } }
        let confirm = AuthenticationSettingsPopup(userID: "B0123402").with { $0.stage = .confirmDelete(self.b2) }.focused(on: "keep")
        let warning = StatusMessage.warning("Delete the registered device? At your next logon you will set up the OTP channel again.")
        d.key(.enter, "x Delete asks again; the focus is on keeping the device") {
            $0.expectPopup(confirm)
            $0.message = warning
        }
        XCTAssertEqual(d.state.currentForm, Form([.button(id: "keep", label: "Keep the device"), .button(id: "confirm-delete", label: Texts.deleteDevice)]))
        let settings = AuthenticationSettingsPopup(userID: "B0123402").with {
            $0.stage = .settings(self.b2)
            $0.form?.focus(on: "close")
        }
        d.key(.enter, "kept") {
            $0.expectPopup(settings)
            $0.message = .info(Texts.oneRegisteredDevice)
        }
        d.press(.tab, .enter)
        d.key(.escape, "Esc keeps it too") {
            $0.expectPopup(settings)
            $0.message = .info(Texts.oneRegisteredDevice)
        }
        d.press(.tab, .enter)
        d.key(.tab) { $0.expectPopup(confirm.focused(on: "confirm-delete")) }
        let delete = EngineRequest.changeSettings(b2, .deviceDeleted)
        d.key(.enter, effects: [.engine(id: 4, delete)]) { $0.expectCall(4, delete, "Deleting the registered device...") }
        d.reply(.settingsSaved(.deviceDeleted)) {
            $0.pending = nil
            $0.expectPopup(AuthenticationSettingsPopup(userID: "B0123402").with {
                $0.stage = .done("The registered device has been deleted. At your next logon, set up the OTP channel again.")
                $0.form?.focus(on: "close")
            })
            $0.message = .success("Authentication settings saved.")
        }
        d.key(.enter, "the flow is over: nothing to cancel") { $0.popup = nil }
    }

    func testOATHIsSwitchedOffWithSpaceThenSaved() {
        var d = settingsOpen()
        d.keys(.tab, .tab) { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.focus(on: "oath") } }
        let on = Toggle(id: "oath", label: Texts.oathSetting, isOn: true)
        var off = on
        off.isOn = false
        let oath = AuthenticationSettingsPopup(userID: "B0123402").with { $0.stage = .oath(self.b2, on) }.focused(on: "oath")
        d.key(.enter) {
            $0.expectPopup(oath)
            $0.message = .info("Space turns the setting on or off; Save keeps it.")
        }
        XCTAssertEqual(d.state.currentForm, Form([.toggle(on), .button(id: "save", label: Texts.save), .button(id: "close", label: Texts.close)], submit: "save"))
        d.key(.enter, "Enter on the toggle presses Save: nothing changed") { $0.message = .info("Nothing changed: OATH stays enabled.") }
        d.key(.character(" ")) { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.stage = .oath(self.b2, off) } }
        d.key(.character(" "), "and back") { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.stage = .oath(self.b2, on) } }
        d.key(.character(" ")) { $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.stage = .oath(self.b2, off) } }
        let save = EngineRequest.changeSettings(b2, .oathDisabled)
        d.key(.enter, effects: [.engine(id: 4, save)]) { $0.expectCall(4, save, "Saving...") }
        d.reply(.settingsSaved(.oathDisabled)) {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) {
                $0.stage = .done("Multi-factor authentication using OATH is disabled. Your OTP will be sent to your registered email address from the next logon.")
            }
            $0.message = .success("Authentication settings saved.")
        }
    }

    func testEscFromTheOATHSettingGoesBackToTheSettings() {
        var d = settingsOpen()
        d.press(.tab, .tab, .enter, .character(" "))
        d.key(.escape, "nothing saved") {
            $0.expectPopup(AuthenticationSettingsPopup(userID: "B0123402").with {
                $0.stage = .settings(self.b2)
                $0.form?.focus(on: "close")
            })
            $0.message = .info(Texts.oneRegisteredDevice)
        }
        d.key(.escape, effects: [.engine(id: 0, .cancel(b2))]) {
            $0.popup = nil
            $0.message = nil
        }
    }

    func testAuthenticationSettingsRefusals() {
        var d = onChangePassword()
        d.press(.enter, .tab, .tab, .tab, .enter)
        d.key(.enter, "no password") { $0.message = .error(Texts.enterPassword) }
        d.type("wrong")
        d.press(.enter)
        d.reply(.settingsStart(.invalid), "the password is emptied") {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) { $0.form?.clear(.password) }
            $0.message = .error(Texts.invalidCredentials)
        }
        d.type("right")
        d.press(.enter)
        d.reply(.settingsStart(.askDelegatedAdministrator(.user))) {
            $0.pending = nil
            $0.modifyPopup(AuthenticationSettingsPopup.self) {
                $0.stage = .refused("Authentication settings need a registered mobile device. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration.")
                $0.form?.focus(on: "close")
            }
            $0.message = nil
        }
        d.key(.escape) { $0.popup = nil }
    }
}

final class DMSUpdateTests: XCTestCase {
    private let da = Fixtures.da
    private let daSession = Fixtures.daSession

    private func profileScreen(_ function: DMSFunction) -> Driver {
        Driver(.dms, showing: ProfileScreen(function: function, success: da))
    }

    private func pending(_ change: ProfileChange, belowMinimum: DAMinimumShortfall? = nil) -> PendingChange {
        PendingChange(id: "p1", maker: "B01234X1", participantKey: "HKSCC-CP:B01234", change: change, belowMinimum: belowMinimum)
    }

    private func profile(_ function: DMSFunction, options: UserProfile.ChangeOptions = .none, restriction: Refusal? = nil) -> UserProfile {
        UserProfile(function: function, userID: "B0123401", participantKey: "HKSCC-CP:B01234", role: AccountRole(kind: .user), state: .app,
                    email: "old@demo.example", businessGroups: nil, twoFactor: .init(locked: false, otpEnabled: true), smartcard: nil,
                    changeOptions: options, restriction: restriction)
    }

    private let checkerForm = Form([
        .field(TextField(.checkerID, kind: .userID)),
        .field(TextField(.authorizationCode, kind: .password)),
        .button(id: "confirm", label: Texts.confirm),
        .button(id: "back", label: Texts.back),
    ], submit: "confirm")

    func testTheMenuAsksTheEngineBeforeOpeningAFunction() {
        var d = Driver(.dms, showing: LoggedOnScreen(success: da, function: .securityManagement))
        d.key(.enter) { $0.expectScreen(MaintainUserProfileScreen(success: da)) }
        d.key(.enter, effects: [.engine(id: 1, .dmsAvailability(.create))]) { $0.expectCall(1, .dmsAvailability(.create), "Opening...") }
        d.reply(.availability(.create, .createUserBeforeLaunch), "the menu stays") {
            $0.pending = nil
            $0.message = .error("Create User Profile for new users is available from the launch of 2FA on 12 June 2023.")
        }
        d.key(.down) { $0.modifyScreen(MaintainUserProfileScreen.self) { $0.form?.focus(on: "change") } }
        d.key(.enter, effects: [.engine(id: 2, .dmsAvailability(.change))]) {
            $0.message = nil
            $0.expectCall(2, .dmsAvailability(.change), "Opening...")
        }
        d.reply(.availability(.change, nil)) {
            $0.pending = nil
            $0.expectScreen(ProfileScreen(function: .change, success: da))
        }
        d.key(.escape, "back on the function just used") { $0.expectScreen(MaintainUserProfileScreen(success: da, focus: .change)) }
        d.key(.escape) { $0.expectScreen(LoggedOnScreen(success: da, function: .securityManagement)) }
    }

    func testMenuToListingAndBack() {
        var d = Driver(.dms, showing: MaintainUserProfileScreen(success: da))
        d.keys(.up, .up) { $0.modifyScreen(MaintainUserProfileScreen.self) { $0.form?.focus(on: "listing") } }
        d.key(.enter, effects: [.engine(id: 1, .dmsAvailability(.listing))]) { $0.expectCall(1, .dmsAvailability(.listing), "Opening...") }
        d.reply(.availability(.listing, nil), effects: [.engine(id: 2, .listing(daSession))], "the listing asks for its data as it appears") {
            $0.expectScreen(ProfileListingScreen(success: da))
            $0.expectCall(2, .listing(daSession), "Preparing the listing...")
        }
        let rows = (1...3).map { n in
            UserProfileListing.Row(userID: "B012340\(n)", role: AccountRole(kind: .user), state: .app, locked: false, disabled: false,
                                   email: "u\(n)@demo.example")
        }
        let report = UserProfileListing(participantKey: "HKSCC-CP:B01234", participantName: "DEMO SECURITIES", rows: rows, maxUsers: 10)
        XCTAssertEqual(report.lines.count, 17)
        d.reply(.listing(report)) {
            $0.pending = nil
            $0.modifyScreen(ProfileListingScreen.self) { $0.listing = report }
        }
        // 17 lines, 14 on a 24-row window: 3 to scroll.
        d.key(.pageDown) { $0.modifyScreen(ProfileListingScreen.self) { $0.scroll = 3 } }
        d.key(.down, "not past the end")
        d.key(.up) { $0.modifyScreen(ProfileListingScreen.self) { $0.scroll = 2 } }
        d.key(.right) { $0.modifyScreen(ProfileListingScreen.self) { $0.shift = 8 } }
        d.key(.home) { $0.modifyScreen(ProfileListingScreen.self) { $0.scroll = 0; $0.shift = 0 } }
        d.key(.end) { $0.modifyScreen(ProfileListingScreen.self) { $0.scroll = 3 } }
        d.key(.enter, effects: [.engine(id: 3, .exportListing(daSession))]) { $0.expectCall(3, .exportListing(daSession), "Exporting...") }
        d.reply(.exported(path: "/tmp/x.txt")) {
            $0.pending = nil
            $0.message = .success("Exported to /tmp/x.txt")
        }
        d.key(.escape, "back on the listing, the function just used") {
            $0.expectScreen(MaintainUserProfileScreen(success: da, focus: .listing))
            $0.message = nil
        }
    }

    func testCreateSubmitsThenTheCheckerConfirmsOnTheSameScreen() {
        var d = profileScreen(.create)
        XCTAssertEqual(d.state.currentForm, Form([.field(TextField(.userID, kind: .userID)), .field(TextField(.emailAddress, kind: .email)),
                                                  .button(id: "submit", label: Texts.dmsSubmit), .button(id: "back", label: Texts.back)], submit: "submit"))
        d.type("b0123410")
        d.press(.tab)
        d.type("new@demo.example")
        let create = ProfileChange.create(userID: "B0123410", email: "new@demo.example")
        d.key(.enter, effects: [.engine(id: 1, .submitChange(create, daSession))]) {
            $0.modifyScreen(ProfileScreen.self) {
                $0.form?.set(.userID, "B0123410")
                $0.form?.set(.emailAddress, "new@demo.example")
                $0.form?.focus(on: .emailAddress)
            }
            $0.expectCall(1, .submitChange(create, daSession), "Submitting...")
        }
        let ticket = pending(create)
        d.reply(.changeSubmitted(ticket)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.draft = ProfileScreen.Draft(stage: $0.stage, form: $0.form)
                $0.stage = .checker(ticket)
                $0.form = self.checkerForm
            }
            $0.message = .info("Submitted: create user profile B0123410 (new@demo.example). To be performed by DA Checker on this screen.")
        }
        d.keys(.enter, .enter, note: "focus on the field missing") {
            $0.message = .error("Please enter the Checker ID and the Authorization Code.")
        }
        d.type("B01234Y1")
        d.key(.enter, "to the code") {
            $0.modifyScreen(ProfileScreen.self) {
                $0.form?.set(.checkerID, "B01234Y1")
                $0.form?.focus(on: .authorizationCode)
            }
        }
        d.type("wrong")
        let wrong = EngineRequest.authorise(ticket, checkerID: "B01234Y1", code: "wrong")
        d.key(.enter, effects: [.engine(id: 2, wrong)]) {
            $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.authorizationCode, "wrong") }
            $0.expectCall(2, wrong, "Authorizing...")
        }
        d.reply(.authorisation(.refused(.invalidCheckerCredentials(attemptsLeft: 2))), "both fields start afresh") {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) { $0.form = self.checkerForm }
            $0.message = .error("Invalid Checker ID or Authorization Code. 2 more attempts for this request.")
        }
        d.type("B01234Y1")
        d.press(.tab)
        d.type(currentPassword)
        d.key(.enter, effects: [.engine(id: 3, .authorise(ticket, checkerID: "B01234Y1", code: currentPassword))]) {
            $0.modifyScreen(ProfileScreen.self) {
                $0.form?.set(.checkerID, "B01234Y1")
                $0.form?.set(.authorizationCode, currentPassword)
                $0.form?.focus(on: .authorizationCode)
            }
            $0.expectCall(3, .authorise(ticket, checkerID: "B01234Y1", code: currentPassword), "Authorizing...")
        }
        d.reply(.authorisation(.applied(ticket))) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .done(ticket)
                $0.form = Form([.button(id: "back", label: Texts.back)])
            }
            $0.message = .success("Confirmed: create user profile B0123410 (new@demo.example).")
        }
        d.key(.enter) {
            $0.expectScreen(MaintainUserProfileScreen(success: da))
            $0.message = nil
        }
    }

    func testASubmissionBelowTheDAMinimumSaysSo() {
        var d = profileScreen(.create)
        d.type("B0123410")
        d.press(.tab)
        d.type("new@demo.example")
        d.press(.enter)
        let ticket = pending(.create(userID: "B0123410", email: "new@demo.example"),
                             belowMinimum: DAMinimumShortfall(participant: "HKSCC-CP:B01234", makers: 1, checkers: 1))
        d.reply(.changeSubmitted(ticket)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.draft = ProfileScreen.Draft(stage: $0.stage, form: $0.form)
                $0.stage = .checker(ticket)
                $0.form = self.checkerForm
            }
            $0.message = .warning("Submitted: create user profile B0123410 (new@demo.example). To be performed by DA Checker on this screen. Note: HKSCC-CP:B01234 has 1 DA maker and 1 DA checker; at least 1 DA maker and 2 DA checkers should be assigned.")
        }
    }

    func testChangeOffersWhatTheEngineAllowsOneChangeAtATime() {
        var d = profileScreen(.change)
        d.type("B0123401")
        let read = EngineRequest.profile(userID: "B0123401", .change, daSession)
        d.key(.enter, effects: [.engine(id: 1, read)]) {
            $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.userID, "B0123401") }
            $0.expectCall(1, read, "Reading the profile...")
        }
        let options = UserProfile.ChangeOptions(email: true, resetOTPRegistration: true, businessGroups: false)
        let found = profile(.change, options: options)
        let reset = Toggle(id: "reset", label: Texts.unlockResetOTP, style: .radio)
        let form = Form([.field(TextField(.emailAddress, kind: .email, text: "old@demo.example")), .toggle(reset),
                         .button(id: "change", label: Texts.change), .button(id: "back", label: Texts.back)], submit: "change")
        d.reply(.profile(found)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(found)
                $0.form = form
            }
        }
        d.key(.enter, "Change with nothing changed") {
            $0.message = .error("Nothing to change: enter a new email address or choose Unlock/ Reset OTP Device Registration.")
        }
        d.key(.tab) { $0.modifyScreen(ProfileScreen.self) { $0.form?.focus(on: "reset") } }
        d.key(.character(" ")) { $0.modifyScreen(ProfileScreen.self) { $0.form?.setToggle("reset", true) } }
        d.press(.backTab, .clearField)
        d.type("new@demo.example")
        d.key(.enter, "a new email and the reset: two changes") {
            $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.emailAddress, "new@demo.example") }
            $0.message = .error("One change at a time: each change is confirmed by a checker on its own.")
        }
        d.press(.clearField)
        d.type("old@demo.example")
        let resetChange = ProfileChange.resetOTPRegistration(userID: "B0123401")
        d.keys(.tab, .enter, effects: [.engine(id: 2, .submitChange(resetChange, daSession))], note: "Enter on the toggle presses Change") {
            $0.modifyScreen(ProfileScreen.self) {
                $0.form?.set(.emailAddress, "old@demo.example")
                $0.form?.focus(on: "reset")
            }
            $0.expectCall(2, .submitChange(resetChange, daSession), "Submitting...")
        }
        let ticket = pending(resetChange)
        d.reply(.changeSubmitted(ticket)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.draft = ProfileScreen.Draft(stage: $0.stage, form: $0.form)
                $0.stage = .checker(ticket)
                $0.form = self.checkerForm
            }
            $0.message = .info("Submitted: unlock/ reset OTP device registration of B0123401. To be performed by DA Checker on this screen.")
        }
        d.key(.escape, effects: [.engine(id: 0, .withdraw(ticket))], "back withdraws the request") {
            $0.expectScreen(ProfileScreen(function: .change, success: da))
            $0.message = .info("The request was withdrawn; nothing was changed.")
        }
    }

    func testAChangeOfEmailAlone() {
        var d = profileScreen(.change)
        d.type("B0123401")
        d.press(.enter)
        d.answer(.profile(profile(.change, options: .init(email: true, resetOTPRegistration: true, businessGroups: false))))
        d.press(.clearField)
        d.type("new@demo.example")
        let change = ProfileChange.changeEmail(userID: "B0123401", email: "new@demo.example")
        d.key(.enter, effects: [.engine(id: 2, .submitChange(change, daSession))]) {
            $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.emailAddress, "new@demo.example") }
            $0.expectCall(2, .submitChange(change, daSession), "Submitting...")
        }
    }

    /// After the decommissioning DMS changes a DA's business user groups (s5.1); the DA role is
    /// not on the form (HKEX gives it, through eService DA3).
    func testADAsBusinessGroupsAreChangedWithAFieldAndTheDARoleIsNotOffered() {
        var d = profileScreen(.change)
        d.type("B01234X2")
        d.press(.enter)
        let options = UserProfile.ChangeOptions(email: false, resetOTPRegistration: false, businessGroups: true)
        let found = UserProfile(function: .change, userID: "B01234X2", participantKey: "HKSCC-CP:B01234",
                                role: AccountRole(kind: .delegatedAdministrator, isMaker: true), state: .app, email: "da@demo.example",
                                businessGroups: ["Settlement"], twoFactor: nil, smartcard: nil, changeOptions: options, restriction: nil)
        d.reply(.profile(found)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(found)
                $0.form = Form([.field(TextField(.businessUserGroups, kind: .text, maxLength: 60, text: "Settlement")),
                                .button(id: "change", label: Texts.change), .button(id: "back", label: Texts.back)],
                               submit: "change")
            }
        }
        d.key(.enter, "the groups as they were") {
            $0.message = .error("Nothing to change: change the business user groups.")
        }
        d.typing(", Nominee") { $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.businessUserGroups, "Settlement, Nominee") } }
        let assignGroups = ProfileChange.assignBusinessGroups(userID: "B01234X2", groups: ["Settlement", "Nominee"])
        d.key(.enter, effects: [.engine(id: 2, .submitChange(assignGroups, daSession))]) {
            $0.expectCall(2, .submitChange(assignGroups, daSession), "Submitting...")
        }
        d.reply(.changeSubmitted(pending(assignGroups))) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.draft = ProfileScreen.Draft(stage: $0.stage, form: $0.form)
                $0.stage = .checker(self.pending(assignGroups))
                $0.form = self.checkerForm
            }
            $0.message = .info("Submitted: business user groups of B01234X2: Settlement, Nominee. To be performed by DA Checker on this screen.")
        }
    }

    func testAProfileTheFunctionCannotChangeShowsWhyAndOnlyBack() {
        var d = profileScreen(.change)
        d.type("B01234X2")
        d.press(.enter)
        let restricted = profile(.change, options: .none, restriction: .daProfileThroughEServiceDA3("B01234X2", .hksccParticipant))
        d.reply(.profile(restricted)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(restricted)
                $0.form = Form([.button(id: "back", label: Texts.back)])
            }
            $0.message = .warning(Refusal.daProfileThroughEServiceDA3("B01234X2", .hksccParticipant).description)
        }
        d.key(.enter, "back to the User ID") {
            $0.expectScreen(ProfileScreen(function: .change, success: da))
            $0.message = nil
        }
    }

    func testDeleteThenTooManyWrongConfirmationsWithdrawIt() {
        var d = profileScreen(.delete)
        d.type("B0123401")
        d.press(.enter)
        let found = profile(.delete)
        d.reply(.profile(found)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(found)
                $0.form = Form([.button(id: "delete", label: Texts.delete), .button(id: "back", label: Texts.back)])
            }
        }
        let delete = ProfileChange.delete(userID: "B0123401")
        d.key(.enter, effects: [.engine(id: 2, .submitChange(delete, daSession))]) { $0.expectCall(2, .submitChange(delete, daSession), "Submitting...") }
        let ticket = pending(delete)
        d.answer(.changeSubmitted(ticket))
        d.type("B01234Y1")
        d.press(.tab)
        d.type("wrong")
        d.press(.enter)
        d.reply(.authorisation(.refused(.changeWithdrawn)), "back to the maker's request as it was, to submit again without retyping") {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(found)
                $0.form = Form([.button(id: "delete", label: Texts.delete), .button(id: "back", label: Texts.back)])
                $0.draft = nil
            }
            $0.message = .error("Too many invalid confirmations: the request was withdrawn. The maker may submit it again.")
        }
        d.key(.enter, effects: [.engine(id: 4, .submitChange(delete, daSession))], "Delete, again") {
            $0.expectCall(4, .submitChange(delete, daSession), "Submitting...")
        }
    }

    func testAChangeNoLongerWaitingStartsOver() {
        var d = profileScreen(.delete)
        d.type("B0123401")
        d.press(.enter)
        d.answer(.profile(profile(.delete)))
        d.press(.enter)
        d.answer(.changeSubmitted(pending(.delete(userID: "B0123401"))))
        d.type("B01234Y1")
        d.press(.tab)
        d.type("code")
        d.press(.enter)
        d.reply(.failure(.sessionEnded), "no way back to the logon page for this: the DA is still logged on") {
            $0.pending = nil
            $0.expectScreen(ProfileScreen(function: .delete, success: da))
            $0.message = .error("The request is no longer waiting for a checker; nothing was changed. Please submit it again.")
        }
    }

    func testALogonThatEndedLeadsToTheLandingPage() {
        var d = profileScreen(.enquire)
        d.type("B0123401")
        d.press(.enter)
        d.reply(.failure(.notPermitted(.notLoggedOn)), effects: [.engine(id: 0, .logout(da.session))]) {
            $0.pending = nil
            $0.expectScreen(LandingScreen(console: .dms, phase: .transition))
            $0.message = .error("You are not logged on to DMS.")
        }
    }

    func testEnquireShowsTheProfileAndGoesBackStepByStep() {
        var d = profileScreen(.enquire)
        d.typing("b0123401") { $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.userID, "B0123401") } }
        d.key(.enter, effects: [.engine(id: 1, .profile(userID: "B0123401", .enquire, daSession))]) {
            $0.expectCall(1, .profile(userID: "B0123401", .enquire, daSession), "Reading the profile...")
        }
        let found = profile(.enquire)
        d.reply(.profile(found)) {
            $0.pending = nil
            $0.modifyScreen(ProfileScreen.self) {
                $0.stage = .profile(found)
                $0.form = Form([.button(id: "back", label: Texts.back)])
            }
        }
        XCTAssertEqual(d.state.currentUserID, "B0123401")
        d.key(.escape) { $0.expectScreen(ProfileScreen(function: .enquire, success: da)) }
        d.key(.escape, "back on Enquire, the function just used") { $0.expectScreen(MaintainUserProfileScreen(success: da, focus: .enquire)) }
    }

    func testAnInvalidUserIDIsRefusedBeforeAsking() {
        var d = profileScreen(.enquire)
        d.type("B01")
        d.key(.enter) {
            $0.modifyScreen(ProfileScreen.self) { $0.form?.set(.userID, "B01") }
            $0.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101.")
        }
    }
}

final class KeyboardGrammarTests: XCTestCase {
    func testTabArrowsAndEnterMoveThroughTheForm() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        func focus(_ key: String) -> (inout AppState) -> Void { { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: key) } } }
        func focus(_ field: FieldID) -> (inout AppState) -> Void { { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: field) } } }
        d.key(.down, "Down is Tab", focus(FieldID.password))
        d.key(.up, "Up is Shift-Tab", focus(FieldID.userID))
        d.key(.backTab, "wraps", focus("change"))
        d.key(.left, "Left moves between buttons", focus("forgot"))
        d.key(.right, "", focus("change"))
        d.key(.tab, "", focus(FieldID.userID))
        d.key(.enter, "Enter in a field that is not the last moves on", focus(FieldID.password))
        d.typing("ab") { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.password, "ab") } }
        d.key(.left, "in a field, Left moves the cursor") {
            $0.modifyScreen(LogonScreen.self) { $0.form?.update(.password) { _ = $0.edit(.left) } }
        }
    }

    func testSpacePressesAButtonAndTypesInAField() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type("B0123401")
        d.press(.tab)
        d.typing("a b") { $0.modifyScreen(LogonScreen.self) { $0.form?.set(.password, "a b") } }
        d.key(.tab) { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: "login") } }
        let logon = EngineRequest.logon(userID: "B0123401", password: "a b", .terminal)
        d.key(.character(" "), effects: [.engine(id: 1, logon)]) { $0.expectCall(1, logon, verifyingPassword) }
    }

    func testCtrlUEmptiesTheFieldAndNothingElse() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type("B0123401")
        d.key(.clearField) { $0.modifyScreen(LogonScreen.self) { $0.form?.clear(.userID) } }
        d.type("B0123401")
        d.press(.tab)
        d.type("secret")
        d.press(.tab)
        d.key(.clearField, "on a button it does nothing") { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: "login") } }
        d.press(.backTab)
        d.key(.clearField) { $0.modifyScreen(LogonScreen.self) { $0.form?.clear(.password) } }
        XCTAssertEqual(d.state.screen.as(LogonScreen.self)?.form?.text(.userID), "B0123401")
    }

    func testSpaceTurnsAToggleAndEnterOnItPressesTheFormsButton() {
        let toggle = Toggle(id: "reset", label: Texts.unlockResetOTP, style: .radio)
        var form = Form([.field(TextField(.emailAddress, kind: .email)), .toggle(toggle), .button(id: "change", label: Texts.change)], submit: "change", focusOn: "reset")
        XCTAssertEqual(form.focus, 1)
        XCTAssertEqual(form.handle(.character(" ")), .toggled("reset"))
        XCTAssertTrue(form.isOn("reset"))
        XCTAssertEqual(form.handle(.character(" ")), .toggled("reset"), "a radio button is turned off again too")
        XCTAssertFalse(form.isOn("reset"))
        XCTAssertEqual(form.handle(.enter), .activate("change"))
        var alone = Form([.toggle(toggle)], focusOn: "reset")
        XCTAssertEqual(alone.handle(.enter), FormAction.none, "no button to press")
        XCTAssertEqual(form.handle(.backTab), FormAction.none)
        XCTAssertEqual(form.handle(.character(" ")), .message("Email Address: only letters, digits and . _ % + - @ (no spaces, no other scripts)"))
        XCTAssertEqual(form.handle(.escape), .escape)
    }

    func testFocusGoesToTheFieldAtFault() {
        // The smartcard password too short: focus back on it from the button.
        var d = Driver(showing: SmartcardScreen(function: .smartcardTerminal, console: .terminal))
        d.type("B0123404")
        d.press(.tab)
        d.type("123")
        d.press(.tab)
        d.key(.enter) {
            $0.modifyScreen(SmartcardScreen.self) {
                $0.form?.set(.userID, "B0123404")
                $0.form?.set(.smartcardPassword, "123")
                $0.form?.focus(on: .smartcardPassword)
            }
            $0.message = .error("The smartcard password is 6 to 8 digits.")
        }
        // The User ID wrong: focus on it, whichever field Enter was pressed in.
        var l = Driver(showing: LogonScreen(function: .onlineFunctions))
        l.type("B01")
        l.press(.tab)
        l.type("secret")
        l.key(.enter) {
            $0.modifyScreen(LogonScreen.self) {
                $0.form?.set(.userID, "B01")
                $0.form?.set(.password, "secret")
                $0.form?.focus(on: .userID)
            }
            $0.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101.")
        }
        // A DMS User ID wrong, from the button.
        var p = Driver(.dms, showing: ProfileScreen(function: .create, success: Fixtures.da))
        p.type("B01")
        p.press(.tab, .tab)
        p.key(.enter) {
            $0.modifyScreen(ProfileScreen.self) {
                $0.form?.set(.userID, "B01")
                $0.form?.focus(on: .userID)
            }
            $0.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101.")
        }
    }

    func testClosingAPopupLeavesTheScreensFocusWhereItWas() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions))
        d.type("B0123401")
        d.press(.tab)
        d.type("secret")
        d.press(.tab, .tab, .tab)
        let screen = d.state.screen
        XCTAssertEqual(d.state.currentForm?.focusedItem, .button(id: "change", label: Texts.changePassword))
        d.key(.enter) { $0.expectPopup(ChangePasswordPopup(userID: "B0123401")) }
        d.typing("abc", "keys go to the pop-up, not the screen beneath") {
            $0.modifyPopup(ChangePasswordPopup.self) { $0.form?.set(.newPassword, "abc") }
        }
        d.key(.escape) { $0.popup = nil }
        XCTAssertEqual(d.state.screen, screen)
        d.key(.backTab) { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: "forgot") } }
        d.key(.enter) { $0.expectPopup(ResetPopup(userID: "B0123401")) }
        d.keys(.tab, .tab, .enter, note: "Close") { $0.popup = nil }
        d.key(.backTab, "the focus moves on from Forgot") { $0.modifyScreen(LogonScreen.self) { $0.form?.focus(on: "login") } }
    }

    func testAFrontEndFillsTheFormAndPressesAButtonOrTurnsAToggle() {
        var d = Driver(showing: LogonScreen(function: .onlineFunctions, userID: "B0999999"))
        let logon = EngineRequest.logon(userID: "B0123401", password: "secret", .terminal)
        d.event(.submitForm(fields: [.userID: "B0123401", .password: "secret"], action: "login"), effects: [.engine(id: 1, logon)]) {
            $0.modifyScreen(LogonScreen.self) {
                $0.form?.set(.userID, "B0123401")
                $0.form?.set(.password, "secret")
                $0.form?.focus(on: "login")
            }
            $0.expectCall(1, logon, verifyingPassword)
        }
        // With a pop-up open, its form is the one filled.
        var start = Fixtures.state(showing: LogonScreen(function: .onlineFunctions))
        start.open(AuthenticationSettingsPopup(userID: "B0123402").with {
            $0.stage = .oath(s, Toggle(id: "oath", label: Texts.oathSetting, isOn: true))
            $0.form?.focus(on: "close")
        })
        var t = Driver(start)
        t.event(.submitForm(fields: [:], action: "oath"), "a toggle is turned, not submitted") {
            $0.modifyPopup(AuthenticationSettingsPopup.self) {
                $0.stage = .oath(s, Toggle(id: "oath", label: Texts.oathSetting, isOn: false))
                $0.form?.focus(on: "oath")
            }
        }
    }
}

final class TrainerUpdateTests: XCTestCase {
    func testFunctionKeysMoveTheClockOnlyInTrainerMode() {
        var d = Driver()
        d.key(.function(8), "no trainer controls for operators")
        d.state.trainer = true
        d.key(.function(5), effects: [.advanceClock(60)]) { $0.trainerClockNote = "Trainer: clock +1 min." }
        d.key(.function(6), effects: [.advanceClock(300)]) { $0.trainerClockNote = "Trainer: clock +5 min." }
        d.key(.function(7), effects: [.advanceClock(1800)]) { $0.trainerClockNote = "Trainer: clock +30 min." }
        d.key(.function(8), effects: [.advanceClock(90 * 86_400)]) { $0.trainerClockNote = "Trainer: clock +90 days." }
        d.key(.function(9), "not a trainer key: the last move's note goes") { $0.trainerClockNote = nil }
        d.event(.trainerNotes(["B0123402 2fa-app; failed logons 2 of 5 in 30 min", "password expires in 83 days"])) {
            $0.trainerNotes = ["B0123402 2fa-app; failed logons 2 of 5 in 30 min", "password expires in 83 days"]
        }
        XCTAssertTrue(d.screenText.contains("F5-F8 clock"), d.screenText)
    }

    func testTheClockMovesEvenWhileTheEngineWorks() {
        var start = Fixtures.state(showing: AppOTPScreen(session: s, function: .onlineFunctions, prompt: appPrompt))
        start.trainer = true
        var d = Driver(start)
        d.type("123456")
        d.press(.enter)
        d.key(.function(7), effects: [.advanceClock(1800)], "not kept for later") { $0.trainerClockNote = "Trainer: clock +30 min." }
        XCTAssertEqual(d.state.typeahead, [])
    }
}
