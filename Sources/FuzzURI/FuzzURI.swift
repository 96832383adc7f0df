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

#if !FUZZING
/// Without `make fuzz` (which links libFuzzer's main) the target still builds, and says how to run it.
@main
enum FuzzEntry {
    static func main() {
        print("This is a libFuzzer target: run it with `make fuzz`.")
    }
}
#endif
