// The floor for the start-up benchmark: a Swift program that starts and exits.
