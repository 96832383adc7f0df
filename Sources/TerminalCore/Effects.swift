import AuthDomain
import Foundation

/// What the program asks the outside world to do: the screen state machine's effects and the
/// terminal program's own work around the screens, carried out by the runner off the input path.
public enum Effect: Equatable, Sendable {
    /// An engine call; `id` 0 for one whose answer nobody waits for.
    case engine(id: Int, AnyEngineCall)
    /// Trainer control: move the clock forward.
    case advanceClock(TimeInterval)
    case quit
    /// Open the store (and create the demo data on a first start) once the first frame is up.
    case openStore
    /// Read the phone and the inbox for the panels beside the terminal.
    case loadPanels
    /// Read the trainer's panel for this user ID.
    case loadTrainerNotes(String?)
    /// The phone beside the terminal scans REGISTER DEVICE's QR code (F4).
    case scan(uri: String)
    /// A class seat looks whether the trainer reset it or deleted its class (each second).
    case followSeat
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
    case submitForm(fields: [FieldID: String], action: String)
}
