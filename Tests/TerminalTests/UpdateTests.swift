@testable import AuthEngine
import Foundation
@testable import TerminalCore
import XCTest

/// Every transition of the state machine, asserting the whole resulting state (the expected
/// state is the previous one with exactly the changes the transition should make).
final class LandingAndLogonUpdateTests: XCTestCase {
    func testLandingMovesFocusAndOpensTheChosenFunction() {
        var d = Driver()
        var expected = d.state
        guard case .landing(var landing) = expected.screen else { return XCTFail() }
        XCTAssertEqual(landing.options.map(\.label), [Texts.otpOnline, Texts.otpReports, Texts.smartcardTerminal, Texts.connectivityVerification])
        d.press(.down)
        landing.focus = 1
        expected.screen = .landing(landing)
        XCTAssertEqual(d.state, expected)
        d.press(.backTab, .backTab)
        landing.focus = 3
        expected.screen = .landing(landing)
        XCTAssertEqual(d.state, expected)
        d.press(.enter)
        expected.screen = .connectivityCheck(ConnectivityCheckScreen())
        XCTAssertEqual(d.state, expected, "the SSO page, no logon")
        d.press(.escape)
        expected.screen = .landing(LandingScreen(console: .terminal, phase: .transition))
        expected.message = .info("Connectivity verified. The window was closed without logging on.")
        XCTAssertEqual(d.state, expected)
        d.press(.character("3"))
        expected.screen = .smartcard(SmartcardScreen(function: .smartcardTerminal))
        expected.message = nil
        XCTAssertEqual(d.state, expected)
        d.press(.escape)
        d.press(.character("2"))
        expected.screen = .logon(LogonScreen(function: .overnightReports))
        XCTAssertEqual(d.state, expected)
        XCTAssertEqual(d.effects, [])
    }

    func testTheConnectivityTestShowsFunctionNotAvailableAfterLogon() {
        var d = Driver()
        d.state.connectivityTest = .secondary
        d.state.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .onlineFunctions))
        d.type("123456")
        d.press(.enter)
        d.answer(.otp(.accepted(.loggedOn(Fixtures.success))))
        XCTAssertEqual(d.state.screen, .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions, connectivityTest: .secondary)))
        let text = d.screenText
        XCTAssertTrue(text.contains(Texts.functionNotAvailable), text)
        XCTAssertTrue(text.contains("Changes made in this session are not"), text)
        XCTAssertTrue(text.contains("Connectivity test - Secondary Data Centre (Session 2): changes not kept"))
        XCTAssertFalse(text.contains("Settlement Instruction Maintenance"), "no function during the test")
    }

    func testPhasesChangeTheLandingOptions() {
        let v = Texts.connectivityVerification
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .smartcardOnly).options.map(\.label), [Texts.smartcardTerminal, v])
        XCTAssertEqual(LandingScreen(console: .terminal, phase: .twoFactorOnly).options.map(\.label), [Texts.otpOnline, Texts.otpReports, v])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .transition).options.map(\.label), [Texts.otpDMS, Texts.smartcardDMS, v])
        XCTAssertEqual(LandingScreen(console: .dms, phase: .twoFactorOnly).options.map(\.label), [Texts.otpDMS, v])
        // The clock crossing 4 September 2023 rebuilds the landing page.
        var d = Driver()
        var expected = d.state
        let later = HongKongTime.date(2023, 9, 4, 7, 0)
        d.send(.tick(now: later, phase: .twoFactorOnly))
        expected.now = later
        expected.phase = .twoFactorOnly
        expected.screen = .landing(LandingScreen(console: .terminal, phase: .twoFactorOnly))
        XCTAssertEqual(d.state, expected)
    }

    func testLogonChecksTheUserIDThenCallsTheEngineOnce() {
        var d = Driver()
        d.press(.enter)
        var expected = d.state
        d.type("b01234")
        d.press(.enter, .enter)
        // Enter moved to Password, then LOG IN from the last field: the ID is too short.
        var logon = LogonScreen(function: .onlineFunctions, userID: "B01234")
        logon.form.focus(on: Texts.userID)
        expected.screen = .logon(logon)
        expected.message = .error("A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101")
        XCTAssertEqual(d.state, expected)

        d.type("01")
        d.press(.tab)
        d.type("Training#2023Pass")
        let effects = d.send(.key(.enter))
        XCTAssertEqual(effects, [.engine(id: 1, .logon(userID: "B0123401", password: "Training#2023Pass"))])
        XCTAssertEqual(d.state.pending, AppState.PendingCall(id: 1, request: .logon(userID: "B0123401", password: "Training#2023Pass"),
                                                             label: "Verifying your User ID and Password..."))
        XCTAssertNil(d.state.message)
        // A second Enter while verifying submits nothing, and Esc does not leave.
        let before = d.state
        XCTAssertEqual(d.send(.key(.enter)), [])
        XCTAssertEqual(d.send(.key(.escape)), [])
        XCTAssertEqual(d.state, before)
    }

    func testLogonOutcomesLeadToTheirScreens() {
        func afterLogon(_ outcome: LogonOutcome) -> AppState {
            var d = Driver()
            d.press(.enter)
            d.type("B0123401")
            d.press(.tab)
            d.type("secret")
            d.press(.enter)
            d.answer(.logon(outcome))
            return d.state
        }
        var base = Fixtures.state()
        base.nextRequestID = 2

        var expected = base
        var logon = LogonScreen(function: .onlineFunctions, userID: "B0123401")
        logon.form.focus(on: Texts.password)
        expected.screen = .logon(logon)
        expected.message = .error(Texts.invalidCredentials)
        XCTAssertEqual(afterLogon(.invalid), expected, "password cleared, focus on it")
        expected.message = .error(Texts.locked)
        XCTAssertEqual(afterLogon(.locked), expected)

        expected = base
        expected.screen = .channelSetup(ChannelSetupScreen(session: Fixtures.session, function: .onlineFunctions))
        XCTAssertEqual(afterLogon(.setUpOTPChannel(Fixtures.session)), expected)

        expected.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .onlineFunctions))
        XCTAssertEqual(afterLogon(.enterAppOTP(Fixtures.session)), expected)

        expected.screen = .emailOTP(EmailOTPScreen(session: Fixtures.session, function: .onlineFunctions, notice: Fixtures.notice))
        expected.message = .info("An OTP has been sent to f*********n@demo-securities.example. It is valid for 5 minutes.")
        XCTAssertEqual(afterLogon(.enterEmailOTP(Fixtures.session, Fixtures.notice)), expected)

        expected.screen = .passwordExpired(PasswordExpiredScreen(session: Fixtures.session, function: .onlineFunctions))
        expected.message = .error("Your password has expired. Please change it now.")
        XCTAssertEqual(afterLogon(.passwordExpired(Fixtures.session)), expected)
    }

    func testFieldsRefuseWhatTheyCannotHoldWithAMessage() {
        var d = Driver()
        d.press(.enter)
        d.type("B0-1")
        XCTAssertEqual(d.state.message, .error("User ID: only letters and digits"))
        guard case .logon(let logon) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(logon.form.text(Texts.userID), "B01", "what was valid was kept")
        d.send(.paste("23401XYZ"))
        guard case .logon(let pasted) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(pasted.form.text(Texts.userID), "B0123401", "paste lands in the field, up to its length")
        XCTAssertEqual(d.state.message, .error("User ID: at most 8 characters"))
        d.press(.home, .delete, .end, .backspace, .left)
        guard case .logon(let edited) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(edited.form.text(Texts.userID), "012340")
        XCTAssertEqual(edited.form.field(Texts.userID)?.cursor, 5)
    }

    func testATooSmallWindowKeepsTheStateAndIgnoresKeys() {
        var d = Driver()
        d.press(.enter)
        d.type("B01")
        var expected = d.state
        d.send(.resize(Size(columns: 60, rows: 20)))
        expected.size = Size(columns: 60, rows: 20)
        d.type("99")
        d.press(.escape)
        XCTAssertEqual(d.state, expected)
        XCTAssertTrue(d.screenText.contains("Please enlarge the window to at least 80 x 24"))
        d.send(.resize(Fixtures.small))
        expected.size = Fixtures.small
        XCTAssertEqual(d.state, expected)
    }

    func testCtrlCQuitsAndEndsTheFlowInProgress() {
        var d = Driver()
        d.state.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .onlineFunctions))
        XCTAssertEqual(d.send(.key(.interrupt)), [.engine(id: 0, .cancel(Fixtures.session)), .quit])
        XCTAssertTrue(d.state.quitting)
    }

    func testAStaleEngineAnswerIsIgnored() {
        var d = Driver()
        let before = d.state
        d.send(.engine(id: 99, .logon(.invalid)))
        XCTAssertEqual(d.state, before)
    }

    func testAnEndedSessionGoesBackToLogonWithTheMessage() {
        var d = Driver()
        d.state.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .onlineFunctions))
        d.type("123456")
        d.press(.enter)
        d.answer(.failure(EngineError.unknownSession.description))
        XCTAssertEqual(d.state.screen, .logon(LogonScreen(function: .onlineFunctions, userID: "B0123401")))
        XCTAssertEqual(d.state.message, .error("This session has ended. Please log in again."))
    }
}

final class SecondFactorUpdateTests: XCTestCase {
    func testRegisterDeviceThenConfirmWithTheFirstCode() {
        var d = Driver()
        d.state.screen = .channelSetup(ChannelSetupScreen(session: Fixtures.session, function: .onlineFunctions))
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .beginDeviceRegistration(Fixtures.session))])
        d.answer(.registration(Fixtures.registration))
        var expected = Fixtures.state()
        expected.nextRequestID = 2
        var register = RegisterDeviceScreen(session: Fixtures.session, function: .onlineFunctions, registration: Fixtures.registration)
        expected.screen = .registerDevice(register)
        XCTAssertEqual(d.state, expected)

        d.press(.enter)
        register.step = .code
        register.form = RegisterDeviceScreen.codeForm
        expected.screen = .registerDevice(register)
        expected.message = .info(Texts.enterAppOTP)
        XCTAssertEqual(d.state, expected)

        d.type("12a")
        XCTAssertEqual(d.state.message, .error("OTP: digits only"))
        d.press(.enter)
        XCTAssertEqual(d.state.message, .error("The OTP is the 6 digits your authenticator app shows."))
        d.type("3456")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 2, .submitOTP(Fixtures.session, code: "123456"))])
        d.answer(.otp(.wrong(remaining: 2)))
        expected.screen = .registerDevice(register)
        expected.nextRequestID = 3
        expected.message = .error("Invalid OTP. 2 more invalid OTPs will count as a failed logon.")
        XCTAssertEqual(d.state, expected, "the field is cleared")

        d.type("654321")
        d.press(.enter)
        d.answer(.otp(.accepted(.loggedOn(Fixtures.success))))
        XCTAssertEqual(d.state.screen, .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions)))
        XCTAssertEqual(d.state.message, .success("Logged on as B0123401 by 2FA (authenticator app)."))
    }

    func testBackFromRegistrationDropsTheSeed() {
        var d = Driver()
        d.state.screen = .registerDevice(RegisterDeviceScreen(session: Fixtures.session, function: .onlineFunctions,
                                                              registration: Fixtures.registration))
        XCTAssertEqual(d.send(.key(.escape)), [.engine(id: 1, .abandonDeviceRegistration(Fixtures.session))])
        XCTAssertEqual(d.state.screen, .channelSetup(ChannelSetupScreen(session: Fixtures.session, function: .onlineFunctions)))
        XCTAssertNil(d.state.pending, "nothing to wait for")
    }

    func testSkipShowsThePotentialRiskThenEmailOTP() {
        var d = Driver()
        d.state.screen = .channelSetup(ChannelSetupScreen(session: Fixtures.session, function: .onlineFunctions))
        d.press(.tab, .enter)
        XCTAssertEqual(d.state.screen, .riskWarning(RiskWarningScreen(session: Fixtures.session, function: .onlineFunctions)))
        XCTAssertTrue(d.screenText.contains(Texts.potentialRisk))
        d.press(.tab, .enter)
        XCTAssertEqual(d.state.screen, .channelSetup(ChannelSetupScreen(session: Fixtures.session, function: .onlineFunctions)), "a way back")
        d.press(.tab, .enter)
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .skipDeviceRegistration(Fixtures.session))])
        d.answer(.skipped(Fixtures.notice))
        XCTAssertEqual(d.state.screen, .emailOTP(EmailOTPScreen(session: Fixtures.session, function: .onlineFunctions, notice: Fixtures.notice)))
    }

    func testEmailResendWaitsFiveMinutesAndSaysHowLong() {
        var d = Driver()
        d.state.screen = .emailOTP(EmailOTPScreen(session: Fixtures.session, function: .onlineFunctions, notice: Fixtures.notice))
        d.send(.tick(now: Fixtures.now.addingTimeInterval(55), phase: .transition))
        d.press(.tab, .tab)
        XCTAssertEqual(d.send(.key(.enter)), [], "throttled: no call")
        XCTAssertEqual(d.state.message, .error("A new OTP can be requested in 4:05."))
        XCTAssertTrue(d.screenText.contains("A new OTP can be requested in 4:05."))
        d.send(.tick(now: Fixtures.now.addingTimeInterval(300), phase: .transition))
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .requestEmailOTP(Fixtures.session))])
        var fresh = Fixtures.notice
        fresh.sentAt = Fixtures.now.addingTimeInterval(300)
        fresh.nextRequestAt = Fixtures.now.addingTimeInterval(600)
        d.answer(.emailOTP(.sent(fresh)))
        guard case .emailOTP(let screen) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(screen.notice, fresh)
        XCTAssertTrue(d.screenText.contains("A new OTP can be requested in 5:00."))
    }

    func testThreeWrongOTPsSendTheUserBackToLogon() {
        var d = Driver()
        d.state.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .overnightReports))
        d.type("111111")
        d.press(.enter)
        d.answer(.otp(.countedAsFailedLogon(lockedNow: false)))
        var logon = LogonScreen(function: .overnightReports, userID: "B0123401")
        logon.form.focus(on: Texts.password)
        XCTAssertEqual(d.state.screen, .logon(logon))
        XCTAssertEqual(d.state.message, .error("Three invalid OTPs count as one failed logon. Please log in again."))
    }

    func testExpiredPasswordIsCheckedThenTheLogonContinues() {
        var d = Driver()
        d.state.screen = .passwordExpired(PasswordExpiredScreen(session: Fixtures.session, function: .onlineFunctions))
        d.type("short")
        d.press(.tab)
        d.type("short")
        XCTAssertEqual(d.send(.key(.enter)), [])
        XCTAssertEqual(d.state.message?.kind, .error)
        XCTAssertTrue(d.state.message!.text.hasPrefix("The new password does not meet: At least 16 characters"))
        guard case .passwordExpired(var screen) = d.state.screen else { return XCTFail() }
        screen.form.update(Texts.newPassword) { $0.set("Abcdefghijk#1234") }
        screen.form.update(Texts.confirmPassword) { $0.set("Abcdefghijk#12345") }
        d.state.screen = .passwordExpired(screen)
        XCTAssertEqual(d.send(.key(.enter)), [])
        XCTAssertEqual(d.state.message, .error(Texts.passwordsDiffer))
        screen.form.update(Texts.confirmPassword) { $0.set("Abcdefghijk#1234") }
        d.state.screen = .passwordExpired(screen)
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .changeExpiredPassword(Fixtures.session, new: "Abcdefghijk#1234", confirmation: "Abcdefghijk#1234"))])
        d.answer(.expiredChange(.changed(next: .enterAppOTP(Fixtures.session))))
        XCTAssertEqual(d.state.screen, .appOTP(AppOTPScreen(session: Fixtures.session, function: .onlineFunctions)))
        XCTAssertEqual(d.state.message, .success("Password changed. "))
    }

    func testSmartcardChecksThePasswordShape() {
        var d = Driver()
        d.state.screen = .smartcard(SmartcardScreen(function: .smartcardTerminal))
        d.type("B0123404")
        d.press(.tab)
        d.type("12345")
        XCTAssertEqual(d.send(.key(.enter)), [])
        XCTAssertEqual(d.state.message, .error("The smartcard password is 6 to 8 digits."))
        d.type("678")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .smartcardLogon(userID: "B0123404", password: "12345678"))])
        d.answer(.smartcard(.locked))
        XCTAssertEqual(d.state.message, .error(Texts.locked), "a locked account cannot use the smartcard either")
    }

    func testLoggedOnMenuAndLogout() {
        var d = Driver()
        d.state.screen = .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions))
        d.press(.enter)
        XCTAssertEqual(d.state.message, .info("Settlement Instruction Maintenance: Function not available in this emulator, which covers the logon."))
        d.press(.escape)
        d.press(.enter)
        XCTAssertEqual(d.state.screen, .landing(LandingScreen(console: .terminal, phase: .transition)))
        XCTAssertEqual(d.state.message, .info("B0123401 logged out."))
    }

    func testDMSRefusesUsersWhoAreNotDelegatedAdministrators() {
        var d = Driver(Fixtures.state(.dms))
        d.state.screen = .appOTP(AppOTPScreen(session: Fixtures.session, function: .securityManagement))
        d.type("123456")
        d.press(.enter)
        d.answer(.otp(.accepted(.loggedOn(Fixtures.success))))
        XCTAssertEqual(d.state.screen, .landing(LandingScreen(console: .dms, phase: .transition)))
        XCTAssertEqual(d.state.message, .error(Texts.notADA))
    }
}

final class PopupUpdateTests: XCTestCase {
    private func logonWithUserID(_ id: String) -> Driver {
        var d = Driver()
        d.press(.enter)
        d.type(id)
        return d
    }

    func testResetByEmailFromUserIDToPasswordChanged() {
        var d = logonWithUserID("B0123401")
        d.press(.tab, .tab, .tab, .enter)
        XCTAssertEqual(d.state.popup, .reset(ResetPopup(userID: "B0123401")))
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .startPasswordReset(userID: "B0123401"))])
        d.answer(.resetStart(.emailOTPSent(Fixtures.session, Fixtures.notice)))
        guard case .reset(let popup) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(popup.stage, .emailOTP(Fixtures.notice))
        XCTAssertEqual(popup.form, ResetPopup.otpForm(email: true))
        d.type("12345678")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 2, .submitOTP(Fixtures.session, code: "12345678"))])
        d.answer(.otp(.accepted(.choosePassword(Fixtures.session))))
        guard case .reset(let choose) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(choose.stage, .newPassword)
        d.type("Brand-New#Pass2023")
        d.press(.tab)
        d.type("Brand-New#Pass2023")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 3, .completePasswordReset(Fixtures.session, new: "Brand-New#Pass2023", confirmation: "Brand-New#Pass2023"))])
        d.answer(.passwordChange(.changed))
        guard case .reset(let done) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(done.stage, .done)
        XCTAssertEqual(d.state.message, .success(Texts.passwordChanged))
        XCTAssertTrue(d.screenText.contains(Texts.passwordChanged))
        XCTAssertEqual(d.send(.key(.enter)), [], "Close ends nothing more: the flow is over")
        XCTAssertNil(d.state.popup)
        guard case .logon(let logon) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(logon.form.focusedItem, .field(TextField(Texts.password, kind: .password)))
    }

    func testResetIsRefusedForEmailAccountsWithGuidance() {
        var d = logonWithUserID("B0123403")
        d.press(.tab, .tab, .tab, .enter, .enter)
        d.answer(.resetStart(.askDelegatedAdministrator(.user)))
        guard case .reset(let popup) = d.state.popup, case .refused(let text) = popup.stage else { return XCTFail() }
        XCTAssertTrue(text.contains("ask your Delegated Administrator"))
        XCTAssertTrue(d.screenText.contains("Delegated Administrator"))
        d.press(.escape)
        XCTAssertNil(d.state.popup)
    }

    func testEscClosesTheResetPopupAndEndsItsFlow() {
        var d = logonWithUserID("B0123402")
        d.press(.tab, .tab, .tab, .enter, .enter)
        d.answer(.resetStart(.enterAppOTP(Fixtures.session)))
        XCTAssertEqual(d.send(.key(.escape)), [.engine(id: 2, .cancel(Fixtures.session))])
        XCTAssertNil(d.state.popup)
        XCTAssertNil(d.state.pending)
    }

    func testChangePasswordNewTwiceThenCurrent() {
        var d = logonWithUserID("B0123402")
        d.press(.tab, .tab, .tab, .tab, .enter)
        XCTAssertEqual(d.state.popup, .changePassword(ChangePasswordPopup(userID: "B0123402")))
        d.type("Brand-New#Pass2023")
        d.press(.tab)
        d.type("Brand-New#Pass2023")
        d.press(.enter)
        guard case .changePassword(let current) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(current.stage, .currentPassword)
        XCTAssertEqual(current.newPassword, "Brand-New#Pass2023")
        d.type("Training#2023Pass")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .changePassword(userID: "B0123402", current: "Training#2023Pass",
                                                                             new: "Brand-New#Pass2023", confirmation: "Brand-New#Pass2023"))])
        d.answer(.passwordChange(.invalidCredentials))
        XCTAssertEqual(d.state.message, .error(Texts.invalidCredentials))
        d.type("Training#2023Pass")
        d.press(.enter)
        d.answer(.passwordChange(.changed))
        guard case .changePassword(let done) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(done.stage, .done)
    }

    func testAuthenticationSettingsDeleteDeviceAndSwitchOATHOff() {
        var d = logonWithUserID("B0123402")
        d.press(.tab, .tab, .tab, .tab, .enter)
        d.press(.tab, .tab, .tab, .enter)
        XCTAssertEqual(d.state.popup, .authenticationSettings(AuthenticationSettingsPopup(userID: "B0123402")))
        d.type("Training#2023Pass")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .startAuthenticationSettings(userID: "B0123402", password: "Training#2023Pass"))])
        d.answer(.settingsStart(.enterAppOTP(Fixtures.session)))
        d.type("123456")
        d.press(.enter)
        d.answer(.otp(.accepted(.authenticationSettings(Fixtures.session))))
        guard case .authenticationSettings(let open) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(open.stage, .settings)
        // Settings: clear OATH and Save.
        d.press(.tab, .enter)
        d.press(.enter)
        guard case .authenticationSettings(let toggled) = d.state.popup else { return XCTFail() }
        XCTAssertEqual(toggled.stage, .oath(enabled: false))
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 3, .disableOATH(Fixtures.session))])
        d.answer(.settingsSaved(deviceDeleted: false))
        guard case .authenticationSettings(let done) = d.state.popup, case .done(let text) = done.stage else { return XCTFail() }
        XCTAssertTrue(text.contains("sent to your registered email address"))
    }
}

final class TrainerUpdateTests: XCTestCase {
    func testFunctionKeysMoveTheClockOnlyInTrainerMode() {
        var d = Driver()
        XCTAssertEqual(d.send(.key(.function(8))), [], "no trainer controls for operators")
        d.state.trainer = true
        XCTAssertEqual(d.send(.key(.function(5))), [.advanceClock(60)])
        XCTAssertEqual(d.send(.key(.function(8))), [.advanceClock(90 * 86_400)])
        XCTAssertEqual(d.state.message, .info("Trainer: clock +90 days."))
        d.send(.trainerNotes(["B0123402 2fa-app; failed logons 2 of 5 in 30 min", "password expires in 83 days"]))
        let text = d.screenText
        XCTAssertTrue(text.contains(" B0123402 2fa-app; failed logons 2 of 5 in 30 min"), text)
        XCTAssertTrue(text.contains("F5 +1m F6 +5m F7 +30m F8 +90d"))
    }
}

final class DMSUpdateTests: XCTestCase {
    let da = LogonSuccess(userID: "B01234X1", kind: .delegatedAdministrator, isMaker: true, isChecker: false,
                          clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: Fixtures.now,
                          previousLogonAt: nil, method: .appOTP)

    func testMenuToListingAndBack() {
        var d = Driver(Fixtures.state(.dms))
        d.state.screen = .loggedOn(LoggedOnScreen(success: da, function: .securityManagement))
        d.press(.enter)
        XCTAssertEqual(d.state.screen, .maintainUserProfile(MaintainUserProfileScreen(success: da)))
        d.press(.up, .up, .enter)
        XCTAssertEqual(d.effects, [.engine(id: 1, .listing(.hksccParticipant, participantID: "B01234", by: "B01234X1"))])
        d.answer(.listing("LINE 1\nLINE 2\n*** END OF REPORT ***\n"))
        guard case .profileListing(let listing) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(listing.lines.prefix(3), ["LINE 1", "LINE 2", "*** END OF REPORT ***"])
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 2, .exportListing(.hksccParticipant, participantID: "B01234", by: "B01234X1"))])
        d.answer(.exported(path: "/tmp/x.txt"))
        XCTAssertEqual(d.state.message, .success("Exported to /tmp/x.txt"))
        d.press(.escape)
        XCTAssertEqual(d.state.screen, .maintainUserProfile(MaintainUserProfileScreen(success: da)))
    }

    func testCreateSubmitsThenTheCheckerConfirmsOnTheSameScreen() {
        var d = Driver(Fixtures.state(.dms))
        d.state.screen = .profile(ProfileScreen(function: .create, success: da))
        d.type("b0123410")
        d.press(.tab)
        d.type("new@demo.example")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 1, .submitChange(.create(userID: "B0123410", email: "new@demo.example"), maker: da))])
        let pending = PendingChange(id: "p", maker: "B01234X1", participantKey: "HKSCC-CP:B01234", change: .create(userID: "B0123410", email: "new@demo.example"))
        d.answer(.changeSubmitted(pending))
        guard case .profile(let screen) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(screen.stage, .checker(pending))
        XCTAssertEqual(screen.form, ProfileScreen.checkerForm)
        d.press(.enter, .enter)
        XCTAssertEqual(d.state.message, .error("Please enter the Checker ID and the Authorization Code."))
        d.press(.backTab)
        d.type("B01234Y1")
        d.press(.tab)
        d.type("secret")
        XCTAssertEqual(d.send(.key(.enter)), [.engine(id: 2, .authorise(pending, checkerID: "B01234Y1", code: "secret"))])
        d.answer(.authorisation(.refused("Invalid Checker ID or Authorization Code.")))
        guard case .profile(let refused) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(refused.form, ProfileScreen.checkerForm, "both fields start afresh")
        d.type("B01234Y1")
        d.press(.tab)
        d.type("Training#2023Pass")
        d.press(.enter)
        d.answer(.authorisation(.applied("Create user profile B0123410 (new@demo.example): authorised by B01234Y1.")))
        guard case .profile(let done) = d.state.screen else { return XCTFail() }
        XCTAssertEqual(done.stage, .done)
        XCTAssertEqual(d.state.message?.kind, .success)
    }
}
