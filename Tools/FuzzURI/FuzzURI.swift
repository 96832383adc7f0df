// libFuzzer entry point: the otpauth URI parser. Built by `make fuzz` with -sanitize=fuzzer.
import FuzzSupport
import AuthEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzURI(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let uri = try? OTPAuthURI(parsing: text) {
        // What parses must print and parse back to the same account.
        let again = try? OTPAuthURI(parsing: uri.string)
        precondition(again == uri, "round trip changed \(text)")
    }
    return 0
}

#if FUZZING
/// SwiftPM points `main` at `FuzzURI_main`; libFuzzer's driver takes over from there.
@_cdecl("FuzzURI_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzURI)
}
#else
@main
enum FuzzEntry {
    static func main() { explainFuzzTarget() }
}
#endif
