import CCASSResources

/// The shipped files the rules depend on. Missing or damaged, the program refuses to start and
/// names the file, rather than run open (no holidays, no blocklist).
public enum SecurityResources {
    public static func check() throws {
        _ = try ServiceHours.load(ResourceFiles.text(ServiceHours.resourcePath))
        _ = try CommonPasswords.load(ResourceFiles.text(CommonPasswords.resourcePath))
    }
}
