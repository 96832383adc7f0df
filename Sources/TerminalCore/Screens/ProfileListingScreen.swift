import AuthDomain

/// DMS: User Profile Listing (s3.2, s4.3.1): the engine's report of the DA's participant,
/// scrolled with the arrows and PageUp/PageDown (Left/Right for long lines), exportable to a
/// text file.
public struct ProfileListingScreen: ScreenModel {
    public var screen: Screen { .userProfileListing(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case export, back }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var success: LogonSuccess
    public var listing: UserProfileListing?
    public var scroll = 0
    /// Columns scrolled to the right, for lines wider than the window.
    public var shift = 0
    public var form: Form? = Form([.button(Button.export, label: Texts.export), .button(Button.back, label: Texts.back)])

    public init(success: LogonSuccess) { self.success = success }

    public var function: TerminalFunction? { .securityManagement }
    public var userID: String? { success.userID }
    public var logon: ActorSession? { success.session }
    public var document: [String]? { listing?.lines }

    /// Lines of the listing on screen at a size (the rest of the screen is frame and buttons),
    /// the headings included.
    public static func pageHeight(_ size: Size) -> Int { max(UserProfileListing.headingLines + 1, size.rows - 10) }

    /// The first row shown for a scroll position, kept inside the report at this size (a window
    /// made larger after scrolling shows more rows, not empty ones).
    public static func clamped(_ scroll: Int, lines: Int, size: Size) -> Int {
        let rows = max(0, lines - UserProfileListing.headingLines)
        let visible = pageHeight(size) - UserProfileListing.headingLines
        return max(0, min(scroll, rows - visible))
    }

    public mutating func appear(_ context: ScreenContext) -> [ScreenCommand] {
        [Self.ask(.listing(success.session), label: "Preparing the listing...", as: Reply.listing)]
    }

    /// The arrows scroll the report (not the focus); Tab moves between Export and BACK.
    public func keys(_ context: ScreenContext) -> KeyTable {
        KeyTable([
            KeyBinding([.up, .down, .pageUp, .pageDown], .scroll, label: "↑↓ PgUp/Dn", help: "scroll", detail: "scroll the report: a line with Up and Down, a page with PgUp and PgDn"),
            KeyBinding([.left, .right], .scroll, label: "←→", help: "sideways", detail: "scroll long lines sideways (a `›` marks a cut line)"),
            KeyBinding([.home, .end], .scroll, label: "Home End", help: "", detail: "the top or the bottom of the report"),
            KeyBinding([.tab, .backTab], .form, label: "Tab", help: "move", detail: "move between Export and BACK"),
            KeyBinding([.enter, .character(" ")], .form, label: "Enter", help: "select", detail: "press the focused button"),
            KeyBinding([.escape], .back, label: "Esc", help: "back", detail: "back to Maintain User Profile"),
        ])
    }

    public mutating func perform(_ action: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        let lines = listing?.lines.count ?? 0
        let page = Self.pageHeight(context.size) - UserProfileListing.headingLines
        let bottom = max(0, lines - UserProfileListing.headingLines - page)
        scroll = Self.clamped(scroll, lines: lines, size: context.size)
        let input = action == .back ? Input.key(.escape) : input
        if action == .scroll, case .key(let key) = input {
            switch key {
            case .pageDown: scroll = min(bottom, scroll + page); return []
            case .pageUp: scroll = max(0, scroll - page); return []
            case .down: scroll = min(bottom, scroll + 1); return []
            case .up: scroll = max(0, scroll - 1); return []
            case .right: shift += 8; return []
            case .left: shift = max(0, shift - 8); return []
            case .home: scroll = 0; shift = 0; return []
            case .end: scroll = bottom; return []
            default: break
            }
        }
        switch form?.handle(input) {
        case .activate(Button.export.rawValue)?:
            return [Self.ask(.exportListing(success.session), label: "Exporting...", as: Reply.exported)]
        case .activate(Button.back.rawValue)?, .escape?:
            return [.message(nil), .show(MaintainUserProfileScreen(success: success, focus: .listing).screen)]
        default:
            return []
        }
    }

    public enum Reply: Sendable {
        case listing(UserProfileListing)
        case exported(ExportedFile)
    }

    public mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand] {
        switch reply {
        case .listing(let report):
            listing = report
            return [.message(nil)]
        case .exported(let file):
            return [.message(.success("Exported to \(file.path)"))]
        }
    }

    public mutating func fail(_ error: EngineError, _ context: ScreenContext) -> [ScreenCommand] {
        DMSSession.fail(error, success, context) ?? [.message(.error(error.description))]
    }
}
