import AuthEngine
import Foundation
import SafeIO
#if canImport(Glibc)
import Glibc
#endif

/// The trainer's virtual authenticator app: accounts learnt only from otpauth URIs (as a
/// phone learns them from a QR code), kept in a file of its own, apart from the engine's store.
public struct Phone: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public var uri: String
        /// HOTP: the next counter to use (it moves on each time a code is shown).
        public var counter: UInt64
        public var added: Date

        public var parsed: OTPAuthURI { get throws { try OTPAuthURI(parsing: uri) } }
    }

    public static let fileName = "phone.json"

    public let url: URL
    public private(set) var entries: [Entry]
    /// Whether something changed since it was loaded (a counter moved, an account added).
    public private(set) var hasChanges = false

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The phone in `directory` (empty if it has no file yet), as it is now: for showing. A
    /// change goes through `update`.
    public static func load(directory: URL) throws -> Phone {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try PrivateFiles.read(url) else { return Phone(url: url, entries: []) }
        do {
            return Phone(url: url, entries: try JSONDecoder.sideFile.decode([Entry].self, from: Data(data)))
        } catch {
            throw Failure(description: "\(url.path) is not a phone file (\(error)); it was left untouched")
        }
    }

    /// Enrols a URI; an account with the same label is replaced, as apps do on a re-scan.
    /// Returns the parsed URI.
    @discardableResult
    public mutating func add(_ text: String, at date: Date) throws -> OTPAuthURI {
        let uri = try OTPAuthURI(parsing: text)
        let entry = Entry(uri: uri.string, counter: uri.counter, added: date)
        if let index = entries.firstIndex(where: { (try? $0.parsed.label) == uri.label }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
        hasChanges = true
        return uri
    }

    /// Forgets every account (a seat's phone given back as new).
    public mutating func removeAll() {
        entries = []
        hasChanges = true
    }

    /// The entry whose label ("HKEX:B0123401") or account ("B0123401") is `name`, ignoring case.
    public func index(of name: String) throws -> Int {
        let wanted = name.lowercased()
        let matches = entries.indices.filter { index in
            guard let uri = try? entries[index].parsed else { return false }
            return uri.label.lowercased() == wanted || uri.account.lowercased() == wanted
        }
        guard let first = matches.first else {
            throw Failure(description: "no account \"\(name)\" on the phone; `ccass-terminal authenticator` lists them")
        }
        guard matches.count == 1 else {
            throw Failure(description: "\"\(name)\" names \(matches.count) accounts; use the full label, e.g. ISSUER:ACCOUNT")
        }
        return first
    }

    /// What the app shows for an entry now: the code and, for TOTP, the seconds it has left.
    /// Showing an HOTP code uses up its counter, as pressing the button in an app does.
    public mutating func show(_ index: Int, at date: Date) throws -> (code: String, secondsLeft: Int?) {
        let uri = try entries[index].parsed
        switch uri.kind {
        case .totp:
            return (try uri.generator.totp(secret: uri.secret, at: date), uri.generator.secondsRemaining(at: date))
        case .hotp:
            let code = try uri.generator.hotp(secret: uri.secret, counter: entries[index].counter)
            entries[index].counter += 1
            hasChanges = true
            return (code, nil)
        }
    }

    /// Reads the phone in `directory`, lets `change` work on it and writes it back if anything
    /// changed, all under the folder's lock: two processes adding accounts or pressing an HOTP
    /// button at once both keep their change. The one way the phone's file is changed.
    @discardableResult
    public static func update<T>(directory: URL, _ change: (inout Phone) throws -> T) throws -> T {
        try PrivateFiles.withLock(on: directory) {
            var phone = try load(directory: directory)
            let result = try change(&phone)
            if phone.hasChanges { try phone.save() }
            return result
        }
    }

    /// Enrols `uri` on the phone in `directory` (see `add`).
    @discardableResult
    public static func add(_ uri: String, directory: URL, at date: Date) throws -> OTPAuthURI {
        try update(directory: directory) { try $0.add(uri, at: date) }
    }

    /// The code the phone in `directory` shows for `account` now (an HOTP button press moves
    /// its counter, kept).
    public static func code(for account: String, directory: URL, at date: Date) throws -> (code: String, secondsLeft: Int?) {
        var phone = try load(directory: directory)
        let index = try phone.index(of: account)
        // A TOTP code is read, nothing written; an HOTP press is a change, made under the lock.
        guard try phone.entries[index].parsed.kind == .hotp else { return try phone.show(index, at: date) }
        return try update(directory: directory) { try $0.show(try $0.index(of: account), at: date) }
    }

    /// Writes the file through the files door (0600, written beside it and renamed): it holds
    /// the secrets, as a phone does. Callers hold the folder's lock (`update`).
    func save() throws {
        try PrivateFiles.replace(url, with: Array(try JSONEncoder.sideFile.encode(entries)))
    }
}

/// The files kept beside the store (the phone, a class): readable JSON with ISO 8601 dates.
extension JSONEncoder {
    static var sideFile: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var sideFile: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
