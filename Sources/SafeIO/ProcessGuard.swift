import CSafeIO
#if canImport(Glibc)
import Glibc
#endif

/// What every process of the program does first.
public enum ProcessGuard {
    /// - No core file and not dumpable: a crash must not leave the typed password or the store
    ///   key on the disk, and another process of the same user may not read this one's memory
    ///   (ptrace, /proc/PID/mem).
    /// - Standard input, output and error that were closed are held on /dev/null, so that no
    ///   file opened later (the store, a key) gets their number and receives what is printed;
    ///   writing to such a stream is still an error (`StandardStream`).
    public static func prepare() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        _ = ccass_set_not_dumpable()
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            switch descriptor {
            case STDOUT_FILENO: StandardStream.output.markClosedAtStart()
            case STDERR_FILENO: StandardStream.error.markClosedAtStart()
            default: break
            }
        }
    }

    /// Whether this process may leave a core file (for the test of `prepare`).
    public static var coreDumpsDisabled: Bool {
        var limit = rlimit()
        return getrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0 && limit.rlim_cur == 0 && ccass_is_dumpable() == 0
    }
}

/// Overwrites secret bytes the program owns (a key, a password being typed) once they are no
/// longer needed, in a way the optimiser may not drop.
public func clearSecret(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        _ = explicit_bzero(base, buffer.count)
    }
}

/// Secret bytes held in memory of their own, overwritten when released: the store key, for as
/// long as a store is open. (An `[UInt8]` cannot promise that: its buffer is shared by copies,
/// and clearing one copy clears a fresh buffer instead.)
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer

    /// Copies `bytes` in; the caller clears its own array if it owns it.
    public init(_ bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.buffer = buffer
        count = bytes.count
    }

    public let count: Int

    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// A copy as an array, for an API that takes one (the caller clears it when done).
    public var copy: [UInt8] { withBytes { Array($0) } }

    deinit {
        explicit_bzero(buffer.baseAddress!, buffer.count)
        buffer.deallocate()
    }
}
