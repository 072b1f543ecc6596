import ArgumentParser
import Foundation
import TelexConfig
import TelexModel
import TelexOPML

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Subscribe to the feeds of an OPML file (newsboat -e, sfeed_opml_export, any reader's export).",
        discussion: """
        OPML 1.0 and 2.0. Each feed goes to the section of its innermost named folder (an existing \
        section of that name, else a new one); feeds outside any folder go to --section (default \
        \(Import.defaultSection)). Feeds already in feeds.json are skipped and listed; only http and https \
        feeds are imported. The file is read safely: a document type declaration or an entity refuses it, \
        nothing it names is fetched or run, and size and nesting are bounded. --dry-run prints what would \
        change and writes nothing. The feeds are fetched by the next `telex fetch` (or r in the reader). \
        Exit status: 0 when imported (or nothing was new), 1 when the file cannot be read, 2 when it is not \
        an OPML file telex accepts or feeds.json is invalid.
        """)

    static let defaultSection = SubscriptionDefaults.importSection

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The OPML file (- reads standard input).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The section for feeds outside any folder (default: \(Import.defaultSection)).", valueName: "name"))
    var section: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would change; write nothing.")
    var dryRun = false

    func validate() throws {
        if let section, SubscriptionText.clean(section).isEmpty { throw ValidationError("--section needs a name") }
    }

    func run() throws {
        let document = try readDocument()
        for warning in document.warnings { Output.error("\(file): warning: \(warning)") }
        let context = SubscriptionContext(global: global)
        let knowledge = context.cacheKnowledge()
        let defaultSection = section.map(SubscriptionText.clean) ?? Self.defaultSection
        if dryRun {
            let configuration = try context.configuration()
            let plan = ImportPlan(entries: document.entries, into: Subscriptions(configuration, redirects: knowledge.redirects),
                                  defaultSection: defaultSection)
            print(plan, dryRun: true)
            return
        }
        let update = try context.update { configuration, edit throws(FeedsFileError) in
            let plan = ImportPlan(entries: document.entries, into: Subscriptions(configuration, redirects: knowledge.redirects),
                                  defaultSection: defaultSection)
            plan.apply(to: &edit)
            return plan
        }
        print(update.result, dryRun: false)
        if update.written {
            Output.line("feeds.json: \(context.file.path)" + (update.backedUp ? " (the previous version is \(context.file.backupPath))" : ""))
            Output.line("`telex fetch` (or r in the reader) fetches the new feeds")
        }
    }

    private func readDocument() throws -> OPMLDocument {
        let bytes: [UInt8]
        if file == "-" {
            bytes = Array(FileHandle.standardInput.readData(ofLength: OPMLReader.maximumBytes + 1))
        } else {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                Output.error("\(file): " + (FileManager.default.fileExists(atPath: file) ? "cannot be read (check its permissions)" : "no such file"))
                throw ExitCode(ExitStatus.runtime)
            }
            defer { try? handle.close() }
            // One byte over the bound is enough to refuse the file without reading all of it.
            bytes = Array(handle.readData(ofLength: OPMLReader.maximumBytes + 1))
        }
        do { return try OPMLReader.read(bytes) } catch {
            Output.error("\(file): \(error)")
            throw ExitCode(ExitStatus.configuration)
        }
    }

    private func print(_ plan: ImportPlan, dryRun: Bool) {
        let newSections = Set(plan.newSections.map { $0.lowercased() })
        for section in plan.sections {
            Output.line(section + (newSections.contains(section.lowercased()) ? " (new section)" : ""))
            for addition in plan.additions where addition.section.caseInsensitiveCompare(section) == .orderedSame {
                Output.line("  + " + (addition.feed.title.map { "\($0) <\(addition.feed.url)>" } ?? addition.feed.url))
            }
        }
        for duplicate in plan.duplicates {
            Output.line("  = already subscribed: \(duplicate.url) (in \(duplicate.existingSection))")
        }
        for refusal in plan.refused {
            Output.line("  ! not imported: \(refusal.url): \(refusal.reason)")
        }
        let feeds = plan.additions.count
        var summary = (dryRun ? "would import " : "imported ") + "\(feeds) feed\(feeds == 1 ? "" : "s")"
        if feeds > 0 {
            summary += " into \(plan.sections.count) section\(plan.sections.count == 1 ? "" : "s")"
            if !plan.newSections.isEmpty { summary += " (\(plan.newSections.count) new)" }
        }
        summary += "; \(plan.duplicates.count) already subscribed, \(plan.refused.count) refused"
        Output.line(summary)
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the sections and feeds as OPML 2.0 (one folder per section), for another reader.",
        discussion: "`telex import` of the output into an empty configuration gives the same sections and feeds.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "OPML 2.0 (the only format, and the default).")
    var opml = false

    func run() throws {
        let config = try global.loadConfiguration()
        FileHandle.standardOutput.write(Data(OPMLWriter.write(config).utf8))
    }
}
