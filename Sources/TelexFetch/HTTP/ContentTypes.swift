import Foundation

/// Content-Type decisions.
public enum ContentTypes {
    /// HTML or XHTML (what an article page must be).
    public static func isWebPage(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media.isEmpty || media == "text/html" || media == "application/xhtml+xml"
    }

    /// An image type, or none declared, or the generic `application/octet-stream` (the bytes decide then).
    public static func isImage(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media.isEmpty || media.hasPrefix("image/") || media == "application/octet-stream"
    }
}
