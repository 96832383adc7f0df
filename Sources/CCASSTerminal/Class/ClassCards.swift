import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TerminalApp
import TerminalCore
import TerminalView

/// `class cards NAME -o FILE.html`: a printable card per seat, for the trainer to hand out.
struct ClassCards: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cards",
        abstract: "One printable card per seat: how to connect, the seat's user IDs and what each is for, and its first screen.",
        discussion: """
        A self-contained HTML file (A4, a card a page); --pdf prints it through headless Chromium. A card names the \
        seat's key file (hand the trainee that file) or, after class logins, its Unix account and password; the \
        training password is on the roster, not on the cards.
        """
    )

    @Argument(help: "The class name.") var name: String
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write.", valueName: "file.html")) var output: String
    @Option(help: ArgumentHelp("The training host's name, as trainees type it (default: this host's name).", valueName: "host"))
    var host: String?
    @Option(help: ArgumentHelp("The account trainees connect as with a key (default: the owner of the data directory).", valueName: "user"))
    var user: String?
    @Flag(help: "Also print the cards to PDF (beside the HTML file) through headless Chromium.") var pdf = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if pdf, Chromium.executable == nil { throw CommandFailure(Chromium.missing) }
    }

    func run() throws {
        let (training, folder) = try ClassCommand.load(name, store.settings)
        let directory = store.settings.location.directory
        let host = self.host ?? ProcessInfo.processInfo.hostName
        let account = try user ?? ClassSSHDConfig.owner(of: directory)
        let passwords = try Self.passwords(folder)
        let now = try store.settings.clockNow()
        var cards: [PrintPage.SeatCard] = []
        for seat in training.seats {
            var connect: [(label: String, value: String)] = [("Host", host)]
            if let login = passwords[seat] {
                connect += [("Connect with", "ssh \(login.user)@\(host)"), ("Password", login.password)]
            } else {
                connect += [("Key file", "\(folder.seatKey(seat).path.dropFirst(folder.root.path.count + 1)) (keep it at mode 600: chmod 600 id_ed25519)"),
                            ("Connect with", "ssh -i id_ed25519 \(account)@\(host)"),
                            ("DMS", "ssh -t -i id_ed25519 \(account)@\(host) dms"),
                            ("PuTTY", "puttygen id_ed25519 -o seat.ppk, then use seat.ppk")]
            }
            let accounts = training.accounts(seat: seat).map { ($0.userID, $0.role.description, $0.purpose) }
            cards.append(PrintPage.SeatCard(
                title: "Class \(name), seat \(seat) (\(training.participant(seat: seat).participantID))", connect: connect,
                accounts: accounts, firstScreen: Self.firstScreen(training, seat: seat, now: now),
                note: "The first-logon user (\(accounts[0].0)) sets a password through Forgot/Reset your Password with an email OTP; "
                    + "the others use the training password your trainer gives you. Your phone and inbox are beside the terminal "
                    + "in a window of 120 columns, or on F2 and F3."))
        }
        let file = URL(fileURLWithPath: output)
        try PrivateFiles.replace(file, with: PrintPage.cards("Class \(name): seat cards", cards))
        try StandardStream.output.line("wrote \(file.path) (\(cards.count) cards)")
        if pdf {
            let printed = file.deletingPathExtension().appendingPathExtension("pdf")
            try Chromium.pdf(of: file, to: printed)
            try StandardStream.output.line("wrote \(printed.path)")
        }
    }

    /// The seat's landing page as the seat opens it, with its class's console and hours.
    static func firstScreen(_ training: TrainingClass, seat: Int, now: Date) -> Canvas {
        let console: Console = training.console == .dms ? .dms : .terminal
        var state = AppState(console: console, environment: training.sessionEnvironment, now: now, size: Size.minimum)
        state.message = .aside(training.greeting(seat: seat))
        // At 80 columns a seat's phone and inbox are a key away (F2, F3), as its hint line says.
        state.panelKeys = true
        return Renderer.render(state)
    }

    /// The seats' Unix accounts and passwords (class logins), by seat.
    static func passwords(_ folder: ClassFolder) throws -> [Int: (user: String, password: String)] {
        guard let bytes = try PrivateFiles.read(folder.loginsCSV) else { return [:] }
        var out: [Int: (user: String, password: String)] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            if cells.count == 3, let seat = Int(cells[0]) { out[seat] = (cells[1], cells[2]) }
        }
        return out
    }
}
