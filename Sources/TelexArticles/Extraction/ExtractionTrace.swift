import Foundation

/// Development aid: with TELEX_EXTRACT_TRACE set, extraction explains its choices on standard error.
public enum ExtractionTrace {
    static let enabled = ProcessInfo.processInfo.environment["TELEX_EXTRACT_TRACE"] != nil

    static let experiment = ProcessInfo.processInfo.environment["TELEX_EXTRACT_EXPERIMENT"] ?? ""

    /// Experiments: a second text and features for the batch output.
    nonisolated(unsafe) public static var side: (text: String, features: [String: Any])?

    /// A number given as NAME=VALUE in TELEX_EXTRACT_KNOBS.
    static func experimentNumber(_ name: String) -> Double? {
        for part in (ProcessInfo.processInfo.environment["TELEX_EXTRACT_KNOBS"] ?? "").split(separator: ",") {
            let kv = part.split(separator: "=")
            if kv.count == 2, kv[0] == name { return Double(kv[1]) }
        }
        return nil
    }

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
