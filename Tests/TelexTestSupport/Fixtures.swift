// Shared fixtures for the test targets.
import Foundation

public enum Fixtures {
    /// The repository root (found from this file's path), for reading fixtures and ../shared.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static func url(_ relative: String) -> URL { repositoryRoot.appendingPathComponent("tests/fixtures/" + relative) }

    public static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    /// `../shared` beside the repository (absent outside the team's machines and CI).
    public static var sharedDirectory: URL? {
        let u = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// A fresh temporary directory, removed by the caller with `cleanup`.
    public static func temporaryDirectory(_ name: String = "telex-test") throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
