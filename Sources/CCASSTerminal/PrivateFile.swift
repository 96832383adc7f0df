import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of lines only its owner may read (0600 from the first byte): a recorded scenario
/// holds the passwords that were typed.
final class PrivateFile {
    private let handle: FileHandle

    init(path: String) throws {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes a line at once, so a session that ends abruptly keeps what it recorded.
    func line(_ text: String) {
        try? handle.write(contentsOf: Data((text + "\n").utf8))
    }

    func close() { try? handle.close() }
}
