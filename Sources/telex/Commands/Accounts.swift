import ArgumentParser
import Foundation
import TelexConfig
import TelexStore

struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the aggregator accounts of feeds.json with their sync state.",
        discussion: """
        Each account with its type, server, user, feeds and items in the cache, changes waiting to be pushed, \
        the last successful sync, and while syncs fail, since when and why. Passwords are never printed. \
        See docs/sync.md. Exit status: 0, or 2 when feeds.json is invalid.
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        let config = try global.loadConfiguration()
        // The cache is only read: an account it does not have yet is "never synced".
        let states = (try? Store.open(directory: global.cacheDirectory, readOnly: true).accountStates()) ?? []
        let byName = Dictionary(states.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if json {
            Output.json(config.accounts.map { account -> [String: Any] in
                let state = byName[account.name]
                return ["name": account.name, "type": account.type.rawValue, "url": account.url, "user": account.user,
                        "status": state?.status?.rawValue ?? "never-synced", "error": state?.error ?? NSNull(),
                        "last_success": state?.lastSuccess.map(Self.iso) ?? NSNull(),
                        "failing_since": state?.failingSince.map(Self.iso) ?? NSNull(),
                        "pending": state?.pending ?? 0, "feeds": state?.feeds ?? 0, "items": state?.items ?? 0,
                        "unread": state?.unread ?? 0]
            })
            return
        }
        if config.accounts.isEmpty {
            Output.line("no accounts in \(config.source) (see docs/sync.md)")
            return
        }
        for account in config.accounts {
            let state = byName[account.name]
            Output.line("\(account.name)  \(account.type.rawValue)  \(account.url)  user \(account.user)")
            Output.line("  " + Self.stateLine(state))
        }
    }

    static func stateLine(_ state: AccountState?) -> String {
        guard let state, let status = state.status else { return "never synced" }
        var parts = ["\(state.feeds) feeds, \(state.items) items, \(state.unread) unread"]
        if state.pending > 0 { parts.append("\(state.pending) change\(state.pending == 1 ? "" : "s") waiting") }
        switch status {
        case .ok: parts.append("synced \(state.lastSuccess.map(iso) ?? "")")
        case .unreachable: parts.append("server unreachable since \(state.failingSince.map(iso) ?? "?"): \(state.error ?? "")")
        case .failing: parts.append("failing since \(state.failingSince.map(iso) ?? "?"): \(state.error ?? "")")
        }
        return parts.joined(separator: "; ")
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
