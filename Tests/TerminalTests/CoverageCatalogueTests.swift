import AuthDomain
import CoverageCases
import Foundation
import TerminalCore
import XCTest

/// The coverage catalogue is derived from the engine's typed results: the cases of each type
/// come from its declaration in Sources/AuthDomain, written into `CoverageCases.generated.swift`
/// by `make generated` (Tools/CoverageCases). A stale file fails here.
final class CoverageCatalogueTests: XCTestCase {
    static let domain = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/AuthDomain").standardizedFileURL

    func testTheGeneratedCasesAreThoseOfTheDeclarations() throws {
        let text = try CoverageCasesFile.text(domain: Self.domain)
        let current = try String(contentsOf: Self.domain.appendingPathComponent(CoverageCasesFile.name), encoding: .utf8)
        XCTAssertEqual(current, text, "\(CoverageCasesFile.name) differs from the declarations; run make generated and read the diff")
    }

    /// The parser reads what the declarations use: payloads with commas, raw values, generic
    /// parameters, nested types and switches, which are not cases of the enum.
    func testTheParserTakesOnlyTheEnumsOwnCases() {
        let source = """
            public enum Sample<Next: Sendable & Equatable>: Sendable {
                /// A comment with case words: case notACase
                case plain, payload(FlowSession, code: String), labelled(next: Next)
                case raw = "x"
                indirect case deep(Sample<Next>)
                public enum Inner { case inner }
                public var text: String {
                    switch self {
                    case .plain: "p"
                    default: ""
                    }
                }
            }
            enum Internal { case hidden }
            """
        XCTAssertEqual(EnumCases.parse(source)["Sample"], ["plain", "payload", "labelled", "raw", "deep"])
        XCTAssertEqual(EnumCases.parse(source)["Inner"], ["inner"])
        XCTAssertNil(EnumCases.parse(source)["Internal"], "only public enums")
    }

    /// The catalogue holds every declared case of every type (no case forgotten by hand).
    func testTheCatalogueHoldsEveryDeclaredCase() {
        XCTAssertTrue(CoverageCatalog.outcomeKeys.contains("EngineError.storeFailure"))
        XCTAssertTrue(CoverageCatalog.outcomeKeys.contains("OTPOutcome.malformed"))
        XCTAssertTrue(CoverageCatalog.outcomeKeys.contains("OTPNext.choosePassword"))
        XCTAssertEqual(Set(CoverageCatalog.outcomeKeys).count, CoverageCatalog.outcomeKeys.count, "keys are unique")
    }

    /// A value's keys: its case, and those of what it carries (found by reflection).
    func testAValueNamesItsCaseAndWhatItCarries() {
        XCTAssertEqual(EngineError.notPermitted(.locked("B0123401")).coverageKeys, ["EngineError.notPermitted", "Refusal.locked"])
        XCTAssertEqual(ExpiredPasswordChange.changed(next: .invalid).coverageKeys, ["ExpiredPasswordChange.changed", "LogonOutcome.invalid"])
        XCTAssertEqual(CodeOutcome<LogonStep>.accepted(.refused(.hkexOnly)).coverageKeys,
                       ["OTPOutcome.accepted", "OTPNext.refused", "Refusal.hkexOnly"])
        XCTAssertEqual(LogonOutcome.locked.coverageKeys, ["LogonOutcome.locked"])
    }
}

