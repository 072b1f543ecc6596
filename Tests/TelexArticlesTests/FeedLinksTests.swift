import Testing
@testable import TelexArticles

private func links(_ html: String, page: String = "https://site.example/blog/post") -> [AdvertisedFeed] {
    FeedLinks.find(in: Array(html.utf8), pageURL: page)
}

@Suite struct FeedLinksTests {
    @Test func linkElementsOfFeedTypesAreFoundInDocumentOrderAndResolved() {
        let found = links("""
        <html><head>
        <link rel="stylesheet" type="text/css" href="/s.css">
        <link href="comments/feed/" title="Comments" rel="alternate" type="application/rss+xml">
        <link rel="ALTERNATE" type="Application/Atom+XML" href="https://site.example/atom.xml" title=" The   Atom ">
        <link rel="alternate" type="application/feed+json" href="//cdn.example/feed.json">
        <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
        <link rel="feed" href="/all">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        <link rel="alternate" type="application/rss+xml" href="comments/feed/">
        </head><body></body></html>
        """)
        #expect(found.map(\.url) == ["https://site.example/blog/comments/feed/", "https://site.example/atom.xml",
                                     "https://cdn.example/feed.json", "https://site.example/all"])
        #expect(found.map(\.title) == ["Comments", "The Atom", nil, nil])
        #expect(found.map(\.type) == ["application/rss+xml", "application/atom+xml", "application/feed+json", nil])
        #expect(found.allSatisfy { $0.source == .linkElement })
    }

    @Test func theBaseElementDecidesRelativeLinks() {
        let found = links("<head><base href=\"https://other.example/x/\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss\"></head>")
        #expect(found.map(\.url) == ["https://other.example/x/rss"])
    }

    @Test func anchorsNamedLikeFeedsCountAndOthersDoNot() {
        let found = links("""
        <body>
        <a href="/about">About us</a>
        <a href="/feeds/all">RSS</a>
        <a href="/news/index.xml">News</a>
        <a href="https://site.example/?feed=rss2">Entries</a>
        <a href="/x">Subscribe via Atom</a>
        <a href="/rss-is-dead">Why RSS matters to our readers today</a>
        </body>
        """)
        #expect(found.map(\.url) == ["https://site.example/feeds/all", "https://site.example/news/index.xml",
                                     "https://site.example/?feed=rss2", "https://site.example/x"])
        #expect(found.map(\.title) == ["RSS", "News", "Entries", "Subscribe via Atom"])
        #expect(found.allSatisfy { $0.source == .anchor })
    }

    @Test func aPageWithoutFeedsHasNone() {
        #expect(links("<html><head><title>t</title></head><body><p>Nothing <a href=\"/a\">here</a></p></body></html>").isEmpty)
        #expect(links("").isEmpty)
    }
}
