import ArgumentParser
import Foundation
import TelexModel
import TelexStore

/// Prints headlines from the cache for `telex list` and `telex search`, as lines or as JSON.
enum HeadlineOutput {
    /// Opens the cache read-only or exits 1 with the store's message.
    static func openCache(_ global: GlobalOptions) throws -> Store {
        do { return try Store.open(directory: global.cacheDirectory, readOnly: true) } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.runtime)
        }
    }

    /// Runs a cache read, turning a store failure into its message and exit status 1.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError {
            Output.error(error.description)
            throw ExitCode(ExitStatus.runtime)
        }
    }

    static func print(_ headlines: [Headline], store: Store, json: Bool) throws {
        let labels = try store.feedLabels(Set(headlines.map(\.feedID)))
        if json {
            let iso = ISO8601DateFormatter()
            Output.json(try headlines.map { h -> [String: Any] in
                let label = labels[h.feedID]
                let published = try store.item(h.id)?.published
                return [
                    "id": h.id.rawValue,
                    "title": h.title,
                    "link": h.link ?? NSNull(),
                    "feed": label?.title ?? NSNull(),
                    "feed_url": label?.url ?? NSNull(),
                    "section": label?.section ?? NSNull(),
                    "published": published.map { iso.string(from: $0) } ?? NSNull(),
                    "sort_time": iso.string(from: h.sortTime),
                    "read": h.isRead,
                    "saved": h.isSaved,
                ]
            })
            return
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let width = headlines.map { String($0.id.rawValue).count }.max() ?? 1
        for h in headlines {
            let id = String(h.id.rawValue)
            let mark = h.isSaved ? "s" : (h.isRead ? " " : "*")
            Output.line(String(repeating: " ", count: width - id.count) + id + "  " + formatter.string(from: h.sortTime)
                        + " " + mark + " " + h.source + ": " + h.title)
        }
    }
}
