import Foundation

/// Loads a directory of files as routes, with validators derived from each file.
enum FixtureSite {
    static func routes(directory: URL, gzip: Bool) throws -> [String: FixtureRoute] {
        var routes: [String: FixtureRoute] = [:]
        let base = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return routes }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        while let relative = walker.nextObject() as? String {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = (attributes?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            let bytes = Array(data)
            let type = contentType(forExtension: (relative as NSString).pathExtension)
            let compressible = type.contains("xml") || type.contains("html")
            routes["/" + relative] = .resource(FixtureResource(
                body: bytes, contentType: type, etag: "\"\(String(fnv1a(bytes), radix: 16))\"",
                lastModified: formatter.string(from: modified), gzip: gzip && compressible))
            if relative.hasSuffix("index.html") {
                // "/dir/" serves "/dir/index.html"; FlyingFox standardises request paths, which drops the
                // trailing slash, so "/dir" is a route too.
                let directoryPath = "/" + String(relative.dropLast("index.html".count))
                routes[directoryPath] = routes["/" + relative]
                if directoryPath.count > 1 { routes[String(directoryPath.dropLast())] = routes["/" + relative] }
            }
        }
        return routes
    }

    static func contentType(forExtension ext: String) -> String {
        switch ext.lowercased() {
        case "xml", "rss": "application/rss+xml"
        case "atom": "application/atom+xml"
        case "json": "application/feed+json"
        case "html", "htm": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        default: "application/octet-stream"
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }
}
