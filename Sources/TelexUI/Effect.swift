import TelexModel

/// Work the reducer asks for; the runner in TelexApp performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case quit
    case loadSections
    case refresh
}
