/// The version of bond: the one place it is written. `bond --version`, help, man pages and
/// completion headers take it from here (a test checks the man pages).
public enum BondVersion {
    public static let current = "0.1.0"
}
