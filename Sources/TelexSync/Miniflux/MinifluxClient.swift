import Foundation
import TelexFeeds
import TelexFetch
import TelexStore

/// Miniflux's REST API (`/v1/`, as miniflux.app/docs/api.html describes it). `url` is the server's root.
/// Authentication: an API key (`X-Auth-Token`, feeds.json `"auth": "api_key"`) or HTTP basic with the
/// user's password; there is no session, so nothing goes in the token file.
///
/// Pull: new entries by id (`after_entry_id`, ascending, 100 a page), then the entries changed elsewhere
/// since the last sync (`changed_after`, the newest `changed_at` seen, on the server's clock), both
/// stored as pages whose state applies (unless a local change waits): the read state needs no
/// set comparison. Starred has no change query (toggling a bookmark need not move `changed_at`), so the
/// starred set is compared (`starred=true`). Pushing read state is `PUT /v1/entries` with a status (it
/// sets); starring is a toggle (`PUT /v1/entries/ID/bookmark`), so the entry is read first and toggled
/// only when it differs: pushing twice stays harmless.
public final class MinifluxClient: AggregatorClient {
    public let baseURL: URL
    let user: String
    let apiKey: Bool
    let http: any HTTPFetching
    let secret: () throws(SyncError) -> String
    private var credential: HTTPHeader?
    let tooManyRequests: TooManyRequests
    /// A pass that lists more entries than this is a server whose list never ends.
    let maxListed: Int

    static let pageSize = 100
    /// Entry ids per `PUT /v1/entries`.
    static let statusBatch = 250

    public init(url: String, user: String, apiKey: Bool, http: any HTTPFetching, secret: @escaping () throws(SyncError) -> String,
                longestWait: Double = 30, maxListed: Int = 2_000_000,
                sleep: @escaping (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) throws(SyncError) {
        guard let base = URL(string: url.hasSuffix("/") ? url : url + "/"), base.scheme != nil else {
            throw .badAnswer("not a usable server URL: \(url)")
        }
        baseURL = base
        self.user = user; self.apiKey = apiKey; self.http = http; self.secret = secret
        tooManyRequests = TooManyRequests(longest: longestWait, sleep: sleep); self.maxListed = maxListed
    }

    // MARK: Transport

    /// One call answered 2xx; a 429 waits once as `Retry-After` asks when that is short.
    func call(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Any? = nil) async throws(SyncError) -> HTTPFetchResponse {
        if credential == nil {
            let secret = try secret()
            credential = apiKey ? HTTPHeader("X-Auth-Token", secret)
                                : HTTPHeader("Authorization", "Basic " + Data("\(user):\(secret)".utf8).base64EncodedString())
        }
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.percentEncodedQuery = APIText.formEncoded(query) }
        guard let url = components?.url else { throw .badAnswer("not a usable server URL: \(baseURL.absoluteString)") }
        var request = HTTPFetchRequest(url: url, kind: .api, method: method, headers: [credential].compactMap { $0 })
        if let json {
            guard let body = try? JSONSerialization.data(withJSONObject: json) else { throw .badAnswer("cannot encode the request") }
            request.body = [UInt8](body)
            request.headers.append(HTTPHeader("Content-Type", "application/json"))
        }
        var waited = false
        while true {
            let response: HTTPFetchResponse
            do throws(HTTPFetchError) { response = try await http.fetch(request) } catch { throw SyncError.from(error) }
            switch response.status {
            case 200...299:
                return response
            case 429 where !waited:
                waited = true
                try await tooManyRequests.wait(response)
            case 401:
                throw .loginRefused(apiKey ? "the API key was refused" : "wrong user name or password")
            case 404 where path.hasPrefix("v1/entries/") || path.hasPrefix("v1/feeds/"):
                throw .server("not found: \(path)")
            case 404:
                throw .httpStatus(404, "no Miniflux API at \(baseURL.absoluteString)")
            default:
                throw .httpStatus(response.status, Self.errorMessage(response) ?? SyncError.hint(status: response.status))
            }
        }
    }

    /// Miniflux's `{"error_message": …}`, bounded.
    static func errorMessage(_ response: HTTPFetchResponse) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let message = JSONValue.string(object["error_message"]), !message.isEmpty else { return nil }
        return String(message.prefix(200))
    }

    private func value(_ path: String, query: [(String, String)] = []) async throws(SyncError) -> Any {
        let response = try await call(.get, path, query: query)
        guard let value = try? JSONSerialization.jsonObject(with: Data(response.body)) else {
            throw .badAnswer("not a Miniflux API answer (\(APIText.describe(response)))")
        }
        return value
    }

    // MARK: AggregatorClient

    public func push(_ changes: [OutboxEntry]) async throws(SyncError) {
        for group in OutboxEntry.settled(changes) {
            let ids = group.ids.compactMap { Int($0) }
            switch group.field {
            case .read:
                for start in stride(from: 0, to: ids.count, by: Self.statusBatch) {
                    _ = try await call(.put, "v1/entries", json: ["entry_ids": Array(ids[start..<min(start + Self.statusBatch, ids.count)]),
                                                                   "status": group.value ? "read" : "unread"])
                }
            case .starred:
                for id in ids {
                    let entry: Any
                    do throws(SyncError) { entry = try await value("v1/entries/\(id)") } catch {
                        // An entry the server no longer has cannot be starred: nothing to push.
                        if case .server = error { continue }
                        throw error
                    }
                    guard let starred = JSONValue.bool((entry as? [String: Any])?["starred"]) else {
                        throw .badAnswer("entry \(id) has no starred state")
                    }
                    if starred != group.value { _ = try await call(.put, "v1/entries/\(id)/bookmark") }
                }
            }
        }
    }

    public func tree() async throws(SyncError) -> (folders: [RemoteFolder], feeds: [RemoteFeed]) {
        guard let categories = try await value("v1/categories") as? [[String: Any]] else { throw .badAnswer("categories did not give a list") }
        guard let list = try await value("v1/feeds") as? [[String: Any]] else { throw .badAnswer("feeds did not give a list") }
        let folders = categories.compactMap { c -> RemoteFolder? in
            guard let id = JSONValue.int(c["id"]) else { return nil }
            return RemoteFolder(remoteID: String(id), title: JSONValue.string(c["title"]) ?? "Category \(id)")
        }
        let feeds = list.compactMap { f -> RemoteFeed? in
            guard let id = JSONValue.int(f["id"]) else { return nil }
            let category = (f["category"] as? [String: Any]).flatMap { JSONValue.int($0["id"]) }
            return RemoteFeed(remoteID: String(id), title: JSONValue.string(f["title"]) ?? "", url: JSONValue.string(f["feed_url"]) ?? "",
                              folderID: category.map(String.init))
        }
        return (folders, feeds)
    }

    /// `"AFTER_ID:CHANGED_AFTER"`: the largest entry id stored, and the newest `changed_at` seen (unix
    /// seconds, the server's clock).
    struct Cursor: Equatable {
        var afterID: Int
        var changedAfter: Int64

        init(afterID: Int, changedAfter: Int64) { self.afterID = afterID; self.changedAfter = changedAfter }

        init?(_ text: String) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let id = Int(parts[0]), let changed = Int64(parts[1]) else { return nil }
            afterID = id; changedAfter = changed
        }

        var text: String { "\(afterID):\(changedAfter)" }
    }

    private struct Pull {
        var since: Cursor?
        /// The phase: new entries, then (after a first sync) those changed elsewhere.
        var changedPhase = false
        var after = 0
        var listed = 0
        var done = false
        var highest: Int
        var newestChange: Int64
    }
    private var pull: Pull?

    public func beginPull(after cursor: String?) {
        let since = cursor.flatMap(Cursor.init)
        pull = Pull(since: since, after: since?.afterID ?? 0, highest: since?.afterID ?? 0, newestChange: since?.changedAfter ?? 0)
    }

    public var pulledCursor: String? {
        guard let pull else { return nil }
        return Cursor(afterID: pull.highest, changedAfter: pull.newestChange).text
    }

    public func nextPage() async throws(SyncError) -> [RemoteItem]? {
        guard var state = pull, !state.done else { return nil }
        var query = [("status", "unread"), ("status", "read"), ("order", "id"), ("direction", "asc"),
                     ("limit", String(Self.pageSize)), ("after_entry_id", String(state.after))]
        if state.changedPhase, let since = state.since {
            // Changed since the last sync, among the entries that sync already had. `changed_after` is
            // strict and takes whole seconds while `changed_at` has microseconds: the entries changed
            // in the second of the newest change seen come again (harmless: the same state).
            query += [("changed_after", String(since.changedAfter)), ("before_entry_id", String(since.afterID + 1))]
        }
        let page = try await entries(query)
        var items: [RemoteItem] = []
        var last = state.after
        for entry in page {
            guard let id = JSONValue.int(entry["id"]) else { continue }
            guard id > last else { throw .badAnswer("the server's entry list does not end (ids do not increase)") }
            last = id
            if let changed = (JSONValue.string(entry["changed_at"])).flatMap(Self.date) {
                state.newestChange = max(state.newestChange, Int64(changed.timeIntervalSince1970))
            }
            if !state.changedPhase { state.highest = max(state.highest, id) }
            if let item = Self.item(entry) { items.append(item) }
        }
        state.listed += page.count
        guard state.listed <= maxListed else { throw .badAnswer("the server's entry list does not end (more than \(maxListed) entries)") }
        state.after = last
        if page.count < Self.pageSize {
            if !state.changedPhase, state.since != nil {
                state.changedPhase = true
                state.after = 0
            } else {
                state.done = true
            }
        }
        pull = state
        return items
    }

    private func entries(_ query: [(String, String)]) async throws(SyncError) -> [[String: Any]] {
        guard let object = try await value("v1/entries", query: query) as? [String: Any],
              let entries = object["entries"] as? [[String: Any]] ?? (object["entries"] is NSNull ? [] : nil) else {
            throw .badAnswer("entries did not give a list")
        }
        return entries
    }

    static func item(_ entry: [String: Any]) -> RemoteItem? {
        guard let id = JSONValue.int(entry["id"]), let feed = JSONValue.int(entry["feed_id"]),
              let status = JSONValue.string(entry["status"]), status != "removed" else { return nil }
        let link = JSONValue.string(entry["url"]).flatMap { $0.isEmpty ? nil : $0 }
        let content = JSONValue.string(entry["content"])
        let record = ItemRecord(stableID: "miniflux:\(id)", link: link, title: JSONValue.string(entry["title"]) ?? "",
                                author: JSONValue.string(entry["author"]).flatMap { $0.isEmpty ? nil : $0 },
                                published: JSONValue.string(entry["published_at"]).flatMap(date),
                                contentHTML: content?.isEmpty == false ? content : nil)
        return RemoteItem(remoteID: String(id), feedID: String(feed), item: record, read: status == "read",
                          starred: JSONValue.bool(entry["starred"]) ?? false)
    }

    /// RFC 3339 (Miniflux gives microseconds and an offset), by the feeds' own date parser.
    static func date(_ text: String) -> Date? { FeedDate.parse(text) }

    /// Read changes came with the pull (`changed_after`): no unread set to compare.
    public func unreadIDs() async throws(SyncError) -> [String]? { nil }

    public func starredIDs() async throws(SyncError) -> [String] {
        var ids: [String] = []
        var after = 0
        while true {
            let page = try await entries([("starred", "true"), ("order", "id"), ("direction", "asc"), ("limit", String(Self.pageSize)),
                                          ("after_entry_id", String(after))])
            for entry in page {
                guard let id = JSONValue.int(entry["id"]) else { continue }
                guard id > after else { throw .badAnswer("the server's entry list does not end (ids do not increase)") }
                after = id
                ids.append(String(id))
            }
            guard ids.count <= maxListed else { throw .badAnswer("the server's entry list does not end (more than \(maxListed) entries)") }
            if page.count < Self.pageSize { return ids }
        }
    }

    // MARK: Beyond the engine

    /// Subscribes to a feed (`POST /v1/feeds`, in a category: Miniflux needs one); returns its feed id.
    public func subscribe(to feedURL: String, categoryID: Int) async throws(SyncError) -> String {
        let response = try await call(.post, "v1/feeds", json: ["feed_url": feedURL, "category_id": categoryID])
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let id = JSONValue.int(object["feed_id"]) else {
            throw .badAnswer("not a Miniflux API answer (\(APIText.describe(response)))")
        }
        return String(id)
    }

    /// Marks every entry of a feed read (`PUT /v1/feeds/ID/mark-all-as-read`).
    public func markAllAsRead(feed: String) async throws(SyncError) {
        _ = try await call(.put, "v1/feeds/\(feed)/mark-all-as-read")
    }
}

/// `POST /v1/feeds`, `DELETE /v1/feeds/ID`, `PUT /v1/feeds/ID` with a `category_id`; a new folder is
/// `POST /v1/categories` first. Every Miniflux feed is in a category: "none" is refused.
extension MinifluxClient: SubscriptionClient {
    public func subscribe(to feedURL: String, in folder: FolderChoice) async throws(SyncError) {
        let category = try await categoryID(folder)
        do throws(SyncError) {
            _ = try await subscribe(to: feedURL, categoryID: category)
        } catch {
            // 409 "This feed already exists.": subscribed already, which is what was asked.
            if case .httpStatus(409, _) = error { return }
            throw error
        }
    }

    public func unsubscribe(feed: String) async throws(SyncError) {
        guard let id = Int(feed) else { throw .badAnswer("not a Miniflux feed id: \(feed)") }
        do throws(SyncError) {
            _ = try await call(.delete, "v1/feeds/\(id)")
        } catch {
            // Gone from the server already.
            if case .server = error { return }
            throw error
        }
    }

    public func move(feed: String, from: String?, to folder: FolderChoice) async throws(SyncError) {
        guard let id = Int(feed) else { throw .badAnswer("not a Miniflux feed id: \(feed)") }
        _ = try await call(.put, "v1/feeds/\(id)", json: ["category_id": try await categoryID(folder)])
    }

    private func categoryID(_ folder: FolderChoice) async throws(SyncError) -> Int {
        switch folder {
        case .none:
            throw .unsupported("every Miniflux feed is in a category: name one")
        case .existing(let category):
            guard let id = Int(category.remoteID) else { throw .badAnswer("not a Miniflux category id: \(category.remoteID)") }
            return id
        case .new(let title):
            let response = try await call(.post, "v1/categories", json: ["title": title])
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                  let id = JSONValue.int(object["id"]) else {
                throw .badAnswer("not a Miniflux API answer (\(APIText.describe(response)))")
            }
            return id
        }
    }
}
