// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ccass-terminal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccass-terminal", targets: ["CCASSTerminal"]),
        .executable(name: "ccass-bench", targets: ["CCASSBench"]),
        .executable(name: "bare-start", targets: ["BareStart"]),
        .executable(name: "bare-foundation-start", targets: ["BareFoundationStart"]),
        .executable(name: "fuzz-uri", targets: ["FuzzURI"]),
        .executable(name: "fuzz-scenario", targets: ["FuzzScenario"]),
        .executable(name: "fuzz-keys", targets: ["FuzzKeys"]),
        .executable(name: "fuzz-engine", targets: ["FuzzEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // OpenSSL libcrypto: HMAC, PBKDF2, AES-GCM, RAND_bytes, CRYPTO_memcmp.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // Shipped data: demo store, policy blocklist, QA scenarios.
        .target(
            name: "CCASSResources",
            path: "Resources",
            exclude: [],
            resources: [.copy("demo"), .copy("policy"), .copy("scenarios"), .copy("hours")]
        ),
        // The engine's vocabulary: outcomes, errors, profiles, notices, the package's rules that
        // need no store (phases, hours, ID formats, password policy). No GRDB, no OpenSSL.
        .target(name: "AuthDomain", dependencies: ["CCASSResources"]),
        .target(
            name: "AuthEngine",
            dependencies: [
                "AuthDomain",
                "CCrypto",
                "CCASSResources",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The trainer's virtual phone: accounts learnt from otpauth URIs, in a file of its own.
        .target(name: "Authenticator", dependencies: ["AuthEngine"]),
        // ncursesw: the only target that touches the terminal goes through it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // Pure screen state machine: state, events, update returning effects.
        .target(name: "TerminalCore", dependencies: ["AuthDomain"]),
        // Pure view: render(state, size) -> Canvas.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode"),
        .target(name: "TerminalView", dependencies: ["TerminalCore", "AuthDomain", "CQRencode"]),
        // The ncursesw backend: init and guaranteed restore, keys, resize, colours, drawing.
        .target(name: "CTerminalGuard"),
        .target(name: "CursesTerminal", dependencies: ["CNcurses", "CTerminalGuard", "TerminalView"]),
        // The program without a terminal: engine effects, the headless session, scenarios.
        .target(name: "Headless", dependencies: ["AuthEngine", "Authenticator", "TerminalCore", "TerminalView"]),
        .executableTarget(
            name: "CCASSTerminal",
            dependencies: [
                "AuthEngine",
                "Authenticator",
                "Headless",
                "TerminalCore",
                "TerminalView",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "BareStart"),
        // libFuzzer entry points, built by `make fuzz` only (-sanitize=fuzzer).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzURI", dependencies: ["AuthEngine", "FuzzSupport"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzScenario", dependencies: ["Headless", "FuzzSupport"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzKeys", dependencies: ["AuthEngine", "CursesTerminal", "TerminalCore", "TerminalView", "FuzzSupport"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzEngine", dependencies: ["AuthEngine", "FuzzSupport"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "BareFoundationStart"),
        // forkpty for the terminal benchmarks.
        .target(name: "CPty", linkerSettings: [.linkedLibrary("util")]),
        .executableTarget(
            name: "CCASSBench",
            dependencies: ["AuthEngine", "CCrypto", "CPty"]
        ),
        // Running our binary and the peers (oathtool, tmux) from the tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "AuthEngineTests",
            dependencies: ["AuthEngine", "Authenticator", "CCrypto", "CCASSTerminal", "TestSupport"]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["TerminalCore", "TerminalView", "AuthEngine", "Headless", "CCASSTerminal", "TestSupport"],
            exclude: ["Golden"]
        ),
    ]
)
