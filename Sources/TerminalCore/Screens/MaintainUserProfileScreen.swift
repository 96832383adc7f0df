import AuthDomain

/// DMS: Maintain User Profile, the menu of the security management function. A function the
/// engine says is not available yet (Create before the launch) says when instead of opening.
public struct MaintainUserProfileScreen: ScreenModel {
    public var screen: Screen { .maintainUserProfile(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case back }
    /// A button per DMS function, and Back.
    public static var buttons: [String] { DMSFunction.allCases.map(\.rawValue) + Button.allCases.map(\.rawValue) }
    public var success: LogonSuccess
    public var form: Form? = Form([
        .button(id: DMSFunction.create.rawValue, label: Texts.createUserProfile),
        .button(id: DMSFunction.change.rawValue, label: Texts.changeUserProfile),
        .button(id: DMSFunction.delete.rawValue, label: Texts.deleteUserProfile),
        .button(id: DMSFunction.enquire.rawValue, label: Texts.enquireUserProfile),
        .button(id: DMSFunction.listing.rawValue, label: Texts.userProfileListing),
        .button(Button.back, label: Texts.back),
    ])

    /// `focus`: the function in focus (the one just used, when coming back from it).
    public init(success: LogonSuccess, focus: DMSFunction? = nil) {
        self.success = success
        if let focus { form?.focus(on: focus.rawValue) }
    }

    public var function: TerminalFunction? { .securityManagement }
    public var userID: String? { success.userID }
    public var logon: ActorSession? { success.session }

    /// A menu: the arrows choose, Enter opens.
    public func keys(_ context: ScreenContext) -> KeyTable {
        KeyTable([
            KeyBinding([.up, .down, .tab, .backTab], .form, label: "↑↓", help: "choose", detail: "move between the functions"),
            KeyBinding([.enter, .character(" ")], .form, label: "Enter", help: "open", detail: "open the function in focus"),
            KeyBinding([.escape], .back, label: "Esc", help: "back", detail: "back to the function's first screen"),
        ])
    }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        switch formAction(key, input) {
        case .activate(let id)?:
            if id == "back" { return [.message(nil), .show(LoggedOnScreen(success: success, function: .securityManagement).screen)] }
            guard let function = DMSFunction(rawValue: id) else { return [] }
            return [.message(nil), Self.ask(.dmsAvailability(function), label: "Opening...")]
        case .escape?:
            return [.message(nil), .show(LoggedOnScreen(success: success, function: .securityManagement).screen)]
        default:
            return []
        }
    }

    public mutating func receive(_ availability: Availability, _ context: ScreenContext) -> [ScreenCommand] {
        let function = availability.function
        if let unavailable = availability.unavailable { return [.message(.error(unavailable.description))] }
        if function == .listing {
            return [.show(ProfileListingScreen(success: success).screen)]
        }
        return [.show(ProfileScreen(function: function, success: success).screen)]
    }

    public mutating func fail(_ error: EngineError, _ context: ScreenContext) -> [ScreenCommand] {
        DMSSession.fail(error, success, context) ?? [.message(.error(error.description))]
    }
}
