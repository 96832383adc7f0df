import AuthDomain
import Foundation

/// What the update function asks the outside world to do.
public enum Effect: Equatable, Sendable {
    /// An engine call; `id` 0 for one whose answer nobody waits for.
    case engine(id: Int, AnyEngineCall)
    /// Trainer control: move the clock forward.
    case advanceClock(TimeInterval)
    case quit
}

/// Everything that can happen to the program.
public enum Event: Equatable, Sendable {
    case key(Key)
    case paste(String)
    case resize(Size)
    /// The clock moved (a timer, or a trainer advancing it).
    case tick(now: Date, phase: ServicePhase)
    case engine(id: Int, EngineAnswer)
    /// The trainer's panel: why the current account is where it is.
    case trainerNotes([String])
    /// The trainer's clock move could not be saved (the store's clock file), and why.
    case clockNotMoved(reason: String)
    /// A line-based front end (plain mode, a scenario) fills the form's fields and presses a
    /// button or turns a toggle, as typing would.
    case submitForm(fields: [String: String], action: String)
}
