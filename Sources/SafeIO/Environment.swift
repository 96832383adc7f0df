#if canImport(Glibc)
import Glibc
#endif

/// The one door for reading the process's environment: a variable at a time, through getenv.
/// (`ProcessInfo.environment` copies the whole environment into a dictionary on every read: a
/// tenth of a millisecond each, four times before the first frame.)
public enum Environment {
    public static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
