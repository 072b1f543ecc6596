import Testing
import TelexImages
import TelexScreen
import TelexTestSupport

/// Decoding image files from the web: every format telex keeps, scaled to the thumbnail, and every
/// kind of hostile file refused with a reason and without allocating what its header claims.
@Suite struct ImageDecoderTests {
    static func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("images/" + name) }

    /// Each format decodes to the thumbnail size with the aspect kept (the photo is 640 × 400).
    @Test(arguments: [("photo.jpg", 480, 300), ("photo-progressive.jpg", 480, 300), ("photo.webp", 480, 300),
                      ("photo-cmyk.jpg", 480, 300), ("chart.png", 300, 200), ("animated.gif", 40, 30)])
    func eachFormatDecodesScaledToFitTheThumbnail(name: String, width: Int, height: Int) throws {
        let image = try ImageDecoder.decode(Self.bytes(name))
        #expect(image.width == width && image.height == height)
        #expect(image.pixels.count == width * height * 4)
    }

    /// The pixels are the picture's: the photo's red sun, the chart's transparent corner and green bar,
    /// the GIF's first frame (green), not its second (red).
    @Test func decodedPixelsAreThePicturesColours() throws {
        let photo = try ImageDecoder.decode(Self.bytes("photo.jpg"))
        let sun = photo.pixel(x: 460 * 480 / 640, y: 120 * 300 / 400)
        #expect(sun.r > 180 && sun.g < 90 && sun.b < 90 && sun.a == 255)
        let cmyk = try ImageDecoder.decode(Self.bytes("photo-cmyk.jpg"))
        let cmykSun = cmyk.pixel(x: 345, y: 90)
        #expect(cmykSun.r > 150 && cmykSun.g < 110 && cmykSun.b < 110)
        let chart = try ImageDecoder.decode(Self.bytes("chart.png"))
        #expect(chart.pixel(x: 5, y: 5).a == 0)
        let bar = chart.pixel(x: 150, y: 190)
        #expect(bar.g > 150 && bar.r < 100 && bar.a == 255)
        let gif = try ImageDecoder.decode(Self.bytes("animated.gif"))
        let first = gif.pixel(x: 20, y: 15)
        #expect(first.g > 150 && first.r < 50)
    }

    /// Hostile files: each refused with its reason, none allocating what its header claims.
    @Test(arguments: [
        ("truncated.jpg", ImageDecodeError.corrupt(.jpeg)),
        ("truncated.png", .corrupt(.png)),
        ("not-an-image.jpg", .notAnImage),
        ("huge-dimensions.png", .tooLarge(width: 100_000, height: 100_000)),
        ("bomb.png", .tooLarge(width: 20_000, height: 20_000)),
        ("huge-screen.gif", .tooLarge(width: 65_535, height: 65_535)),
        ("huge-dimensions.jpg", .tooLarge(width: 65_000, height: 65_000)),
    ])
    func hostileFilesAreRefusedWithTheirReason(name: String, error: ImageDecodeError) throws {
        let bytes = try Self.bytes(name)
        #expect(throws: error) { try ImageDecoder.decode(bytes) }
    }

    /// Every prefix of a good file, and a file with bytes flipped, gives a picture or an error: never a crash.
    @Test(arguments: ["photo.jpg", "photo-progressive.jpg", "photo.webp", "chart.png", "animated.gif"])
    func damagedCopiesNeverCrash(name: String) throws {
        let good = try Self.bytes(name)
        for length in stride(from: 0, to: good.count, by: max(1, good.count / 40)) {
            _ = try? ImageDecoder.decode(Array(good.prefix(length)))
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            var bad = good
            for _ in 0..<8 { bad[Int.random(in: 12..<bad.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = try? ImageDecoder.decode(bad)
        }
    }

    /// A header within the caller's tighter limits still decides before decoding.
    @Test func theLimitsAreTheCallers() throws {
        let bytes = try Self.bytes("photo.jpg")
        #expect(throws: ImageDecodeError.tooLarge(width: 640, height: 400)) {
            try ImageDecoder.decode(bytes, limits: ImageLimits(maxPixels: 100_000))
        }
        #expect(throws: ImageDecodeError.tooLarge(width: 640, height: 400)) {
            try ImageDecoder.decode(bytes, limits: ImageLimits(maxDimension: 600))
        }
        let full = try ImageDecoder.decode(bytes, limits: ImageLimits(fitSide: 1_000))
        #expect(full.width == 640 && full.height == 400)
    }

    @Test func theFormatIsToldByTheBytes() throws {
        #expect(ImageFormat.sniff(try Self.bytes("photo.jpg")) == .jpeg)
        #expect(ImageFormat.sniff(try Self.bytes("chart.png")) == .png)
        #expect(ImageFormat.sniff(try Self.bytes("animated.gif")) == .gif)
        #expect(ImageFormat.sniff(try Self.bytes("photo.webp")) == .webp)
        #expect(ImageFormat.sniff(try Self.bytes("not-an-image.jpg")) == nil)
        #expect(ImageFormat.sniff([]) == nil)
    }

    /// The stored thumbnail is a PNG that decodes to the same pixels, named by its SHA-256.
    @Test func theThumbnailIsAPNGNamedByItsHash() throws {
        let thumb = try ImageThumbnail.make(from: Self.bytes("photo.jpg"))
        #expect(ImageFormat.sniff(thumb.png) == .png)
        #expect(thumb.width == 480 && thumb.height == 300)
        #expect(thumb.sha256 == ImageThumbnail.sha256Hex(thumb.png) && thumb.sha256.count == 64)
        let again = try ImageDecoder.decode(thumb.png)
        #expect(again == (try ImageDecoder.decode(Self.bytes("photo.jpg"))))
        // A known vector: SHA-256 of "abc".
        #expect(ImageThumbnail.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
