/// A key press or other input event, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)
    case enter, escape, backspace, tab, backTab, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    case mouse(MouseEvent)
    case resize
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}
