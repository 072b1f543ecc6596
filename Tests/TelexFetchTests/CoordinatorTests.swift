import Foundation
import Testing
@testable import TelexFetch
import TelexModel
import TelexStore
import TelexTestServer

/// "Fetch here if the lock is free, else ask the daemon and wait", as `telex fetch` and the reader's
/// `r` both use it. flock locks belong to an open file, so a lock taken by the test conflicts with the
/// coordinator's in the same process, as another process's would.
@Suite(.timeLimit(.minutes(1))) struct CoordinatorTests {
    static func harness(clock: any FetchClock = SystemClock()) async throws -> PipelineHarness {
        try await PipelineHarness(routes: ["/a.xml": SiteBuilder.feed("A", [SiteBuilder.Item(id: "1", title: "One", link: "http://example.org/1")])],
                                  feeds: ["/a.xml"], clock: clock)
    }

    /// Runs "fetch now" in a task, recording its events.
    static func start(_ h: PipelineHarness, wait: Bool = true) throws -> (Task<Void, Error>, Recorder<FetchEvent>) {
        let service = h.service()
        try service.syncConfiguration()
        let events = Recorder<FetchEvent>()
        let request = FetchNowRequest(options: PassOptions(articles: false), role: .fetch, wait: wait, pollInterval: 0.01)
        let directory = h.cacheDirectory
        let task = Task {
            for try await event in FetchCoordinator.fetchNow(service: service, cacheDirectory: directory, request: request) {
                events.append(event)
            }
        }
        return (task, events)
    }

    /// Takes the fetch lock as another process would.
    static func hold(_ h: PipelineHarness, _ role: FetchLock.Role) throws -> FetchLock {
        guard case .acquired(let lock) = try FetchLock.acquire(cacheDirectory: h.cacheDirectory, role: role) else {
            throw WaitError(what: "the fetch lock")
        }
        return lock
    }

    static func finished(_ events: Recorder<FetchEvent>) -> (FetchProgress, PassRunner)? {
        for case .finished(let progress, let runner) in events.all { return (progress, runner) }
        return nil
    }

    @Test func withTheLockFreeThePassRunsHere() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let (task, events) = try Self.start(h)
        try await task.value
        let (progress, runner) = try #require(Self.finished(events))
        #expect(runner.isThisProcess && runner.role == .fetch && progress.ok == 1 && progress.newItems == 1)
        #expect(FetchLock.holder(cacheDirectory: h.cacheDirectory) == nil)
        #expect(FetchStatusFile.read(cacheDirectory: h.cacheDirectory)?.last?.progress.ok == 1)
    }

    /// Another `telex fetch` holds the lock: no request is left (nobody would answer it); the lock is
    /// rechecked and taken when it frees.
    @Test func anotherFetchIsWaitedOutThenThePassRunsHere() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let other = try Self.hold(h, .fetch)
        let (task, events) = try Self.start(h)
        try await eventually("waiting") { !events.all.isEmpty }
        #expect(events.all.first == .waiting(FetchLock.Holder(pid: getpid(), role: .fetch), askedDaemon: false))
        #expect(try h.store.pendingFetchRequestIDs().isEmpty)
        #expect(h.server.requestCount("/a.xml") == 0)
        other.release()
        try await task.value
        #expect(Self.finished(events)?.1.isThisProcess == true)
        #expect(h.server.requestCount("/a.xml") == 1)
    }

    /// A PID in the lock file that is not a live daemon (a stale line, a holder that has not written
    /// yet) is not asked: it could never answer.
    @Test func aStalePIDIsNotTakenForADaemon() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let other = try Self.hold(h, .serve)
        try "2147483000 serve\n".write(toFile: FetchLock.path(cacheDirectory: h.cacheDirectory), atomically: false, encoding: .utf8)
        let (task, events) = try Self.start(h)
        try await eventually("waiting") { !events.all.isEmpty }
        #expect(events.all.first == .waiting(FetchLock.Holder(pid: 2_147_483_000, role: .serve), askedDaemon: false))
        #expect(try h.store.pendingFetchRequestIDs().isEmpty)
        other.release()
        try await task.value
        #expect(Self.finished(events)?.1.isThisProcess == true)
    }

    /// A live daemon is asked; a pass that began before the request does not answer it; the pass that
    /// took it does, and its summary is the answer.
    @Test func aLiveDaemonIsAskedAndOnlyAPassAfterTheRequestAnswers() async throws {
        // The waiter polls on this clock: each advance is one look at the status file, and its next
        // sleep says the look is done.
        let clock = ManualClock()
        let h = try await Self.harness(clock: clock)
        defer { Task { await h.close() } }
        let daemon = try Self.hold(h, .serve)
        defer { daemon.release() }
        let status = FetchStatusFile(cacheDirectory: h.cacheDirectory, role: .serve, interval: 0)
        status.begin(FetchProgress(running: true, feedsTotal: 5), started: Date(), answering: 0)
        let (task, events) = try Self.start(h)
        try await eventually("a request left, said, and the waiter asleep") {
            try h.store.pendingFetchRequestIDs().count == 1 && !events.all.isEmpty && clock.sleeping == 1
        }
        let id = try h.store.pendingFetchRequestIDs()[0]
        #expect(events.all == [.waiting(FetchLock.Holder(pid: getpid(), role: .serve), askedDaemon: true)])
        // The pass that was running when the request came ends: no answer.
        status.finish(FetchProgress(feedsDone: 5, feedsTotal: 5, ok: 5), complete: true)
        clock.advance(by: 0.01)
        try await eventually("the waiter's next look") { clock.sleeping == 1 }
        // The daemon takes the request and runs the pass that answers it: its progress is the next
        // event (the events arrive in order, so that look answered nothing).
        #expect(try h.store.takeFetchRequests().map(\.id) == [id])
        status.begin(FetchProgress(running: true, feedsTotal: 1), started: Date(), answering: id)
        clock.advance(by: 0.01)
        try await eventually("the daemon's progress") { events.all.count == 2 }
        #expect(events.all == [.waiting(FetchLock.Holder(pid: getpid(), role: .serve), askedDaemon: true),
                               .progress(FetchProgress(running: true, feedsTotal: 1), by: PassRunner(pid: getpid(), role: .serve))])
        status.finish(FetchProgress(feedsDone: 1, feedsTotal: 1, failed: 1), complete: true)
        clock.advance(by: 0.01)
        try await task.value
        let (progress, runner) = try #require(Self.finished(events))
        #expect(runner.role == .serve)
        #expect(progress == FetchProgress(feedsDone: 1, feedsTotal: 1, failed: 1) && progress.everyFeedFailed)
        #expect(h.server.requestCount("/a.xml") == 0)
    }

    /// The daemon exits before answering: the lock frees, the waiter withdraws its request and fetches.
    @Test func whenTheDaemonGoesAwayTheWaiterFetchesItselfAndWithdrawsItsRequest() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let daemon = try Self.hold(h, .serve)
        let (task, events) = try Self.start(h)
        try await eventually("a request left") { try h.store.pendingFetchRequestIDs().count == 1 }
        daemon.release()
        try await task.value
        #expect(Self.finished(events)?.1.isThisProcess == true)
        #expect(try h.store.pendingFetchRequestIDs().isEmpty)
        #expect(h.server.requestCount("/a.xml") == 1)
    }

    /// Giving up (Ctrl-C in `telex fetch`, the reader quitting) withdraws the request nobody took.
    @Test func cancellingTheWaitWithdrawsTheRequest() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let daemon = try Self.hold(h, .serve)
        defer { daemon.release() }
        let (task, _) = try Self.start(h)
        try await eventually("a request left") { try h.store.pendingFetchRequestIDs().count == 1 }
        task.cancel()
        _ = try? await task.value
        try await eventually("the request withdrawn") { try h.store.pendingFetchRequestIDs().isEmpty }
    }

    /// `--no-wait` leaves the daemon its request and returns.
    @Test func notWaitingLeavesTheRequestToTheDaemon() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        let daemon = try Self.hold(h, .serve)
        defer { daemon.release() }
        let (task, events) = try Self.start(h, wait: false)
        try await task.value
        #expect(events.all == [.waiting(FetchLock.Holder(pid: getpid(), role: .serve), askedDaemon: true)])
        #expect(try h.store.pendingFetchRequestIDs().count == 1)
    }

    @Test func theLockFileIsPrivateAndNamesItsHolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-lock-\(UUID().uuidString)/cache").path
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        guard case .acquired(let lock) = try FetchLock.acquire(cacheDirectory: dir, role: .reader) else { Issue.record("lock"); return }
        defer { lock.release() }
        let mode = try FileManager.default.attributesOfItem(atPath: FetchLock.path(cacheDirectory: dir))[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
        #expect(mode == 0o600 && dirMode == 0o700)
        #expect(FetchLock.holder(cacheDirectory: dir) == FetchLock.Holder(pid: getpid(), role: .reader))
    }

    @Test func aCacheThatIsAFileIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("telex-file-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect {
            _ = try FetchLock.acquire(cacheDirectory: file, role: .fetch)
        } throws: { error in
            "\(error)" == "cannot use the cache directory \(file): it is a file, not a directory (--cache takes a directory)"
        }
    }
}
