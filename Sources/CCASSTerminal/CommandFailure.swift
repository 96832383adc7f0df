/// A command's one-line failure. Thrown to argument-parser, which prints it on stderr and
/// exits non-zero after every `defer` has run (the terminal restored, copies removed).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
