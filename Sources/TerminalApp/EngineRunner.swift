import AuthEngine
import Foundation
import TerminalCore

/// Performs the engine calls the screens ask for, as the typed answer the screen expects.
/// Shared by the interactive runtime (on a worker thread) and the headless drivers (inline).
public enum EngineRunner {
    public static func perform(_ request: EngineRequest, on engine: AuthEngine) -> EngineAnswer {
        do {
            switch request {
            case .logon(let userID, let password, let service):
                return .logon(try engine.logon(userID: userID, password: password, service: service))
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
                return .skipped(try engine.skipDeviceRegistration(session))
            case .startPasswordReset(let userID, let service):
                return .resetStart(try engine.startPasswordReset(userID: userID, service: service))
            case .completePasswordReset(let session, let new, let confirmation):
                return .passwordChange(try engine.completePasswordReset(session, newPassword: new, confirmation: confirmation))
            case .changeExpiredPassword(let session, let new, let confirmation):
                return .expiredChange(try engine.changeExpiredPassword(session, newPassword: new, confirmation: confirmation))
            case .changePassword(let userID, let current, let new, let confirmation, let service):
                return .passwordChange(try engine.changePassword(userID: userID, currentPassword: current, newPassword: new,
                                                                 confirmation: confirmation, service: service))
            case .startAuthenticationSettings(let userID, let password, let service):
                return .settingsStart(try engine.startAuthenticationSettings(userID: userID, password: password, service: service))
            case .changeSettings(let session, let change):
                try engine.changeAuthenticationSettings(session, change)
                return .settingsSaved(change)
            case .smartcardLogon(let userID, let password, let service):
                return .smartcard(try engine.smartcardLogon(userID: userID, smartcardPassword: password, service: service))
            case .cancel(let session):
                engine.cancel(session)
                return .done
            case .logout(let session):
                engine.logout(session)
                return .done
            case .dmsAvailability(let function):
                return .availability(function, engine.dmsAvailability(function))
            case .profile(let userID, let function, let actor):
                return .profile(try engine.userProfile(userID, for: function, by: actor))
            case .submitChange(let change, let actor):
                return .changeSubmitted(try engine.submit(change, by: actor))
            case .authorise(let pending, let checkerID, let code):
                return .authorisation(try engine.authorise(pending, checkerID: checkerID, authorizationCode: code))
            case .withdraw(let pending):
                engine.withdraw(pending)
                return .done
            case .listing(let actor):
                return .listing(try engine.userProfileListing(by: actor))
            case .exportListing(let actor):
                return .exported(path: try engine.exportUserProfileListing(by: actor).path)
            }
        } catch let error as EngineError {
            return .failure(error)
        } catch {
            // A store or file failure: one line, nothing half-done (the write rolled back).
            return .failure(.storeFailure(StoreFault(error)))
        }
    }
}
