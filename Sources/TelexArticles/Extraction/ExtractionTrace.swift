import Foundation

/// Development aid: with TELEX_EXTRACT_TRACE set, extraction explains its choices on standard error.
public enum ExtractionTrace {
    static let enabled = ProcessInfo.processInfo.environment["TELEX_EXTRACT_TRACE"] != nil

    static func log(_ message: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("trace: " + message() + "\n").utf8))
    }

    static func describe(_ tree: HTMLTree, _ i: Int) -> String {
        let n = tree[i]
        if n.isText { return "#text" }
        return "<\(n.tag.name.isEmpty ? "?" : n.tag.name) \(String(decoding: tree.hint(i).prefix(60), as: UTF8.self))>@\(i)"
    }
}
