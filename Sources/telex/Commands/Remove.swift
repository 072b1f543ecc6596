import ArgumentParser
import Foundation
import TelexConfig

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Unsubscribe from a feed (named by its URL or its title).",
        discussion: """
        Asks for confirmation on a terminal (--yes does not). A section left without feeds goes too. \
        The feed's saved items are kept; its other items are deleted at the next retention run. \
        Exit status: 0 when removed (or not confirmed), 1 when it is the last feed, 2 when feeds.json \
        holds no such feed, holds several by that title, or is invalid.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The feed's URL, or its title.", valueName: "url|title"))
    var feed: String

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let context = SubscriptionContext(global: global)
        let (entry, name, redirects) = try context.namedFeed(feed)
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
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a feed (named by its URL or its title) to another section.",
        discussion: """
        The section is created when missing; a section left without feeds goes. The feed keeps its items, \
        their read and saved state, and its options in feeds.json. \
        Exit status: 0 when moved (or already there), 2 when feeds.json holds no such feed or is invalid.
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
        let (entry, name, redirects) = try context.namedFeed(feed)
        let wanted = SubscriptionText.clean(section)
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
}

