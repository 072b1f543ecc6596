import Foundation
import Testing
import TelexSampleEdition
import TelexTestSupport

@Suite("Serving the sample edition")
struct SampleEditionServingTests {
    @Test("rewriting replaces every placeholder with the base URL", arguments: [
        "http://127.0.0.1:8123", "http://127.0.0.1:8123/",
    ])
    func rewritingReplacesThePlaceholder(base: String) throws {
        let file = try #require(SampleEdition.file(at: "/feeds/une.xml", baseURL: base))
        #expect(file.contentType == "application/rss+xml; charset=utf-8")
        #expect(!file.body.contains("telex-demo.invalid"))
        #expect(file.body.contains("<link>http://127.0.0.1:8123/articles/russie-missiles-coree-du-nord.html</link>"))
    }

    @Test("a path with a query finds its file; an unknown path finds none")
    func lookupIgnoresTheQuery() {
        #expect(SampleEdition.file(at: SampleEdition.seedArticlePath + "?utm_source=rss#top", baseURL: "http://h")?.contentType == "text/html; charset=utf-8")
        #expect(SampleEdition.file(at: "/articles/missing.html", baseURL: "http://h") == nil)
        #expect(SampleEdition.file(at: "/author/daniel-park.html", baseURL: "http://h") == nil)
        #expect(SampleEdition.file(at: "/", baseURL: "http://h")?.body == SampleEdition.file(at: "/index.html", baseURL: "http://h")?.body)
    }

    @Test("content types follow the file kinds", arguments: [
        ("/feeds/world.atom", "application/atom+xml; charset=utf-8"),
        ("/feeds/sports.json", "application/feed+json; charset=utf-8"),
        ("/articles/pho-street-food-revolution.html", "text/html; charset=utf-8"),
        ("/files/ecb-financial-stability-review-2026-11.pdf", "application/pdf"),
    ])
    func contentTypes(path: String, type: String) {
        #expect(SampleEdition.files[path]?.contentType == type)
    }

    @Test("the embedded files are exactly the site tree in Resources/SampleEdition")
    func embeddingMatchesTheTree() throws {
        let site = Fixtures.repositoryRoot.appendingPathComponent("Resources/SampleEdition")
        var onDisk: [String: String] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: site.path))
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = site.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  relative != "README.md", relative != "feeds.json" else { continue }
            onDisk["/" + relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(SampleEdition.files.keys), "run scripts/gen-sample-edition.py")
        for (path, text) in onDisk {
            #expect(SampleEdition.files[path]?.body == text, "\(path) differs: run scripts/gen-sample-edition.py")
        }
        let feedsJSON = try String(contentsOf: site.appendingPathComponent("feeds.json"), encoding: .utf8)
        #expect(feedsJSON == SampleEdition.feedsJSON)
    }
}
