// libFuzzer entry point: key decoding and the state machine. Bytes become keys as the ncurses
// backend decodes them; the screens must never crash and never log on without both factors.
import FuzzSupport
import AuthEngine
import CursesTerminal
import TerminalCore
import TerminalView

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var state = AppState(console: size % 2 == 0 ? .terminal : .dms, phase: .transition,
                         now: HongKongTime.date(2023, 6, 12, 10, 0), size: Size(columns: 80, rows: 24))
    var index = 0
    while index < size {
        let byte = data[index]
        index += 1
        let key: Key?
        if byte >= 0xF0, index < size {
            // Function keys and arrows, as ncurses reports them (KEY_CODE_YES).
            key = CursesBackend.functionKey(Int32(0o401 + Int32(data[index] % 0o200)))
            index += 1
        } else {
            key = CursesBackend.characterKey(UInt32(byte))
        }
        guard let key else { continue }
        _ = Update.update(&state, .key(key))
        if let pending = state.pending {
            // Answer every engine call as the engine might refuse it.
            _ = Update.update(&state, .engine(id: pending.id, EngineAnswer(failure: .sessionEnded)))
        }
        _ = Renderer.render(state)
        if case .loggedOn = state.screen { preconditionFailure("logged on without the engine") }
    }
    return 0
}

#if FUZZING
/// SwiftPM points `main` at `FuzzKeys_main`; libFuzzer's driver takes over from there.
@_cdecl("FuzzKeys_main")
public func fuzzDriverMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzKeys)
}
#else
@main
enum FuzzEntry {
    static func main() { explainFuzzTarget() }
}
#endif
