import Foundation
import TelexImages
import TelexScreen

/// Reading the pictures the cache keeps (PNG files the fetcher wrote) for the reading view.
public enum PictureFiles {
    /// Limits for our own thumbnails: they are at most 480 pixels a side, so anything larger is not ours.
    static let limits = ImageLimits(maxPixels: 1_000_000, maxDimension: 4_096)

    /// Decodes the files (picture URL → path) with the same limits as any file: one missing or damaged is
    /// left out, and its block shows its caption or alternative text.
    public static func decode(_ files: [String: String]) -> [String: Picture] {
        var pictures: [String: Picture] = [:]
        for (url, path) in files {
            guard let data = FileManager.default.contents(atPath: path), data.count <= TerminalImage.maxPNGBytes,
                  let image = try? ImageDecoder.decode(Array(data), limits: limits) else { continue }
            pictures[url] = Picture(image: image, png: Array(data))
        }
        return pictures
    }
}
