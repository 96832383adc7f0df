import Foundation

/// The coverage catalogue's cases, derived from the declarations of the engine's typed results
/// (Sources/AuthDomain) into `CoverageCases.generated.swift`. A tool apart from the product, so
/// it runs while the product does not compile (a case added or removed breaks the generated
/// switch until the file is written again).
public enum CoverageCasesFile {
    /// The typed results a coverage report counts, by the name of their declaration.
    public static let types = [
        "LogonOutcome", "EmailOTPRequestOutcome", "CodeOutcome", "OTPNext", "LogonStep", "ResetStep", "SettingsStep", "ResetStart",
        "PasswordChangeOutcome", "ExpiredPasswordChange", "SettingsStart", "SettingsChange", "SmartcardOutcome",
        "AuthorisationOutcome", "AuthorisationRefusal", "EngineError", "FlowStep", "Unavailability", "Refusal", "StoreFault",
    ]
    public static let name = "CoverageCases.generated.swift"

    public struct Missing: Error, CustomStringConvertible {
        public var types: [String]
        public var description: String { "no public enum declaration in Sources/AuthDomain for \(types.joined(separator: ", "))" }
    }

    /// The file as the declarations in `domain` (Sources/AuthDomain) make it.
    public static func text(domain: URL) throws -> String {
        // Every file below it (Model/, Policy/ too), in a fixed order.
        let found = FileManager.default.enumerator(at: domain, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        let sources = found.filter { $0.pathExtension == "swift" && $0.lastPathComponent != name }
            .sorted { $0.path < $1.path }
        var declarations: [String: [String]] = [:]
        for file in sources {
            declarations.merge(EnumCases.parse(try String(contentsOf: file, encoding: .utf8))) { first, _ in first }
        }
        let missing = types.filter { declarations[$0] == nil }
        guard missing.isEmpty else { throw Missing(types: missing) }
        return EnumCases.generatedFile(types.map { ($0, declarations[$0]!) })
    }
}

/// Reads the cases of public enum declarations from Swift source: enough Swift for the
/// declarations of Sources/AuthDomain (comments, strings, nesting), not a Swift parser.
public enum EnumCases {
    public static func parse(_ source: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        // The open enums, innermost last, with the brace depth of their bodies.
        var open: [(name: String, depth: Int)] = []
        var depth = 0
        var pendingEnum: String?
        // Each line is read in segments between braces: a one-line enum's cases are in its body.
        func read(_ segment: String) {
            let trimmed = segment.trimmingCharacters(in: .whitespaces)
            if let name = enumName(trimmed) { pendingEnum = name }
            if let current = open.last, current.depth == depth, let cases = caseNames(trimmed) {
                result[current.name, default: []] += cases
            }
        }
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            var segment = ""
            for character in stripped(String(rawLine)) {
                guard character == "{" || character == "}" else {
                    segment.append(character)
                    continue
                }
                read(segment)
                segment = ""
                if character == "{" {
                    depth += 1
                    if let name = pendingEnum {
                        open.append((name, depth))
                        pendingEnum = nil
                    }
                } else {
                    if open.last?.depth == depth { open.removeLast() }
                    depth -= 1
                }
            }
            read(segment)
        }
        return result.filter { !$0.value.isEmpty }
    }

    /// The line without its comment and the contents of its string literals.
    static func stripped(_ line: String) -> String {
        var out = "", inString = false, previous: Character = " "
        for character in line {
            if !inString, character == "/", previous == "/" { out.removeLast(); break }
            if character == "\"" { inString.toggle(); out.append(character) } else if !inString { out.append(character) }
            previous = character
        }
        return out
    }

    /// "public enum Name<...>: ... {" declares Name.
    static func enumName(_ line: String) -> String? {
        guard line.hasPrefix("public enum ") || line.hasPrefix("public indirect enum ") else { return nil }
        guard let keyword = line.range(of: "enum ") else { return nil }
        let name = line[keyword.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// "case a, b(X, y: Y), c = 1" declares a, b and c.
    static func caseNames(_ line: String) -> [String]? {
        let words = line.hasPrefix("indirect case ") ? line.dropFirst(9) : Substring(line)
        guard words.hasPrefix("case "), !words.hasPrefix("case .") else { return nil }
        var names: [String] = [], current = "", parens = 0, skipping = false
        for character in words.dropFirst(5) {
            switch character {
            case "(": parens += 1; skipping = true
            case ")": parens -= 1
            case "=" where parens == 0: skipping = true
            case "," where parens == 0:
                names.append(current)
                current = ""
                skipping = false
            default:
                if parens == 0, !skipping, !character.isWhitespace { current.append(character) }
            }
        }
        names.append(current)
        return names.filter { !$0.isEmpty }
    }

    public static func generatedFile(_ types: [(name: String, cases: [String])]) -> String {
        var text = """
            // Generated from the enum declarations of Sources/AuthDomain by `make generated`
            // (Tools/CoverageCases): do not edit. CoverageCatalogueTests fails when it is stale.
            // Each type's `Case` lists its cases for `scenario --coverage`; the switch maps a value to one.

            """
        for (name, cases) in types {
            text += """

                extension \(name): CoverageCases {
                    public enum Case: String, CaseIterable {
                \(wrapped(cases, indent: "        case "))
                    }
                    public var coverageCase: Case {
                        switch self {
                \(cases.map { "        case .\($0): .\($0)" }.joined(separator: "\n"))
                        }
                    }
                }

                """
        }
        return text
    }

    /// "case a, b, c" lines of at most 120 characters.
    private static func wrapped(_ cases: [String], indent: String) -> String {
        var lines: [String] = [], line = indent
        for (index, name) in cases.enumerated() {
            let piece = name + (index < cases.count - 1 ? "," : "")
            if line != indent, line.count + 1 + piece.count > 120 {
                lines.append(line)
                line = String(repeating: " ", count: indent.count) + piece
            } else {
                line += (line == indent ? "" : " ") + piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
