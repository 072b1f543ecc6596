import TelexUI

/// Performs the reducer's I/O effects and reports back through `post`. Implementations must
/// return at once when they run live: the loop calls them between frames.
public protocol EffectRunner: AnyObject {
    func perform(_ effect: IOEffect, post: @escaping @Sendable (Action) -> Void)
}
