import ArgumentParser
import Foundation
import TelexConfig
import TelexModel
import TelexStore

struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
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
            Output.json(.array(config.accounts.map { account -> JSONValue in
                let state = byName[account.name]
                return ["name": .string(account.name), "type": .string(account.type.rawValue), "url": .string(account.url),
                        "user": .string(account.user), "status": .string(state?.status?.rawValue ?? "never-synced"),
                        "error": JSONValue(state?.error), "last_success": .time(state?.lastSuccess),
                        "failing_since": .time(state?.failingSince),
                        "pending": JSONValue(state?.pending ?? 0), "feeds": JSONValue(state?.feeds ?? 0),
                        "items": JSONValue(state?.items ?? 0), "unread": JSONValue(state?.unread ?? 0)]
            }))
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
        case .ok: parts.append("synced \(state.lastSuccess.map(JSONValue.iso8601) ?? "")")
        case .unreachable: parts.append("server unreachable since \(state.failingSince.map(JSONValue.iso8601) ?? "?"): \(state.error ?? "")")
        case .failing: parts.append("failing since \(state.failingSince.map(JSONValue.iso8601) ?? "?"): \(state.error ?? "")")
        }
        return parts.joined(separator: "; ")
    }

}
