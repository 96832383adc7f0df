// libFuzzer entry point: the scenario file parser. Built by `make fuzz` with -sanitize=fuzzer.
import FuzzSupport
import TerminalApp

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Scenario(name: "fuzz", text: text)
    return 0
}

#if FUZZING
/// SwiftPM points `main` at `FuzzScenario_main`; libFuzzer's driver takes over from there.
@_cdecl("FuzzScenario_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzScenario)
}
#else
@main
enum FuzzEntry {
    static func main() { explainFuzzTarget() }
}
#endif
