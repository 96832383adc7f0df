import Foundation
import SafeIO
import Synchronization

/// A recording the user asked for (`--record`, `--record-scenario`): a new private file (0600
/// from the first byte; a recorded scenario holds the passwords that were typed). An existing
/// file is refused unless `--replace` says to replace it; then the recording is written beside
/// it and takes its name when the session ends. Each line is written at once, so an abrupt end
/// keeps what was recorded; the first write that fails is kept, the session goes on, and the
/// command ends with it as an error.
final class RecordingFile: Sendable {
    private let file: PrivateFile
    private let failure = Mutex<FileProblem?>(nil)
    private let replacing: Bool

    init(path: String, replace: Bool, option: String) throws {
        replacing = replace
        let url = URL(fileURLWithPath: path)
        do {
            file = replace ? try PrivateFiles.replacement(for: url) : try PrivateFiles.create(url)
        } catch let problem as FileProblem where problem.reason == .exists {
            throw CommandFailure("\(option) \(path.safe()) already exists; choose another file, or add --replace to replace it")
        } catch {
            throw CommandFailure("cannot record to \(path.safe()): \(error)")
        }
    }

    func write(_ text: String) {
        guard failure.withLock({ $0 == nil }) else { return }
        do {
            try file.write(text)
        } catch {
            let problem = error as? FileProblem ?? FileProblem(path: file.finalPath, reason: .system(EIO))
            failure.withLock { $0 = problem }
        }
    }

    func line(_ text: String) { write(text + "\n") }

    /// Ends the recording; throws the first write that failed, or the failure to close it. A
    /// new file keeps what was recorded before the failure; a file being replaced is left as it
    /// was.
    func finish() throws {
        if let problem = failure.withLock({ $0 }) {
            if replacing {
                file.abandon()
                throw CommandFailure("the recording stopped: \(problem); \(file.finalPath.safe()) was left as it was")
            }
            try? file.close()
            throw CommandFailure("the recording stopped: \(problem); what came before is in \(file.finalPath.safe())")
        }
        do {
            try file.commit()
        } catch {
            throw CommandFailure("the recording was not written: \(error)")
        }
    }
}
