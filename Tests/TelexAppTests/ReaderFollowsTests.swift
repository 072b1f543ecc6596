import Foundation
import Testing
import TelexConfig
import TelexModel
import TelexTestSupport
import TelexUI
@testable import TelexApp

/// The reader follows feeds.json and the passes of other processes.
@Suite(.timeLimit(.minutes(1))) struct ReaderFollowsTests {
    final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var actions: [Action] = []
        func post(_ action: Action) { lock.withLock { actions.append(action) } }
        var all: [Action] { lock.withLock { actions } }
    }

    static func feeds(_ sections: [(String, [String])]) -> String {
        let body = sections.map { name, urls in
            "{\"name\": \"\(name)\", \"feeds\": [" + urls.map { "{\"url\": \"\($0)\"}" }.joined(separator: ", ") + "]}"
        }.joined(separator: ", ")
        return "{\"sections\": [\(body)]}\n"
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path + ".new", atomically: false, encoding: .utf8)
        rename(path + ".new", path)
    }

    @Test func aChangedFeedsJSONIsAppliedAndABrokenOneReportedOnceAndIgnored() throws {
        let dir = try Fixtures.temporaryDirectory("telex-follow")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        // Nothing listens on these: adding a feed starts a fetch that fails at once.
        try Self.write(Self.feeds([("Premier", ["http://127.0.0.1:9/a.xml"])]), to: path)
        let config = try ConfigurationLoader.load(explicitPath: path, paths: Paths())
        let session = try CacheSession(configuration: config, cacheDirectory: dir.appendingPathComponent("cache").path,
                                       watch: ConfigurationWatch(current: config, explicitPath: path, paths: Paths()))
        let posted = Posted()
        session.followConfiguration(post: posted.post)
        #expect(posted.all.isEmpty)
        try Self.write(Self.feeds([("Premier", ["http://127.0.0.1:9/a.xml"]), ("Second", ["http://127.0.0.1:9/b.xml"])]), to: path)
        session.followConfiguration(post: posted.post)
        #expect(try session.store.sections().map(\.name) == ["Premier", "Second"])
        #expect(posted.all.first == .notice("Reloaded \(path): 1 feed added, 0 feeds removed"))
        #expect(session.configuration.enabledFeeds.count == 2)
        try Self.write("{\"sections\": [", to: path)
        session.followConfiguration(post: posted.post)
        session.followConfiguration(post: posted.post)
        let rejections = posted.all.filter { if case .failed(let m) = $0 { m.hasPrefix("feeds.json: kept the previous feeds: line 1: ") } else { false } }
        #expect(rejections.count == 1)
        #expect(try session.store.sections().map(\.name) == ["Premier", "Second"])
        try Self.write(Self.feeds([("Second", ["http://127.0.0.1:9/b.xml"])]), to: path)
        session.followConfiguration(post: posted.post)
        #expect(try session.store.sections().map(\.name) == ["Second"])
    }

    /// `group_stories` decides whether the store's lists show a cluster once: at start, and when feeds.json changes.
    @Test func theGroupStoriesSettingReachesTheStoreAtStartAndOnReload() throws {
        let dir = try Fixtures.temporaryDirectory("telex-group")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        let sections = #""sections": [{"name": "Premier", "feeds": [{"url": "http://127.0.0.1:9/a.xml"}]}]"#
        try Self.write("{\"settings\": {\"group_stories\": false}, \(sections)}\n", to: path)
        let config = try ConfigurationLoader.load(explicitPath: path, paths: Paths())
        let session = try CacheSession(configuration: config, cacheDirectory: dir.appendingPathComponent("cache").path,
                                       watch: ConfigurationWatch(current: config, explicitPath: path, paths: Paths()))
        #expect(!session.store.groupsStories)
        try Self.write("{\(sections)}\n", to: path)
        let posted = Posted()
        session.followConfiguration(post: posted.post)
        #expect(session.store.groupsStories)
        #expect(posted.all.contains(.cacheChanged))
    }

    /// Another process's pass (here: a status file written by pid 1, which is alive) shows as progress,
    /// then as its summary, once.
    @Test func anotherProcessesPassShowsThenItsSummary() async throws {
        let dir = try Fixtures.temporaryDirectory("telex-activity")
        defer { try? FileManager.default.removeItem(at: dir) }
        let status = dir.appendingPathComponent("fetch-status.json").path
        /// A pass of the status file: started at `started` ms, running or ended.
        func pass(_ started: Int?, running: Bool) -> String {
            guard let started else { return "null" }
            return "{\"started\": \(started), \"answeredRequest\": 0, \"progress\": {\"running\": \(running), \"feedsDone\": 3, "
                + "\"feedsTotal\": 10, \"ok\": 3, \"unchanged\": 0, \"failed\": 0, \"skipped\": 0, \"newItems\": 7, \"articles\": 0, "
                + "\"articleFailures\": 0, \"bytes\": 0, \"seconds\": 0}}"
        }
        func write(current: Int?, last: Int?) throws {
            try Self.write("{\"pid\": 1, \"role\": \"serve\", \"current\": \(pass(current, running: true)), "
                           + "\"last\": \(pass(last, running: false))}", to: status)
        }
        try write(current: nil, last: 1000)
        let posted = Posted(), clock = ManualPollTimer()
        let watcher = FetchActivityWatcher(cacheDirectory: dir.path, timer: clock, post: posted.post, everyFewSeconds: {})
        defer { watcher.stop() }
        #expect(clock.interval == 0.25)
        clock.tick(2)
        // The pass that ended before the reader started is not announced.
        #expect(posted.all.isEmpty)
        try write(current: 2000, last: 1000)
        clock.tick()
        #expect(posted.all == [.fetchProgressed(FetchProgress(running: true, feedsDone: 3, feedsTotal: 10, ok: 3, newItems: 7))])
        clock.tick(3)
        #expect(posted.all.count == 1, "an unchanged file posts nothing")
        try write(current: nil, last: 2000)
        clock.tick()
        #expect(posted.all.dropFirst() == [.fetchProgressed(FetchProgress()),
                                           .fetchFinished(FetchProgress(feedsDone: 3, feedsTotal: 10, ok: 3, newItems: 7),
                                                          by: "telex serve")])
    }

    /// A process killed mid-pass leaves its status file claiming a pass: the status line is cleared
    /// once the process is gone, not left showing it.
    @Test func aPassWhoseProcessDiedIsClearedFromTheStatusLine() throws {
        let dir = try Fixtures.temporaryDirectory("telex-activity")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A process of its own (posix_spawn, reaped here with waitpid: once reaped, its pid is gone).
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("60"), nil]
        defer { argv.forEach { free($0) } }
        try #require(posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ) == 0)
        var reaped = false
        func end() {
            guard !reaped else { return }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
        }
        defer { end() }
        try Self.write("{\"pid\": \(pid), \"role\": \"fetch\", \"current\": {\"started\": 5, \"answeredRequest\": 0, "
                       + "\"progress\": {\"running\": true, \"feedsDone\": 1, \"feedsTotal\": 4, \"ok\": 1, \"unchanged\": 0, "
                       + "\"failed\": 0, \"skipped\": 0, \"newItems\": 2, \"articles\": 0, \"articleFailures\": 0, \"bytes\": 0, "
                       + "\"seconds\": 0}}, \"last\": null}",
                       to: dir.appendingPathComponent("fetch-status.json").path)
        let posted = Posted(), clock = ManualPollTimer()
        let watcher = FetchActivityWatcher(cacheDirectory: dir.path, timer: clock, post: posted.post, everyFewSeconds: {})
        defer { watcher.stop() }
        clock.tick()
        #expect(posted.all == [.fetchProgressed(FetchProgress(running: true, feedsDone: 1, feedsTotal: 4, ok: 1, newItems: 2))])
        end()
        clock.tick()
        #expect(posted.all.dropFirst() == [.fetchProgressed(FetchProgress())])
        clock.tick(3)
        #expect(posted.all.count == 2, "cleared once")
    }

    /// feeds.json is looked at every two seconds: every eighth poll of a quarter of a second.
    @Test func theConfigurationIsFollowedEveryEighthPoll() throws {
        let dir = try Fixtures.temporaryDirectory("telex-activity")
        defer { try? FileManager.default.removeItem(at: dir) }
        final class Count: @unchecked Sendable { var n = 0 }
        let count = Count(), clock = ManualPollTimer()
        let watcher = FetchActivityWatcher(cacheDirectory: dir.path, timer: clock, post: { _ in }, everyFewSeconds: { count.n += 1 })
        defer { watcher.stop() }
        clock.tick(7)
        #expect(count.n == 0)
        clock.tick()
        #expect(count.n == 1)
        clock.tick(16)
        #expect(count.n == 3)
    }
}
