import Foundation
import XCTest

/// A test step that cannot go on: the failure is already recorded.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A peer the test needs (oathtool, zbarimg, tmux): skipped when it is not installed, except
/// in CI (CCASS_REQUIRE_TOOLS), where a missing tool fails the run. Nothing else skips: a
/// broken product fails.
public func requireTool(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    if let url = Programs.which(name) { return url }
    if Programs.toolsRequired {
        XCTFail("\(name) is not installed (make deps installs it)", file: file, line: line)
        throw TestFailure("\(name) is missing")
    }
    throw XCTSkip("\(name) is not installed (make deps installs it)")
}

/// Root, for a test of what only root may do on a host (Unix accounts, sudoers): like a missing
/// tool, skipped on a developer's account and a failure in CI (CCASS_REQUIRE_TOOLS), which runs
/// as root.
public func requireRoot(_ reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
    if getuid() == 0 { return }
    if Programs.toolsRequired {
        XCTFail("\(reason): run as root", file: file, line: line)
        throw TestFailure("not root")
    }
    throw XCTSkip("\(reason): root only")
}

/// A Python module a peer server needs, likewise; returns the Python that has it. Debian's
/// packages (python3-aiosmtpd) go to the system Python, which may not be first on the PATH.
@discardableResult
public func requirePythonModule(_ module: String, package: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    let candidates = [URL(fileURLWithPath: "/usr/bin/python3")] + (Programs.which("python3").map { [$0] } ?? [])
    for python in candidates where FileManager.default.isExecutableFile(atPath: python.path) {
        if (try? Programs.run(python, ["-c", "import \(module)"]))?.status == 0 { return python }
    }
    if Programs.toolsRequired {
        XCTFail("\(package) is not installed (make deps installs it)", file: file, line: line)
        throw TestFailure("\(package) is missing")
    }
    throw XCTSkip("\(package) is not installed (make deps installs it)")
}
