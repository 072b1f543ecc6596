import TelexUI

/// Performs the reducer's effects off the terminal thread and reports back through the queue.
/// Implementations must return at once: the loop calls them between frames.
public protocol EffectRunner: AnyObject {
    func perform(_ effect: Effect, post: @escaping @Sendable (Action) -> Void)
}
