import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// Whole screens at the four sizes the reader must serve (40x12, 80x24, 120x40, 300x60), as text:
/// the lists as they start, with the headlines and the preview together (`v`), without the sections
/// (`B`), the reading view, and the help. `Snapshots/WxH.txt` holds them; a change of layout shows
/// as a diff there. TELEX_WRITE_SNAPSHOTS=1 rewrites the files (review the diff before committing).
@Suite struct ScreenSizeSnapshotTests {
    static let sizes = [(40, 12), (80, 24), (120, 40), (300, 60)]

    static func screens(_ w: Int, _ h: Int) -> String {
        var out = ""
        func shot(_ name: String, _ d: Driver) {
            out += "== \(name)\n" + d.screen.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
                .joined(separator: "\n") + "\n"
        }
        var d = Driver(width: w, height: h, rows: worldTitles)
        d.press(.tab)
        shot("lists", d)
        d.press(.character("v"))
        shot("v: side by side", d)
        d.press(.character("v"))
        shot("v v: stacked", d)
        d.press(.character("B"))
        shot("stacked, B: no sections", d)
        d.press(.character("v"), .character("v"))
        shot("side by side, no sections", d)
        d.press(.enter)
        shot("reading view", d)
        d.press(.character("?"))
        shot("help", d)
        return out
    }

    static func file(_ w: Int, _ h: Int) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(w)x\(h).txt")
    }

    @Test(arguments: sizes) func theScreenMatchesItsSnapshot(_ size: (Int, Int)) throws {
        let current = Self.screens(size.0, size.1)
        let url = Self.file(size.0, size.1)
        if ProcessInfo.processInfo.environment["TELEX_WRITE_SNAPSHOTS"] == "1" {
            try current.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let stored = try String(contentsOf: url, encoding: .utf8)
        #expect(current == stored, "screens at \(size.0)x\(size.1) differ from \(url.lastPathComponent)")
    }

    @Test(arguments: sizes) func theSplitShowsHeadlinesAndPreviewTogether(_ size: (Int, Int)) {
        var d = Driver(width: size.0, height: size.1, rows: worldTitles)
        d.press(.tab, .character("v"))
        #expect(d.state.layout.headlines != nil && d.state.layout.preview != nil)
        let text = d.screen.joined(separator: "\n")
        #expect(text.contains("Élections"))
        // The preview shows the selected story's body beside or below its headline.
        #expect(d.state.preview?.detail.headline.id == worldTitles[0].id)
        #expect(text.components(separatedBy: "Élections").count >= 3, "title in the list and the preview:\n\(text)")
    }

    @Test func titlesUseTheWidthAndTheFeedColumnAppearsWhenItFits() {
        var d = Driver(width: 120, height: 40, rows: worldTitles)
        d.press(.tab)
        let withPreview = d.screen[2]
        #expect(!withPreview.contains("Le Monde"))
        d.press(.character("B"))
        let wide = d.screen[2]
        #expect(wide.contains("Le Monde"))
        #expect(wide.contains("Élections : résultats région par région, à la une"))
    }

    @Test func hidingTheSectionsMovesTheFocusAndShowingThemBack() {
        var d = Driver(width: 120, height: 40, rows: worldTitles)
        #expect(d.state.focus == .sections)
        d.press(.character("B"))
        #expect(d.state.sectionsHidden && d.state.focus == .headlines && d.state.layout.sections == nil)
        d.press(.character("h"))
        #expect(d.state.focus == .sections && d.state.layout.sections != nil)
        d.press(.character("B"))
        #expect(!d.state.sectionsHidden)
    }

    @Test func theLayoutChosenIsKeptWithThePlace() {
        var d = Driver(width: 80, height: 24, rows: worldTitles)
        d.press(.tab, .character("v"), .character("v"), .character("B"))
        let place = d.state.currentPlace
        #expect(place.previewSplit == .stacked && place.sectionsHidden)
        let again = Driver(width: 80, height: 24, rows: worldTitles, place: place)
        #expect(again.state.previewSplit == .stacked && again.state.sectionsHidden)
        #expect(again.state.layout.sections == nil || again.state.focus == .sections)
    }
}
