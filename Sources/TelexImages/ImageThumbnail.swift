import CImageCodecs

/// The form a picture is kept in the cache: a small PNG named by the SHA-256 of its bytes
/// (content-addressed: the same picture from two URLs is stored once).
public struct ImageThumbnail: Sendable, Hashable {
    public var png: [UInt8]
    /// 64 lowercase hex digits.
    public var sha256: String
    public var width: Int
    public var height: Int

    /// Decodes untrusted bytes within `limits` and encodes the scaled picture as PNG.
    public static func make(from bytes: [UInt8], limits: ImageLimits = .thumbnail) throws(ImageDecodeError) -> ImageThumbnail {
        let image = try ImageDecoder.decode(bytes, limits: limits)
        return try make(from: image)
    }

    /// `image` as a PNG as it is (already decoded and scaled by `ImageDecoder`).
    public static func make(from image: RGBAImage) throws(ImageDecodeError) -> ImageThumbnail {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = image.pixels.withUnsafeBufferPointer {
            telex_image_encode_png($0.baseAddress, UInt32(image.width), UInt32(image.height), &out, &length)
        }
        guard status == TELEX_IMAGE_OK, let out else { throw status == TELEX_IMAGE_NO_MEMORY ? .outOfMemory : .corrupt(.png) }
        defer { telex_free(out) }
        let png = Array(UnsafeBufferPointer(start: out, count: length))
        return ImageThumbnail(png: png, sha256: sha256Hex(png), width: image.width, height: image.height)
    }

    /// SHA-256 of `bytes` as lowercase hex (GLib's GChecksum).
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var hex = [CChar](repeating: 0, count: 65)
        bytes.withUnsafeBufferPointer { b in hex.withUnsafeMutableBufferPointer { telex_sha256_hex(b.baseAddress, b.count, $0.baseAddress) } }
        return String(decoding: hex.prefix(64).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
