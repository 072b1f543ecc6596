import Foundation
import TelexConfig
import TelexFetch
import TelexStore

/// Syncs feeds.json's accounts with a cache: the composition of a password reader, the token file,
/// the one HTTP client and a protocol client per account. One sync per cache at a time (`sync.lock`).
public struct SyncRunner: Sendable {
    public let configuration: Configuration
    public let store: Store
    public let cacheDirectory: String
    public let http: any HTTPFetching
    public let passwords: PasswordReader
    /// After the accounts synced, fetch their new items' article pages with telex's own pipeline (a
    /// fetch pass over the accounts' feeds only), so that synced news reads offline too.
    public let fetchPages: Bool
    /// Compare the server's whole unread and starred id sets even when its counts match (`telex sync --full`).
    public let fullStateCheck: Bool

    public init(configuration: Configuration, store: Store, cacheDirectory: String, http: any HTTPFetching,
                passwords: PasswordReader = PasswordReader(), fetchPages: Bool = true, fullStateCheck: Bool = false) {
        self.configuration = configuration; self.store = store; self.cacheDirectory = cacheDirectory
        self.http = http; self.passwords = passwords; self.fetchPages = fetchPages; self.fullStateCheck = fullStateCheck
    }

    /// Writes the configured accounts into the cache (a removed account's feeds leave their sections).
    public func mirrorAccounts() throws {
        try store.syncAccounts(configuration.accounts.map { AccountSpec(name: $0.name, type: $0.type.rawValue, url: $0.url) })
    }

    /// Syncs the named accounts (nil: all), one after the other; one report each, in feeds.json order.
    public func sync(only names: [String]? = nil) async throws -> [SyncReport] {
        try mirrorAccounts()
        let lock = try await SyncLock(directory: cacheDirectory)
        defer { lock.release() }
        var reports: [SyncReport] = []
        for account in configuration.accounts where names == nil || names!.contains(account.name) {
            reports.append(await sync(account))
        }
        if fetchPages, reports.contains(where: { $0.error == nil }), !Task.isCancelled {
            // No local feed is selected (`.ids([])`): only the accounts' items' pages, no retention.
            var options = PassOptions(selection: .ids([]), force: true, articles: true)
            options.accountPages = true
            options.maintenance = false
            _ = try? await FetchService(store: store, configuration: configuration, http: http).runPass(options)
        }
        return reports
    }

    private func sync(_ account: AccountConfig) async -> SyncReport {
        var report = SyncReport(account: account.name)
        let id: AccountID
        do {
            guard let found = try store.accountID(named: account.name) else { throw SyncError.store("account \(account.name) is not in the cache") }
            id = found
        } catch {
            report.error = error as? SyncError ?? .store("\(error)")
            return report
        }
        let client: any AggregatorClient
        do throws(SyncError) {
            client = try makeClient(account)
        } catch {
            report.error = error
            try? store.recordSync(id, AccountSyncResult(at: Date(), status: .failing, error: error.description))
            return report
        }
        return await AccountSync(store: store, fullStateCheck: fullStateCheck).run(id, name: account.name, client: client)
    }

    func makeClient(_ account: AccountConfig) throws(SyncError) -> any SubscriptionClient {
        let tokens = TokenFile(cacheDirectory: cacheDirectory)
        let passwords = self.passwords
        let source = account.password
        switch account.type {
        case .ttrss:
            return try TTRSSClient(url: account.url, user: account.user, http: http, sessionID: tokens.token(for: account.name),
                                   password: { () throws(SyncError) -> String in try passwords.password(for: source) },
                                   onNewSession: { _ = try? tokens.setToken($0, for: account.name) })
        case .greader:
            return try GoogleReaderClient(url: account.url, user: account.user, http: http, session: tokens.token(for: account.name),
                                          password: { () throws(SyncError) -> String in try passwords.password(for: source) },
                                          onNewSession: { _ = try? tokens.setToken($0, for: account.name) })
        case .miniflux:
            return try MinifluxClient(url: account.url, user: account.user, apiKey: account.auth == .apiKey, http: http,
                                      secret: { () throws(SyncError) -> String in try passwords.password(for: source) })
        }
    }
}

/// `sync.lock` in the cache directory, held (flock) for a whole sync: two syncs of one cache would
/// push the same outbox rows twice and race on the cursor.
struct SyncLock {
    let fd: Int32

    /// Waits for the lock without blocking a thread (polled every 50 ms); a cancelled wait throws.
    init(directory: String) async throws {
        let path = (directory as NSString).appendingPathComponent("sync.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            do { try await Task.sleep(for: .milliseconds(50)) } catch {
                close(fd)
                throw error
            }
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
