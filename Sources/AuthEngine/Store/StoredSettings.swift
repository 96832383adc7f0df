import AuthDomain
import Foundation

/// Settings a store carries for training: a reduced KDF cost and a policy profile, only when
/// asked for explicitly (`demo --training-kdf-iterations`, `--policy`). A value that is not one
/// the program wrote is a damaged store, named, never a crash or a silent default.
public enum StoredSettings {
    public static let trainingKDF = "training.kdf-iterations"
    public static let policy = "policy"

    /// The engine configuration a store's settings ask for.
    public static func configuration(for store: AccountStore) throws -> EngineConfiguration {
        var configuration = EngineConfiguration()
        let (iterations, policy) = try store.read { tx in (try tx.setting(trainingKDF), try tx.setting(Self.policy)) }
        if let iterations {
            guard let count = Int(iterations), let hasher = try? PasswordHasher(iterations: count, allowReducedCost: true) else {
                throw StoreError.damagedSetting(path: store.location.databaseURL.path, name: trainingKDF, value: iterations)
            }
            configuration.hasher = hasher
        }
        if let policy {
            guard let named = PasswordPolicy.named(policy) else {
                throw StoreError.damagedSetting(path: store.location.databaseURL.path, name: Self.policy, value: policy)
            }
            configuration.policy = named
        }
        return configuration
    }
}
