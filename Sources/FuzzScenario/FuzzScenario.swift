// libFuzzer entry point: the scenario file parser. Built by `make fuzz` with -sanitize=fuzzer.
import Headless

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Scenario(name: "fuzz", text: text)
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
