// libFuzzer entry point: the otpauth URI parser. Built by `make fuzz` with -sanitize=fuzzer.
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
/// SwiftPM points `main` at `FuzzURI_main`; it hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzURI_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runDriver(&count, &arguments, fuzzURI)
}
#else
/// Without `make fuzz` (which links libFuzzer) the target still builds, and says how to run it.
@main
enum FuzzEntry {
    static func main() {
        print("This is a libFuzzer target: run it with `make fuzz`.")
    }
}
#endif
