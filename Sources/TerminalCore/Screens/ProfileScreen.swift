import AuthDomain

/// DMS: Create, Change, Delete and Enquire User Profile. The maker submits; on the same screen
/// a checker enters Checker ID and Authorization Code and confirms; the outcome shows at the
/// bottom (Appendix A, Appendix D c). What a profile shows and what may be changed is the
/// engine's answer (`UserProfile`); the screen only lays it out.
public struct ProfileScreen: ScreenModel {
    public var screen: Screen { .userProfile(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case submit, back, change, delete, confirm }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }

    public enum Stage: Equatable, Sendable {
        case userID
        case profile(UserProfile)
        case checker(PendingChange)
        case done(PendingChange)
    }

    public let dmsFunction: DMSFunction
    public var success: LogonSuccess
    public var stage: Stage
    public var form: Form?
    /// The maker's request as it was when submitted: a request withdrawn after too many wrong
    /// Authorization Codes comes back to it, to submit again without retyping.
    public var draft: Draft?

    public struct Draft: Equatable, Sendable {
        public var stage: Stage
        public var form: Form?
    }

    public init(function: DMSFunction, success: LogonSuccess) {
        dmsFunction = function
        self.success = success
        stage = .userID
        var items: [FormItem] = [.field(TextField(.userID, kind: .userID))]
        if function == .create { items.append(.field(TextField(.emailAddress, kind: .email))) }
        items += [.button(Button.submit, label: Texts.dmsSubmit), .button(Button.back, label: Texts.back)]
        form = Form(items, submit: Button.submit.rawValue)
    }

    public var function: TerminalFunction? { .securityManagement }
    public var logon: ActorSession? { success.session }
    public var userID: String? {
        switch stage {
        case .userID: form?.text(.userID)
        case .profile(let profile): profile.userID
        case .checker(let pending), .done(let pending): pending.change.userID
        }
    }

    public var title: String {
        switch dmsFunction {
        case .create: Texts.createUserProfile
        case .change: Texts.changeUserProfile
        case .delete: Texts.deleteUserProfile
        case .enquire, .listing: Texts.enquireUserProfile
        }
    }

    /// What this function lets the operator do with a profile the engine returned.
    static func profileForm(_ profile: UserProfile) -> Form {
        var items: [FormItem] = []
        let options = profile.changeOptions
        if profile.function == .change, profile.restriction == nil {
            if options.email { items.append(.field(TextField(.emailAddress, kind: .email, text: profile.email ?? ""))) }
            if options.businessGroups {
                items.append(.field(TextField(.businessUserGroups, kind: .text, maxLength: 60,
                                              text: (profile.businessGroups ?? []).joined(separator: ", "))))
            }
            if options.resetOTPRegistration { items.append(.toggle(Toggle(id: "reset", label: Texts.unlockResetOTP, style: .radio))) }
            items.append(.button(Button.change, label: Texts.change))
            return Form(items + [.button(Button.back, label: Texts.back)], submit: Button.change.rawValue)
        }
        if profile.function == .delete, profile.restriction == nil { items.append(.button(Button.delete, label: Texts.delete)) }
        items.append(.button(Button.back, label: Texts.back))
        return Form(items)
    }

    static let checkerForm = Form([
        .field(TextField(.checkerID, kind: .userID)),
        .field(TextField(.authorizationCode, kind: .password)),
        .button(Button.confirm, label: Texts.confirm),
        .button(Button.back, label: Texts.back),
    ], submit: Button.confirm.rawValue)

    /// "Settlement, Nominee" -> ["Settlement", "Nominee"]
    static func groups(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The one change the form asks for, or why there is none (or more than one).
    func requestedChange(_ profile: UserProfile, _ form: Form) -> Result<ProfileChange, ChangeProblem> {
        var changes: [ProfileChange] = []
        if form.isOn("reset") { changes.append(.resetOTPRegistration(userID: profile.userID)) }
        if profile.changeOptions.businessGroups, Self.groups(form.text(.businessUserGroups)) != profile.businessGroups ?? [] {
            changes.append(.assignBusinessGroups(userID: profile.userID, groups: Self.groups(form.text(.businessUserGroups))))
        }
        if profile.changeOptions.email, form.text(.emailAddress) != profile.email ?? "" {
            changes.append(.changeEmail(userID: profile.userID, email: form.text(.emailAddress)))
        }
        switch changes.count {
        case 0: return .failure(.nothing(profile.changeOptions))
        case 1: return .success(changes[0])
        default: return .failure(.several)
        }
    }

    enum ChangeProblem: Error {
        case nothing(UserProfile.ChangeOptions), several

        var message: String {
            switch self {
            case .nothing(let options):
                // What this profile can have changed, in words: "a, b or c".
                let ways = [options.email ? "enter a new email address" : nil,
                            options.businessGroups ? "change the business user groups" : nil,
                            options.resetOTPRegistration ? "choose \(Texts.unlockResetOTP)" : nil].compactMap { $0 }
                return "Nothing to change: " + (ways.count > 1 ? ways.dropLast().joined(separator: ", ") + " or " + ways.last! : ways.joined()) + "."
            case .several: return "One change at a time: each change is confirmed by a checker on its own."
            }
        }
    }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to Maintain User Profile") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), let form else { return [] }
        switch action {
        case .activate(Button.back.rawValue), .escape:
            return back()
        case .activate(Button.submit.rawValue):
            let userID = form.text(.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                self.form?.focus(on: .userID)
                return [.message(.error(problem))]
            }
            if dmsFunction == .create {
                return [.message(nil), Self.ask(.submitChange(.create(userID: userID, email: form.text(.emailAddress)), success.session),
                                                label: "Submitting...", as: Reply.submitted)]
            }
            return [.message(nil), Self.ask(.profile(userID: userID, dmsFunction, success.session), label: "Reading the profile...", as: Reply.profile)]
        case .activate(Button.change.rawValue):
            guard case .profile(let profile) = stage else { return [] }
            switch requestedChange(profile, form) {
            case .success(let change): return [Self.ask(.submitChange(change, success.session), label: "Submitting...", as: Reply.submitted)]
            case .failure(let problem): return [.message(.error(problem.message))]
            }
        case .activate(Button.delete.rawValue):
            guard case .profile(let profile) = stage else { return [] }
            return [Self.ask(.submitChange(.delete(userID: profile.userID), success.session), label: "Submitting...", as: Reply.submitted)]
        case .activate(Button.confirm.rawValue):
            guard case .checker(let pending) = stage else { return [] }
            let checker = form.text(.checkerID), code = form.text(.authorizationCode)
            guard !checker.isEmpty, !code.isEmpty else {
                self.form?.focus(on: checker.isEmpty ? FieldID.checkerID : .authorizationCode)
                return [.message(.error("Please enter the Checker ID and the Authorization Code."))]
            }
            return [Self.ask(.authorise(pending, checkerID: checker, code: code), label: "Authorizing...", as: Reply.authorisation)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    /// Back one step; a change waiting for its checker is withdrawn.
    private mutating func back() -> [ScreenCommand] {
        switch stage {
        case .checker(let pending):
            stage = .userID
            self = ProfileScreen(function: dmsFunction, success: success)
            return [.leave(.withdraw(pending)), .message(.info("The request was withdrawn; nothing was changed."))]
        case .profile:
            self = ProfileScreen(function: dmsFunction, success: success)
            return [.message(nil)]
        case .userID, .done:
            return [.message(nil), .show(MaintainUserProfileScreen(success: success, focus: dmsFunction).screen)]
        }
    }

    public enum Reply: Sendable {
        case profile(UserProfile)
        case submitted(PendingChange)
        case authorisation(AuthorisationOutcome)
    }

    public mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand] {
        switch reply {
        case .profile(let profile):
            stage = .profile(profile)
            form = Self.profileForm(profile)
            return [.message(profile.restriction.map { .warning($0.description) })]
        case .submitted(let pending):
            draft = Draft(stage: stage, form: form)
            stage = .checker(pending)
            form = Self.checkerForm
            var text = "Submitted: \(pending.change.summary). To be performed by DA Checker on this screen."
            if let shortfall = pending.belowMinimum { text += " " + shortfall.description }
            return [.message(pending.belowMinimum == nil ? .info(text) : .warning(text))]
        case .authorisation(.applied(let pending)):
            stage = .done(pending)
            form = Form([.button(Button.back, label: Texts.back)])
            var text = "Confirmed: \(pending.change.summary)."
            if case .resetOTPRegistration(let userID) = pending.change {
                text += " At the next logon \(userID) sets up the password and the OTP channel again, as at a first-time logon."
            }
            return [.message(.success(text))]
        case .authorisation(.refused(let refusal)):
            if refusal == .changeWithdrawn {
                // Back to the maker's request as submitted: Submit sends it again.
                if let draft {
                    stage = draft.stage
                    form = draft.form
                    self.draft = nil
                } else {
                    self = ProfileScreen(function: dmsFunction, success: success)
                }
                return [.message(.error(refusal.description))]
            }
            // Another checker is the likely next step: both fields start afresh.
            form = Self.checkerForm
            return [.message(.error(refusal.description))]
        }
    }

    public mutating func fail(_ error: EngineError, _ context: ScreenContext) -> [ScreenCommand] {
        // The change waiting here is gone (another terminal's answer, or a restart): start over.
        if error == .sessionEnded, case .checker = stage {
            self = ProfileScreen(function: dmsFunction, success: success)
            return [.message(.error("The request is no longer waiting for a checker; nothing was changed. Please submit it again."))]
        }
        return DMSSession.fail(error, success, context) ?? [.message(.error(error.description))]
    }
}
