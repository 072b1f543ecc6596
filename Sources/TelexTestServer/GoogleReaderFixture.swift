import Foundation
import Synchronization

/// A **fake** Google Reader API server in memory, written from the API's public description (the
/// unofficial Google Reader API documentation, and what FreshRSS, Miniflux and Inoreader document of
/// their implementations): not a real server, none being packaged for Debian. It serves what telex's
/// client calls, as those descriptions give it, under `prefix` (FreshRSS's `/api/greader.php`):
///
/// - `POST accounts/ClientLogin` (`Email`, `Passwd`) → `SID=…\nLSID=…\nAuth=…\n`, or 401 `Error=BadAuthentication`;
///   every other call needs `Authorization: GoogleLogin auth=…` (else 401);
/// - `GET reader/api/0/token` → the edit token `T`, which every POST that changes state needs (a stale
///   one: 401 with `X-Reader-Google-Bad-Token: true`);
/// - `subscription/list`, `tag/list` (JSON), `subscription/quickadd` (`quickadd`), `subscription/edit`
///   (`ac` = subscribe with `s` = `feed/` + the address, unsubscribe, edit; `a` and `r` a folder label, `t` a title);
/// - `stream/items/ids` (`s`, `n`, `ot`, `xt`, `c`, `r=o`) with an opaque continuation;
/// - `unread-count` (per feed, label and the reading list, with `newestItemTimestampUsec`);
/// - `stream/items/contents` (`i` repeated, long or short ids), `edit-tag` (`i`, `a`, `r`),
///   `mark-all-as-read` (`s`, `ts` in microseconds, compared with the crawl time).
///
/// Item ids are the crawl time in microseconds (as FreshRSS makes them), so short ids are big decimals
/// and long ids (`tag:google.com,2005:reader/item/` + 16 hex digits) differ from them. The server's
/// clock can be skewed from the test's; faults (any route) can be queued per call; an endless mode
/// makes the item list never end. Loopback only, as `FixtureServer`.
public final class GoogleReaderFixture: Sendable {
    public struct Feed: Sendable, Hashable {
        public var id: String
        public var title: String
        public var url: String
        public var folder: String?
    }

    public struct Item: Sendable, Hashable {
        public var id: UInt64
        public var feed: String
        public var title: String
        public var link: String
        public var content: String
        public var published: Int
        public var read = false
        public var starred = false
    }

    private struct State {
        var user: String
        var password: String
        var auths: Set<String> = []
        var editToken = "fixture-token-1"
        var logins = 0
        var feeds: [Feed] = []
        var items: [UInt64: Item] = [:]
        var lastID: UInt64 = 0
        var skew: Double = 0
        var faults: [String: [FixtureRoute]] = [:]
        var endless = false
        var endlessNext: UInt64 = 1 << 50
    }

    public let prefix: String
    private let state: Mutex<State>

    public init(user: String = "ann", password: String = "pw", prefix: String = "/api/greader.php") {
        self.prefix = prefix
        state = Mutex(State(user: user, password: password))
    }

    /// Answers the API on `server` (its other routes stay).
    public func install(on server: FixtureServer) {
        server.setResponder { [self] request in answer(request) }
    }

    // MARK: What tests set up and look at

    /// Adds a feed (`feed/N`) in `folder` (a label), returns its stream id.
    @discardableResult
    public func addFeed(title: String, url: String, folder: String? = nil) -> String {
        state.withLock { s in
            let id = "feed/\(s.feeds.count + 1)"
            s.feeds.append(Feed(id: id, title: title, url: url, folder: folder))
            return id
        }
    }

    /// Adds an item crawled now (server time; or `ago` seconds before now), read or not; returns its id.
    @discardableResult
    public func addItem(feed: String, title: String, link: String, content: String = "<p>Text.</p>", ago: Double = 0,
                        read: Bool = false) -> UInt64 {
        state.withLock { s in
            let now = UInt64(max(0, (Date().timeIntervalSince1970 + s.skew - ago) * 1_000_000))
            let id = max(now, s.lastID + 1)
            s.lastID = id
            s.items[id] = Item(id: id, feed: feed, title: title, link: link, content: content, published: Int(id / 1_000_000), read: read)
            return id
        }
    }

    public func item(_ id: UInt64) -> Item? { state.withLock { $0.items[id] } }
    public func setRead(_ id: UInt64, _ read: Bool) { state.withLock { $0.items[id]?.read = read } }
    public func setStarred(_ id: UInt64, _ starred: Bool) { state.withLock { $0.items[id]?.starred = starred } }
    public var feeds: [Feed] { state.withLock { $0.feeds } }
    /// How many logins succeeded.
    public var logins: Int { state.withLock { $0.logins } }

    /// The server's clock runs `seconds` ahead of the machine's (negative: behind).
    public func setClockSkew(_ seconds: Double) { state.withLock { $0.skew = seconds } }
    /// The next calls to `call` (a path after the prefix, "/reader/api/0/edit-tag") get these answers.
    public func inject(_ call: String, _ routes: FixtureRoute...) { state.withLock { $0.faults[call, default: []] += routes } }
    /// Every session ends (as after a server restart): the next call gets 401 until a login.
    public func expireSessions() { state.withLock { $0.auths = [] } }
    /// The edit token changes: a POST with the old one gets 401 and `X-Reader-Google-Bad-Token`.
    public func expireEditToken() { state.withLock { $0.editToken = "fixture-token-\(UInt64.random(in: 2...UInt64.max))" } }
    /// `stream/items/ids` answers fresh ids and a continuation forever.
    public func setEndless(_ endless: Bool) { state.withLock { $0.endless = endless } }

    // MARK: The API

    static let readTag = "user/-/state/com.google/read"
    static let starredTag = "user/-/state/com.google/starred"
    static let readingList = "user/-/state/com.google/reading-list"
    static let itemPrefix = "tag:google.com,2005:reader/item/"

    private func answer(_ request: FixtureRequest) -> FixtureRoute? {
        guard request.path.hasPrefix(prefix) else { return nil }
        let call = String(request.path.dropFirst(prefix.count))
        return state.withLock { s -> FixtureRoute in
            if var queue = s.faults[call], !queue.isEmpty {
                let fault = queue.removeFirst()
                s.faults[call] = queue
                return fault
            }
            if call == "/accounts/ClientLogin" { return login(&s, request) }
            let auth = request.headers["authorization"].flatMap { $0.hasPrefix("GoogleLogin auth=") ? String($0.dropFirst(17)) : nil }
            guard let auth, s.auths.contains(auth) else { return .status(401, headers: ["Content-Type": "text/plain"], body: "Unauthorized!\n") }
            let changes = ["/reader/api/0/edit-tag", "/reader/api/0/mark-all-as-read", "/reader/api/0/subscription/quickadd",
                           "/reader/api/0/subscription/edit"]
            if changes.contains(call) {
                guard request.method == "POST" else { return .status(405, body: "POST only\n") }
                guard request.parameter("T") == s.editToken else {
                    return .status(401, headers: ["Content-Type": "text/plain", "X-Reader-Google-Bad-Token": "true"], body: "Unauthorized!\n")
                }
            }
            switch call {
            case "/reader/api/0/token": return Self.text(s.editToken + "\n")
            case "/reader/api/0/subscription/list": return subscriptions(s)
            case "/reader/api/0/tag/list": return tags(s)
            case "/reader/api/0/stream/items/ids": return ids(&s, request)
            case "/reader/api/0/unread-count": return unreadCount(s)
            case "/reader/api/0/stream/items/contents": return contents(s, request)
            case "/reader/api/0/edit-tag": return editTag(&s, request)
            case "/reader/api/0/mark-all-as-read": return markAllAsRead(&s, request)
            case "/reader/api/0/subscription/quickadd": return quickadd(&s, request)
            case "/reader/api/0/subscription/edit": return editSubscription(&s, request)
            default: return .status(404, body: "unknown call \(call)\n")
            }
        }
    }

    private func login(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        guard request.parameter("Email") == s.user, request.parameter("Passwd") == s.password else {
            return .status(401, headers: ["Content-Type": "text/plain"], body: "Error=BadAuthentication\n")
        }
        s.logins += 1
        let auth = "\(s.user)/fixture-auth-\(s.logins)"
        s.auths.insert(auth)
        return Self.text("SID=\(auth)\nLSID=null\nAuth=\(auth)\n")
    }

    private func subscriptions(_ s: State) -> FixtureRoute {
        let list: [[String: Any]] = s.feeds.map { f in
            ["id": f.id, "title": f.title, "url": f.url, "htmlUrl": f.url, "iconUrl": "",
             "categories": f.folder.map { [["id": "user/-/label/\($0)", "label": $0]] } ?? []]
        }
        return Self.json(["subscriptions": list])
    }

    private func tags(_ s: State) -> FixtureRoute {
        var tags: [[String: Any]] = [["id": Self.starredTag]]
        for folder in Set(s.feeds.compactMap(\.folder)).sorted() { tags.append(["id": "user/-/label/\(folder)", "type": "folder"]) }
        return Self.json(["tags": tags])
    }

    /// Whether `item` is in `stream`: a state, a label (folder) or a feed.
    private func matches(_ item: Item, stream: String, _ s: State) -> Bool {
        switch stream {
        case Self.readingList: true
        case Self.readTag: item.read
        case Self.starredTag: item.starred
        default:
            if stream.hasPrefix("user/-/label/") {
                s.feeds.first { $0.id == item.feed }?.folder == String(stream.dropFirst(13))
            } else {
                item.feed == stream
            }
        }
    }

    private func ids(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        let n = min(max(Int(request.parameter("n") ?? "20") ?? 20, 1), 10_000)
        let offset = request.parameter("c").flatMap { Int($0.dropFirst(4)) } ?? 0
        if s.endless {
            var refs: [[String: Any]] = []
            for _ in 0..<n {
                s.endlessNext += 1
                refs.append(["id": String(s.endlessNext), "directStreamIds": [], "timestampUsec": String(s.endlessNext)])
            }
            return Self.json(["itemRefs": refs, "continuation": "page\(offset + n)"])
        }
        let stream = request.parameter("s") ?? Self.readingList
        let excluded = request.parameter("xt")
        let since = request.parameter("ot").flatMap(Double.init).map { UInt64(max(0, $0) * 1_000_000) }
        let state = s
        var selected = s.items.values.filter { item in
            matches(item, stream: stream, state) && !(excluded.map { matches(item, stream: $0, state) } ?? false)
                && since.map { item.id >= $0 } ?? true
        }
        selected.sort { request.parameter("r") == "o" ? $0.id < $1.id : $0.id > $1.id }
        let page = selected.dropFirst(offset).prefix(n)
        var answer: [String: Any] = ["itemRefs": page.map { ["id": String(Int64(bitPattern: $0.id)), "directStreamIds": [$0.feed],
                                                              "timestampUsec": String($0.id)] }]
        if offset + page.count < selected.count { answer["continuation"] = "page\(offset + page.count)" }
        return Self.json(answer)
    }

    /// `unread-count` as FreshRSS answers it: per feed with unread items, per label, and the reading
    /// list, each with its count and newest crawl time; `max` the total.
    private func unreadCount(_ s: State) -> FixtureRoute {
        var counts: [String: (count: Int, newest: UInt64)] = [:]
        let folders = Dictionary(s.feeds.map { ($0.id, $0.folder) }, uniquingKeysWith: { a, _ in a })
        for item in s.items.values where !item.read {
            var streams = [item.feed, Self.readingList]
            if let folder = folders[item.feed] ?? nil { streams.append("user/-/label/\(folder)") }
            for stream in streams {
                let old = counts[stream] ?? (0, 0)
                counts[stream] = (old.count + 1, max(old.newest, item.id))
            }
        }
        let list: [[String: Any]] = counts.sorted { $0.key < $1.key }.map {
            ["id": $0.key, "count": $0.value.count, "newestItemTimestampUsec": String($0.value.newest)]
        }
        return Self.json(["max": counts[Self.readingList]?.count ?? 0, "unreadcounts": list])
    }

    /// A long (`tag:google.com,2005:reader/item/<16 hex>`) or short (signed decimal) item id.
    static func itemID(_ text: String) -> UInt64? {
        if text.hasPrefix(itemPrefix) { return UInt64(text.dropFirst(itemPrefix.count), radix: 16) }
        return Int64(text).map { UInt64(bitPattern: $0) }
    }

    private func contents(_ s: State, _ request: FixtureRequest) -> FixtureRoute {
        let titles = Dictionary(s.feeds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items: [[String: Any]] = request.parameters("i").compactMap(Self.itemID).compactMap { s.items[$0] }.map { item in
            var categories = [Self.readingList]
            if let folder = titles[item.feed]?.folder { categories.append("user/-/label/\(folder)") }
            if item.read { categories.append(Self.readTag) }
            if item.starred { categories.append(Self.starredTag) }
            return ["id": Self.itemPrefix + String(format: "%016llx", item.id), "crawlTimeMsec": String(item.id / 1000),
                    "timestampUsec": String(item.id), "published": item.published, "updated": item.published, "title": item.title,
                    "canonical": [["href": item.link]], "alternate": [["href": item.link, "type": "text/html"]],
                    "summary": ["direction": "ltr", "content": item.content], "author": "Fixture Author", "categories": categories,
                    "origin": ["streamId": item.feed, "title": titles[item.feed]?.title ?? "", "htmlUrl": titles[item.feed]?.url ?? ""]]
        }
        return Self.json(["id": Self.readingList, "updated": Int(Date().timeIntervalSince1970 + s.skew), "items": items])
    }

    private func editTag(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        let ids = request.parameters("i").compactMap(Self.itemID)
        for (tags, value) in [(request.parameters("a"), true), (request.parameters("r"), false)] {
            for tag in tags {
                for id in ids where s.items[id] != nil {
                    switch tag {
                    case Self.readTag: s.items[id]!.read = value
                    case Self.starredTag: s.items[id]!.starred = value
                    default: break
                    }
                }
            }
        }
        return Self.text("OK")
    }

    private func markAllAsRead(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        guard let stream = request.parameter("s") else { return .status(400, body: "no stream\n") }
        let limit = request.parameter("ts").flatMap(UInt64.init) ?? UInt64.max
        let state = s
        for (id, item) in s.items where item.id <= limit && matches(item, stream: stream, state) { s.items[id]!.read = true }
        return Self.text("OK")
    }

    private func quickadd(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        guard let url = request.parameter("quickadd"), url.hasPrefix("http") else {
            return Self.json(["query": request.parameter("quickadd") ?? "", "numResults": 0])
        }
        let id = s.feeds.first { $0.url == url }?.id ?? {
            let id = "feed/\(s.feeds.count + 1)"
            s.feeds.append(Feed(id: id, title: url, url: url, folder: nil))
            return id
        }()
        return Self.json(["query": url, "numResults": 1, "streamId": id, "streamName": url])
    }

    private func editSubscription(_ s: inout State, _ request: FixtureRequest) -> FixtureRoute {
        guard let stream = request.parameter("s"), stream.hasPrefix("feed/") else { return .status(400, body: "no feed stream\n") }
        let label = request.parameter("a").flatMap { $0.hasPrefix("user/-/label/") ? String($0.dropFirst(13)) : nil }
        let unlabel = request.parameter("r").flatMap { $0.hasPrefix("user/-/label/") ? String($0.dropFirst(13)) : nil }
        switch request.parameter("ac") {
        case "subscribe":
            let url = String(stream.dropFirst(5))
            guard url.hasPrefix("http") else { return .status(400, body: "not a feed address\n") }
            if !s.feeds.contains(where: { $0.url == url }) {
                s.feeds.append(Feed(id: "feed/\(s.feeds.count + 1)", title: request.parameter("t") ?? url, url: url, folder: label))
            }
        case "unsubscribe":
            s.feeds.removeAll { $0.id == stream }
            s.items = s.items.filter { $0.value.feed != stream }
        case "edit":
            guard let i = s.feeds.firstIndex(where: { $0.id == stream }) else { return .status(404, body: "no such feed\n") }
            if let unlabel, s.feeds[i].folder == unlabel { s.feeds[i].folder = nil }
            if let label { s.feeds[i].folder = label }
            if let title = request.parameter("t") { s.feeds[i].title = title }
        default:
            return .status(400, body: "unknown ac\n")
        }
        return Self.text("OK")
    }

    /// A 200 with a plain-text body.
    public static func text(_ body: String) -> FixtureRoute { .status(200, headers: ["Content-Type": "text/plain; charset=utf-8"], body: body) }

    /// A 200 with `object` as JSON (keys sorted).
    public static func json(_ object: Any) -> FixtureRoute {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return .status(200, headers: ["Content-Type": "application/json; charset=utf-8"], body: String(decoding: data, as: UTF8.self))
    }
}
