// swift-tools-version:6.0
import PackageDescription

// Linux only: the program is built on Debian with ncursesw, OpenSSL libcrypto and libqrencode
// from apt, and uses Glibc calls directly. No platform list: SwiftPM's `platforms` names Apple
// systems only, and this package builds on none of them.
let package = Package(
    name: "ccass-terminal",
    products: [
        .executable(name: "ccass-terminal", targets: ["CCASSTerminal"]),
        // Not part of the product: the LD_PRELOAD library of the fault-injection tests.
        .library(name: "CCASSFaultShim", type: .dynamic, targets: ["CCASSFaultShim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // MARK: The product

        // OpenSSL libcrypto: HMAC, PBKDF2, AES-GCM, RAND_bytes, CRYPTO_memcmp.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // libcurl for SMTP, opened with dlopen on first use (its header only at build time).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        // Shipped data: demo store, policy blocklist, QA scenarios, holidays.
        .target(
            name: "CCASSResources",
            path: "Resources",
            resources: [.copy("demo"), .copy("policy"), .copy("scenarios"), .copy("hours")]
        ),
        // The doors every byte leaves by: files (private from the first byte, never through a
        // link or into someone else's folder), standard output and error (checked writes), text
        // from data (escaped for terminals and XML). No dependencies but the C library.
        .target(name: "CSafeIO"),
        .target(name: "SafeIO", dependencies: ["CSafeIO"]),
        // The engine's vocabulary: outcomes, errors, profiles, notices, the package's rules that
        // need no store (phases, hours, ID formats, password policy). No GRDB, no OpenSSL.
        .target(name: "AuthDomain", dependencies: ["CCASSResources", "SafeIO"]),
        // SQLite's variadic sqlite3_db_config, which Swift cannot call (SQLite comes with GRDB).
        .target(name: "CStoreGuard"),
        // The authentication engine and its store. Imports no UI.
        .target(
            name: "AuthEngine",
            dependencies: [
                "AuthDomain",
                "CCrypto",
                "CStoreGuard",
                "SafeIO",
                "CCurl",
                "CCASSResources",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The trainer's virtual phone: accounts learnt from otpauth URIs, in a file of its own.
        .target(name: "Authenticator", dependencies: ["AuthEngine"]),
        // Pure screen state machine: each screen's state, keys and engine answers.
        .target(name: "TerminalCore", dependencies: ["AuthDomain"]),
        // Pure view: render(state) -> Canvas; each screen's view; QR drawing.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode"),
        .target(name: "TerminalView", dependencies: ["TerminalCore", "AuthDomain", "CQRencode", "SafeIO"]),
        // The one program loop: backends (plain lines, a test double) and the loop itself.
        .target(name: "TerminalProgram", dependencies: ["TerminalCore", "TerminalView", "CTerminalGuard", "SafeIO"]),
        // ncursesw: the only target that touches the terminal goes through it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CTerminalGuard"),
        .target(name: "CursesTerminal", dependencies: ["CNcurses", "CTerminalGuard", "SafeIO", "TerminalView", "TerminalProgram"]),
        // The program's wiring: engine commands, the terminal model on the loop, the headless
        // session, scenarios, the phone and inbox programs.
        .target(name: "TerminalApp", dependencies: ["AuthEngine", "Authenticator", "TerminalCore", "TerminalView", "TerminalProgram"]),
        // The commands (swift-argument-parser), one file each.
        .executableTarget(
            name: "CCASSTerminal",
            dependencies: [
                "AuthEngine", "Authenticator", "TerminalApp", "TerminalCore", "TerminalView", "TerminalProgram", "CursesTerminal",
                "CTerminalGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tools that are not the product (Tools/): benchmarks, fuzz targets, start-up
        // baselines, test drills. Built by make bench, make fuzz and make test; not shipped.

        .executableTarget(name: "CCASSBench", dependencies: ["AuthEngine", "CCrypto", "CPty"], path: "Tools/Bench"),
        .target(name: "CPty", path: "Tools/CPty", linkerSettings: [.linkedLibrary("util")]),
        .executableTarget(name: "BareStart", path: "Tools/BareStart"),
        .target(name: "CCASSFaultShim", path: "Tools/FaultShim", linkerSettings: [.linkedLibrary("dl")]),
        .executableTarget(name: "BareFoundationStart", path: "Tools/BareFoundationStart"),
        .executableTarget(name: "Drill", dependencies: ["AuthEngine", "Authenticator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                  .product(name: "GRDB", package: "GRDB.swift")],
                          path: "Tools/Drill"),
        // The coverage catalogue's cases from their declarations (`make generated`); apart from
        // the product so it runs when the product does not compile.
        .target(name: "CoverageCases", path: "Tools/CoverageCases"),
        .executableTarget(name: "coverage-cases", dependencies: ["CoverageCases"], path: "Tools/CoverageCasesTool"),
        // libFuzzer entry points, built by `make fuzz` only (-sanitize=fuzzer).
        .target(name: "FuzzSupport", path: "Tools/FuzzSupport"),
        .executableTarget(name: "FuzzURI", dependencies: ["AuthEngine", "FuzzSupport"], path: "Tools/FuzzURI",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzScenario", dependencies: ["TerminalApp", "FuzzSupport"], path: "Tools/FuzzScenario",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzKeys", dependencies: ["AuthEngine", "CursesTerminal", "TerminalCore", "TerminalView", "TerminalApp", "FuzzSupport"],
                          path: "Tools/FuzzKeys", swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzEngine", dependencies: ["AuthEngine", "FuzzSupport"], path: "Tools/FuzzEngine",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        // MARK: Tests

        // Running our binary and the peers (oathtool, tmux) from the tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "AuthEngineTests",
            dependencies: ["AuthEngine", "Authenticator", "CCrypto", "CCASSTerminal", "Drill", "SafeIO", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["TerminalCore", "TerminalView", "TerminalProgram", "AuthEngine", "TerminalApp", "CCASSTerminal", "SafeIO", "TestSupport",
                           "CoverageCases"],
            exclude: ["Golden"]
        ),
    ]
)
