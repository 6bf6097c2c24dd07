/// Assay's version, as `assay --version` prints it: the one place it is written. Raised with
/// each release; the minor number follows the issues delivered (0.18: issue 18).
public enum AssayVersion {
    public static let current = "0.18.0"
}
