import Foundation
import Testing
import TelexTestSupport
@testable import TelexConfig

private func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

private let oneFeed = "{\n  \"sections\": [\n    {\"name\": \"A\", \"feeds\": [\n      {\"url\": \"https://a.example/\"}\n    ]}\n  ]\n}\n"

private func adding(_ url: String, to section: String = "A") -> (Configuration, inout FeedsJSONEdit) throws(FeedsFileError) -> Void {
    { _, edit throws(FeedsFileError) in edit.append([.init(url: url)], toSection: section) }
}

@Suite struct FeedsFileTests {
    @Test func anUpdateWritesTheNewFileAndKeepsTheOldOneAsBak() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        try write(oneFeed, to: path)
        let update = try FeedsFile(path: path, template: "").update(adding("https://b.example/"))
        #expect(update.written)
        #expect(update.configuration.sections[0].feeds.map(\.url) == ["https://a.example/", "https://b.example/"])
        #expect(try read(path + ".bak") == oneFeed)
        #expect(try read(path) == "{\n  \"sections\": [\n    {\"name\": \"A\", \"feeds\": [\n      {\"url\": \"https://a.example/\"},\n      {\"url\": \"https://b.example/\"}\n    ]}\n  ]\n}\n")
        // No temporary file is left behind; the lock file is hidden.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [".feeds.json.lock", "feeds.json", "feeds.json.bak"])
    }

    @Test func aFileThatDoesNotParseIsNeverOverwritten() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        let broken = "{\"sections\": [ {\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"},]} ]}"
        try write(broken, to: path)
        var kind: FeedsFileError.Kind?
        do { _ = try FeedsFile(path: path, template: "").update(adding("https://b.example/")) } catch { kind = error.kind }
        guard case .invalid(let problems)? = kind else { Issue.record("expected .invalid, got \(String(describing: kind))"); return }
        #expect(problems.problems.first?.line == 1)
        #expect(try read(path) == broken)
        #expect(!FileManager.default.fileExists(atPath: path + ".bak"))
    }

    @Test func aValidButWrongFileIsNotOverwrittenEither() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        let wrong = "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"ftp://a.example/\"}]}]}"
        try write(wrong, to: path)
        #expect(throws: FeedsFileError.self) { try FeedsFile(path: path, template: "").update(adding("https://b.example/")) }
        #expect(try read(path) == wrong)
    }

    @Test func aRefusedChangeWritesNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        try write(oneFeed, to: path)
        // Adding a feed the file already has would make it invalid (a duplicate): the edit is refused.
        var kind: FeedsFileError.Kind?
        do { _ = try FeedsFile(path: path, template: "").update(adding("HTTPS://A.example:443/")) } catch { kind = error.kind }
        guard case .refused? = kind else { Issue.record("expected .refused, got \(String(describing: kind))"); return }
        #expect(try read(path) == oneFeed)
    }

    @Test func theUsersFirstFeedsJSONStartsAsTheBuiltInDefault() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = Paths(environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.path + "/config"])
        let file = FeedsFile.editable(explicitPath: nil, paths: paths)
        let loaded = try file.load()
        #expect(loaded.sections == ConfigurationLoader.builtIn().sections && loaded.settings == ConfigurationLoader.builtIn().settings)
        let update = try file.update(adding("https://new.example/feed", to: "Mine"))
        #expect(update.written)
        let written = try read(dir.path + "/config/telex/feeds.json")
        #expect(written == ConfigurationLoader.builtInText.replacingOccurrences(
            of: "      ]\n    }\n  ]\n}", with: "      ]\n    },\n    {\n      \"name\": \"Mine\",\n      \"feeds\": [\n        { \"url\": \"https://new.example/feed\" }\n      ]\n    }\n  ]\n}"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/config/telex/feeds.json.bak"))
    }

    @Test func aNewExplicitFileStartsWithNoSections() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = FeedsFile.editable(explicitPath: dir.path + "/new/feeds.json", paths: Paths())
        let update = try file.update(adding("https://a.example/", to: "Imported"))
        #expect(update.configuration.sections.map(\.name) == ["Imported"])
        #expect(update.configuration.sections[0].feeds.map(\.url) == ["https://a.example/"])
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(atPath: dir.path + "/dotfiles", withIntermediateDirectories: true)
        let target = dir.path + "/dotfiles/feeds.json", link = dir.path + "/feeds.json"
        try write(oneFeed, to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        _ = try FeedsFile(path: link, template: "").update(adding("https://b.example/"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try read(target).contains("https://b.example/"))
        #expect(try read(target + ".bak") == oneFeed)
    }

    @Test func thePermissionsOfTheFileAreKept() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        try write(oneFeed, to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        _ = try FeedsFile(path: path, template: "").update(adding("https://b.example/"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func concurrentUpdatesAllLand() async throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        try write(oneFeed, to: path)
        let file = FeedsFile(path: path, template: "")
        // Each writer opens the lock file itself, as separate processes do: flock excludes them.
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<12 {
                group.addTask { _ = try? file.update(adding("https://\(i).example/")) }
            }
        }
        let urls = Set(try file.load().sections[0].feeds.map(\.url))
        #expect(urls == Set(["https://a.example/"] + (0..<12).map { "https://\($0).example/" }))
    }

    @Test func anUnchangedResultIsNotWritten() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("feeds.json").path
        try write(oneFeed, to: path)
        let update = try FeedsFile(path: path, template: "").update { _, _ throws(FeedsFileError) in }
        #expect(!update.written)
        #expect(!FileManager.default.fileExists(atPath: path + ".bak"))
    }
}
