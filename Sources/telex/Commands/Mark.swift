import ArgumentParser
import Foundation
import TelexModel
import TelexStore

struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark items read or unread, saved or not (by the ids `telex list` prints).",
        discussion: """
        The change is made in the cache at once; for items of an aggregator account it is also queued for \
        the next `telex sync`, in the same transaction (docs/sync.md). Exit status: 0 ok, 1 no cache, 64 bad usage.
        """)

    enum Change: String, ExpressibleByArgument, CaseIterable {
        case read, unread, save, unsave
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("read, unread, save or unsave.", valueName: "change"))
    var change: Change

    @Argument(help: ArgumentHelp("Item ids.", valueName: "id"))
    var ids: [Int64]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one item id (telex list prints them)") }
    }

    func run() throws {
        let store = try Fetch.openCache(global.cacheDirectory)
        let items = ids.map(ItemID.init)
        do {
            switch change {
            case .read: try store.setRead(items, true)
            case .unread: try store.setRead(items, false)
            case .save: for item in items { try store.setSaved(item, true) }
            case .unsave: for item in items { try store.setSaved(item, false) }
            }
        } catch {
            Output.error("cannot write the cache at \(global.cacheDirectory): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
    }
}
