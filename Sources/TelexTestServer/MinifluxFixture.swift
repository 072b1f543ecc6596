import Foundation
import Synchronization

/// A **fake** Miniflux REST API server in memory, written from the API's public description
/// (miniflux.app/docs/api.html), not a real Miniflux: none is packaged for Debian. It serves what
/// telex's client calls, as that description gives it:
///
/// - authentication by `X-Auth-Token` (an API key) or HTTP basic; anything else: 401
///   `{"error_message": "Access Unauthorized"}`;
/// - `GET /v1/categories`, `POST /v1/categories` (`title` → 201 the category), `GET /v1/feeds` (each
///   feed with its `category`), `POST /v1/feeds` (`feed_url`, `category_id` → 201 `{"feed_id"}`; 409 when
///   the feed exists), `PUT /v1/feeds/ID` (`category_id`, → 201 the feed), `DELETE /v1/feeds/ID` (204),
///   `PUT /v1/feeds/ID/mark-all-as-read` (204);
/// - `GET /v1/entries` with `status` (repeatable), `starred`, `after_entry_id`, `before_entry_id`,
///   `changed_after`, `order=id`, `direction`, `limit`, `offset` → `{"total", "entries"}`;
///   `GET /v1/entries/ID`; `PUT /v1/entries` (`entry_ids`, `status`: sets, 204);
///   `PUT /v1/entries/ID/bookmark` (toggles, 204).
///
/// Every status change moves the entry's `changed_at` to the server's now; a bookmark toggle does not
/// (the client must not count on it). The server's clock can be skewed from the test's; faults (any
/// route) can be queued per call; an endless mode makes the entry list never end.
public final class MinifluxFixture: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: Int
        public var feed: Int
        public var title: String
        public var url: String
        public var content: String
        public var status = "unread"
        public var starred = false
        public var changedAt: Date
    }

    private struct State {
        var user: String
        var password: String
        var apiKey: String
        var categories: [(id: Int, title: String)] = []
        var feeds: [(id: Int, title: String, url: String, category: Int)] = []
        var entries: [Int: Entry] = [:]
        var lastID = 1000
        var skew: Double = 0
        var faults: [String: [FixtureRoute]] = [:]
        var endless = false
    }

    private let state: Mutex<State>

    public init(user: String = "ann", password: String = "pw", apiKey: String = "fixture-api-key") {
        state = Mutex(State(user: user, password: password, apiKey: apiKey))
    }

    public func install(on server: FixtureServer) {
        server.setResponder { [self] request in answer(request) }
    }

    // MARK: What tests set up and look at

    @discardableResult
    public func addCategory(_ title: String) -> Int {
        state.withLock { s in
            let id = s.categories.count + 1
            s.categories.append((id, title))
            return id
        }
    }

    @discardableResult
    public func addFeed(title: String, url: String, category: Int) -> Int {
        state.withLock { s in
            let id = 40 + s.feeds.count + 1
            s.feeds.append((id, title, url, category))
            return id
        }
    }

    /// Adds an entry changed now (server time; or `ago` seconds before now), read or not (ids grow by 7
    /// from 1007: not dense, as on a server shared by several users).
    @discardableResult
    public func addEntry(feed: Int, title: String, url: String, content: String = "<p>Text.</p>", ago: Double = 0, read: Bool = false) -> Int {
        state.withLock { s in
            s.lastID += 7
            s.entries[s.lastID] = Entry(id: s.lastID, feed: feed, title: title, url: url, content: content, status: read ? "read" : "unread",
                                        changedAt: now(s).addingTimeInterval(-ago))
            return s.lastID
        }
    }

    public func entry(_ id: Int) -> Entry? { state.withLock { $0.entries[id] } }
    /// The feeds as the server has them: id, address and category id.
    public var feeds: [(id: Int, url: String, category: Int)] { state.withLock { $0.feeds.map { ($0.id, $0.url, $0.category) } } }
    public var categories: [(id: Int, title: String)] { state.withLock { $0.categories } }

    /// Sets an entry's status as another device would (its `changed_at` moves).
    public func setStatus(_ id: Int, _ status: String) {
        state.withLock { s in
            let at = now(s)
            s.entries[id]?.status = status
            s.entries[id]?.changedAt = at
        }
    }

    /// Stars an entry as another device would (its `changed_at` stays).
    public func setStarred(_ id: Int, _ starred: Bool) { state.withLock { $0.entries[id]?.starred = starred } }

    public func setClockSkew(_ seconds: Double) { state.withLock { $0.skew = seconds } }
    /// The next calls to `call` ("GET /v1/entries", "PUT /v1/entries") get these answers.
    public func inject(_ call: String, _ routes: FixtureRoute...) { state.withLock { $0.faults[call, default: []] += routes } }
    /// `GET /v1/entries` answers a full page of fresh entries forever.
    public func setEndless(_ endless: Bool) { state.withLock { $0.endless = endless } }

    private func now(_ s: State) -> Date { Date().addingTimeInterval(s.skew) }

    // MARK: The API

    private func answer(_ request: FixtureRequest) -> FixtureRoute? {
        guard request.path.hasPrefix("/v1/") else { return nil }
        let parts = request.path.split(separator: "/").map(String.init)
        let call = request.method + " /" + parts.map { Int($0) != nil ? "ID" : $0 }.joined(separator: "/")
        return state.withLock { s -> FixtureRoute in
            if var queue = s.faults[call], !queue.isEmpty {
                let fault = queue.removeFirst()
                s.faults[call] = queue
                return fault
            }
            let basic = "Basic " + Data("\(s.user):\(s.password)".utf8).base64EncodedString()
            guard request.headers["x-auth-token"] == s.apiKey || request.headers["authorization"] == basic else {
                return Self.error(401, "Access Unauthorized")
            }
            let id = parts.count > 2 ? Int(parts[2]) : nil
            switch call {
            case "GET /v1/me": return Self.json(["id": 1, "username": s.user])
            case "GET /v1/categories": return Self.json(s.categories.map { ["id": $0.id, "title": $0.title, "user_id": 1] })
            case "GET /v1/feeds":
                return Self.json(s.feeds.map { f in
                    ["id": f.id, "user_id": 1, "title": f.title, "feed_url": f.url, "site_url": f.url,
                     "category": ["id": f.category, "title": s.categories.first { $0.id == f.category }?.title ?? ""]] as [String: Any]
                })
            case "POST /v1/feeds":
                guard let body = Self.body(request), let url = body["feed_url"] as? String, let category = body["category_id"] as? Int else {
                    return Self.error(400, "feed_url and category_id are required")
                }
                if s.feeds.contains(where: { $0.url == url }) { return Self.error(409, "This feed already exists.") }
                let feed = 40 + s.feeds.count + 1
                s.feeds.append((feed, url, url, category))
                return .status(201, headers: ["Content-Type": "application/json"], body: "{\"feed_id\":\(feed)}")
            case "POST /v1/categories":
                guard let title = Self.body(request)?["title"] as? String, !title.isEmpty else { return Self.error(400, "The title is mandatory") }
                if s.categories.contains(where: { $0.title == title }) { return Self.error(409, "This category already exists.") }
                let category = s.categories.count + 1
                s.categories.append((category, title))
                return .status(201, headers: ["Content-Type": "application/json"], body: "{\"id\":\(category),\"title\":\"\(title)\",\"user_id\":1}")
            case "PUT /v1/feeds/ID":
                guard let i = s.feeds.firstIndex(where: { $0.id == id }) else { return Self.error(404, "Feed not found") }
                if let category = Self.body(request)?["category_id"] as? Int {
                    guard s.categories.contains(where: { $0.id == category }) else { return Self.error(400, "This category does not exist") }
                    s.feeds[i].category = category
                }
                return .status(201, headers: ["Content-Type": "application/json"], body: "{\"id\":\(s.feeds[i].id)}")
            case "DELETE /v1/feeds/ID":
                guard s.feeds.contains(where: { $0.id == id }) else { return Self.error(404, "Feed not found") }
                s.feeds.removeAll { $0.id == id }
                s.entries = s.entries.filter { $0.value.feed != id }
                return .status(204)
            case "PUT /v1/feeds/ID/mark-all-as-read":
                let at = now(s)
                for (key, entry) in s.entries where entry.feed == id && entry.status == "unread" {
                    s.entries[key]!.status = "read"
                    s.entries[key]!.changedAt = at
                }
                return .status(204)
            case "GET /v1/entries": return entries(&s, request)
            case "GET /v1/entries/ID":
                guard let id, let entry = s.entries[id] else { return Self.error(404, "Entry not found") }
                return Self.json(json(entry, s))
            case "PUT /v1/entries":
                guard let body = Self.body(request), let ids = body["entry_ids"] as? [Int], let status = body["status"] as? String,
                      ["read", "unread", "removed"].contains(status) else { return Self.error(400, "Invalid JSON payload") }
                let at = now(s)
                for id in ids where s.entries[id] != nil {
                    s.entries[id]!.status = status
                    s.entries[id]!.changedAt = at
                }
                return .status(204)
            case "PUT /v1/entries/ID/bookmark":
                guard let id, s.entries[id] != nil else { return Self.error(404, "Entry not found") }
                s.entries[id]!.starred.toggle()
                return .status(204)
            default:
                return Self.error(404, "Not Found")
            }
        }
    }

    private func entries(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        let limit = Int(request.parameter("limit") ?? "100") ?? 100
        if s.endless {
            let after = Int(request.parameter("after_entry_id") ?? "0") ?? 0
            let page: [[String: Any]] = (1...max(1, limit)).map { n in
                json(Entry(id: after + n, feed: s.feeds.first?.id ?? 41, title: "Again", url: "", content: "", changedAt: now(s)), s)
            }
            return Self.json(["total": Int.max / 2, "entries": page])
        }
        let statuses = request.parameters("status")
        let starred = request.parameter("starred").map { $0 == "true" || $0 == "1" }
        let after = request.parameter("after_entry_id").flatMap(Int.init)
        let before = request.parameter("before_entry_id").flatMap(Int.init)
        let changedAfter = request.parameter("changed_after").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
        var selected = s.entries.values.filter { e in
            (statuses.isEmpty || statuses.contains(e.status)) && (starred.map { e.starred == $0 } ?? true)
                && (after.map { e.id > $0 } ?? true) && (before.map { e.id < $0 } ?? true)
                && (changedAfter.map { e.changedAt > $0 } ?? true)
        }
        selected.sort { request.parameter("direction") == "desc" ? $0.id > $1.id : $0.id < $1.id }
        let offset = Int(request.parameter("offset") ?? "0") ?? 0
        let page = selected.dropFirst(offset).prefix(limit == 0 ? Int.max : limit)
        let state = s
        return Self.json(["total": selected.count, "entries": page.map { json($0, state) }])
    }

    private func json(_ e: Entry, _ s: State) -> [String: Any] {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let feed = s.feeds.first { $0.id == e.feed }
        return ["id": e.id, "user_id": 1, "feed_id": e.feed, "status": e.status, "hash": "h\(e.id)", "title": e.title, "url": e.url,
                "comments_url": "", "published_at": "2026-12-01T09:30:00.123456+01:00", "created_at": f.string(from: e.changedAt),
                "changed_at": f.string(from: e.changedAt), "content": e.content, "author": "Fixture Author", "share_code": "",
                "starred": e.starred, "reading_time": 1, "enclosures": NSNull(),
                "feed": ["id": e.feed, "title": feed?.title ?? "", "feed_url": feed?.url ?? ""]]
    }

    static func body(_ request: FixtureRequest) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
    }

    /// Miniflux's error answer: `{"error_message": …}` with `status`.
    public static func error(_ status: Int, _ message: String) -> FixtureRoute {
        .status(status, headers: ["Content-Type": "application/json"], body: "{\"error_message\":\"\(message)\"}")
    }

    /// A 200 with `object` as JSON.
    public static func json(_ object: Any) -> FixtureRoute { GoogleReaderFixture.json(object) }
}
