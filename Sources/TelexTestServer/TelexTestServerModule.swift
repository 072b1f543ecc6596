/// The project's fixture HTTP server (loopback only): fixture sites with validators, gzip,
/// redirects, latency and hostile behaviours. Used by tests, benchmarks and `telex demo`.
public enum TelexTestServerModule {}
