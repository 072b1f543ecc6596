import Foundation
import TelexFetch
import TelexStore

/// Tiny Tiny RSS's JSON API (API level 15, as Debian 12's tt-rss answers it: tests/sync/README.md
/// lists what was checked). Every call is a POST of a raw JSON body to `{url}api/`; the session id
/// goes in the body as `sid`, and is bound to the User-Agent of the login (the fetcher's, constant).
public final class TTRSSClient: AggregatorClient {
    public let apiURL: URL
    let user: String
    let http: any HTTPFetching
    /// Gives the password when a login is needed (the token did not work).
    let password: () throws(SyncError) -> String
    /// The session id, kept by the caller in the token file.
    public private(set) var sessionID: String?
    /// Called when a login gives a new session id.
    let onNewSession: (String) -> Void
    private var seq = 0

    /// getHeadlines' largest page.
    static let pageSize = 200

    public init(url: String, user: String, http: any HTTPFetching, sessionID: String?,
                password: @escaping () throws(SyncError) -> String, onNewSession: @escaping (String) -> Void) throws(SyncError) {
        let base = url.hasSuffix("/") ? url : url + "/"
        guard let api = URL(string: base + "api/") else { throw .badAnswer("not a usable server URL: \(url)") }
        apiURL = api
        self.user = user; self.http = http; self.sessionID = sessionID
        self.password = password; self.onNewSession = onNewSession
    }

    // MARK: Transport

    /// One API call: `content` of a `status: 0` answer. With a session, a `NOT_LOGGED_IN` answer
    /// (expired session, server restarted) logs in again once and repeats the call.
    func call(_ op: String, _ parameters: [String: Any] = [:]) async throws(SyncError) -> Any {
        if op != "login", sessionID == nil { try await login() }
        do throws(SyncError) {
            return try await send(op, parameters)
        } catch {
            guard error == .server("NOT_LOGGED_IN"), op != "login" else { throw error }
            try await login()
            return try await send(op, parameters)
        }
    }

    private func send(_ op: String, _ parameters: [String: Any]) async throws(SyncError) -> Any {
        seq += 1
        var body = parameters
        body["op"] = op
        body["seq"] = seq
        if op != "login", let sessionID { body["sid"] = sessionID }
        let bytes: [UInt8]
        do { bytes = try [UInt8](JSONSerialization.data(withJSONObject: body)) } catch { throw .badAnswer("cannot encode the request") }
        let request = HTTPFetchRequest(url: apiURL, kind: .api, method: .post, body: bytes,
                                       headers: [HTTPHeader("Content-Type", "application/json")])
        let response: HTTPFetchResponse
        do throws(HTTPFetchError) { response = try await http.fetch(request) } catch { throw SyncError.from(error) }
        guard response.status == 200 else {
            throw .httpStatus(response.status, response.status == 404 ? "no Tiny Tiny RSS API at \(apiURL.absoluteString)" : SyncError.hint(status: response.status))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw .badAnswer("not a Tiny Tiny RSS API answer (\(response.contentType ?? "no content type"), \(response.body.count) bytes)")
        }
        guard let status = JSONValue.int(object["status"]) else { throw .badAnswer("no status in the answer") }
        let content = object["content"] ?? NSNull()
        if status != 0 {
            let code = ((content as? [String: Any])?["error"] as? String) ?? "unknown error"
            switch code {
            case "LOGIN_ERROR": throw .loginRefused("wrong user name or password")
            case "API_DISABLED": throw .loginRefused("API access is disabled for this user (Preferences → Enable API)")
            default: throw .server(String(code.prefix(200)))
            }
        }
        return content
    }

    private func login() async throws(SyncError) {
        let secret = try password()
        // tt-rss strips "tags" from the password but also tries it base64-decoded: a password with
        // "<" only survives as base64.
        let sent = secret.contains("<") ? Data(secret.utf8).base64EncodedString() : secret
        let content = try await send("login", ["user": user, "password": sent])
        guard let session = (content as? [String: Any])?["session_id"] as? String, !session.isEmpty else {
            throw .badAnswer("login gave no session")
        }
        sessionID = session
        onNewSession(session)
    }

    // MARK: AggregatorClient

    public func push(_ changes: [OutboxEntry]) async throws(SyncError) {
        // field 2 = unread (mode 0 = false), field 0 = starred; never mode 2 (a toggle).
        for group in OutboxEntry.settled(changes) {
            let (field, mode) = switch group.field {
            case .read: (2, group.value ? 0 : 1)
            case .starred: (0, group.value ? 1 : 0)
            }
            for start in stride(from: 0, to: group.ids.count, by: Self.pageSize) {
                let ids = group.ids[start..<min(start + Self.pageSize, group.ids.count)].filter { Int($0) != nil }
                guard !ids.isEmpty else { continue }
                _ = try await call("updateArticle", ["article_ids": ids.joined(separator: ","), "field": field, "mode": mode])
            }
        }
    }

    public func tree() async throws(SyncError) -> (folders: [RemoteFolder], feeds: [RemoteFeed]) {
        guard let categories = try await call("getCategories", ["include_empty": false]) as? [[String: Any]] else {
            throw .badAnswer("getCategories did not give a list")
        }
        let folders = categories.compactMap { c -> RemoteFolder? in
            guard let id = JSONValue.int(c["id"]), id > 0 else { return nil }
            return RemoteFolder(remoteID: String(id), title: JSONValue.string(c["title"]) ?? "Category \(id)")
        }
        guard let list = try await call("getFeeds", ["cat_id": -3]) as? [[String: Any]] else {
            throw .badAnswer("getFeeds did not give a list")
        }
        let feeds = list.compactMap { f -> RemoteFeed? in
            guard let id = JSONValue.int(f["id"]), id > 0 else { return nil }
            let category = JSONValue.int(f["cat_id"]) ?? 0
            return RemoteFeed(remoteID: String(id), title: JSONValue.string(f["title"]) ?? "",
                              url: JSONValue.string(f["feed_url"]) ?? "", folderID: category > 0 ? String(category) : nil)
        }
        return (folders, feeds)
    }

    private var pull: (since: Int, skip: Int, highest: Int, seen: Set<Int>, done: Bool)?

    public func beginPull(after cursor: String?) {
        let since = cursor.flatMap(Int.init) ?? 0
        pull = (since, 0, since, [], false)
    }

    public var pulledCursor: String? { pull.map { String($0.highest) } }

    /// Keeps `since_id` fixed for the pass and pages with `skip`, newest first, until a short page
    /// (articles arriving meanwhile shift pages: duplicates, never gaps; duplicates are dropped).
    public func nextPage() async throws(SyncError) -> [RemoteItem]? {
        guard var state = pull, !state.done else { return nil }
        let headlines = try await headlines(["feed_id": -4, "view_mode": "all_articles", "show_content": true,
                                             "since_id": state.since, "skip": state.skip, "limit": Self.pageSize])
        state.skip += headlines.count
        state.done = headlines.count < Self.pageSize
        var items: [RemoteItem] = []
        for h in headlines {
            guard let id = JSONValue.int(h["id"]), id > state.since, state.seen.insert(id).inserted,
                  let feed = JSONValue.int(h["feed_id"]) else { continue }
            state.highest = max(state.highest, id)
            let date = JSONValue.int(h["updated"]).map { Date(timeIntervalSince1970: Double($0)) }
            let content = JSONValue.string(h["content"])
            let record = ItemRecord(stableID: "ttrss:\(id)", link: JSONValue.string(h["link"]).flatMap { $0.isEmpty ? nil : $0 },
                                    title: JSONValue.string(h["title"]) ?? "", author: JSONValue.string(h["author"]).flatMap { $0.isEmpty ? nil : $0 },
                                    published: date, contentHTML: content?.isEmpty == false ? content : nil)
            items.append(RemoteItem(remoteID: String(id), feedID: String(feed), item: record,
                                    read: !(JSONValue.bool(h["unread"]) ?? true), starred: JSONValue.bool(h["marked"]) ?? false))
        }
        pull = state
        return state.done && items.isEmpty ? nil : items
    }

    public func unreadIDs() async throws(SyncError) -> [String]? { try await ids(viewMode: "unread") }

    public func starredIDs() async throws(SyncError) -> [String] { try await ids(viewMode: "marked") }

    /// `getCounters`: per feed (entries without `kind`, positive ids) `counter` (unread) and
    /// `markedcounter` (starred), in one call.
    public func stateCounts() async throws(SyncError) -> StateCounts? {
        guard let counters = try await call("getCounters") as? [[String: Any]] else { throw .badAnswer("getCounters did not give a list") }
        var unread: [String: Int] = [:]
        var starred: [String: Int] = [:]
        for c in counters where c["kind"] == nil {
            guard let id = JSONValue.int(c["id"]), id > 0 else { continue }
            unread[String(id)] = JSONValue.int(c["counter"]) ?? 0
            starred[String(id)] = JSONValue.int(c["markedcounter"]) ?? 0
        }
        return StateCounts(unread: unread, starred: starred)
    }

    /// The "recently read" virtual feed (-6: articles read in the last day, wherever), at most
    /// `recentPages` pages; longer (a "mark all as read" elsewhere), nil: the unread set is compared.
    public func recentlyReadIDs() async throws(SyncError) -> [String]? {
        var ids: [String] = []
        for page in 0..<Self.recentPages {
            let headlines = try await headlines(["feed_id": -6, "view_mode": "all_articles", "show_content": false,
                                                 "skip": page * Self.pageSize, "limit": Self.pageSize])
            for h in headlines where !(JSONValue.bool(h["unread"]) ?? true) { if let id = JSONValue.int(h["id"]) { ids.append(String(id)) } }
            if headlines.count < Self.pageSize { return ids }
        }
        return nil
    }

    static let recentPages = 5

    private func ids(viewMode: String) async throws(SyncError) -> [String] {
        var ids: Set<Int> = []
        var skip = 0
        while true {
            let page = try await headlines(["feed_id": -4, "view_mode": viewMode, "show_content": false, "skip": skip, "limit": Self.pageSize])
            for h in page { if let id = JSONValue.int(h["id"]) { ids.insert(id) } }
            skip += page.count
            if page.count < Self.pageSize { break }
        }
        return ids.sorted().map(String.init)
    }

    private func headlines(_ parameters: [String: Any]) async throws(SyncError) -> [[String: Any]] {
        guard let list = try await call("getHeadlines", parameters) as? [[String: Any]] else {
            throw .badAnswer("getHeadlines did not give a list")
        }
        return list
    }

    /// Subscribes to a feed (in a category, else uncategorised); returns its feed id. tt-rss fetches the
    /// feed to check it but stores no article: they come with its next update.
    public func subscribe(to feedURL: String, categoryID: Int? = nil) async throws(SyncError) -> String {
        var parameters: [String: Any] = ["feed_url": feedURL]
        if let categoryID { parameters["category_id"] = categoryID }
        let content = try await call("subscribeToFeed", parameters)
        guard let status = (content as? [String: Any])?["status"] as? [String: Any], let code = JSONValue.int(status["code"]) else {
            throw .badAnswer("subscribeToFeed gave no status")
        }
        switch code {
        case 0, 1:
            guard let id = JSONValue.int(status["feed_id"]) else { throw .badAnswer("subscribeToFeed gave no feed id") }
            return String(id)
        case 2: throw .server("the server finds \(feedURL) invalid")
        case 3: throw .server("\(feedURL) is a page without feed links")
        case 4: throw .server("\(feedURL) links to several feeds: subscribe to one of them")
        default: throw .server("the server could not fetch \(feedURL)" + ((status["message"] as? String).map { ": \($0.prefix(200))" } ?? ""))
        }
    }
}

extension TTRSSClient: SubscriptionClient {
    /// `subscribeToFeed` with the folder's `category_id`. Level 15's API cannot make a category.
    public func subscribe(to feedURL: String, in folder: FolderChoice) async throws(SyncError) {
        switch folder {
        case .none: _ = try await subscribe(to: feedURL, categoryID: nil)
        case .existing(let category):
            guard let id = Int(category.remoteID) else { throw .badAnswer("not a Tiny Tiny RSS category id: \(category.remoteID)") }
            _ = try await subscribe(to: feedURL, categoryID: id)
        case .new(let title):
            throw .unsupported("Tiny Tiny RSS's API cannot make a category: make \"\(title)\" in tt-rss (Preferences → Feeds), "
                               + "sync, then add the feed to it")
        }
    }

    /// `unsubscribeFeed` (`FEED_NOT_FOUND`: gone already, which is what was asked).
    public func unsubscribe(feed: String) async throws(SyncError) {
        guard let id = Int(feed) else { throw .badAnswer("not a Tiny Tiny RSS feed id: \(feed)") }
        do throws(SyncError) {
            _ = try await call("unsubscribeFeed", ["feed_id": id])
        } catch {
            guard error == .server("FEED_NOT_FOUND") else { throw error }
        }
    }

    /// Level 15's API has no call that moves a feed (only tt-rss's web interface does).
    public func move(feed: String, from: String?, to folder: FolderChoice) async throws(SyncError) {
        throw .unsupported("Tiny Tiny RSS's API cannot move a feed to another category: move it in tt-rss (Preferences → Feeds); "
                           + "the next sync brings the change")
    }
}
