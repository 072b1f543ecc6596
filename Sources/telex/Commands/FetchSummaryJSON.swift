import TelexFetch
import TelexModel

/// The JSON shape of `telex fetch --json` (docs/cli.md).
enum FetchSummaryJSON {
    static func object(_ p: FetchProgress, reports: [FeedReport], ranBy: FetchLock.Holder?) -> JSONValue {
        [
            "status": "finished",
            "ran_by": ranBy.map { holder -> JSONValue in
                ["pid": holder.pid.map { .int(Int64($0)) } ?? .null, "role": JSONValue(holder.role?.rawValue)]
            } ?? .null,
            "feeds_total": JSONValue(p.feedsTotal),
            "ok": JSONValue(p.ok),
            "unchanged": JSONValue(p.unchanged),
            "failed": JSONValue(p.failed),
            "skipped": JSONValue(p.skipped),
            "new_items": JSONValue(p.newItems),
            "articles": JSONValue(p.articles),
            "article_failures": JSONValue(p.articleFailures),
            "bytes": JSONValue(p.bytes),
            "seconds": .double((p.seconds * 1000).rounded() / 1000),
            "last_error": JSONValue(p.lastError),
            "feeds": .array(reports.map(report)),
        ]
    }

    static func report(_ r: FeedReport) -> JSONValue {
        var object: [String: JSONValue] = ["url": .string(r.url), "warning": JSONValue(r.warning), "items": .null, "error": .null]
        switch r.outcome {
        case .updated(let items): object["outcome"] = "ok"; object["items"] = JSONValue(items)
        case .unchanged: object["outcome"] = "unchanged"
        case .failed(let message): object["outcome"] = "failed"; object["error"] = .string(message)
        case .skipped(let message): object["outcome"] = "skipped"; object["error"] = .string(message)
        }
        return .object(object)
    }
}
