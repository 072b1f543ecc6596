import Foundation
import TelexStore

/// The order a pass starts its requests in.
enum HostInterleaving {
    /// Round-robin over hosts, each host's entries in their given order: a window of N requests in
    /// flight then spans as many hosts as it can, instead of queueing behind one host's per-host limit.
    static func interleave<T>(_ entries: [T], host: (T) -> String) -> [T] {
        var queues: [String: [T]] = [:]
        var hosts: [String] = []
        for entry in entries {
            let key = host(entry)
            if queues[key] == nil { hosts.append(key) }
            queues[key, default: []].append(entry)
        }
        var ordered: [T] = []
        ordered.reserveCapacity(entries.count)
        var round = 0
        while ordered.count < entries.count {
            for key in hosts where round < queues[key]!.count { ordered.append(queues[key]![round]) }
            round += 1
        }
        return ordered
    }

    static func host(_ url: String) -> String { URL(string: url)?.host?.lowercased() ?? "" }

    static func feeds(_ feeds: [FeedFetchInfo]) -> [FeedFetchInfo] { interleave(feeds) { host($0.permanentRedirect ?? $0.url) } }

    static func articles(_ jobs: [ArticleJob]) -> [ArticleJob] { interleave(jobs) { host($0.url) } }
}
