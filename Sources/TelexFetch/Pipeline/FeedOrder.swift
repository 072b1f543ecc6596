import Foundation
import TelexStore

/// The order a pass starts feeds in.
enum FeedOrder {
    /// Round-robin over hosts, each host's feeds in their configured order: a window of N feeds in
    /// flight then spans as many hosts as it can, instead of queueing behind one host's per-host limit.
    static func interleavingHosts(_ feeds: [FeedFetchInfo]) -> [FeedFetchInfo] {
        var queues: [String: [FeedFetchInfo]] = [:]
        var hosts: [String] = []
        for feed in feeds {
            let host = URL(string: feed.permanentRedirect ?? feed.url)?.host?.lowercased() ?? ""
            if queues[host] == nil { hosts.append(host) }
            queues[host, default: []].append(feed)
        }
        var ordered: [FeedFetchInfo] = []
        ordered.reserveCapacity(feeds.count)
        var round = 0
        while ordered.count < feeds.count {
            for host in hosts where round < queues[host]!.count { ordered.append(queues[host]![round]) }
            round += 1
        }
        return ordered
    }
}
