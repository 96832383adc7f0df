import AuthDomain
import AuthEngine
import TerminalCore

/// The engine answers the screens' calls: each call (`EngineCall`) names the operation it
/// performs, so the runner only runs it (`AnyEngineCall.run`).
extension AuthEngine: EngineService {
    public func refusal(for failure: any Error) -> EngineError { .storeFailure(StoreFault(failure)) }
}
