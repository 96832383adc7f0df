import AuthDomain
import Foundation
import SafeIO
import TerminalCore

/// What a set of scenario runs reached, against everything there is to reach: the screens and
/// pop-ups shown, the buttons pressed, and every case of the engine's typed answers, outcomes
/// and refusals (`CoverageCatalog`, from the code's own enumerations).
public struct Coverage: Equatable, Sendable {
    public var screens: Set<String> = []
    public var buttons: Set<String> = []
    public var outcomes: Set<String> = []

    public init() {}

    /// What no session at a terminal can reach, and why (README lists them too). Each is a
    /// guard of the engine for callers other than the screens, or needs more than one terminal,
    /// HKEX's back office, or a failing disk; other tests reach them.
    public static let notFromATerminal: [String: String] = {
        var why: [String: String] = [
            "OTPOutcome.malformed": "the code screens check the number of digits before asking",
            "OTPOutcome.locked": "another terminal must lock the account while this one waits for the code",
            "EmailOTPRequestOutcome.throttled": "REQUEST A NEW OTP waits out the countdown on screen",
            "PasswordChangeOutcome.mismatch": "the password screens check that both entries match before asking",
            "PasswordChangeOutcome.rejected": "the password screens check the policy before asking",
            "AuthorisationRefusal.noLongerValid": "another terminal must change the profile after the maker submitted",
            "EngineError.nothingToChange": "the profile screen submits a change only",
            "EngineError.noEmailRegistered": "every way to an email code first checks for an address (ResetStart.noEmailRegistered)",
            "EngineError.emailMismatch": "eService DA3 requests, processed by HKEX (hkex da unlock)",
            "Unavailability.eServiceNotYetProcessed": "eService requests, processed by HKEX",
            "Unavailability.twoFactorNotLaunched": "before 12 June the landing pages offer the smartcard only, and the clock moves forward",
            "Unavailability.businessGroupsBeforeDecommissioning": "the profile screen offers business groups only after decommissioning",
            "Refusal.notLoggedOn": "DMS screens call only while their logon lasts",
            "Refusal.hkexOnly": "HKEX back office",
            "EngineError.wrongStep": "screens call only the step their flow is at",
            "EngineError.storeFailure": "a failing disk or a damaged store (FaultInjectionTests, HostileStoreTests)",
        ]
        for key in FlowStep.allCoverageKeys { why[key] = "screens call only the step their flow is at" }
        for key in StoreFault.allCoverageKeys { why[key] = "a failing disk or a damaged store (FaultInjectionTests, HostileStoreTests)" }
        for key in ["unknownParticipant", "duplicateParticipant", "quotaReached", "noFreeDAUserID", "invalidParticipantID", "invalidCount",
                    "maxUsersBelowInUse"] {
            why["EngineError.\(key)"] = "HKEX back office (hkex participant, hkex da)"
        }
        return why
    }()

    /// One area of the report: what there is, and what was reached of it.
    public struct Area: Equatable, Sendable {
        public var name: String
        public var all: [String]
        public var reached: Set<String>
        public var unreached: [String] { all.filter { !reached.contains($0) } }
        public var rate: Double { all.isEmpty ? 1 : Double(all.count - unreached.count) / Double(all.count) }
    }

    public var areas: [Area] {
        [Area(name: "screens and pop-ups", all: CoverageCatalog.screenNames, reached: screens),
         Area(name: "buttons", all: CoverageCatalog.buttonKeys, reached: buttons),
         Area(name: "engine outcomes and refusals", all: CoverageCatalog.outcomeKeys, reached: outcomes)]
    }

    /// Reached keys that the catalogue does not know: a button a screen does not declare.
    public var undeclared: [String] {
        buttons.subtracting(CoverageCatalog.buttonKeys).sorted()
    }

    public mutating func merge(_ other: Coverage) {
        screens.formUnion(other.screens)
        buttons.formUnion(other.buttons)
        outcomes.formUnion(other.outcomes)
    }

    /// Whether everything was reached, but what `expectedUnreachable` explains.
    public func isComplete(except expectedUnreachable: [String: String]) -> Bool {
        areas.allSatisfy { $0.unreached.allSatisfy { expectedUnreachable[$0] != nil } } && undeclared.isEmpty
    }

    /// The report as a person reads it: the figures, then every unreached item.
    public func table(except expectedUnreachable: [String: String] = [:]) -> String {
        var lines = ["AREA                              REACHED   OF   RATE"]
        for area in areas {
            lines.append(area.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                         + String(format: "%9d %4d %5.1f%%", area.all.count - area.unreached.count, area.all.count, area.rate * 100))
        }
        for area in areas where !area.unreached.isEmpty {
            lines.append("")
            lines.append("Not reached, \(area.name):")
            for key in area.unreached {
                lines.append("  \(key)" + (expectedUnreachable[key].map { "  (not from a terminal: \($0))" } ?? ""))
            }
        }
        if !undeclared.isEmpty {
            lines.append("")
            lines.append("Pressed but not declared by their screen: \(undeclared.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON: per area, every item with whether it was reached.
    public func json(except expectedUnreachable: [String: String] = [:]) -> String {
        let object: [String: Any] = ["areas": areas.map { area in
            ["name": area.name, "total": area.all.count, "reached": area.all.count - area.unreached.count,
             "items": area.all.map { key -> [String: Any] in
                 var item: [String: Any] = ["key": key, "reached": area.reached.contains(key)]
                 if let why = expectedUnreachable[key] { item["notFromATerminal"] = why }
                 return item
             }] as [String: Any]
        }, "undeclared": undeclared]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as Cobertura XML, which CI tools read: each area a package, each item a
    /// line hit once or not at all.
    public func cobertura() -> String {
        let escape = XMLText.escaped
        let all = areas.reduce(0) { $0 + $1.all.count }, hit = areas.reduce(0) { $0 + $1.all.count - $1.unreached.count }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<coverage line-rate=\"\(String(format: "%.4f", all == 0 ? 1 : Double(hit) / Double(all)))\" lines-covered=\"\(hit)\" lines-valid=\"\(all)\" version=\"1\">\n  <packages>\n"
        for area in areas {
            xml += "    <package name=\"\(escape(area.name))\" line-rate=\"\(String(format: "%.4f", area.rate))\">\n      <classes>\n"
            xml += "        <class name=\"\(escape(area.name))\" filename=\"\(escape(area.name))\" line-rate=\"\(String(format: "%.4f", area.rate))\">\n          <lines>\n"
            for (index, key) in area.all.enumerated() {
                xml += "            <line number=\"\(index + 1)\" hits=\"\(area.reached.contains(key) ? 1 : 0)\" name=\"\(escape(key))\"/>\n"
            }
            xml += "          </lines>\n        </class>\n      </classes>\n    </package>\n"
        }
        xml += "  </packages>\n</coverage>\n"
        return xml
    }
}
