import AuthEngine
import Foundation
import SafeIO

/// Where a class lives beside the store: `classes/NAME/class.json`, the roster, and one folder
/// per seat with that trainee's phone (`phone.json`), Maildirs (`mail/`) and SSH key.
public struct ClassFolder: Sendable {
    public static let directoryName = "classes"

    public let dataDirectory: URL
    public let name: String

    public init(dataDirectory: URL, name: String) {
        self.dataDirectory = dataDirectory
        self.name = name
    }

    public var root: URL { dataDirectory.appendingPathComponent(Self.directoryName).appendingPathComponent(name) }
    public var classFile: URL { root.appendingPathComponent("class.json") }
    public var rosterCSV: URL { root.appendingPathComponent("roster.csv") }
    public var rosterTable: URL { root.appendingPathComponent("roster.txt") }
    public var authorizedKeys: URL { root.appendingPathComponent("authorized_keys") }
    /// The seats' Unix logins and passwords (`class logins`), for the trainer.
    public var loginsCSV: URL { root.appendingPathComponent("logins.csv") }
    public func seatDirectory(_ seat: Int) -> URL { root.appendingPathComponent(String(format: "seat-%02d", seat)) }
    public func seatMail(_ seat: Int) -> URL { seatDirectory(seat).appendingPathComponent("mail") }
    public func seatKey(_ seat: Int) -> URL { seatDirectory(seat).appendingPathComponent("id_ed25519") }

    public var exists: Bool { FileManager.default.fileExists(atPath: classFile.path) }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public func load() throws -> TrainingClass {
        do {
            try TrainingClass.validate(name: name)
        } catch {
            throw Failure("\(error)")
        }
        let read: [UInt8]?
        do {
            read = try PrivateFiles.read(classFile)
        } catch {
            throw Failure("\(error)")
        }
        guard let data = read else {
            throw Failure("there is no class \"\(name)\" in \(dataDirectory.path) (class create \(name) --trainees N makes one)")
        }
        do {
            return try JSONDecoder.sideFile.decode(TrainingClass.self, from: Data(data))
        } catch {
            throw Failure("\(classFile.path) is not a class file (\(error)); it was left untouched")
        }
    }

    /// Written through the files door (0600, beside it and renamed); callers that read it first
    /// hold the class folder's lock.
    func save(_ training: TrainingClass) throws {
        try PrivateFiles.replace(classFile, with: Array(try JSONEncoder.sideFile.encode(training)))
    }

    /// The classes of a data directory, by name.
    public static func all(dataDirectory: URL) -> [TrainingClass] {
        let root = dataDirectory.appendingPathComponent(directoryName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { try? ClassFolder(dataDirectory: dataDirectory, name: $0).load() }
    }
}

/// Creating, resetting and deleting a class: the engine's accounts, and beside them each seat's
/// phone (its app users enrolled, as the demo's are) and empty Maildirs.
public enum ClassSetup {
    /// Makes a class of `trainees` seats. An existing name, a bad name or size, or no class
    /// number left changes nothing.
    public static func create(name: String, trainees: Int, engine: AuthEngine, dataDirectory: URL,
                              configure: (inout TrainingClass) -> Void = { _ in }) throws -> TrainingClass {
        try TrainingClass.validate(name: name)
        try TrainingClass.validate(trainees: trainees)
        let folder = ClassFolder(dataDirectory: dataDirectory, name: name)
        if FileManager.default.fileExists(atPath: folder.root.path) {
            throw ClassFolder.Failure("class \"\(name)\" already exists in \(dataDirectory.path) (class delete \(name) removes it)")
        }
        let taken = Set(ClassFolder.all(dataDirectory: dataDirectory).map(\.number))
        var training: TrainingClass?
        for number in 1...TrainingClass.maxClasses where !taken.contains(number) {
            let candidate = TrainingClass(name: name, number: number, trainees: trainees, createdAt: engine.clock.now())
            if try candidate.isFree(in: engine) { training = candidate; break }
        }
        guard var training else { throw ClassFolder.Failure("no class number is free: delete a class first") }
        configure(&training)
        try PrivateFiles.folder(folder.root.deletingLastPathComponent())
        // A new folder of its own: one made by someone else first is refused.
        if mkdir(folder.root.path, 0o700) != 0 { throw FileProblem.lastError(folder.root.path) }
        do {
            try folder.save(training)
            try setUp(seats: Array(training.seats), of: &training, engine: engine, folder: folder)
            try folder.save(training)
            try writeRoster(training, folder: folder)
        } catch {
            // Nothing half made is left behind.
            try? training.remove(from: engine)
            try? PrivateFiles.remove(folder.root)
            throw error
        }
        return training
    }

    /// Puts seats back to their starting state: the accounts as created, the phone as given,
    /// the Maildirs empty; their progress counts from now.
    public static func reset(_ training: TrainingClass, seats: [Int], engine: AuthEngine, folder: ClassFolder) throws -> TrainingClass {
        for seat in seats { try training.validate(seat: seat) }
        // Read again under the folder's lock: two resets at once both keep their seats' changes.
        return try PrivateFiles.withLock(on: folder.root) {
            var training = try folder.load()
            try setUp(seats: seats, of: &training, engine: engine, folder: folder)
            try folder.save(training)
            return training
        }
    }

    /// Changes a class's settings, read again under the folder's lock.
    public static func update(_ folder: ClassFolder, _ change: (inout TrainingClass) throws -> Void) throws -> TrainingClass {
        try PrivateFiles.withLock(on: folder.root) {
            var training = try folder.load()
            try change(&training)
            try folder.save(training)
            return training
        }
    }

    public static func delete(_ training: TrainingClass, engine: AuthEngine, folder: ClassFolder) throws {
        try training.remove(from: engine)
        try PrivateFiles.remove(folder.root)
    }

    private static func setUp(seats: [Int], of training: inout TrainingClass, engine: AuthEngine, folder: ClassFolder) throws {
        let enrolments = try training.install(seats: seats, into: engine)
        for seat in seats {
            let directory = folder.seatDirectory(seat)
            try PrivateFiles.folder(directory)
            try PrivateFiles.remove(folder.seatMail(seat))
            try PrivateFiles.folder(folder.seatMail(seat))
            try Phone.update(directory: directory) { phone in
                phone.removeAll()
                for enrolment in enrolments[seat] ?? [] { try phone.add(enrolment.uri.string, at: engine.clock.now()) }
            }
        }
    }

    /// The roster: one row per seat with its participant, user IDs, SSH key and the training
    /// password, as CSV for a spreadsheet and as a table to print.
    static func writeRoster(_ training: TrainingClass, folder: ClassFolder) throws {
        // The roster names the training password: for the trainer only.
        for (url, text) in [(folder.rosterCSV, rosterCSV(training, folder: folder)), (folder.rosterTable, rosterTable(training, folder: folder))] {
            try PrivateFiles.replace(url, with: text)
        }
    }

    public static func rosterCSV(_ training: TrainingClass, folder: ClassFolder) -> String {
        let exercises = TrainingClass.Exercise.allCases
        var lines = [(["seat", "participant"] + exercises.map(\.rawValue) + ["password", "ssh key"]).joined(separator: ",")]
        let password = (try? DemoData.shipped().password) ?? ""
        for seat in training.seats {
            let accounts = training.accounts(seat: seat)
            lines.append(([String(seat), training.participant(seat: seat).participantID] + accounts.map(\.userID)
                          + [password, folder.seatKey(seat).path]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func rosterTable(_ training: TrainingClass, folder: ClassFolder) -> String {
        let password = (try? DemoData.shipped().password) ?? ""
        var text = "Class \(training.name): \(TrainingClass.seatCount(training.trainees)). Training password: \(password) for every account but the\n"
        text += "first-logon user (01), who sets one through Forgot/Reset your Password with an email OTP.\n"
        text += "Settings: \(training.settingsSummary) (class set changes them).\n"
        text += "Over SSH, seat K connects with its key \(folder.root.path)/seat-KK/id_ed25519\n\n"
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        text += "Seat  Participant  First logon  App user  Email user  Locked    DA maker  DA checkers\n"
        for seat in training.seats {
            let ids = training.accounts(seat: seat).map(\.userID)
            text += pad(String(repeating: " ", count: max(0, 4 - String(seat).count)) + String(seat), 6)
                + pad(training.participant(seat: seat).participantID, 13) + pad(ids[0], 13) + pad(ids[1], 10) + pad(ids[2], 12)
                + pad(ids[3], 10) + pad(ids[4], 10) + ids[5] + " " + ids[6] + "\n"
        }
        let first = training.accounts(seat: 1)
        text += "\nWhat each account is for:\n" + first.map { "  \($0.userID.suffix(2))  \($0.role.description): \($0.purpose)" }.joined(separator: "\n") + "\n"
        return text
    }
}
