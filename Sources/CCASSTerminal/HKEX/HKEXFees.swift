import ArgumentParser
import AuthEngine
import SafeIO

/// `hkex fees`
struct HKEXFees: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fees", abstract: "Print the fee ledger of eService DA4.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let ledger = try store.settings.engine(create: false).feeLedger()
        var table = TextTable(header: ["DATE", "PARTICIPANT", "ACCOUNTS", "FEE (HKD)"])
        for fee in ledger { table.rows.append([HongKongTime.format(fee.at), fee.participant, "\(fee.accounts)", "\(fee.amountHKD)"]) }
        table.rows.append(["TOTAL", "", "\(ledger.reduce(0) { $0 + $1.accounts })", "\(ledger.reduce(0) { $0 + $1.amountHKD })"])
        try StandardStream.output.line(table.render())
    }
}
