import AuthDomain
import Foundation
import TerminalCore

/// Every key of the program, from the tables that dispatch them: README's key table and the
/// terminal's `--help` are written from here, so neither can name a key that does something
/// else (a test compares README with `markdown`).
public enum KeyGuide {
    /// Where a table applies, and the table as it stands there.
    public static var tables: [(place: String, table: KeyTable)] {
        var state = AppState(console: .terminal, phase: .transition, now: HongKongTime.date(2023, 6, 12, 10, 0), size: Size.minimum)
        let context = state.context
        let form = Form([.field(TextField(.userID, kind: .userID)), .toggle(Toggle(id: "toggle", label: "toggle")),
                         .button(id: "button", label: "button")])
        // On REGISTER DEVICE, where F4 applies; each flag in turn gives one part of the session's keys.
        state.show(RegisterDeviceScreen(session: FlowSession(token: "guide", userID: "B0123401"), function: .onlineFunctions,
                                        registration: DeviceRegistration(uri: "otpauth://totp/HKEX:B0123401", issuer: "HKEX", accountName: "B0123401",
                                                                         manualKey: "", digits: 6, period: 30, algorithm: "SHA1")))
        let success = LogonSuccess(session: ActorSession(token: "guide"), userID: "B01234X1", role: AccountRole(kind: .delegatedAdministrator, isMaker: true, isChecker: false),
                                   clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: state.now, previousLogonAt: nil, method: .appOTP)
        func session(_ change: (inout AppState) -> Void) -> KeyTable {
            var with = state
            change(&with)
            let plain = Set(SessionKeys.table(state).bindings.map(\.label))
            return KeyTable(SessionKeys.table(with).bindings.filter { !plain.contains($0.label) })
        }
        return [
            ("everywhere", SessionKeys.table(state)),
            ("with --trainer", session { $0.trainer = true }),
            ("a class seat in a window under 120 columns", session { $0.panelKeys = true }),
            ("REGISTER DEVICE, with a phone beside the terminal (a seat, --presenter)", session { $0.phoneAtHand = true }),
            ("the phone beside the terminal (a seat at 120 columns, --presenter)", session { $0.phoneBeside = true }),
            ("the landing page", LandingScreen(console: .terminal, phase: .transition).keys(context)),
            ("every form", KeyTable.form(form, back: "back", backDetail: "back one screen, or close a pop-up (the focus returns to what opened it)")),
            ("the page after logon", LoggedOnScreen(success: success, function: .onlineFunctions).keys(context)),
            ("Maintain User Profile (DMS)", MaintainUserProfileScreen(success: success).keys(context)),
            ("User Profile Listing (DMS)", ProfileListingScreen(success: success).keys(context)),
            ("the phone or the inbox over the window (a seat at 80 columns)", PanelKeys.fullScreen(.phone)),
            ("`ccass-terminal authenticator`", PanelKeys.phoneProgram),
        ]
    }

    /// README's key table: each binding once (where it first applies), in order.
    public static var markdown: String {
        var rows = ["| key | where | does |", "| --- | --- | --- |"]
        var seen: Set<String> = []
        for (place, table) in tables {
            for binding in table.bindings where !binding.detail.isEmpty {
                let key = "\(binding.label)|\(binding.detail)"
                guard seen.insert(key).inserted else { continue }
                rows.append("| \(binding.label) | \(place) | \(binding.detail) |")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The same as lines for `--help`.
    public static var plainText: String {
        var lines: [String] = []
        var seen: Set<String> = []
        for (place, table) in tables {
            for binding in table.bindings where !binding.detail.isEmpty && seen.insert("\(binding.label)|\(binding.detail)").inserted {
                lines.append("  \(binding.label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(binding.detail) (\(place))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
