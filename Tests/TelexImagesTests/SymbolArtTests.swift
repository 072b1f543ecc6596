import Testing
import TelexImages
import TelexScreen
import TelexTestSupport

/// Character art: the size keeps the picture's aspect (cells are twice as tall as wide), and the cells
/// are one column wide, coloured from the picture, or uncoloured for NO_COLOR.
@Suite struct SymbolArtTests {
    static func image(_ name: String) throws -> RGBAImage { try ImageDecoder.decode(Fixtures.bytes("images/" + name)) }

    @Test(arguments: [
        // (width, height) pixels, box → cells
        (640, 400, 60, 20, 60, 19),   // wide: width-bound (400/640 × 60 / 2 = 18.75)
        (400, 640, 60, 20, 25, 20),   // tall: height-bound (20 rows × 2 × 400/640 = 25)
        (300, 200, 80, 40, 80, 27),
        (10, 10, 80, 40, 10, 5),      // small: not blown up past its pixels
        (5000, 10, 80, 40, 80, 1),    // a thin banner keeps one row
    ])
    func theSizeKeepsTheAspect(w: Int, h: Int, maxC: Int, maxR: Int, c: Int, r: Int) {
        let image = RGBAImage(width: w, height: h, pixels: [UInt8](repeating: 255, count: w * h * 4))
        let size = SymbolArt.size(of: image, maxColumns: maxC, maxRows: maxR)
        #expect(size.columns == c && size.rows == r)
    }

    @Test func artIsCellsOfOneColumnColouredFromThePicture() throws {
        let photo = try Self.image("photo.jpg")
        let art = SymbolArt.render(photo, columns: 40, rows: 12, colors: .indexed)
        #expect(art.rows.count == 12 && art.rows.allSatisfy { $0.count == 40 })
        #expect(art.rows.joined().allSatisfy { $0.glyph.width == 1 && !$0.isContinuation })
        // The sea at the bottom is blue: xterm-256 indexes of the 6x6x6 cube with more blue than red.
        let bottom = art.rows[11][2].style
        let index: UInt8? = {
            if case .indexed(let i) = bottom.background { return i }
            if case .indexed(let i) = bottom.foreground { return i }
            return nil
        }()
        #expect(index.map { $0 >= 16 } == true)
        if let i = index, i < 232 {
            let v = Int(i) - 16
            #expect(v % 6 > v / 36, "blue over red in colour \(i)")
        }
    }

    @Test func monochromeArtHasNoColour() throws {
        let art = SymbolArt.render(try Self.image("photo.jpg"), columns: 30, rows: 10, colors: .monochrome)
        #expect(art.rows.joined().allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        // The picture still shows as shapes: the bright sky is solid, the dark sea blank.
        #expect(art.rows[0].allSatisfy { $0.glyph.text == "█" })
        #expect(art.rows[9].allSatisfy { $0.glyph.text == " " })
    }
}
