import ArgumentParser

/// Options `telex fetch` and `telex serve` share.
struct FetchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Requests in flight at once (overrides settings.jobs).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("per-host"), help: ArgumentHelp("Requests in flight to one host (overrides settings.per_host).", valueName: "n"))
    var perHost: Int?

    @Flag(name: .customLong("no-articles"), help: "Fetch feeds only, no article pages.")
    var noArticles = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let perHost, perHost < 1 { throw ValidationError("--per-host must be at least 1") }
    }
}
