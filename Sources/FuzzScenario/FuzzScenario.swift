// libFuzzer entry point: the scenario file parser. Built by `make fuzz` with -sanitize=fuzzer.
import Headless

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Scenario(name: "fuzz", text: text)
    return 0
}

#if FUZZING
/// SwiftPM points `main` at `FuzzScenario_main`; it hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzScenario_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runDriver(&count, &arguments, fuzzScenario)
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
