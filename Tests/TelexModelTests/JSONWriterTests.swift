import Foundation
import Testing
import TelexModel

@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" and \\ slash /", #""quote \" and \\ slash /""#),
        ("line\nfeed\r\ttab", #""line\nfeed\r\ttab""#),
        ("\u{1B}[31mred", #""\u001b[31mred""#),
        ("bell\u{07} del\u{7F}", #""bell\u0007 del\u007f""#),
        ("csi \u{9B}2J and \u{80}\u{9F}", #""csi \u009b2J and \u0080\u009f""#),
        ("evil\u{202E}txt.exe", #""evil\u202etxt.exe""#),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", #""\u202a\u202b\u202c\u202d""#),
        ("\u{200E}\u{200F}\u{061C}", #""\u200e\u200f\u061c""#),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", #""\u2066\u2067\u2068\u2069""#),
        ("sep\u{2028}\u{2029}", #""sep\u2028\u2029""#),
        ("é ü 東京 🇫🇷 \u{A0} \u{2027} \u{202F} \u{2065}", "\"é ü 東京 🇫🇷 \u{A0} \u{2027} \u{202F} \u{2065}\""),
        ("", #""""#),
    ])
    func stringsEscapeEveryControlAndBidiCharacter(_ input: String, _ expected: String) {
        #expect(JSONWriter.text(.string(input)) == expected)
    }

    @Test func escapedStringsReadBackUnchanged() throws {
        let input = "a\u{9B}b\u{202E}c\u{1B}d\"e\\f\u{2069}東京"
        let text = JSONWriter.text(["k": .string(input)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(object["k"] == input)
    }

    @Test func valuesAreWrittenWithSortedKeys() {
        let value: JSONValue = ["b": 1, "a": [true, false, nil], "c": ["x": 1.5, "y": .double(2)], "d": .double(.nan), "e": [:], "f": []]
        #expect(JSONWriter.text(value) == #"{"a":[true,false,null],"b":1,"c":{"x":1.5,"y":2},"d":null,"e":{},"f":[]}"#)
        #expect(JSONWriter.text(["a": [1, 2], "b": "x"], pretty: true) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"x\"\n}")
    }

    @Test func optionalsAndTimes() {
        #expect(JSONValue(nil as String?) == .null)
        #expect(JSONValue(3 as Int?) == .int(3))
        #expect(JSONValue.time(Date(timeIntervalSince1970: 1_750_000_000.9)) == "2025-06-15T15:06:40Z")
        #expect(JSONValue.time(nil) == .null)
    }

    /// The writer flushes in chunks of about the buffer size; the streamed array is one valid document.
    @Test func streamedArraysAreOneDocumentWrittenInChunks() throws {
        var chunks: [[UInt8]] = []
        let writer = JSONWriter(bufferSize: 64) { chunks.append($0) }
        writer.begin(.array)
        for i in 0..<100 { writer.element(["i": .int(Int64(i))]) }
        writer.end()
        #expect(chunks.count > 10)
        #expect(chunks.dropLast().allSatisfy { $0.count < 64 + 16 })
        let text = String(decoding: chunks.joined(), as: UTF8.self)
        #expect(text.hasPrefix("[\n{\"i\":0},\n{\"i\":1},\n") && text.hasSuffix("{\"i\":99}\n]\n"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Int]])
        #expect(parsed.map { $0["i"]! } == Array(0..<100))
    }

    @Test(arguments: [(JSONWriter.Framing.array, "[]\n"), (.lines, "")])
    func anEmptyStreamIsAnEmptyArrayOrNothing(_ framing: JSONWriter.Framing, _ expected: String) {
        var out: [UInt8] = []
        let writer = JSONWriter { out += $0 }
        writer.begin(framing)
        writer.end()
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func jsonLinesAreOneCompactObjectALine() {
        var out: [UInt8] = []
        let writer = JSONWriter { out += $0 }
        writer.begin(.lines)
        writer.element(["a": "x\ny"])
        writer.element(["a": 2])
        writer.end()
        #expect(String(decoding: out, as: UTF8.self) == "{\"a\":\"x\\ny\"}\n{\"a\":2}\n")
    }

    @Test func aDocumentWithAStreamedMember() throws {
        var out: [UInt8] = []
        let writer = JSONWriter { out += $0 }
        writer.beginDocument(streaming: "items")
        writer.element(["id": "1"])
        writer.element(["id": "2"])
        writer.endDocument(["z": 1, "title": "T"])
        let text = String(decoding: out, as: UTF8.self)
        #expect(text == "{\n  \"items\": [\n{\"id\":\"1\"},\n{\"id\":\"2\"}\n  ],\n  \"title\": \"T\",\n  \"z\": 1\n}\n")
        #expect(try JSONSerialization.jsonObject(with: Data(out)) is [String: Any])
        out = []
        writer.beginDocument(streaming: "items")
        writer.endDocument(["a": "first"])
        #expect(String(decoding: out, as: UTF8.self) == "{\n  \"items\": [],\n  \"a\": \"first\"\n}\n")
    }
}

@Suite struct JSONMembersTests {
    @Test func membersAreWrittenInTheGivenOrder() {
        let value = JSONValue.members(JSONMembers(keys: ["b", "a"], values: [1, "x"]))
        #expect(JSONWriter.text(value) == #"{"b":1,"a":"x"}"#)
        #expect(JSONWriter.text(.members(JSONMembers(keys: [], values: []))) == "{}")
    }

    @Test(arguments: [(0.0, "1970-01-01T00:00:00Z"), (1_750_000_000, "2025-06-15T15:06:40Z"), (951_825_599, "2000-02-29T11:59:59Z"),
                      (253_402_300_799, "9999-12-31T23:59:59Z")])
    func timesAreISO8601InUTC(_ seconds: Double, _ expected: String) {
        #expect(JSONValue.iso8601(Date(timeIntervalSince1970: seconds)) == expected)
    }
}

@Suite struct WhitespaceTests {
    @Test(arguments: [("  a b  ", "a b"), ("\t\u{A0}Café\u{2009}\n", "Café"), ("   ", ""), ("", ""), ("x", "x"), ("\u{3000}東京\u{3000}", "東京")])
    func trimsUnicodeWhiteSpaceAtBothEnds(_ input: String, _ expected: String) {
        #expect(input.trimmingWhitespace() == expected)
        #expect(input.trimmingWhitespace() == input.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
