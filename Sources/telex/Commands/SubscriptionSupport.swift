import ArgumentParser
import Foundation
import TelexConfig
import TelexModel
import TelexApp
import TelexStore

/// What `add`, `remove`, `move` and `import` share: the feeds.json they edit, what the cache knows
/// about its feeds, and the exit statuses of a refused edit.
struct SubscriptionContext {
    let global: GlobalOptions

    /// `--config PATH` (a new file starts empty), else the user's feeds.json (a new one starts as the
    /// built-in default).
    var file: FeedsFile { FeedsFile.editable(explicitPath: global.config, paths: global.paths) }

    /// The configuration in the file, or exit 2 with its problems (nothing is changed).
    func configuration() throws -> Configuration {
        do { return try file.load() } catch { throw Self.exit(error) }
    }

    /// Edits the file safely (see `FeedsFile.update`), or exits with the error's status.
    func update<Result>(_ change: (Configuration, inout FeedsJSONEdit) throws(FeedsFileError) -> Result) throws -> FeedsFile.Update<Result> {
        do { return try file.update(change) } catch { throw Self.exit(error) }
    }

    /// What the cache knows about configured feeds (read-only; empty without a cache).
    func cacheKnowledge() -> CacheKnowledge { CacheKnowledge.read(cacheDirectory: global.cacheDirectory) }

    /// A feed a command line names: one of feeds.json, or (feeds.json having none by that name) one of
    /// an account's, which the server owns.
    enum NamedFeed {
        case local(entry: Subscriptions.Entry, name: String, redirects: [String: String])
        case account(AccountFeedInfo)
    }

    /// The feed a command-line argument names (URL or title): feeds.json's first, then the accounts' feeds
    /// in the cache; or exit 2 saying what would have matched.
    func namedFeed(_ query: String) throws -> NamedFeed {
        let knowledge = cacheKnowledge()
        let subscriptions = Subscriptions(try configuration(), redirects: knowledge.redirects)
        switch subscriptions.find(query, feedTitles: knowledge.titles) {
        case .found(let entry):
            return .local(entry: entry, name: Self.describe(entry.feed, displayTitle: knowledge.titles[entry.feed.url]), redirects: knowledge.redirects)
        case .none:
            let remote = AccountSubscriptionCommand.feeds(named: query, cacheDirectory: global.cacheDirectory)
            if remote.count == 1 { return .account(remote[0]) }
            if remote.count > 1 {
                Output.error("several feeds are called \"\(query)\"; give the address of one:\n"
                             + remote.map { "  \($0.remoteURL) (\($0.section), account \($0.account))" }.joined(separator: "\n"))
                throw ExitCode(ExitStatus.configuration)
            }
            Output.error("no feed \"\(query)\" in \(file.path) or among the accounts' feeds: give its URL or its title (telex feeds lists feeds.json's, the reader's F an account's)")
            throw ExitCode(ExitStatus.configuration)
        case .ambiguous(let entries):
            Output.error("several feeds are called \"\(query)\"; give the URL of one:\n"
                         + entries.map { "  \($0.feed.url) (\($0.section))" }.joined(separator: "\n"))
            throw ExitCode(ExitStatus.configuration)
        }
    }

    /// Where `entry` is in the file as it is now (under the lock), or `.notFound` when another process removed it.
    func stillThere(_ entry: Subscriptions.Entry, in current: Subscriptions) throws(FeedsFileError) -> Subscriptions.Entry {
        guard let now = current.existing(entry.feed.url) else {
            throw FeedsFileError(.notFound, "\(entry.feed.url) is no longer in \(file.path) (removed meanwhile)")
        }
        return now
    }

    static func exit(_ error: FeedsFileError) -> ExitCode {
        Output.error(error.description)
        switch error.kind {
        case .invalid, .notFound: return ExitCode(ExitStatus.configuration)
        case .refused, .io: return ExitCode(ExitStatus.runtime)
        }
    }

    /// A feed as messages name it: "Title <url>" or the URL alone.
    static func describe(_ feed: FeedConfig, displayTitle: String? = nil) -> String {
        // A feed never fetched is shown by host and path, which the URL says already.
        if let title = feed.title ?? displayTitle, title != feed.url, title != FeedName.hostAndPath(feed.url) {
            return "\(title) <\(feed.url)>"
        }
        return feed.url
    }
}

/// Questions on the terminal (never asked when stdin is not one).
enum TerminalPrompt {
    static var isInteractive: Bool { isatty(0) == 1 }

    /// Prints the question without a newline and reads one line (nil at end of input).
    static func ask(_ question: String) -> String? {
        FileHandle.standardOutput.write(Data(question.utf8))
        return readLine(strippingNewline: true)
    }

    /// y/N: only an explicit yes is a yes.
    static func confirm(_ question: String) -> Bool {
        guard let answer = ask(question + " [y/N] ") else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

extension GlobalOptions {
    /// Arguments that make another command see the same feeds.json and cache.
    var forwardedArguments: [String] {
        (config.map { ["--config", $0] } ?? []) + (cache.map { ["--cache", $0] } ?? [])
    }
}
