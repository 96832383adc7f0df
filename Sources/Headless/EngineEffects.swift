import AuthEngine
import Foundation
import TerminalCore

/// Performs the engine calls the screens ask for. Shared by the interactive runtime (on a
/// worker thread) and the headless drivers (inline).
public enum EngineEffects {
    public static func perform(_ request: EngineRequest, on engine: AuthEngine) -> EngineResult {
        do {
            switch request {
            case .logon(let userID, let password):
                return .logon(try engine.logon(userID: userID, password: password))
            case .submitOTP(let session, let code):
                return .otp(try engine.submitOTP(session, code: code))
            case .requestEmailOTP(let session):
                return .emailOTP(try engine.requestEmailOTP(session))
            case .beginDeviceRegistration(let session):
                return .registration(try engine.beginDeviceRegistration(session))
            case .abandonDeviceRegistration(let session):
                try engine.abandonDeviceRegistration(session)
                return .done
            case .skipDeviceRegistration(let session):
                return .skipped(try engine.skipDeviceRegistration(session, riskAccepted: true))
            case .startPasswordReset(let userID):
                return .resetStart(try engine.startPasswordReset(userID: userID))
            case .completePasswordReset(let session, let new, let confirmation):
                return .passwordChange(try engine.completePasswordReset(session, newPassword: new, confirmation: confirmation))
            case .changeExpiredPassword(let session, let new, let confirmation):
                return .expiredChange(try engine.changeExpiredPassword(session, newPassword: new, confirmation: confirmation))
            case .changePassword(let userID, let current, let new, let confirmation):
                return .passwordChange(try engine.changePassword(userID: userID, currentPassword: current, newPassword: new, confirmation: confirmation))
            case .startAuthenticationSettings(let userID, let password):
                return .settingsStart(try engine.startAuthenticationSettings(userID: userID, password: password))
            case .deleteRegisteredDevice(let session):
                try engine.deleteRegisteredDevice(session)
                return .settingsSaved(deviceDeleted: true)
            case .disableOATH(let session):
                try engine.disableOATH(session)
                return .settingsSaved(deviceDeleted: false)
            case .smartcardLogon(let userID, let password):
                return .smartcard(try engine.smartcardLogon(userID: userID, smartcardPassword: password))
            case .cancel(let session):
                engine.cancel(session)
                return .done
            case .profile(let userID, let actor):
                let fields = try engine.profileFields(userID: userID)
                try engine.recordDMSRead(.profileViewed, userID: userID, by: actor)
                return .profile(fields)
            case .submitChange(let change, let maker):
                return .changeSubmitted(try engine.submit(change, by: maker))
            case .authorise(let pending, let checkerID, let code):
                return .authorisation(try engine.authorise(pending, checkerID: checkerID, authorizationCode: code))
            case .listing(let house, let id, let actor):
                let text = try engine.userProfileListing(clearingHouse: house, participantID: id)
                try engine.recordDMSRead(.listingViewed, userID: nil, by: actor, "\(house.rawValue):\(id)")
                return .listing(text)
            case .exportListing(let house, let id, let actor):
                let text = try engine.userProfileListing(clearingHouse: house, participantID: id)
                let folder = engine.store.location.directory.appendingPathComponent("exports")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let day = HongKongTime.formatDay(engine.clock.now())
                let file = folder.appendingPathComponent("user-profile-listing-\(house.rawValue)-\(id)-\(day).txt")
                try Data(text.utf8).write(to: file)
                try engine.recordDMSRead(.listingExported, userID: nil, by: actor, file.path)
                return .exported(path: file.path)
            }
        } catch {
            return .failure("\(error)")
        }
    }
}
