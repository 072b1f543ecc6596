import TelexModel
import TelexScreen

/// Everything that can happen to the front end: input, and results of effects coming back.
public enum Action: Hashable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case sectionsLoaded([SectionSummary], savedCount: Int)
    case fetchProgressed(FetchProgress)
    case failed(String)
    case tick
}
