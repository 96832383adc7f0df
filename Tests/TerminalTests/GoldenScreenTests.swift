@testable import AuthEngine
import Foundation
@testable import TerminalCore
import TerminalView
import XCTest

/// Every screen and pop-up rendered at 80x24 and 120x40, compared with Golden/*.txt.
final class GoldenScreenTests: XCTestCase {
    /// Named states, each built the way the program reaches it.
    static var states: [(String, AppState)] {
        var list: [(String, AppState)] = []
        func add(_ name: String, console: Console = .terminal, phase: ServicePhase = .transition,
                 message: StatusMessage? = nil, popup: Popup? = nil, _ screen: Screen? = nil) {
            var state = Fixtures.state(console, phase: phase)
            if let screen { state.screen = screen }
            state.popup = popup
            state.message = message
            list.append((name, state))
        }
        let s = Fixtures.session
        add("landing-terminal-transition")
        add("landing-terminal-smartcard-only", phase: .smartcardOnly)
        add("landing-terminal-2fa-only", phase: .twoFactorOnly)
        add("landing-dms-transition", console: .dms)
        add("landing-dms-2fa-only", console: .dms, phase: .twoFactorOnly)
        var logon = LogonScreen(function: .onlineFunctions, userID: "B0123401")
        logon.form.focus(on: Texts.password)
        add("logon", .logon(LogonScreen(function: .onlineFunctions)))
        add("logon-invalid", message: .error(Texts.invalidCredentials), .logon(logon))
        add("logon-locked", message: .error(Texts.locked), .logon(logon))
        add("logon-dms", console: .dms, .logon(LogonScreen(function: .securityManagement)))
        add("channel-setup", .channelSetup(ChannelSetupScreen(session: s, function: .onlineFunctions)))
        var register = RegisterDeviceScreen(session: s, function: .onlineFunctions, registration: Fixtures.registration)
        add("register-device-scan", .registerDevice(register))
        register.step = .code
        register.form = RegisterDeviceScreen.codeForm
        add("register-device-code", message: .info(Texts.enterAppOTP), .registerDevice(register))
        add("potential-risk", .riskWarning(RiskWarningScreen(session: s, function: .onlineFunctions)))
        add("email-otp", message: .info("An OTP has been sent to f*********n@demo-securities.example. It is valid for 5 minutes."),
            .emailOTP(EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice)))
        add("app-otp", .appOTP(AppOTPScreen(session: s, function: .overnightReports)))
        var expired = PasswordExpiredScreen(session: s, function: .onlineFunctions)
        expired.form.update(Texts.newPassword) { $0.set("abcdefgh12") }
        add("password-expired", message: .error("Your password has expired. Please change it now."), .passwordExpired(expired))
        add("smartcard", .smartcard(SmartcardScreen(function: .smartcardTerminal)))
        add("smartcard-dms", console: .dms, .smartcard(SmartcardScreen(function: .securityManagement)))
        add("logged-on-online", .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .onlineFunctions)))
        add("logged-on-reports", .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .overnightReports)))
        add("logged-on-dms", console: .dms, .loggedOn(LoggedOnScreen(success: Fixtures.success, function: .securityManagement)))

        let onLogon = Screen.logon(logon)
        var reset = ResetPopup(userID: "B0123401")
        add("reset-user-id", popup: .reset(reset), onLogon)
        reset.session = s
        reset.stage = .emailOTP(Fixtures.notice)
        reset.form = ResetPopup.otpForm(email: true)
        add("reset-email-otp", popup: .reset(reset), onLogon)
        reset.stage = .appOTP
        reset.form = ResetPopup.otpForm(email: false)
        add("reset-app-otp", popup: .reset(reset), onLogon)
        reset.stage = .newPassword
        reset.form = Form([
            .field(TextField(Texts.newPassword, kind: .password, text: "Brand-New#Pass2023")),
            .field(TextField(Texts.confirmPassword, kind: .password, text: "Brand")),
            .button(id: "submit", label: Texts.submit), .button(id: "close", label: Texts.close),
        ], submit: "submit", focus: 1)
        add("reset-new-password", popup: .reset(reset), onLogon)
        reset.stage = .done
        reset.form = Form([.button(id: "close", label: Texts.close)])
        add("reset-done", message: .success(Texts.passwordChanged), popup: .reset(reset), onLogon)
        reset.stage = .refused("Your OTP is sent by email, so the password cannot be reset here. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration for you.")
        add("reset-refused", popup: .reset(reset), onLogon)

        var change = ChangePasswordPopup(userID: "B0123402")
        add("change-password-new", popup: .changePassword(change), onLogon)
        change.stage = .currentPassword
        change.userID = "B0123402"
        change.form = Form([.field(TextField(Texts.currentPassword, kind: .password)),
                            .button(id: "update", label: Texts.update), .button(id: "close", label: Texts.close)], submit: "update")
        add("change-password-current", popup: .changePassword(change), onLogon)
        change.stage = .done
        change.form = Form([.button(id: "close", label: Texts.close)])
        add("change-password-done", popup: .changePassword(change), onLogon)

        var settings = AuthenticationSettingsPopup(userID: "B0123402")
        add("settings-credentials", popup: .authenticationSettings(settings), onLogon)
        settings.session = FlowSession(token: "t2", userID: "B0123402")
        settings.stage = .settings
        settings.form = Form([.button(id: "delete", label: Texts.deleteDevice), .button(id: "oath", label: Texts.settings),
                              .button(id: "close", label: Texts.close)])
        add("settings-device", popup: .authenticationSettings(settings), onLogon)
        settings.stage = .oath(enabled: false)
        settings.form = AuthenticationSettingsPopup.oathForm(enabled: false)
        add("settings-oath", popup: .authenticationSettings(settings), onLogon)

        // DMS
        let da = LogonSuccess(userID: "B01234X1", kind: .delegatedAdministrator, isMaker: true, isChecker: false,
                              clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: Fixtures.now,
                              previousLogonAt: nil, method: .appOTP)
        add("dms-maintain-user-profile", console: .dms, .maintainUserProfile(MaintainUserProfileScreen(success: da)))
        add("dms-create-user-profile", console: .dms, .profile(ProfileScreen(function: .create, success: da)))
        let fields = [ProfileField("User ID", "B0123404"), ProfileField("Participant", "HKSCC-CP:B01234"), ProfileField("Role", "User"),
                      ProfileField("Email Address", "locked.user@demo-securities.example"), ProfileField("Locked", "Y"),
                      ProfileField("OTP Enabled", "Y")]
        for function in [ProfileScreen.Function.change, .delete, .enquire] {
            var screen = ProfileScreen(function: function, success: da)
            screen.stage = .profile(fields)
            screen.form = screen.profileForm(fields)
            add("dms-\(function.rawValue)-user-profile-found", console: .dms, .profile(screen))
        }
        var checker = ProfileScreen(function: .change, success: da)
        checker.stage = .checker(PendingChange(id: "p1", maker: "B01234X1", participantKey: "HKSCC-CP:B01234",
                                               change: .resetOTPRegistration(userID: "B0123404")))
        checker.form = ProfileScreen.checkerForm
        add("dms-checker-confirms", console: .dms, message: .error("A checker cannot authorise a request they made."), .profile(checker))
        var listing = ProfileListingScreen(success: da)
        listing.lines = (1...30).map { "B01234\(String(format: "%02d", $0))  User  2FA  user\($0)@demo.example" } + ["", "*** END OF REPORT ***"]
        listing.scroll = 2
        add("dms-user-profile-listing", console: .dms, .profileListing(listing))
        return list
    }

    func testEveryScreenAt80x24() {
        for (name, state) in Self.states { Golden.check(state, name) }
    }

    func testEveryScreenAt120x40() {
        for (name, var state) in Self.states {
            state.size = Fixtures.large
            Golden.check(state, name)
        }
    }

    func testTooSmallWindow() {
        var state = Fixtures.state()
        state.size = Size(columns: 60, rows: 20)
        Golden.check(state, "too-small")
    }

    func testTheCursorSitsInTheFocusedField() {
        var state = Fixtures.state()
        state.screen = .logon(LogonScreen(function: .onlineFunctions, userID: "B01"))
        let canvas = Renderer.render(state)
        guard let cursor = canvas.cursor else { return XCTFail("a focused field shows the cursor") }
        XCTAssertEqual(canvas.lines[cursor.row].dropFirst(cursor.column - 3).prefix(3), "B01")
    }

    func testPasswordsAreNeverDrawn() {
        var state = Fixtures.state()
        var logon = LogonScreen(function: .onlineFunctions, userID: "B0123401")
        logon.form.update(Texts.password) { $0.set("Training#2023Pass") }
        state.screen = .logon(logon)
        let text = Renderer.render(state).text
        XCTAssertFalse(text.contains("Training"))
        XCTAssertTrue(text.contains("*****************"))
    }
}

final class PresenterViewTests: XCTestCase {
    func testTheSplitViewShowsTerminalPhoneAndInbox() {
        var state = Fixtures.state()
        let window = Size(columns: 130, rows: 36)
        state.size = PresenterView.terminalSize(in: window)
        state.screen = .emailOTP(EmailOTPScreen(session: Fixtures.session, function: .onlineFunctions, notice: Fixtures.notice))
        let phone = [PhoneView.Row(label: "HKEX:B0123402", code: "287082", secondsLeft: 12, period: 30, detail: "TOTP SHA1, 6 digits")]
        let inbox = [PresenterView.InboxRow(sent: Fixtures.now, address: "email.user@demo-securities.example",
                                            summary: "OTP 12345678 valid until 10:05:00")]
        let canvas = PresenterView.render(state, phone: phone, inbox: inbox, size: window)
        let text = canvas.text
        XCTAssertEqual(canvas.columns, 130)
        XCTAssertTrue(text.contains("287 082"), text)
        XCTAssertTrue(text.contains("OTP 12345678 valid until 10:05:00"), text)
        XCTAssertTrue(text.contains(Texts.enterOTPOrRequest))
        Golden.check(state, "presenter-terminal-part")
    }
}

final class MailboxViewTests: XCTestCase {
    func testTheListHighlightsTheChoiceAndAnOpenedMessageScrolls() {
        let list = MailboxView.Screen(title: "a@b.example", rows: ["2023-06-12 10:00:00 HKT  One Time Password (OTP)  12345678 used",
                                                                  "2023-06-12 09:50:00 HKT  One Time Password (OTP)  87654321 expired"],
                                      selected: 1)
        let canvas = MailboxView.render(list, columns: 80, rows: 10)
        XCTAssertEqual(canvas.lines[2], " 2023-06-12 10:00:00 HKT  One Time Password (OTP)  12345678 used")
        XCTAssertEqual(canvas[3, 1].role, .buttonFocused, "the chosen message stands out")
        XCTAssertEqual(canvas[2, 1].role, .normal)
        let opened = MailboxView.Screen(title: "a@b.example", rows: [], opened: (1...20).map { "line \($0)" }, scroll: 5)
        XCTAssertEqual(MailboxView.render(opened, columns: 80, rows: 10).lines[2], " line 6")
    }
}
