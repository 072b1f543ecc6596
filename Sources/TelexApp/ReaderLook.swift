import TelexConfig
import TelexScreen
import TelexUI

/// The reader's keymap and theme from feeds.json `keys` and `colors`: the configuration keeps their
/// shape and lines, the keymap and the theme say what the names mean; problems come back located
/// like every other problem of the file.
public struct ReaderLook: Sendable, Hashable {
    public var keymap: Keymap
    public var theme: ThemeChoice

    public init(keymap: Keymap = .standard, theme: ThemeChoice = ThemeChoice()) { self.keymap = keymap; self.theme = theme }

    public static func resolve(_ configuration: Configuration) throws(ConfigurationError) -> ReaderLook {
        var problems: [ConfigurationProblem] = []
        let edits = configuration.keys.map { KeymapEdit(context: $0.context, keys: $0.keys, command: $0.command) }
        let (keymap, keyProblems) = Keymap.standard.applying(edits)
        for (index, message) in keyProblems {
            let entry = configuration.keys[index]
            problems.append(ConfigurationProblem(line: entry.line, path: entry.path, message: message))
        }
        var theme = ThemeChoice()
        for entry in configuration.colors {
            func fail(_ message: String) { problems.append(ConfigurationProblem(line: entry.line, path: entry.path, message: message)) }
            if entry.element == "theme" {
                if let name = ThemeName(rawValue: entry.value) { theme.name = name }
                else { fail("unknown theme \"\(entry.value)\"; built in: \(ThemeName.allCases.map(\.rawValue).joined(separator: ", "))") }
                continue
            }
            guard let element = Theme.Element(rawValue: entry.element) else {
                fail("unknown element \"\(entry.element)\"; allowed: theme, \(Theme.Element.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            do { theme.overrides[element] = try Style(parsing: entry.value) } catch { fail(error.message) }
        }
        if !problems.isEmpty { throw ConfigurationError(file: configuration.source, problems: problems.sorted { $0.line < $1.line }) }
        return ReaderLook(keymap: keymap, theme: theme)
    }
}
