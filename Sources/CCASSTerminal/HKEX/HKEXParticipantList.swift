import ArgumentParser
import AuthEngine
import SafeIO

/// `hkex participant list`
struct HKEXParticipantList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the participants with their user accounts in use.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let engine = try store.settings.engine(create: false)
        let accounts = try engine.accounts()
        var table = TextTable(header: ["PARTICIPANT", "CLEARING HOUSE", "NAME", "MAX", "USED", "DAS"])
        for p in try engine.participants() {
            let mine = accounts.filter { $0.participantKey == p.key }
            table.rows.append([p.key, p.clearingHouse.title, p.name, "\(p.maxUsers)", "\(mine.count)",
                               "\(mine.filter { $0.kind == .delegatedAdministrator }.count)"])
        }
        try StandardStream.output.line(table.render())
    }
}
