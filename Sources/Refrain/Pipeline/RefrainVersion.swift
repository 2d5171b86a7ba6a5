/// Refrain's version, printed by `refrain --version`: the one place it is written.
public enum RefrainVersion {
    /// The version, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
