import Foundation
import TelexFetch
import TelexSync
import TelexUI

extension CacheSession {
    /// `r` syncs feeds.json's accounts too (docs/sync.md), beside the fetch pass. What a sync stores
    /// shows through the change signal like any write; an account that fails says why on the status line.
    func syncAccounts(post: @escaping @Sendable (Action) -> Void) {
        let configuration = self.configuration
        guard !configuration.accounts.isEmpty else { return }
        let runner = SyncRunner(configuration: configuration, store: store, cacheDirectory: cacheDirectory,
                                http: FetchService.liveHTTP(configuration.settings))
        Task.detached {
            do {
                let failed = try await runner.sync().filter { $0.error != nil }
                if !failed.isEmpty { post(.failed(failed.map(SyncReport.line).joined(separator: "; "))) }
            } catch {
                post(.failed("Sync failed: \(error)"))
            }
        }
    }

    /// The reader's `a` and `F` on an account's feed or section: the change goes to its server (nil
    /// without accounts).
    func accountSubscriptions() -> AccountSubscriptions? {
        let configuration = self.configuration
        guard !configuration.accounts.isEmpty else { return nil }
        return AccountSubscriptions(runner: SyncRunner(configuration: configuration, store: store, cacheDirectory: cacheDirectory,
                                                       http: FetchService.liveHTTP(configuration.settings)))
    }
}
