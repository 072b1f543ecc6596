import Foundation
import TelexConfig
import TelexFetch
import TelexModel
import TelexUI

extension CacheSession {
    /// feeds.json was changed by `a` or `F`: the cache follows it at once (sections and feeds as the file
    /// says) and the feeds that are new to it are fetched, through the fetch coordinator.
    func follow(_ file: FeedsFile, post: @escaping @Sendable (Action) -> Void) {
        let store = self.store, directory = cacheDirectory
        Task.detached {
            do {
                let configuration = try file.load()
                let known = Set(try store.feedsForFetching().map(\.url))
                let added = configuration.enabledFeeds.map(\.feed.url).filter { !known.contains($0) }
                post(.fetchProgressed(FetchProgress(running: !added.isEmpty)))
                _ = try await FetchCoordinator.refreshNow(store: store, configuration: configuration, cacheDirectory: directory,
                                                          selection: .feeds(added))
                post(.fetchProgressed(FetchProgress()))
                post(.cacheChanged)
            } catch {
                post(.fetchProgressed(FetchProgress()))
                post(.failed("feeds.json changed but the cache could not follow: \(error)"))
            }
        }
    }
}
