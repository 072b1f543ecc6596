/// TelexFetch is the fetch service: HTTP, scheduling, politeness, applying results to the store.
public enum TelexFetchModule {
    public static let userAgent = "telex/\(TelexVersion.string) (+https://github.com/telex-reader/telex; terminal news reader)"
}

/// The one place the version is written.
public enum TelexVersion {
    public static let string = "0.1.0"
}
