// A second floor for the start-up benchmark: a Swift program that loads Foundation, as
// nearly every Swift program on Linux does, and exits.
import Foundation

_ = ProcessInfo.processInfo.processIdentifier
