#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why feeds.json was not changed.
public struct FeedsFileError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file does not parse or validate: it is left exactly as it is (exit status 2).
        case invalid(ConfigurationError)
        /// The file holds no feed or section by the name given (exit status 2).
        case notFound
        /// The change cannot be made as asked (the last feed); nothing was written.
        case refused
        /// Reading, locking or writing failed; the file is as it was.
        case io
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public static func invalid(_ error: ConfigurationError) -> FeedsFileError {
        FeedsFileError(.invalid(error), error.description)
    }
    public static func refused(_ message: String) -> FeedsFileError { FeedsFileError(.refused, message) }

    public var description: String { message }
}

/// feeds.json as telex itself edits it (`telex add`, `remove`, `move`, `import`, the reader's `a` and `F`).
///
/// An update takes an exclusive lock beside the file (`.feeds.json.lock`: two `telex add` at once both
/// land), reads and validates the file (a file that does not load is never overwritten), edits its text
/// with `FeedsJSONEdit`, validates the result, then writes it to a temporary file in the same directory,
/// fsyncs it, keeps the previous version as `feeds.json.bak` and renames the new one over feeds.json
/// (rename is atomic: a crash or `kill -9` at any moment leaves the old file or the new one, never a
/// mix). A symbolic link (a dotfiles repository) is followed and stays a link.
public struct FeedsFile: Sendable {
    /// The path as given (a symbolic link is followed when writing).
    public let path: String
    /// The text a missing file starts from.
    public let template: String

    public init(path: String, template: String) { self.path = path; self.template = template }

    /// The file the edit commands change: `--config PATH` (a new file starts with no sections), else the
    /// user's feeds.json (a new one starts as a copy of the built-in default the reader was showing).
    public static func editable(explicitPath: String?, paths: Paths) -> FeedsFile {
        if let explicitPath { return FeedsFile(path: explicitPath, template: FeedsJSONEdit.emptyDocument) }
        return FeedsFile(path: paths.userFeedsFile, template: ConfigurationLoader.builtInText)
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The file written: the target of a symbolic link, else the path itself.
    public var resolvedPath: String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public var backupPath: String { resolvedPath + ".bak" }
    var lockPath: String { Self.sibling(resolvedPath, prefix: ".", suffix: ".lock") }

    /// The configuration as the file (or, when it is missing, the template) says.
    public func load() throws(FeedsFileError) -> Configuration {
        let bytes = try read()
        do { return try ConfigurationParser.parse(bytes, source: path, allowingNoSections: !exists) } catch { throw .invalid(error) }
    }

    /// What an update did.
    public struct Update<Result> {
        public var result: Result
        /// False when the change left the text as it was (nothing written).
        public var written: Bool
        /// The file existed and its previous version is now `backupPath`.
        public var backedUp: Bool
        /// The configuration now in the file.
        public var configuration: Configuration
    }

    /// Reads, validates, lets `change` edit the text, validates the result and writes it safely, all
    /// under the lock. `change` sees the configuration as it is in the file at that moment (another
    /// process may have changed it since the caller last looked).
    public func update<Result>(_ change: (Configuration, inout FeedsJSONEdit) throws(FeedsFileError) -> Result)
        throws(FeedsFileError) -> Update<Result> {
        try ensureDirectory()
        let lock = try Lock(path: lockPath)
        defer { lock.release() }
        removeLeftovers()
        let existed = exists
        let before = try read()
        let configuration: Configuration
        do { configuration = try ConfigurationParser.parse(before, source: path, allowingNoSections: !existed) } catch { throw .invalid(error) }
        var edit: FeedsJSONEdit
        do { edit = try FeedsJSONEdit(bytes: before) } catch {
            throw .refused("\(path) could not be read as JSON: \(error.message)")
        }
        let result = try change(configuration, &edit)
        let after = edit.bytes
        guard after != before else { return Update(result: result, written: false, backedUp: false, configuration: configuration) }
        let updated: Configuration
        do { updated = try ConfigurationParser.parse(after, source: path) } catch {
            throw .refused("the change would leave \(path) invalid, so it was not made:\n\(error.description)")
        }
        try write(after, replacing: existed)
        return Update(result: result, written: true, backedUp: existed, configuration: updated)
    }

    // MARK: Files

    private func read() throws(FeedsFileError) -> [UInt8] {
        guard exists else { return Array(template.utf8) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FeedsFileError(.io, "\(path) cannot be read (check its permissions)")
        }
        if data.count > ConfigurationLoader.maximumBytes {
            throw FeedsFileError(.io, "\(path) is larger than \(ConfigurationLoader.maximumBytes >> 20) MiB")
        }
        return Array(data)
    }

    private func ensureDirectory() throws(FeedsFileError) {
        let directory = (resolvedPath as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw FeedsFileError(.io, "cannot create \(directory): \(error.localizedDescription)")
        }
    }

    /// Temporary files of writers that were killed: under the lock no other writer is using one.
    private func removeLeftovers() {
        let target = resolvedPath
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for leftover in names where leftover.hasPrefix(".\(name).tmp-") || leftover.hasPrefix(".\(name).bak-tmp-") {
            unlink((directory.isEmpty ? "" : directory + "/") + leftover)
        }
    }

    /// Temporary file, fsync, the old version linked as .bak, rename, fsync of the directory.
    private func write(_ bytes: [UInt8], replacing existed: Bool) throws(FeedsFileError) {
        let target = resolvedPath
        let directory = (target as NSString).deletingLastPathComponent
        let temporary = Self.sibling(target, prefix: ".", suffix: ".tmp-\(getpid())")
        var mode: mode_t = 0o644
        var info = stat()
        if existed, stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Self.ioError("cannot create \(temporary)") }
        _ = fchmod(fd, mode)  // the old file's mode, whatever the umask
        let ok = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let synced = ok && fsync(fd) == 0
        close(fd)
        guard ok, synced else {
            let error = Self.ioError("cannot write \(temporary)")
            unlink(temporary)
            throw error
        }
        TestCrashPoint.reach(.temporaryWritten)
        if existed { try keepBackup(of: target) }
        TestCrashPoint.reach(.backupKept)
        guard rename(temporary, target) == 0 else {
            let error = Self.ioError("cannot replace \(target)")
            unlink(temporary)
            throw error
        }
        Self.syncDirectory(directory)
    }

    /// The current file becomes feeds.json.bak: a hard link to it (the rename that follows leaves the
    /// old contents under that name alone), or a copy where links are not allowed.
    private func keepBackup(of target: String) throws(FeedsFileError) {
        let backup = target + ".bak"
        let temporary = Self.sibling(target, prefix: ".", suffix: ".bak-tmp-\(getpid())")
        unlink(temporary)
        if link(target, temporary) != 0 {
            guard let data = FileManager.default.contents(atPath: target),
                  FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw Self.ioError("cannot keep a copy of \(target) as \(backup)")
            }
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { fsync(fd); close(fd) }
        }
        guard rename(temporary, backup) == 0 else {
            let error = Self.ioError("cannot write \(backup)")
            unlink(temporary)
            throw error
        }
        // When feeds.json.bak already is this file (a writer was killed after making it), rename does
        // nothing and leaves the temporary name behind.
        unlink(temporary)
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// `dir/<prefix><name><suffix>` for `dir/name`.
    static func sibling(_ path: String, prefix: String, suffix: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + prefix + name + suffix
    }

    private static func ioError(_ what: String) -> FeedsFileError {
        FeedsFileError(.io, "\(what): \(String(cString: strerror(errno)))")
    }

    /// An exclusive `flock` on the lock file, waited for (writers hold it for milliseconds).
    private final class Lock {
        private var descriptor: Int32

        init(path: String) throws(FeedsFileError) {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw FeedsFile.ioError("cannot open the lock file \(path)") }
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let error = FeedsFile.ioError("cannot lock \(path)")
                    close(descriptor)
                    throw error
                }
            }
        }

        func release() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Points in a feeds.json write where the crash-safety tests stop the process with SIGKILL
/// (`TELEX_TEST_KILL_DURING_WRITE=temporary-written` or `backup-kept`): the end-to-end test proves
/// that feeds.json is then the old file, whole.
enum TestCrashPoint: String {
    case temporaryWritten = "temporary-written"
    case backupKept = "backup-kept"

    static func reach(_ point: TestCrashPoint) {
        guard ProcessInfo.processInfo.environment["TELEX_TEST_KILL_DURING_WRITE"] == point.rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
