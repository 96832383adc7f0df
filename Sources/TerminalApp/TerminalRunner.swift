import AuthEngine
import Authenticator
import Foundation
import Synchronization
import TerminalCore
import TerminalView

/// Runs the terminal model's commands against an engine: on a serial worker thread for the
/// interactive terminal (the screen keeps drawing while the KDF runs), or inline for headless
/// drivers. Reading the store, the phone and the Maildirs happens here, never on the loop.
///
/// The interactive terminal hands over how to open the engine rather than an engine: the
/// worker opens the store (and installs the demo data on a first start) after the landing
/// page is on screen, and every command waits for it in order, so keys typed meanwhile are
/// answered as soon as it is ready and none is lost.
public final class TerminalRunner: Sendable {
    /// Opens the engine; `progress` tells the operator what a long first start is doing.
    public typealias Opening = @Sendable (_ progress: @Sendable (String) -> Void) throws -> AuthEngine
    private let opening: Opening
    /// The engine once opened, or why it could not be; only the worker (or the inline caller) sets it.
    private let opened = Mutex<Result<AuthEngine, StoreUnavailable>?>(nil)
    private let queue: DispatchQueue?
    private let panels: PanelSource?
    /// Sees every engine answer (a coverage recorder).
    private let observe: (@Sendable (EngineAnswer) -> Void)?
    /// A class seat's look at its class: reset or deleted by the trainer since the last look?
    private let follow: (@Sendable () -> SeatChange?)?

    /// `threaded`: commands run on a worker thread, in order; otherwise inline.
    public convenience init(engine: AuthEngine, threaded: Bool, panels: PanelSource? = nil,
                            observe: (@Sendable (EngineAnswer) -> Void)? = nil) {
        self.init(threaded: threaded, panels: panels, observe: observe) { _ in engine }
    }

    public init(threaded: Bool, panels: PanelSource? = nil, observe: (@Sendable (EngineAnswer) -> Void)? = nil,
                follow: (@Sendable () -> SeatChange?)? = nil, opening: @escaping Opening) {
        self.opening = opening
        queue = threaded ? DispatchQueue(label: "ccass-terminal.engine") : nil
        self.panels = panels
        self.observe = observe
        self.follow = follow
    }

    /// The engine if it is open already (for a reader on another thread; it never opens it).
    public var openedEngine: AuthEngine? { opened.withLock { try? $0?.get() } }

    /// The engine, opened on first use; a failure is kept and reported once.
    private func engine(post: @escaping @Sendable (TerminalModel.Message) -> Void) -> AuthEngine? {
        if let result = opened.withLock({ $0 }) { return try? result.get() }
        let result: Result<AuthEngine, StoreUnavailable>
        do {
            let engine = try opening { post(.opening($0)) }
            result = .success(engine)
            post(.opened(engine.configuration.environment))
        } catch {
            result = .failure(StoreUnavailable(reason: "\(error)"))
            post(.failed("\(error)"))
        }
        opened.withLock { $0 = result }
        return try? result.get()
    }

    public func run(_ command: TerminalModel.Command, post: @escaping @Sendable (TerminalModel.Message) -> Void) {
        let panels = self.panels, observe = self.observe
        let work: @Sendable () -> Void
        switch command {
        case .openStore:
            work = { _ = self.engine(post: post) }
        case .engine(let id, let call):
            work = {
                guard let engine = self.engine(post: post) else { return }
                let answer = call.run(engine)
                observe?(answer)
                guard id != 0 else { return }
                // The screens see the time of the answer first: a front end that waited for a
                // whole line (plain mode) may not have ticked for a minute, and a countdown
                // from a code sent now would read more than its wait (5:05 for 5 minutes).
                post(.event(.tick(now: engine.clock.now(), phase: engine.phase)))
                post(.event(.engine(id: id, answer)))
            }
        case .advanceClock(let interval):
            work = {
                guard let engine = self.engine(post: post) else { return }
                do {
                    try (engine.clock as? any AdjustableClock)?.advance(by: interval)
                } catch {
                    post(.event(.clockNotMoved(reason: "\(StoreFault(error))")))
                }
                post(.event(.tick(now: engine.clock.now(), phase: engine.phase)))
            }
        case .quit:
            return
        case .loadTrainerNotes(let userID):
            work = {
                guard let engine = self.engine(post: post) else { return }
                let notes = userID.flatMap { $0.count == 8 ? (try? engine.trainerNotes(userID: $0)) : nil } ?? []
                post(.event(.trainerNotes(notes)))
            }
        case .loadPanels:
            guard let panels else { return }
            work = {
                guard let engine = self.engine(post: post) else { return }
                post(.panels(phone: panels.phone(engine.clock.now()), inbox: panels.inbox(engine)))
            }
        case .followSeat:
            guard let follow else { return }
            work = {
                if let change = follow() { post(.seatChanged(change)) }
            }
        case .scan(let uri):
            guard let panels else { return }
            work = {
                guard let engine = self.engine(post: post) else { return }
                do {
                    post(.scanned(.success(try panels.scan(uri, engine.clock.now()))))
                } catch {
                    post(.scanned(.failure(ScanFailure(reason: "\(error)"))))
                }
                post(.panels(phone: panels.phone(engine.clock.now()), inbox: panels.inbox(engine)))
            }
        }
        if let queue { queue.async(execute: work) } else { work() }
    }

    /// Runs other work (the autopilot's phone and inbox) in order with the engine's: on the
    /// worker thread, or inline.
    public func perform(_ work: @escaping @Sendable () -> Void) {
        if let queue { queue.async(execute: work) } else { work() }
    }

    /// Waits for commands still running (a flow being cancelled) before the program exits.
    public func finish() { queue?.sync {} }
}

/// Why the store could not be opened, as the program reports it on exit.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Why the phone could not learn a QR code.
public struct ScanFailure: Error, Equatable, Sendable {
    public let reason: String
}

/// Where the presenter's panels read the phone and the inbox from.
public struct PanelSource: Sendable {
    public var phone: @Sendable (Date) -> [PhoneView.Row]
    public var inbox: @Sendable (AuthEngine) -> [InboxView.Row]
    /// The phone scans a QR code (REGISTER DEVICE): the account it learnt.
    public var scan: @Sendable (_ uri: String, _ at: Date) throws -> String

    public init(phone: @escaping @Sendable (Date) -> [PhoneView.Row], inbox: @escaping @Sendable (AuthEngine) -> [InboxView.Row],
                scan: @escaping @Sendable (String, Date) throws -> String) {
        self.phone = phone
        self.inbox = inbox
        self.scan = scan
    }

    /// The phone file and the Maildirs of a data directory; the inbox shows the newest messages
    /// of every address with where their codes stand.
    public static func reading(directory: URL) -> PanelSource {
        let mailbox = Mailbox(root: directory.appendingPathComponent("mail"))
        return PanelSource(
            phone: { now in
                guard let phone = try? Phone.load(directory: directory) else { return [] }
                return (try? PhoneRows.totp(phone, at: now)) ?? []
            },
            inbox: { engine in
                let messages = mailbox.addresses().flatMap { address in
                    ((try? mailbox.messages(for: address)) ?? []).prefix(3).map { (address, $0) }
                }
                return messages.sorted { ($0.1.date ?? .distantPast) > ($1.1.date ?? .distantPast) }.prefix(6).map { address, message in
                    var summary = message.header("Subject") ?? ""
                    if let code = message.otp, let status = try? engine.emailCodeStatus(sentTo: address, code: code) {
                        summary = "OTP \(code) " + CodeStatus.describe(status, hongKongSuffix: false)
                    }
                    return InboxView.Row(sent: message.date, address: address, summary: summary)
                }
            },
            scan: { uri, now in
                try Phone.add(uri, directory: directory, at: now).label
            })
    }
}

/// The phone's rows as its views show them.
public enum PhoneRows {
    /// Every account with its code now; HOTP accounts, whose counter moves each time a code is
    /// shown, without one (a live view refreshes).
    public static func totp(_ phone: Phone, at date: Date) throws -> [PhoneView.Row] {
        try phone.entries.map { entry in
            let uri = try entry.parsed
            guard uri.kind == .totp else { return row(uri, code: String(repeating: "-", count: uri.digits), secondsLeft: nil) }
            return row(uri, code: try uri.generator.totp(secret: uri.secret, at: date), secondsLeft: uri.generator.secondsRemaining(at: date))
        }
    }

    /// Every account with a code, HOTP counters used up as a button press would.
    public static func all(_ phone: inout Phone, at date: Date) throws -> [PhoneView.Row] {
        var rows: [PhoneView.Row] = []
        for index in phone.entries.indices {
            let uri = try phone.entries[index].parsed
            let shown = try phone.show(index, at: date)
            rows.append(row(uri, code: shown.code, secondsLeft: shown.secondsLeft))
        }
        return rows
    }

    static func row(_ uri: OTPAuthURI, code: String, secondsLeft: Int?) -> PhoneView.Row {
        PhoneView.Row(label: uri.label, code: code, secondsLeft: secondsLeft, period: uri.period,
                      detail: "\(uri.kind.rawValue.uppercased()) \(uri.algorithm.rawValue), \(uri.digits) digits")
    }
}

/// Where an emailed code stands, in words.
public enum CodeStatus {
    public static func describe(_ status: AuthEngine.EmailCodeStatus, hongKongSuffix: Bool = true) -> String {
        switch status {
        case .valid(let until): "valid until \(HongKongTime.format(until).dropFirst(11).prefix(8))\(hongKongSuffix ? " HKT" : "")"
        case .expired: "expired"
        case .used: "used"
        case .superseded: "superseded by a newer code"
        }
    }
}
