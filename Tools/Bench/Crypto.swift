import AuthEngine
import CCrypto
import Foundation

/// TOTP verification against a bare libcrypto HMAC loop and pyotp; a logon against a bare
/// PBKDF2; an unknown user ID against a wrong password.
func cryptoRows(quick: Bool = false) throws -> [Row] {
    var rows: [Row] = []
    let secret = try SecureRandom.bytes(20)
    let mac = EVP_MAC_fetch(nil, "HMAC", nil)
    let ctx = EVP_MAC_CTX_new(mac)
    var message = UInt64(123_456).bigEndian
    var out = [UInt8](repeating: 0, count: 20)
    var outlen = 0
    _ = ccass_hmac_init(ctx, "SHA1", secret, secret.count)
    let totp = OneTimePassword.issued
    let now = Date()
    let code = try totp.totp(secret: secret, at: now)
    var accepted = 0
    let (verifyRate, hmacRate) = interleavedRates(batch: 1000, {
        if (try? totp.matchingStep(code: code, secret: secret, at: now)) != nil { accepted += 1 }
    }, {
        _ = EVP_MAC_init(ctx, secret, secret.count, nil)
        withUnsafeBytes(of: &message) { _ = EVP_MAC_update(ctx, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 8) }
        _ = EVP_MAC_final(ctx, &out, &outlen, 20)
    })
    EVP_MAC_CTX_free(ctx)
    EVP_MAC_free(mac)
    guard accepted > 0 else { throw BenchFailure("the current code did not verify") }
    rows.append(Row(name: "TOTP verifications of a current code, 1 core", ours: perSecond(verifyRate),
                    peer: "\(perSecond(hmacRate)) libcrypto HMAC-SHA1 loop", ratio: ratio(verifyRate / hmacRate),
                    goal: "ours >= 0.80x", met: verifyRate / hmacRate >= 0.8))
    let pyotp = Process()
    pyotp.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    pyotp.arguments = ["-c", """
        import pyotp, time
        t = pyotp.TOTP("\(Base32.encode(secret))"); c = t.now(); n = 0; s = time.perf_counter()
        while time.perf_counter() - s < 2:
            for _ in range(1000): t.verify(c, valid_window=1)
            n += 1000
        print(n / (time.perf_counter() - s))
        """]
    let output = Pipe()
    pyotp.standardOutput = output
    pyotp.standardError = FileHandle.nullDevice
    try pyotp.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pyotp.waitUntilExit()
    if let pyRate = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
        rows.append(Row(name: "TOTP verifications, in-process", ours: perSecond(verifyRate), peer: "\(perSecond(pyRate)) pyotp verify(window 1)",
                        ratio: ratio(verifyRate / pyRate)))
    }

    // A whole logon (password step) at the default cost vs a bare PKCS5_PBKDF2_HMAC call.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: dir)),
                            clock: FixedClock(HongKongTime.date(2023, 6, 12, 10, 0)),
                            configuration: EngineConfiguration(terminal: "bench"))
    let demo = try DemoData.shipped()
    try demo.install(into: engine)
    let salt = try SecureRandom.bytes(16)
    let runs = quick ? 2 : 9
    _ = try PasswordHasher.derive(demo.password, salt: salt, iterations: PasswordHasher.defaultIterations)
    // Turn about, as with the MACs: a bare derivation, then a whole logon.
    var bareTimes: [Double] = [], logonTimes: [Double] = []
    for _ in 0..<runs {
        bareTimes.append(try medianTime(runs: 1) {
            _ = try PasswordHasher.derive(demo.password, salt: salt, iterations: PasswordHasher.defaultIterations)
        })
        logonTimes.append(try medianTime(runs: 1) {
            guard case .enterAppOTP(let session, _) = try engine.logon(userID: "B0123402", password: demo.password) else {
                throw BenchFailure("the benchmark logon did not reach the OTP step")
            }
            engine.cancel(session)
        })
    }
    let bare = median(bareTimes), logon = median(logonTimes)
    let overhead = logon / bare - 1
    rows.append(Row(name: "Logons at 600,000 iterations (password step)", ours: perSecond(1 / logon),
                    peer: "\(perSecond(1 / bare)) bare PKCS5_PBKDF2_HMAC", ratio: ratio(bare / logon),
                    goal: "overhead < 5% (is \(String(format: "%.1f", overhead * 100))%)", met: overhead < 0.05))
    // An unknown user ID must cost what a wrong password costs (ASVS 6.3.8): pairs taken turn
    // about, compared pair by pair, so a slower moment of the machine weighs on both.
    var unknownTimes: [Double] = [], wrongTimes: [Double] = [], pairRatios: [Double] = []
    for round in 0..<15 {
        let unknownStart = monotonic()
        _ = try engine.logon(userID: "B0123499", password: "Not#The1Password\(round)")
        let unknown = monotonic() - unknownStart
        let wrongStart = monotonic()
        _ = try engine.logon(userID: "HKABC101", password: "Not#The1Password\(round)")
        let wrong = monotonic() - wrongStart
        try engine.unlock(userID: "HKABC101", actor: "bench")
        unknownTimes.append(unknown)
        wrongTimes.append(wrong)
        pairRatios.append(unknown / wrong)
    }
    let pairRatio = median(pairRatios)
    let gap = abs(pairRatio - 1)
    rows.append(Row(name: "Logon with an unknown user ID (median of 15 pairs)", ours: milliseconds(median(unknownTimes)),
                    peer: "\(milliseconds(median(wrongTimes))) wrong password, known ID", ratio: ratio(pairRatio),
                    goal: "differ < 5% (is \(String(format: "%.1f", gap * 100))%)", met: gap < 0.05))
    return rows
}
