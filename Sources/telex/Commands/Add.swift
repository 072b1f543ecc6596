import ArgumentParser
import Foundation
import TelexConfig
import TelexFetch
import TelexModel
import TelexScreen
import TelexStore
import TelexSync

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Subscribe to a feed, or find the feeds of a site from any of its pages.",
        discussion: """
        URL is a feed, or any page of a site (https:// is assumed when no scheme is given): its \
        <link rel="alternate"> feeds, else its links named like feeds, else the usual addresses (/feed, \
        /rss, /rss.xml, /atom.xml, /index.xml, /feed.json, /?feed=rss2) are fetched and parsed. One feed \
        is added at once; several are listed with their titles and item counts and, on a terminal, you \
        choose (--all or --pick N choose without asking). The new feed is fetched right away. A feed \
        already in feeds.json (by any spelling of its URL, or the address it moved to) is not added again.
        With --account, or a --section that is an account's (telex sync), the account's server subscribes \
        to the feed found, in that section's folder (a new folder where the server's API can make one), \
        and the account is synced (unless --no-fetch); when the server refuses or does not answer, nothing \
        is changed (docs/sync.md, "Subscriptions"). \
        Exit status: 0 when added or already there, 1 when no feed was found or several were found \
        without a terminal to ask, 2 when feeds.json is invalid (it is never overwritten then) or names no \
        such account, 3 when the server did not subscribe, 64 for an address telex does not fetch (only \
        http and https).
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A feed's address, or a page of the site.", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("Add to this section (created when missing; default: \(Add.defaultSection)).", valueName: "name"))
    var section: String?

    @Option(help: ArgumentHelp("Show the feed under this title instead of its own.", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("Subscribe this account of feeds.json (its server) instead of adding to feeds.json.", valueName: "name"))
    var account: String?

    @Flag(help: "Add every feed found.")
    var all = false

    @Option(help: ArgumentHelp("Add the N-th feed found (repeatable).", valueName: "n"))
    var pick: [Int] = []

    @Flag(name: .customLong("no-fetch"), help: "Do not fetch the new feed now.")
    var noFetch = false

    static let defaultSection = SubscriptionDefaults.section

    func validate() throws {
        if all && !pick.isEmpty { throw ValidationError("--all and --pick choose differently: give one") }
        if let section, SubscriptionText.clean(section).isEmpty { throw ValidationError("--section needs a name") }
        if pick.contains(where: { $0 < 1 }) { throw ValidationError("--pick counts from 1") }
    }

    func run() throws {
        let context = SubscriptionContext(global: global)
        let config = try context.configuration()
        let knowledge = context.cacheKnowledge()
        let subscriptions = Subscriptions(config, redirects: knowledge.redirects)
        let address: String
        do { address = try FeedDiscovery.completeAddress(url) } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        if let target = try accountTarget(config, context) { return try addToAccount(address, target, config) }
        if let existing = subscriptions.existing(address) {
            Output.line("already subscribed: \(SubscriptionContext.describe(existing.feed, displayTitle: knowledge.titles[existing.feed.url])) in \(existing.section)")
            return
        }
        let report = try discover(address, settings: config.settings)
        // Feeds already followed are said so and not offered: the choice (and --pick's numbers) is among the others.
        var offered: [DiscoveredFeed] = []
        for feed in report.feeds {
            if let existing = ([feed.url] + feed.addresses).lazy.compactMap(subscriptions.existing).first {
                let name = SubscriptionContext.describe(existing.feed, displayTitle: knowledge.titles[existing.feed.url] ?? feed.title)
                Output.line("already subscribed: \(name) in \(existing.section)")
            } else {
                offered.append(feed)
            }
        }
        guard !offered.isEmpty else { return }
        let fresh = try choose(offered, at: report.requestedURL, others: offered.count < report.feeds.count)
        let customTitle = title.map(SubscriptionText.clean).flatMap { $0.isEmpty ? nil : $0 }
        if customTitle != nil, fresh.count > 1 {
            Output.error("--title names one feed, and \(fresh.count) were chosen")
            throw ExitCode(ExitStatus.usage)
        }
        let wanted = section.map(SubscriptionText.clean) ?? Self.defaultSection
        let update = try context.update { configuration, edit throws(FeedsFileError) in
            // Another process may have written feeds.json since: decide again on what it holds now.
            let current = Subscriptions(configuration, redirects: knowledge.redirects)
            let added = fresh.filter { feed in ([feed.url] + feed.addresses).allSatisfy { current.existing($0) == nil } }
            let target = current.section(named: wanted) ?? wanted
            edit.append(added.map { FeedsJSONEdit.NewFeed(url: $0.url, title: customTitle) }, toSection: target)
            return (added: added, section: target, newSection: current.section(named: wanted) == nil)
        }
        let result = update.result
        for feed in fresh where !result.added.contains(feed) {
            Output.line("already subscribed: \(feed.url) (added by another process meanwhile)")
        }
        guard !result.added.isEmpty else { return }
        for feed in result.added {
            let name = customTitle ?? feed.title ?? feed.url
            Output.line("added \(name) <\(feed.url)> to \(result.section)" + (result.newSection ? " (new section)" : "")
                        + " (\(Self.items(feed.itemCount)))")
        }
        Output.line("feeds.json: \(context.file.path)")
        if !noFetch { try fetchNow(result.added.map(\.url)) }
    }

    /// The account a feed is added to: `--account`, else the account whose section `--section` names; nil: feeds.json.
    private func accountTarget(_ config: Configuration, _ context: SubscriptionContext) throws -> (account: String, section: AccountSectionInfo?)? {
        let sections = AccountSubscriptionCommand.sections(cacheDirectory: global.cacheDirectory)
        let named = section.map(SubscriptionText.clean).flatMap { wanted in sections.first { $0.name.caseInsensitiveCompare(wanted) == .orderedSame } }
        if let account {
            guard config.accounts.contains(where: { $0.name == account }) else {
                let known = config.accounts.map(\.name)
                Output.error("no account \"\(account)\" in \(context.file.path)" + (known.isEmpty ? " (it has no accounts)" : "; accounts: \(known.joined(separator: ", "))"))
                throw ExitCode(ExitStatus.configuration)
            }
            return (account, named?.account == account ? named : nil)
        }
        return named.map { ($0.account, $0) }
    }

    /// Discovery as for feeds.json, then the account's server subscribes to the feeds chosen, one by one.
    private func addToAccount(_ address: String, _ target: (account: String, section: AccountSectionInfo?), _ config: Configuration) throws {
        if title != nil {
            Output.error("--title names a feed in feeds.json; an account's feeds have the titles their server gives")
            throw ExitCode(ExitStatus.usage)
        }
        let name = target.account
        let known = { (url: String) in AccountSubscriptionCommand.feeds(named: url, cacheDirectory: global.cacheDirectory).first { $0.account == name } }
        if let existing = known(address) {
            Output.line("already subscribed: \(AccountSubscriptionCommand.describe(existing)) in \(existing.section) on \(name)")
            return
        }
        let report = try discover(address, settings: config.settings)
        var offered: [DiscoveredFeed] = []
        for feed in report.feeds {
            if let existing = ([feed.url] + feed.addresses).lazy.compactMap(known).first {
                Output.line("already subscribed: \(AccountSubscriptionCommand.describe(existing)) in \(existing.section) on \(name)")
            } else {
                offered.append(feed)
            }
        }
        guard !offered.isEmpty else { return }
        let fresh = try choose(offered, at: report.requestedURL, others: offered.count < report.feeds.count)
        let command = try AccountSubscriptionCommand(global: global, configuration: config)
        let folder: FolderChoice
        if let section = target.section {
            folder = section.folder.map(FolderChoice.existing) ?? .none
        } else if let wanted = section.map(SubscriptionText.clean) {
            do throws(SyncError) { folder = try command.service.folder(named: wanted, account: name) } catch {
                Output.error("\(name): \(error)")
                throw ExitCode(ExitStatus.runtime)
            }
        } else {
            folder = .none
        }
        for feed in fresh {
            let outcome = try command.change(name) { service throws(SyncError) in try await service.subscribe(feed.url, account: name, folder: folder) }
            let place = outcome.feed.map { " to \($0.section)" } ?? ""
            Output.line("added \(feed.title ?? feed.url) <\(feed.url)>\(place) on \(name) (\(Self.items(feed.itemCount)) here; the server fetches it itself)")
        }
        if !noFetch { try command.sync(name) }
    }

    /// Discovery with the addresses it tries on one rewritten line on a terminal.
    private func discover(_ address: String, settings: Settings) throws -> DiscoveryReport {
        let discovery = FeedDiscovery(http: FetchService.liveHTTP(settings))
        let terminal = Output.stdoutIsTerminal
        let progress: @Sendable (String) -> Void = { url in
            guard terminal else { return }
            FileHandle.standardOutput.write(Data(("\r\u{1B}[Klooking for feeds: " + TerminalSafeURL.short(url)).utf8))
        }
        let report: DiscoveryReport
        do {
            report = try AsyncBridge.run { try await discovery.discover(address, progress: progress) }
        } catch {
            if terminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
            Output.error("cannot read \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        if terminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        if report.feeds.isEmpty {
            var message = "no feed found at \(report.requestedURL)"
            if !report.misses.isEmpty {
                message += "; tried:\n" + report.misses.prefix(12).map { "  \($0.url): \($0.reason)" }.joined(separator: "\n")
            }
            Output.error(message)
            throw ExitCode(ExitStatus.runtime)
        }
        return report
    }

    /// The feeds to add: the only one, `--all`, `--pick`, or the user's answer on a terminal; `others`: some
    /// feeds of the page are already subscribed (and not among these).
    private func choose(_ feeds: [DiscoveredFeed], at address: String, others: Bool) throws -> [DiscoveredFeed] {
        if all { return feeds }
        if !pick.isEmpty {
            if let bad = pick.first(where: { $0 > feeds.count }) {
                Output.error("--pick \(bad): only \(feeds.count) \(others ? "other " : "")feed\(feeds.count == 1 ? " was" : "s were") found")
                list(feeds)
                throw ExitCode(ExitStatus.usage)
            }
            var seen = Set<Int>()
            return pick.filter { seen.insert($0).inserted }.map { feeds[$0 - 1] }
        }
        if feeds.count == 1 { return feeds }
        Output.line("\(feeds.count) \(others ? "other " : "")feeds found at \(address):")
        list(feeds)
        guard TerminalPrompt.isInteractive else {
            Output.error("several feeds found: choose with --pick N (repeatable) or --all")
            throw ExitCode(ExitStatus.runtime)
        }
        while true {
            guard let answer = TerminalPrompt.ask("Add which? (numbers, a for all, Enter for 1, q to cancel) ") else {
                throw ExitCode(ExitStatus.runtime)
            }
            let text = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if text.isEmpty { return [feeds[0]] }
            if text == "q" { Output.line("nothing added"); throw ExitCode(ExitStatus.ok) }
            if text == "a" || text == "all" { return feeds }
            let numbers = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { Int($0) }
            if !numbers.isEmpty, numbers.allSatisfy({ $0.map { (1...feeds.count).contains($0) } ?? false }) {
                var seen = Set<Int>()
                return numbers.compactMap { $0 }.filter { seen.insert($0).inserted }.map { feeds[$0 - 1] }
            }
            Output.line("answer with numbers from 1 to \(feeds.count), a, or q")
        }
    }

    private func list(_ feeds: [DiscoveredFeed]) {
        let width = String(feeds.count).count
        for (i, feed) in feeds.enumerated() {
            let n = String(i + 1)
            let name = feed.title ?? "(untitled)"
            Output.line(String(repeating: " ", count: width - n.count) + "  \(n). \(name) <\(feed.url)> (\(Self.items(feed.itemCount)))")
        }
    }

    static func items(_ n: Int) -> String { n == 1 ? "1 item" : "\(n) items" }

    /// The new feeds through `telex fetch --feed URL…`: the one fetch path (the lock, a daemon that holds it).
    private func fetchNow(_ urls: [String]) throws {
        var arguments = global.forwardedArguments
        for url in urls { arguments += ["--feed", url] }
        let fetch = try Fetch.parse(arguments)
        do { try fetch.run() } catch let exit as ExitCode where exit != .success {
            Output.error("the feed was added, but fetching it failed: `telex fetch` or r in the reader tries again")
            throw exit
        }
    }
}

/// URLs in progress lines: cut to fit a line, and terminal-safe.
enum TerminalSafeURL {
    static func short(_ url: String, limit: Int = 70) -> String {
        let clean = TerminalSafe.clean(url)
        return clean.count <= limit ? clean : String(clean.prefix(limit - 1)) + "…"
    }
}
