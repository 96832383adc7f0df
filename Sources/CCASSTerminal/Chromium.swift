import Foundation
import SafeIO

/// Headless Chromium, for what a browser prints: a handout or the class cards as PDF. Run in a
/// private scratch folder (its profile, its output), the PDF then written through the files door.
enum Chromium {
    static var executable: String? {
        try? ExternalTool.locate(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"], install: missing)
    }

    static let missing = "--pdf renders through headless Chromium, which is not installed (apt install chromium; make deps installs it)"

    /// Prints `html` (a file) to `pdf`: A4 as the page's CSS says, no browser header or footer.
    static func pdf(of html: URL, to pdf: URL) throws {
        guard let chromium = executable else { throw CommandFailure(missing) }
        let scratch = try PrivateFiles.temporaryFolder(prefix: "ccass-chromium-")
        defer { try? PrivateFiles.remove(scratch) }
        let output = scratch.appendingPathComponent("print.pdf")
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--disable-crash-reporter", "--no-pdf-header-footer",
                         "--user-data-dir=\(scratch.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)"]
        // Chromium's sandbox refuses to start as root; the page is our own, offline file.
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append(html.absoluteString)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        try ExternalTool.run(chromium, arguments, environment: environment)
        // Chromium makes its file 0644, in our 0700 scratch folder: nobody else could reach it.
        chmod(output.path, 0o600)
        guard let bytes = try PrivateFiles.read(output), !bytes.isEmpty else {
            throw CommandFailure("Chromium printed nothing for \(html.path.safe())")
        }
        try PrivateFiles.replace(pdf, with: bytes)
    }
}
