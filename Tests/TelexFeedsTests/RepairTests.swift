import Testing
@testable import TelexFeeds

/// XMLRepair's scanner: copy-on-edit and the eight-byte scan's word boundaries.
@Suite struct RepairTests {
    @Test func cleanDocumentsAreNotCopiedOnlyOffset() {
        let doc = Array("<?xml version=\"1.0\"?><rss><channel><title>a &amp; b &lt;i&gt; &eacute;</title></channel></rss>".utf8)
        let repaired = XMLRepair.repair(doc)
        #expect(repaired.bytes == doc)
        #expect(repaired.start == 21)
        #expect(repaired.warnings.isEmpty)
    }

    /// A fix at every offset within and across eight-byte words, in text and in a quoted attribute.
    @Test(arguments: 0..<20)
    func fixesLandAtEveryOffset(_ k: Int) {
        let xs = String(repeating: "x", count: k), ys = String(repeating: "y", count: 20 - k)
        let text = XMLRepair.repair(Array("<t>\(xs)& \u{1}\(ys)\n\(xs)<</t>".utf8))
        #expect(String(decoding: text.bytes[text.start...], as: UTF8.self) == "<t>\(xs)&amp; \(ys)\n\(xs)&lt;</t>")
        let attribute = XMLRepair.repair(Array("<t a=\"\(xs)<&\(ys)\" b='\(ys)\u{2}'/>".utf8))
        #expect(String(decoding: attribute.bytes[attribute.start...], as: UTF8.self) == "<t a=\"\(xs)&lt;&amp;\(ys)\" b='\(ys)'/>")
    }

    @Test func commentsCDATAAndDoctypesAreCopiedAsTheyAre() {
        let doc = Array("<r><!-- a & b < c --><![CDATA[ x & y < z ]]><?pi a & b?></r>".utf8)
        let repaired = XMLRepair.repair(doc)
        #expect(repaired.bytes == doc)
        #expect(repaired.start == 0)
    }
}
