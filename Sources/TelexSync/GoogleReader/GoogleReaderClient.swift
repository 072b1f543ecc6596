import Foundation
import TelexFetch
import TelexStore

/// The Google Reader API as FreshRSS, Miniflux, Inoreader and The Old Reader serve it. `url` is the
/// API's base (FreshRSS: `https://host/api/greader.php`; Miniflux: the server's root; Inoreader:
/// `https://www.inoreader.com`): telex adds `accounts/ClientLogin` and `reader/api/0/…`.
///
/// Sessions: ClientLogin gives an `Auth` token, sent as `Authorization: GoogleLogin auth=…` and kept in
/// the token file; calls that change state also need the short-lived edit token (`reader/api/0/token`).
/// A 401 logs in again once (a 401 flagged `X-Reader-Google-Bad-Token` only fetches a new edit token);
/// a 429 waits as `Retry-After` says when that is short, else fails with the wait in words.
///
/// Item ids come as long (`tag:google.com,2005:reader/item/<16 hex>`) or short (signed decimal) forms:
/// both are stored as one remote id, the unsigned decimal (The Old Reader's 24-hex ids as they are).
public final class GoogleReaderClient: AggregatorClient {
    public let baseURL: URL
    let user: String
    let http: any HTTPFetching
    let password: () throws(SyncError) -> String
    let onNewSession: (String) -> Void
    /// The ClientLogin `Auth` token.
    public private(set) var auth: String?
    private var editToken: String?
    /// What a 429 does.
    let tooManyRequests: TooManyRequests

    /// Ids asked of `stream/items/ids` at a time (servers cap `n` at 1,000 to 10,000).
    static let idsPage = 1000
    /// Items asked of `stream/items/contents` at a time: one page of the pull, one transaction.
    static let contentsBatch = 100
    /// Ids per `edit-tag` call.
    static let editBatch = 250
    /// A pass that lists more ids than this is a server whose list never ends.
    let maxListed: Int

    public init(url: String, user: String, http: any HTTPFetching, session: String?,
                password: @escaping () throws(SyncError) -> String, onNewSession: @escaping (String) -> Void,
                longestWait: Double = 30, maxListed: Int = 2_000_000,
                sleep: @escaping (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) throws(SyncError) {
        guard let base = URL(string: url.hasSuffix("/") ? url : url + "/"), base.scheme != nil else {
            throw .badAnswer("not a usable server URL: \(url)")
        }
        baseURL = base
        self.user = user; self.http = http; auth = session
        self.password = password; self.onNewSession = onNewSession
        tooManyRequests = TooManyRequests(longest: longestWait, sleep: sleep); self.maxListed = maxListed
    }

    // MARK: Transport

    /// One API call answered 200, with the retries the protocol allows (see the type's comment).
    func call(_ path: String, query: [(String, String)] = [], form: [(String, String)]? = nil, changes: Bool = false)
        async throws(SyncError) -> HTTPFetchResponse {
        if auth == nil { try await login() }
        var loggedIn = false, newToken = false, waited = false
        while true {
            var body = form
            if changes {
                if editToken == nil { editToken = try await fetchEditToken() }
                body = (form ?? []) + [("T", editToken ?? "")]
            }
            let response = try await send(path, query: query, form: body)
            switch response.status {
            case 200:
                return response
            case 401 where changes && !newToken && response.headers["x-reader-google-bad-token"]?.lowercased() == "true":
                editToken = nil
                newToken = true
            case 401 where !loggedIn:
                loggedIn = true
                editToken = nil
                try await login()
            case 401:
                throw .httpStatus(401, "access denied, even after logging in again")
            case 429 where !waited:
                waited = true
                try await tooManyRequests.wait(response)
            case 404:
                throw .httpStatus(404, "no Google Reader API at \(baseURL.absoluteString)")
            default:
                throw .httpStatus(response.status, SyncError.hint(status: response.status))
            }
        }
    }

    private func send(_ path: String, query: [(String, String)], form: [(String, String)]?) async throws(SyncError) -> HTTPFetchResponse {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.percentEncodedQuery = APIText.formEncoded(query) }
        guard let url = components?.url else { throw .badAnswer("not a usable server URL: \(baseURL.absoluteString)") }
        var headers: [HTTPHeader] = []
        if let auth { headers.append(HTTPHeader("Authorization", "GoogleLogin auth=\(auth)")) }
        var request = HTTPFetchRequest(url: url, kind: .api, headers: headers)
        if let form {
            request.method = .post
            request.body = Array(APIText.formEncoded(form).utf8)
            request.headers.append(HTTPHeader("Content-Type", "application/x-www-form-urlencoded"))
        }
        do throws(HTTPFetchError) { return try await http.fetch(request) } catch { throw SyncError.from(error) }
    }

    private func login() async throws(SyncError) {
        auth = nil
        let response = try await send("accounts/ClientLogin", query: [], form: [("Email", user), ("Passwd", try password())])
        let text = String(decoding: response.body.prefix(64 << 10), as: UTF8.self)
        switch response.status {
        case 200: break
        case 401, 403:
            throw .loginRefused(text.contains("BadAuthentication") || text.isEmpty || response.status == 401
                                ? "wrong user name or password" : "access denied")
        case 404: throw .httpStatus(404, "no Google Reader API at \(baseURL.absoluteString)")
        default: throw .httpStatus(response.status, SyncError.hint(status: response.status))
        }
        let token = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Auth=") }.map { String($0.dropFirst(5)) }
        guard let token, !token.isEmpty, !token.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw .badAnswer("not a Google Reader API login answer (\(APIText.describe(response)))")
        }
        auth = token
        onNewSession(token)
    }

    private func fetchEditToken() async throws(SyncError) -> String {
        let response = try await call("reader/api/0/token")
        let token = String(decoding: response.body.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.count < 1024, !token.contains(where: \.isWhitespace), !token.contains("<") else {
            throw .badAnswer("not a Google Reader API edit token (\(APIText.describe(response)))")
        }
        return token
    }

    /// A call whose answer is a JSON object.
    private func object(_ path: String, query: [(String, String)] = [], form: [(String, String)]? = nil) async throws(SyncError) -> [String: Any] {
        let response = try await call(path, query: query + [("output", "json")], form: form)
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw .badAnswer("not a Google Reader API answer (\(APIText.describe(response)))")
        }
        return object
    }

    // MARK: Ids

    static let itemPrefix = "tag:google.com,2005:reader/item/"
    static let readTag = "user/-/state/com.google/read"
    static let starredTag = "user/-/state/com.google/starred"
    static let readingList = "user/-/state/com.google/reading-list"

    /// The one stored form of an item id: the unsigned decimal of a long or short id (a signed short id
    /// is the same 64 bits); ids that are not 64-bit numbers (The Old Reader's) as they are, lowercased.
    static func remoteID(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(itemPrefix) {
            let hex = trimmed.dropFirst(itemPrefix.count)
            guard !hex.isEmpty, hex.count <= 64 else { return nil }
            if hex.count <= 16, let n = UInt64(hex, radix: 16) { return String(n) }
            return hex.allSatisfy(\.isHexDigit) ? hex.lowercased() : nil
        }
        if let n = Int64(trimmed) { return String(UInt64(bitPattern: n)) }
        if let n = UInt64(trimmed) { return String(n) }
        return !trimmed.isEmpty && trimmed.count <= 64 && trimmed.allSatisfy(\.isHexDigit) ? trimmed.lowercased() : nil
    }

    /// The long form every server takes back.
    static func longID(_ remoteID: String) -> String {
        if let n = UInt64(remoteID) { return itemPrefix + String(format: "%016llx", n) }
        return itemPrefix + remoteID
    }

    // MARK: AggregatorClient

    public func push(_ changes: [OutboxEntry]) async throws(SyncError) {
        for group in OutboxEntry.settled(changes) {
            let tag = group.field == .read ? Self.readTag : Self.starredTag
            for start in stride(from: 0, to: group.ids.count, by: Self.editBatch) {
                let ids = group.ids[start..<min(start + Self.editBatch, group.ids.count)]
                let form = ids.map { ("i", Self.longID($0)) } + [(group.value ? "a" : "r", tag)]
                let response = try await call("reader/api/0/edit-tag", form: form, changes: true)
                try Self.expectOK(response, "edit-tag")
            }
        }
    }

    static func expectOK(_ response: HTTPFetchResponse, _ call: String) throws(SyncError) {
        let text = String(decoding: response.body.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text == "OK" else { throw .badAnswer("\(call) did not answer OK (\(APIText.describe(response)))") }
    }

    public func tree() async throws(SyncError) -> (folders: [RemoteFolder], feeds: [RemoteFeed]) {
        let subscriptions = try await object("reader/api/0/subscription/list")
        guard let list = subscriptions["subscriptions"] as? [[String: Any]] else { throw .badAnswer("subscription/list gave no subscriptions") }
        var folders: [String: String] = [:]
        var feeds: [RemoteFeed] = []
        for s in list {
            guard let id = JSONValue.string(s["id"]), !id.isEmpty else { continue }
            // A feed in several folders (labels) goes to the first: a feed is in one section.
            let category = (s["categories"] as? [[String: Any]])?.compactMap { c -> (String, String)? in
                guard let id = JSONValue.string(c["id"]), id.contains("/label/") else { return nil }
                return (id, JSONValue.string(c["label"]) ?? Self.label(id))
            }.first
            if let (id, label) = category, folders[id] == nil { folders[id] = label }
            feeds.append(RemoteFeed(remoteID: id, title: JSONValue.string(s["title"]) ?? "", url: JSONValue.string(s["url"]) ?? "",
                                    folderID: category?.0))
        }
        // tag/list gives the folders' order; one without feeds makes no section.
        let tags = try await object("reader/api/0/tag/list")
        var ordered: [RemoteFolder] = []
        for tag in (tags["tags"] as? [[String: Any]]) ?? [] {
            guard let id = JSONValue.string(tag["id"]), let title = folders.removeValue(forKey: id) else { continue }
            ordered.append(RemoteFolder(remoteID: id, title: title))
        }
        ordered += folders.sorted { $0.key < $1.key }.map { RemoteFolder(remoteID: $0.key, title: $0.value) }
        return (ordered, feeds)
    }

    /// `user/-/label/News` → `News`.
    static func label(_ id: String) -> String {
        id.range(of: "/label/").map { String(id[$0.upperBound...]) } ?? id
    }

    private struct Pull {
        var since: Cursor?
        var lister: IDLister
        var pending: [String] = []
        var newest: Int64 = 0
    }
    private var pull: Pull?

    /// Where a pull starts: `ot` (whole seconds on the server's clock) and the newest crawl time seen
    /// (microseconds), written `"SECONDS:MICROSECONDS"`. `ot` has a second's grain, so the ids of the
    /// second of the last pull come again: those older than the newest seen are dropped here without
    /// fetching them (a burst of items crawled in one second is not fetched again at every sync).
    struct Cursor: Equatable {
        var seconds: Int64
        var newest: Int64

        init(seconds: Int64, newest: Int64) { self.seconds = seconds; self.newest = newest }

        init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard let seconds = Int64(parts[0]) else { return nil }
            self.seconds = seconds
            newest = parts.count > 1 ? Int64(parts[1]) ?? 0 : 0
        }

        var text: String { "\(seconds):\(newest)" }
    }

    /// Starts a pull of items crawled since `cursor`.
    public func beginPull(after cursor: String?) {
        let since = cursor.flatMap(Cursor.init)
        var query = [("s", Self.readingList)]
        if let since { query.append(("ot", String(since.seconds))) }
        pull = Pull(since: since, lister: IDLister(query: query, limit: maxListed), newest: since?.newest ?? 0)
    }

    /// The next pull starts from the newest crawl time seen, on the server's own clock (never this
    /// machine's, which may be skewed), from the start of its second.
    public var pulledCursor: String? {
        guard let pull else { return nil }
        guard pull.newest > 0 else { return pull.since?.text }
        return Cursor(seconds: max(pull.since?.seconds ?? 0, pull.newest / 1_000_000), newest: pull.newest).text
    }

    /// Lists ids (`stream/items/ids`, continued) and fetches their items a batch at a time.
    public func nextPage() async throws(SyncError) -> [RemoteItem]? {
        guard var state = pull else { return nil }
        while state.pending.isEmpty {
            guard let refs = try await nextIDs(&state.lister) else { pull = state; return nil }
            let known = state.since?.newest ?? 0
            for ref in refs where ref.timestampUsec == 0 || ref.timestampUsec >= known {
                state.pending.append(ref.id)
                state.newest = max(state.newest, ref.timestampUsec)
            }
        }
        let batch = Array(state.pending.prefix(Self.contentsBatch))
        state.pending.removeFirst(batch.count)
        pull = state
        let answer = try await object("reader/api/0/stream/items/contents", form: batch.map { ("i", Self.longID($0)) })
        guard let items = answer["items"] as? [[String: Any]] else { throw .badAnswer("stream/items/contents gave no items") }
        return items.compactMap(Self.item)
    }

    static func item(_ json: [String: Any]) -> RemoteItem? {
        guard let id = JSONValue.string(json["id"]).flatMap(remoteID),
              let feed = (json["origin"] as? [String: Any]).flatMap({ JSONValue.string($0["streamId"]) }) else { return nil }
        let categories = Set((json["categories"] as? [Any] ?? []).compactMap { JSONValue.string($0) }.map(Self.userState))
        let link = ((json["canonical"] as? [[String: Any]]) ?? (json["alternate"] as? [[String: Any]]))?
            .compactMap { JSONValue.string($0["href"]) }.first { !$0.isEmpty }
        let content = ((json["content"] as? [String: Any]) ?? (json["summary"] as? [String: Any])).flatMap { JSONValue.string($0["content"]) }
        let published = JSONValue.int(json["published"]).map { Date(timeIntervalSince1970: Double($0)) }
        let author = JSONValue.string(json["author"]).flatMap { $0.isEmpty ? nil : $0 }
        let record = ItemRecord(stableID: "greader:\(id)", link: link, title: JSONValue.string(json["title"]) ?? "", author: author,
                                published: published, contentHTML: content?.isEmpty == false ? content : nil)
        return RemoteItem(remoteID: id, feedID: feed, item: record, read: categories.contains(readTag), starred: categories.contains(starredTag))
    }

    /// `user/1005/state/com.google/read` (Inoreader, The Old Reader name the user) → `user/-/state/com.google/read`.
    static func userState(_ category: String) -> String {
        guard category.hasPrefix("user/"), let slash = category.dropFirst(5).firstIndex(of: "/") else { return category }
        return "user/-" + category[slash...]
    }

    public func unreadIDs() async throws(SyncError) -> [String]? {
        try await allIDs([("s", Self.readingList), ("xt", Self.readTag)])
    }

    public func starredIDs() async throws(SyncError) -> [String] { try await allIDs([("s", Self.starredTag)]) }

    /// `unread-count`: the unread count of each feed (`feed/…` streams; labels and states are left out).
    /// No starred counts: the starred set is compared at every sync. A count the server caps (Inoreader
    /// at 1,000) differs from the cache's exact one, so the unread set is compared then.
    public func stateCounts() async throws(SyncError) -> StateCounts? {
        let answer = try await object("reader/api/0/unread-count")
        guard let list = answer["unreadcounts"] as? [[String: Any]] else { throw .badAnswer("unread-count gave no unreadcounts") }
        var unread: [String: Int] = [:]
        for entry in list {
            guard let id = JSONValue.string(entry["id"]), id.hasPrefix("feed/"), let count = JSONValue.int(entry["count"]) else { continue }
            unread[id] = count
        }
        return StateCounts(unread: unread, starred: nil)
    }

    private func allIDs(_ query: [(String, String)]) async throws(SyncError) -> [String] {
        var lister = IDLister(query: query, limit: maxListed)
        var ids: [String] = []
        while let refs = try await nextIDs(&lister) { ids += refs.map(\.id) }
        return ids
    }

    /// One listing of `stream/items/ids`, page by page with its continuation. A server whose list does
    /// not end (a continuation seen before, a page with nothing new, more than `limit` ids) is an error.
    struct IDLister {
        let query: [(String, String)]
        let limit: Int
        var continuation: String?
        var done = false
        var seen: Set<String> = []
        var continuations: Set<String> = []
        init(query: [(String, String)], limit: Int) { self.query = query; self.limit = limit }
    }

    private func nextIDs(_ lister: inout IDLister) async throws(SyncError) -> [(id: String, timestampUsec: Int64)]? {
        guard !lister.done else { return nil }
        var query = lister.query + [("n", String(Self.idsPage))]
        if let c = lister.continuation { query.append(("c", c)) }
        let answer = try await object("reader/api/0/stream/items/ids", query: query)
        guard let refs = answer["itemRefs"] as? [[String: Any]] ?? (answer["itemRefs"] == nil ? [] : nil) else {
            throw .badAnswer("stream/items/ids gave no itemRefs")
        }
        var fresh: [(id: String, timestampUsec: Int64)] = []
        for ref in refs {
            guard let id = JSONValue.string(ref["id"]).flatMap(Self.remoteID), lister.seen.insert(id).inserted else { continue }
            fresh.append((id, JSONValue.string(ref["timestampUsec"]).flatMap { Int64($0) } ?? 0))
        }
        let next = JSONValue.string(answer["continuation"]).flatMap { $0.isEmpty ? nil : $0 }
        if let next {
            guard lister.continuations.insert(next).inserted, !fresh.isEmpty else {
                throw .badAnswer("the server's item list does not end (a continuation repeats)")
            }
        }
        guard lister.seen.count <= lister.limit else {
            throw .badAnswer("the server's item list does not end (more than \(lister.limit) ids)")
        }
        lister.continuation = next
        lister.done = next == nil
        return fresh
    }

    // MARK: Beyond the engine

    /// Subscribes to a feed (`subscription/quickadd`); returns its stream id (`feed/…`).
    public func subscribe(to feedURL: String) async throws(SyncError) -> String {
        let response = try await call("reader/api/0/subscription/quickadd", form: [("quickadd", feedURL)], changes: true)
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw .badAnswer("not a Google Reader API answer (\(APIText.describe(response)))")
        }
        guard let stream = JSONValue.string(object["streamId"]), !stream.isEmpty else {
            throw .server("the server could not subscribe to \(feedURL)")
        }
        return stream
    }

    /// Marks every item of `stream` (a feed's or a folder's id) crawled up to `newest` (microseconds on
    /// the server's clock: an item seen, not this machine's time) read (`mark-all-as-read` with `ts`):
    /// items that arrived after the reader saw the list stay unread.
    public func markAllAsRead(stream: String, upTo newest: Int64) async throws(SyncError) {
        let response = try await call("reader/api/0/mark-all-as-read", form: [("s", stream), ("ts", String(newest))], changes: true)
        try Self.expectOK(response, "mark-all-as-read")
    }
}

/// `subscription/edit` (FreshRSS, Miniflux, Inoreader, The Old Reader): `ac` = subscribe, unsubscribe or
/// edit; `s` the stream (`feed/` + the address to subscribe to); `a` and `r` the folder label to add and
/// to remove (a label the server does not have yet is made by adding it).
extension GoogleReaderClient: SubscriptionClient {
    public func subscribe(to feedURL: String, in folder: FolderChoice) async throws(SyncError) {
        var form = [("ac", "subscribe"), ("s", "feed/" + feedURL)]
        if let label = Self.label(folder) { form.append(("a", label)) }
        try await editSubscription(form)
    }

    public func unsubscribe(feed: String) async throws(SyncError) {
        try await editSubscription([("ac", "unsubscribe"), ("s", feed)])
    }

    public func move(feed: String, from: String?, to folder: FolderChoice) async throws(SyncError) {
        var form = [("ac", "edit"), ("s", feed)]
        if let label = Self.label(folder) { form.append(("a", label)) }
        if let from, from != Self.label(folder) { form.append(("r", from)) }
        try await editSubscription(form)
    }

    /// A folder's label id: the server's own, or `user/-/label/TITLE` for a new one.
    static func label(_ folder: FolderChoice) -> String? {
        switch folder {
        case .none: nil
        case .existing(let f): f.remoteID
        case .new(let title): "user/-/label/" + title
        }
    }

    private func editSubscription(_ form: [(String, String)]) async throws(SyncError) {
        let response = try await call("reader/api/0/subscription/edit", form: form, changes: true)
        try Self.expectOK(response, "subscription/edit")
    }
}
