import AuthEngine
import Foundation

/// The only place the state changes: `update(&state, event)` returns the effects to run.
public enum Update {
    public static func update(_ state: inout AppState, _ event: Event) -> [Effect] {
        switch event {
        case .resize(let size):
            state.size = size
            return []
        case .tick(let now, let phase):
            state.now = now
            // A closed-service message goes once the service has opened.
            if let message = state.message, message.text.contains(Texts.notAvailableNow), state.closedNotice == nil {
                state.message = nil
            }
            if phase != state.phase {
                state.phase = phase
                if case .landing = state.screen { state.screen = .landing(LandingScreen(console: state.console, phase: phase)) }
            }
            return []
        case .engine(let id, let result):
            guard let pending = state.pending, pending.id == id else { return [] }
            state.pending = nil
            if case .failure(let text) = result {
                state.message = .error(text)
                if text == EngineError.unknownSession.description { return backToLogon(&state) }
                return []
            }
            return route(&state, result: result)
        case .trainerNotes(let notes):
            state.trainerNotes = notes
            return []
        case .key(.function(let n)) where state.trainer && AppState.trainerSteps[n] != nil:
            let (interval, label) = AppState.trainerSteps[n]!
            state.message = .info("Trainer: clock \(label).")
            return [.advanceClock(interval)]
        case .key(.interrupt):
            state.quitting = true
            return cancelFlows(state) + [.quit]
        case .key(.redraw):
            return []
        case .key(let key):
            // Below the minimum size the state is kept as it is until the window grows.
            guard state.size.isLargeEnough else { return [] }
            // While the engine works, nothing is submitted twice and nothing navigates away.
            if state.pending != nil, key == .enter || key == .escape { return [] }
            return route(&state, key: key, paste: nil)
        case .paste(let text):
            guard state.size.isLargeEnough else { return [] }
            return route(&state, key: nil, paste: text)
        }
    }

    private static func route(_ state: inout AppState, key: Key?, paste: String?) -> [Effect] {
        let input: Input = key.map(Input.key) ?? .paste(paste ?? "")
        if let popup = state.popup {
            switch popup {
            case .reset(let p): return ResetPopup.handle(p, input, &state)
            case .changePassword(let p): return ChangePasswordPopup.handle(p, input, &state)
            case .authenticationSettings(let p): return AuthenticationSettingsPopup.handle(p, input, &state)
            }
        }
        switch state.screen {
        case .landing(let s): return LandingScreen.handle(s, input, &state)
        case .logon(let s): return LogonScreen.handle(s, input, &state)
        case .channelSetup(let s): return ChannelSetupScreen.handle(s, input, &state)
        case .registerDevice(let s): return RegisterDeviceScreen.handle(s, input, &state)
        case .riskWarning(let s): return RiskWarningScreen.handle(s, input, &state)
        case .emailOTP(let s): return EmailOTPScreen.handle(s, input, &state)
        case .appOTP(let s): return AppOTPScreen.handle(s, input, &state)
        case .passwordExpired(let s): return PasswordExpiredScreen.handle(s, input, &state)
        case .smartcard(let s): return SmartcardScreen.handle(s, input, &state)
        case .loggedOn(let s): return LoggedOnScreen.handle(s, input, &state)
        case .connectivityCheck(let s): return ConnectivityCheckScreen.handle(s, input, &state)
        case .maintainUserProfile(let s): return MaintainUserProfileScreen.handle(s, input, &state)
        case .profile(let s): return ProfileScreen.handle(s, input, &state)
        case .profileListing(let s): return ProfileListingScreen.handle(s, input, &state)
        }
    }

    private static func route(_ state: inout AppState, result: EngineResult) -> [Effect] {
        if let popup = state.popup {
            switch popup {
            case .reset(let p): return ResetPopup.receive(p, result, &state)
            case .changePassword(let p): return ChangePasswordPopup.receive(p, result, &state)
            case .authenticationSettings(let p): return AuthenticationSettingsPopup.receive(p, result, &state)
            }
        }
        switch state.screen {
        case .logon(let s): return LogonScreen.receive(s, result, &state)
        case .channelSetup(let s): return ChannelSetupScreen.receive(s, result, &state)
        case .registerDevice(let s): return RegisterDeviceScreen.receive(s, result, &state)
        case .riskWarning(let s): return RiskWarningScreen.receive(s, result, &state)
        case .emailOTP(let s): return EmailOTPScreen.receive(s, result, &state)
        case .appOTP(let s): return AppOTPScreen.receive(s, result, &state)
        case .passwordExpired(let s): return PasswordExpiredScreen.receive(s, result, &state)
        case .smartcard(let s): return SmartcardScreen.receive(s, result, &state)
        case .profile(let s): return ProfileScreen.receive(s, result, &state)
        case .profileListing(let s): return ProfileListingScreen.receive(s, result, &state)
        case .landing, .loggedOn, .connectivityCheck, .maintainUserProfile: return []
        }
    }

    /// Flows the engine holds for the current screen, ended when leaving the program.
    static func cancelFlows(_ state: AppState) -> [Effect] {
        var sessions: [FlowSession] = []
        switch state.screen {
        case .channelSetup(let s): sessions.append(s.session)
        case .registerDevice(let s): sessions.append(s.session)
        case .riskWarning(let s): sessions.append(s.session)
        case .emailOTP(let s): sessions.append(s.session)
        case .appOTP(let s): sessions.append(s.session)
        case .passwordExpired(let s): sessions.append(s.session)
        default: break
        }
        if let session = state.popup?.session { sessions.append(session) }
        return sessions.map { .engine(id: 0, .cancel($0)) }
    }

    /// Back to the logon page of the same function, keeping the message.
    static func backToLogon(_ state: inout AppState) -> [Effect] {
        let effects = cancelFlows(state)
        state.popup = nil
        let function = state.screen.function ?? (state.console == .dms ? .securityManagement : .onlineFunctions)
        state.screen = function == .smartcardTerminal || state.screen.isSmartcard
            ? .smartcard(SmartcardScreen(function: function))
            : .logon(LogonScreen(function: function, userID: state.screen.userID ?? ""))
        return effects
    }
}

/// A key or a paste, as the screens see input.
public enum Input: Equatable, Sendable {
    case key(Key)
    case paste(String)
}

extension Form {
    /// Applies input to the form.
    mutating func handle(_ input: Input) -> FormAction {
        switch input {
        case .key(let key): return handle(key)
        case .paste(let text): return paste(text)
        }
    }
}

extension AppState {
    /// Starts an engine call unless one is already in flight.
    mutating func call(_ request: EngineRequest, _ label: String) -> [Effect] {
        guard pending == nil else { return [] }
        let id = nextRequestID
        nextRequestID += 1
        if request.awaitsResult { pending = PendingCall(id: id, request: request, label: label) }
        return [.engine(id: id, request)]
    }
}

extension AppState {
    /// After a pop-up closes, the logon page waits in the Password field.
    mutating func focusLogonPassword() {
        if case .logon(var logon) = screen {
            logon.form.focus(on: Texts.password)
            screen = .logon(logon)
        }
    }
}

extension Screen {
    var function: TerminalFunction? {
        switch self {
        case .landing: nil
        case .logon(let s): s.function
        case .channelSetup(let s): s.function
        case .registerDevice(let s): s.function
        case .riskWarning(let s): s.function
        case .emailOTP(let s): s.function
        case .appOTP(let s): s.function
        case .passwordExpired(let s): s.function
        case .smartcard(let s): s.function
        case .loggedOn(let s): s.function
        case .connectivityCheck: nil
        case .maintainUserProfile, .profile, .profileListing: .securityManagement
        }
    }

    var userID: String? {
        switch self {
        case .logon(let s): s.form.text(Texts.userID)
        case .channelSetup(let s): s.session.userID
        case .registerDevice(let s): s.session.userID
        case .riskWarning(let s): s.session.userID
        case .emailOTP(let s): s.session.userID
        case .appOTP(let s): s.session.userID
        case .passwordExpired(let s): s.session.userID
        default: nil
        }
    }

    var isSmartcard: Bool { if case .smartcard = self { return true } else { return false } }
}

extension Popup {
    var session: FlowSession? {
        switch self {
        case .reset(let p): p.session
        case .changePassword: nil
        case .authenticationSettings(let p): p.session
        }
    }
}
