import CImageCodecs

/// How much one decode may take. Every limit is checked on the header's dimensions, before any
/// pixel is allocated; PNG and GIF (no reduced-size decoding) are further held to 16 megapixels
/// (`TELEX_MAX_UNSCALED_PIXELS`), so one decode holds at most about 64 MiB.
public struct ImageLimits: Sendable, Hashable {
    /// Largest width × height a header may declare.
    public var maxPixels: Int
    /// Largest width or height a header may declare.
    public var maxDimension: Int
    /// The picture is scaled down to fit a square of this side (aspect kept).
    public var fitSide: Int

    public init(maxPixels: Int = 40_000_000, maxDimension: Int = 32_768, fitSide: Int = 480) {
        self.maxPixels = maxPixels; self.maxDimension = maxDimension; self.fitSide = fitSide
    }

    /// What the fetcher keeps: 480 pixels on the longest side (character art of a 120-column screen
    /// samples about 8 pixels a cell, so the widest picture needs ~480) from at most 40 megapixels.
    public static let thumbnail = ImageLimits()
}

/// Why bytes gave no picture. Each is a reason to show the alternative text instead.
public enum ImageDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JPEG, PNG, GIF or WebP (judged by the bytes).
    case notAnImage
    /// The header declares more than the limits allow (`width` × `height` as declared).
    case tooLarge(width: Int, height: Int)
    /// Truncated, malformed, or a kind the decoder refuses (an animated WebP).
    case corrupt(ImageFormat)
    case outOfMemory

    public var description: String {
        switch self {
        case .notAnImage: "not an image (JPEG, PNG, GIF or WebP)"
        case .tooLarge(let w, let h): "image too large (\(w)×\(h) pixels)"
        case .corrupt(let f): "damaged or unsupported \(f.rawValue.uppercased()) file"
        case .outOfMemory: "out of memory decoding the image"
        }
    }
}

/// Decodes untrusted image bytes into a small `RGBAImage` (libjpeg-turbo, libpng, libwebp and giflib
/// through CImageCodecs). Pure and thread-safe: any number may run at once.
public enum ImageDecoder {
    public static func decode(_ bytes: [UInt8], limits: ImageLimits = .thumbnail) throws(ImageDecodeError) -> RGBAImage {
        let cLimits = telex_image_limits(max_pixels: UInt64(max(1, limits.maxPixels)),
                                         max_dimension: UInt32(clamping: max(1, limits.maxDimension)),
                                         fit_side: UInt32(clamping: max(1, limits.fitSide)))
        var image = telex_image()
        let status = bytes.withUnsafeBufferPointer { telex_image_decode($0.baseAddress, $0.count, cLimits, &image) }
        defer { telex_image_free(&image) }
        switch status {
        case TELEX_IMAGE_OK:
            let count = Int(image.width) * Int(image.height) * 4
            let pixels = Array(UnsafeBufferPointer(start: image.pixels, count: count))
            return RGBAImage(width: Int(image.width), height: Int(image.height), pixels: pixels)
        case TELEX_IMAGE_TOO_LARGE: throw .tooLarge(width: Int(image.source_width), height: Int(image.source_height))
        case TELEX_IMAGE_NO_MEMORY: throw .outOfMemory
        case TELEX_IMAGE_CORRUPT: throw .corrupt(format(image.format) ?? .png)
        default: throw .notAnImage
        }
    }

    static func format(_ f: telex_image_format) -> ImageFormat? {
        switch f {
        case TELEX_IMAGE_FORMAT_JPEG: .jpeg
        case TELEX_IMAGE_FORMAT_PNG: .png
        case TELEX_IMAGE_FORMAT_GIF: .gif
        case TELEX_IMAGE_FORMAT_WEBP: .webp
        default: nil
        }
    }
}

func telex_image_sniff_swift(_ buffer: UnsafeBufferPointer<UInt8>) -> telex_image_format {
    telex_image_sniff(buffer.baseAddress, buffer.count)
}
