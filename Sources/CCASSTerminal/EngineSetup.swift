import AuthEngine
import Foundation

/// Settings a store carries for training: a reduced KDF cost only when asked for explicitly.
enum EngineSetup {
    static let trainingKDFSetting = "training.kdf-iterations"
    static let policySetting = "policy"

    static func configuration(for store: AccountStore) throws -> EngineConfiguration {
        var configuration = EngineConfiguration()
        let (iterations, policy) = try store.read { tx in
            (try tx.setting(trainingKDFSetting).flatMap(Int.init), try tx.setting(policySetting))
        }
        if let iterations {
            configuration.hasher = try PasswordHasher(iterations: iterations, allowReducedCost: true)
        }
        if let policy, let named = PasswordPolicy.named(policy) { configuration.policy = named }
        return configuration
    }
}
