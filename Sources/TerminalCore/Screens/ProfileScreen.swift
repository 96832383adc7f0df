import AuthEngine

/// DMS: Create, Change, Delete and Enquire User Profile. The maker submits; on the same screen
/// a checker enters Checker ID and Authorization Code and confirms; the outcome shows at the
/// bottom (Appendix A, Appendix D c).
public struct ProfileScreen: Equatable, Sendable {
    public enum Function: String, Equatable, Sendable {
        case create, change, delete, enquire

        public var title: String {
            switch self {
            case .create: Texts.createUserProfile
            case .change: Texts.changeUserProfile
            case .delete: Texts.deleteUserProfile
            case .enquire: Texts.enquireUserProfile
            }
        }
    }

    public enum Stage: Equatable, Sendable {
        case userID
        case profile([ProfileField])
        case checker(PendingChange)
        case done
    }

    public var function: Function
    public var success: LogonSuccess
    public var stage: Stage
    public var resetRegistration = false
    /// After smartcard decommissioning the DA role is assigned here too (s5.1): nil until the
    /// operator changes it.
    public var daRole: (maker: Bool, checker: Bool)? {
        get { roleMaker.map { ($0, roleChecker ?? false) } }
        set {
            roleMaker = newValue?.maker
            roleChecker = newValue?.checker
        }
    }
    private var roleMaker: Bool?
    private var roleChecker: Bool?
    /// Whether the DA role may be assigned (2FA is the only logon method).
    public var rolesAssignable = false
    public var form: Form

    public init(function: Function, success: LogonSuccess) {
        self.function = function
        self.success = success
        stage = .userID
        var items: [FormItem] = [.field(TextField(Texts.userID, kind: .userID))]
        if function == .create { items.append(.field(TextField(Texts.emailAddress, kind: .text, maxLength: 64))) }
        items += [.button(id: "submit", label: Texts.submit), .button(id: "back", label: Texts.back)]
        form = Form(items, submit: "submit")
    }

    static let checkerForm = Form([
        .field(TextField(Texts.checkerID, kind: .userID)),
        .field(TextField(Texts.authorizationCode, kind: .password)),
        .button(id: "confirm", label: Texts.confirm),
        .button(id: "back", label: Texts.back),
    ], submit: "confirm")

    func profileForm(_ fields: [ProfileField]) -> Form {
        switch function {
        case .change:
            let email = fields.first { $0.label == "Email Address" }?.value ?? ""
            var items: [FormItem] = [
                .field(TextField(Texts.emailAddress, kind: .text, maxLength: 64, text: email)),
                .button(id: "toggle", label: "(\(resetRegistration ? "•" : " ")) \(Texts.unlockResetOTP)"),
            ]
            if rolesAssignable {
                let groups = fields.first { $0.label == Texts.businessUserGroups }?.value ?? ""
                items.insert(.field(TextField(Texts.businessUserGroups, kind: .text, maxLength: 60, text: groups)), at: 1)
                let role = daRole ?? Self.role(fields)
                items.append(.button(id: "maker", label: "[\(role.maker ? "x" : " ")] DA maker"))
                items.append(.button(id: "checker", label: "[\(role.checker ? "x" : " ")] DA checker"))
            }
            items += [.button(id: "change", label: Texts.change), .button(id: "back", label: Texts.back)]
            return Form(items, submit: "change")
        case .delete:
            return Form([.button(id: "delete", label: Texts.delete), .button(id: "back", label: Texts.back)])
        default:
            return Form([.button(id: "back", label: Texts.back)])
        }
    }

    /// "Settlement, Nominee" -> ["Settlement", "Nominee"]
    static func groups(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The DA role a profile has now, from its Role field.
    static func role(_ fields: [ProfileField]) -> (maker: Bool, checker: Bool) {
        let role = fields.first { $0.label == "Role" }?.value ?? ""
        return (role.contains("maker"), role.contains("checker"))
    }

    static func handle(_ screen: ProfileScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .profile = state.screen { state.screen = .profile(s) } }
        switch s.form.handle(input) {
        case .activate("back"), .escape:
            state.message = nil
            state.screen = .maintainUserProfile(MaintainUserProfileScreen(success: s.success))
        case .activate("submit"):
            let userID = s.form.text(Texts.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                return []
            }
            state.message = nil
            if s.function == .create {
                return state.call(.submitChange(.create(userID: userID, email: s.form.text(Texts.emailAddress)), maker: s.success), "Submitting...")
            }
            return state.call(.profile(userID: userID, by: s.success.userID), "Reading the profile...")
        case .activate(let id) where ["toggle", "maker", "checker"].contains(id):
            guard case .profile(let fields) = s.stage else { return [] }
            var role = s.daRole ?? role(fields)
            switch id {
            case "toggle": s.resetRegistration.toggle()
            case "maker": role.maker.toggle(); s.daRole = role
            default: role.checker.toggle(); s.daRole = role
            }
            let email = s.form.text(Texts.emailAddress), groups = s.form.text(Texts.businessUserGroups)
            s.form = s.profileForm(fields)
            s.form.update(Texts.emailAddress) { $0.set(email) }
            s.form.update(Texts.businessUserGroups) { $0.set(groups) }
            s.form.focus(on: id)
        case .activate("change"):
            guard case .profile(let fields) = s.stage, let userID = fields.first?.value else { return [] }
            let email = s.form.text(Texts.emailAddress)
            let change: ProfileChange
            if s.resetRegistration {
                change = .resetOTPRegistration(userID: userID)
            } else if let role = s.daRole, role != Self.role(fields) {
                change = .assignDARole(userID: userID, maker: role.maker, checker: role.checker)
            } else if s.rolesAssignable,
                      Self.groups(s.form.text(Texts.businessUserGroups)) != Self.groups(fields.first { $0.label == Texts.businessUserGroups }?.value ?? "") {
                change = .assignBusinessGroups(userID: userID, groups: Self.groups(s.form.text(Texts.businessUserGroups)))
            } else if email != fields.first(where: { $0.label == "Email Address" })?.value {
                change = .changeEmail(userID: userID, email: email)
            } else {
                state.message = .error("Nothing to change: enter a new email address, choose Unlock/ Reset OTP Device Registration\(s.rolesAssignable ? " the DA role or the business user groups" : "").")
                return []
            }
            return state.call(.submitChange(change, maker: s.success), "Submitting...")
        case .activate("delete"):
            guard case .profile(let fields) = s.stage, let userID = fields.first?.value else { return [] }
            return state.call(.submitChange(.delete(userID: userID), maker: s.success), "Submitting...")
        case .activate("confirm"):
            guard case .checker(let pending) = s.stage else { return [] }
            let checker = s.form.text(Texts.checkerID), code = s.form.text(Texts.authorizationCode)
            guard !checker.isEmpty, !code.isEmpty else {
                state.message = .error("Please enter the Checker ID and the Authorization Code.")
                return []
            }
            return state.call(.authorise(pending, checkerID: checker, code: code), "Authorising...")
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: ProfileScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .profile = state.screen { state.screen = .profile(s) } }
        switch result {
        case .profile(let fields):
            guard fields.first(where: { $0.label == "Participant" })?.value == "\(s.success.clearingHouse.rawValue):\(s.success.participantID)" else {
                state.message = .error("\(fields.first?.value ?? "") is not a user profile of your participant.")
                return []
            }
            s.stage = .profile(fields)
            s.rolesAssignable = state.phase == .twoFactorOnly
            s.form = s.profileForm(fields)
            state.message = nil
        case .changeSubmitted(let pending):
            s.stage = .checker(pending)
            s.form = checkerForm
            state.message = .info("Submitted: \(pending.change.summary). A checker confirms on this screen.")
        case .authorisation(.applied(let text)):
            s.stage = .done
            s.form = Form([.button(id: "back", label: Texts.back)])
            state.message = .success(text)
        case .authorisation(.refused(let why)):
            // Another checker is the likely next step: both fields start afresh.
            s.form = checkerForm
            state.message = .error(why)
        default:
            break
        }
        return []
    }
}
