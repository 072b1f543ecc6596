import TelexUI

/// Loads the pages the reading view follows (from the cache, else fetched now).
public protocol PageLoading: AnyObject, Sendable {
    func followLink(_ url: String, post: @escaping @Sendable (Action) -> Void) -> PageLoadHandle
    func saveForLater(_ url: String, post: @escaping @Sendable (Action) -> Void)
}

/// Cancels a page load in flight (Esc in the reader).
public struct PageLoadHandle: Sendable {
    let cancel: @Sendable () -> Void
    public init(cancel: @escaping @Sendable () -> Void) { self.cancel = cancel }
}
