/// A decoded picture: RGBA, 8 bits a channel, rows of `width * 4` bytes.
public struct RGBAImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "RGBA size mismatch")
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// The RGBA of the pixel at (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }
}

/// The image formats telex decodes, told by their first bytes (a server's Content-Type is not trusted).
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, gif, webp

    /// The format `bytes` start with, or nil when they are no image telex decodes.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        bytes.withUnsafeBufferPointer { ImageDecoder.format(telex_image_sniff_swift($0)) }
    }
}

/// A picture the cache keeps: decoded (for its size and character art) and as the PNG file it was kept
/// as (for terminals that draw pictures themselves).
public struct Picture: Sendable, Hashable {
    public var image: RGBAImage
    public var png: [UInt8]
    public init(image: RGBAImage, png: [UInt8]) { self.image = image; self.png = png }
}
