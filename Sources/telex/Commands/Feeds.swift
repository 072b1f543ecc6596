import ArgumentParser
import Foundation
import TelexConfig
import TelexModel
import TelexStore

struct Feeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "List the sections and feeds with their status, or check feeds.json.",
        discussion: """
        Each feed with its section, title, options, items and unread items in the cache, its last \
        successful fetch, and while it fails, since when and why (the cache is only read; a feed it does \
        not have yet is "never fetched"). \
        Exit status: 0 when feeds.json is valid, 2 when it is not (each problem is printed with its line and JSON path).
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only validate feeds.json; print nothing but problems.")
    var check = false

    @Flag(help: "Print as JSON.")
    var json = false

    @Flag(help: "Only the feeds whose last fetch failed.")
    var failing = false

    @Flag(name: .customLong("default"), help: "Print the built-in feeds.json (a starting point for your own).")
    var printDefault = false

    func run() throws {
        if printDefault { print(ConfigurationLoader.builtInText, terminator: ""); return }
        let config = try global.loadConfiguration()
        if check {
            _ = try global.readerLook(config)
            let feeds = config.sections.reduce(0) { $0 + $1.feeds.count }
            Output.line("\(config.source): ok (\(config.sections.count) sections, \(feeds) feeds)")
            return
        }
        let statuses = FeedStatus.read(cacheDirectory: global.cacheDirectory)
        let sections = config.sections.compactMap { section -> (SectionConfig, [(FeedConfig, FeedStatus?)])? in
            let feeds = section.feeds.map { ($0, statuses[$0.url]) }.filter { !failing || $0.1?.isFailing == true }
            return feeds.isEmpty && failing ? nil : (section, feeds)
        }
        if json {
            Output.json([
                "source": .string(config.source),
                // Where an account's password comes from is not printed either: only what identifies it.
                "accounts": .array(config.accounts.map {
                    ["name": .string($0.name), "type": .string($0.type.rawValue), "url": .string($0.url), "user": .string($0.user)]
                }),
                "sections": .array(sections.map { section, feeds in
                    ["name": .string(section.name), "feeds": .array(feeds.map { f, status -> JSONValue in
                        [
                            "url": .string(f.url), "article": .string(f.article.rawValue), "enabled": .bool(f.enabled),
                            "interval": JSONValue(f.interval ?? config.settings.defaultInterval),
                            "title": JSONValue(f.title),
                            "name": .string(status?.name ?? f.title ?? f.url),
                            "items": JSONValue(status?.items ?? 0),
                            "unread": JSONValue(status?.unread ?? 0),
                            "status": .string((status?.state ?? (f.enabled ? .new : .disabled)).rawValue),
                            "last_success": .time(status?.lastSuccess),
                            "last_failure": .time(status?.lastFailure),
                            "failing_since": .time(status?.failingSince),
                            "error": JSONValue(status?.error),
                        ]
                    })]
                }),
            ])
            return
        }
        Output.line("# \(config.source)" + (statuses.isEmpty ? " (no cache yet at \(global.cacheDirectory))" : ""))
        if failing && sections.isEmpty { Output.line("no feed is failing") }
        let now = Date()
        for (section, feeds) in sections {
            Output.line(section.name)
            for (f, status) in feeds {
                var extras: [String] = []
                if !f.enabled { extras.append("disabled") }
                if f.article != .auto { extras.append("article: \(f.article.rawValue)") }
                if let i = f.interval { extras.append("every \(DurationText.text(i))") }
                let name = status?.name ?? f.title ?? f.url
                Output.line("  \(name) <\(f.url)>" + (extras.isEmpty ? "" : "  (\(extras.joined(separator: ", ")))"))
                Output.line("      " + Self.statusLine(status, enabled: f.enabled, now: now))
            }
        }
    }

    /// "12 items, 3 unread; ok 2026-12-03 10:00 (5 min ago)", or the failure and its reason.
    static func statusLine(_ status: FeedStatus?, enabled: Bool, now: Date) -> String {
        guard let status, status.state != .new else { return enabled ? "never fetched" : "disabled, never fetched" }
        var parts = ["\(status.items) item\(status.items == 1 ? "" : "s"), \(status.unread) unread"]
        switch status.state {
        case .failing, .gone:
            parts.append("failing" + (status.failingSince.map { " since \(when($0, now: now))" } ?? "")
                         + ": " + (status.error ?? "unknown error")
                         + (status.lastFailure.map { " (last tried \(when($0, now: now)))" } ?? ""))
            parts.append(status.lastSuccess.map { "last ok \(when($0, now: now))" } ?? "never fetched successfully")
        default:
            parts.append(status.lastSuccess.map { "ok \(when($0, now: now))" } ?? "ok")
        }
        return parts.joined(separator: "; ")
    }

    /// "2026-12-03 10:00 (5 min ago)" in the local time zone.
    static func when(_ date: Date, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let ago: String
        switch seconds {
        case ..<60: ago = "just now"
        case ..<3600: ago = "\(seconds / 60) min ago"
        case ..<86_400: ago = "\(seconds / 3600) h ago"
        default: ago = "\(seconds / 86_400) d ago"
        }
        return "\(formatter.string(from: date)) (\(ago))"
    }

}

/// One configured feed's state as the cache knows it.
struct FeedStatus {
    enum State: String { case new, ok, failing, gone, disabled }
    var name: String
    var items: Int
    var unread: Int
    var state: State
    var lastSuccess: Date?
    /// The last attempt, when it failed.
    var lastFailure: Date?
    var failingSince: Date?
    var error: String?
    var isFailing: Bool { state == .failing || state == .gone }

    /// By configured URL, from the cache in `directory` (read-only; empty when there is none).
    static func read(cacheDirectory directory: String) -> [String: FeedStatus] {
        guard let store = try? Store.open(directory: directory, readOnly: true),
              let sections = try? store.sections() else { return [:] }
        let fetch = Dictionary(((try? store.feedsForFetching()) ?? []).map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: FeedStatus] = [:]
        for feed in sections.flatMap(\.feeds) {
            let health = feed.health
            let state: State = health.gone ? .gone : health.status == .failing ? .failing : health.status == .ok ? .ok : .new
            out[feed.url] = FeedStatus(name: feed.title, items: feed.total, unread: feed.unread, state: state,
                                       lastSuccess: health.lastSuccess,
                                       lastFailure: feed.isFailing ? fetch[feed.url]?.lastAttempt : nil,
                                       failingSince: health.failingSince,
                                       error: health.gone ? "gone (HTTP 410): no longer fetched" : health.message)
        }
        return out
    }
}
