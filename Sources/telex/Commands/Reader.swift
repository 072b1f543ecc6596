import ArgumentParser
import Foundation
import TelexApp

struct Reader: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reader",
        abstract: "Open the reader (the default when no subcommand is given).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("no-color"), help: "Draw without colours (as NO_COLOR does).")
    var noColor = false

    @Flag(name: .customLong("demo-data"), help: .hidden)
    var demoData = false

    func run() throws {
        let config = try global.loadConfiguration()
        let look = try global.readerLook(config)
        let env = ProcessInfo.processInfo.environment
        let noColor = self.noColor || !(env["NO_COLOR"] ?? "").isEmpty
        do {
            try ReaderApp.run(ReaderApp.Options(configuration: config, paths: global.paths,
                                                cacheDirectory: global.cacheDirectory, noColor: noColor,
                                                demoData: demoData || env["TELEX_DEMO_DATA"] == "1",
                                                followConfiguration: true, explicitConfigPath: global.config, look: look))
        } catch {
            Output.error("\(error)")
            throw ExitCode(ExitStatus.runtime)
        }
    }
}
