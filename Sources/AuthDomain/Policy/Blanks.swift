extension StringProtocol {
    /// The text without the blanks (spaces, tabs, a CR) at either end. Swift's own: Foundation's
    /// `trimmingCharacters` goes through NSString and showed in the start-up profile.
    public var trimmingBlanks: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}
