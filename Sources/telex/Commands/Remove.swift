import ArgumentParser
import Foundation
import TelexConfig
import TelexStore
import TelexSync

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Unsubscribe from a feed (named by its URL or its title).",
        discussion: """
        Asks for confirmation on a terminal (--yes does not). A section left without feeds goes too. \
        The feed's saved items are kept; its other items are deleted at the next retention run. \
        An account's feed (telex sync) is unsubscribed on its server, at once: when the server refuses \
        or does not answer, nothing is changed (docs/sync.md, "Subscriptions"). \
        Exit status: 0 when removed (or not confirmed), 1 when it is the last feed, 2 when feeds.json \
        holds no such feed, holds several by that title, or is invalid, 3 when the server did not unsubscribe.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The feed's URL, or its title.", valueName: "url|title"))
    var feed: String

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let context = SubscriptionContext(global: global)
        let (entry, name, redirects): (Subscriptions.Entry, String, [String: String])
        switch try context.namedFeed(feed) {
        case .local(let e, let n, let r): (entry, name, redirects) = (e, n, r)
        case .account(let remote): return try removeFromAccount(remote, context)
        }
        if !yes, TerminalPrompt.isInteractive,
           !TerminalPrompt.confirm("Remove \(name) from \(entry.section)? Its saved items are kept.") {
            Output.line("nothing removed")
            return
        }
        let update = try context.update { configuration, edit throws(FeedsFileError) in
            let now = try context.stillThere(entry, in: Subscriptions(configuration, redirects: redirects))
            if configuration.sections.reduce(0, { $0 + $1.feeds.count }) == 1 {
                throw .refused("\(name) is the only feed of \(context.file.path), which needs at least one: add another first")
            }
            return (section: now.section, sectionRemoved: edit.removeFeed(at: now.position))
        }
        Output.line("removed \(name) from \(update.result.section)"
                    + (update.result.sectionRemoved ? "; the section \(update.result.section) went with it (it had no other feed)" : ""))
        Output.line("its saved items are kept; its other items are deleted at the next retention run")
    }

    private func removeFromAccount(_ feed: AccountFeedInfo, _ context: SubscriptionContext) throws {
        let name = AccountSubscriptionCommand.describe(feed)
        if !yes, TerminalPrompt.isInteractive,
           !TerminalPrompt.confirm("Unsubscribe \(feed.account) from \(name) (in \(feed.section))? Its saved items are kept.") {
            Output.line("nothing removed")
            return
        }
        let command = try AccountSubscriptionCommand(global: global, configuration: try context.configuration())
        _ = try command.change(feed.account) { service throws(SyncError) in try await service.unsubscribe(feed) }
        Output.line("removed \(name) from \(feed.section): unsubscribed on \(feed.account)")
        Output.line("its saved items are kept; its other items are deleted at the next retention run")
    }
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a feed (named by its URL or its title) to another section.",
        discussion: """
        The section is created when missing; a section left without feeds goes. The feed keeps its items, \
        their read and saved state, and its options in feeds.json. \
        An account's feed (telex sync) is moved on its server, to the folder the section stands for (made \
        when missing, where the server's API can): when the server refuses or does not answer, nothing is \
        changed (docs/sync.md, "Subscriptions"). \
        Exit status: 0 when moved (or already there), 2 when feeds.json holds no such feed or is invalid, \
        3 when the server did not move it, 1 for a move between feeds.json and an account.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The feed's URL, or its title.", valueName: "url|title"))
    var feed: String

    @Argument(help: ArgumentHelp("The section to move it to.", valueName: "section"))
    var section: String

    func validate() throws {
        if SubscriptionText.clean(section).isEmpty { throw ValidationError("the section needs a name") }
    }

    func run() throws {
        let context = SubscriptionContext(global: global)
        let (entry, name, redirects): (Subscriptions.Entry, String, [String: String])
        switch try context.namedFeed(feed) {
        case .local(let e, let n, let r): (entry, name, redirects) = (e, n, r)
        case .account(let remote): return try moveOnAccount(remote, context)
        }
        let wanted = SubscriptionText.clean(section)
        if let other = AccountSubscriptionCommand.sections(cacheDirectory: global.cacheDirectory)
            .first(where: { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }) {
            Output.error("\(other.name) is a section of the account \(other.account), and \(name) a feed of \(context.file.path): "
                         + "add it to the account (telex add URL --section \"\(other.name)\"), then remove it here")
            throw ExitCode(ExitStatus.runtime)
        }
        let update = try context.update { configuration, edit throws(FeedsFileError) in
            let current = Subscriptions(configuration, redirects: redirects)
            let now = try context.stillThere(entry, in: current)
            let target = current.section(named: wanted) ?? wanted
            if target.caseInsensitiveCompare(now.section) == .orderedSame { return (from: now.section, to: target, moved: false, left: false, new: false) }
            let left = edit.moveFeed(at: now.position, toSection: target)
            return (from: now.section, to: target, moved: true, left: left, new: current.section(named: wanted) == nil)
        }
        let r = update.result
        guard r.moved else { Output.line("\(name) is already in \(r.to)"); return }
        Output.line("moved \(name) from \(r.from) to \(r.to)" + (r.new ? " (new section)" : "")
                    + (r.left ? "; the section \(r.from) went (it had no other feed)" : ""))
    }

    private func moveOnAccount(_ feed: AccountFeedInfo, _ context: SubscriptionContext) throws {
        let name = AccountSubscriptionCommand.describe(feed)
        let wanted = SubscriptionText.clean(section)
        let command = try AccountSubscriptionCommand(global: global, configuration: try context.configuration())
        let folder: FolderChoice
        do throws(SyncError) {
            folder = try command.service.folder(named: wanted, account: feed.account)
        } catch {
            Output.error("\(feed.account): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let current: String? = feed.folderID
        let same: Bool = switch folder {
        case .none: current == nil
        case .existing(let f): f.remoteID == current
        case .new: false
        }
        if same { Output.line("\(name) is already in \(feed.section)"); return }
        _ = try command.change(feed.account) { service throws(SyncError) in try await service.move(feed, to: folder) }
        let now = (try? command.service.feeds(named: feed.remoteURL))?.first { $0.account == feed.account }?.section ?? wanted
        Output.line("moved \(name) from \(feed.section) to \(now) on \(feed.account)" + (folder == .new(wanted) ? " (new folder)" : ""))
    }
}
