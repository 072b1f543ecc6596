#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic feeds (RSS 2.0, Atom 1.0, RSS 1.0) for the parse benchmark.

Usage: gen-bench-feeds.py DIR [COUNT]
"""
import os, random, sys

WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they "
         "you were her all she there would their we him been has when who will more no if out so said what up its about "
         "into than them can only other new some could time these two may then do first any my now such like our over "
         "man me even most made after also did many before must through back years where much your way well down should "
         "because each just those people how too little state good very make world still own see men work long get here "
         "between both life being under never day same another know while last might us great old year off come since "
         "against go came right used take three election market climate city council minister football science").split()
rng = random.Random(20261125)


def sentence(n=None):
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(6, 18))]
    return " ".join(words).capitalize() + "."


def paragraphs(k):
    out = []
    for _ in range(k):
        s = " ".join(sentence() for _ in range(rng.randint(2, 6)))
        if rng.random() < 0.4:
            w = rng.choice(WORDS)
            s = s.replace(" " + w + " ", ' <a href="https://news.example.com/%s">%s</a> ' % (w, w), 1)
        if rng.random() < 0.3:
            s = s.replace(" the ", " <em>the</em> ", 1)
        out.append("<p>%s</p>" % s)
    return "".join(out)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def date(i):
    return "%s, %02d %s 2026 %02d:%02d:%02d %s" % (rng.choice(["Mon", "Tue", "Wed"]), rng.randint(1, 28),
        rng.choice(["Jan", "Feb", "Mar", "Oct", "Nov"]), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
        rng.choice(["GMT", "+0000", "-0500", "+0100"]))


def rss(n):
    items = []
    for i in range(rng.randint(15, 60)):
        title = sentence(rng.randint(5, 12)).rstrip(".")
        link = "https://news.example.com/%d/%d/%s" % (n, i, "-".join(title.lower().split()[:5]))
        body = paragraphs(rng.randint(2, 12))
        items.append("""    <item>
      <title>%s</title>
      <link>%s</link>
      <description>%s</description>
      <content:encoded><![CDATA[%s]]></content:encoded>
      <pubDate>%s</pubDate>
      <guid isPermaLink="true">%s</guid>
      <dc:creator>%s %s</dc:creator>
      <category>%s</category><category>%s</category>
      <media:thumbnail url="https://img.example.com/%d/%d.jpg" width="240" height="160"/>
    </item>""" % (esc(title), link, esc(sentence()), body, date(i), link, rng.choice(WORDS).title(), rng.choice(WORDS).title(),
                   rng.choice(WORDS), rng.choice(WORDS), n, i))
    return """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Example News %d</title>
    <link>https://news.example.com/%d</link>
    <atom:link href="https://news.example.com/%d/feed.xml" rel="self" type="application/rss+xml"/>
    <description>%s</description>
    <language>en</language>
    <lastBuildDate>%s</lastBuildDate>
%s
  </channel>
</rss>
""" % (n, n, n, esc(sentence()), date(0), "\n".join(items))


def atom(n):
    entries = []
    for i in range(rng.randint(10, 40)):
        title = sentence(rng.randint(5, 12)).rstrip(".")
        entries.append("""  <entry>
    <title type="html">%s</title>
    <link rel="alternate" type="text/html" href="/posts/%d/%d"/>
    <id>tag:blog.example.org,2026:%d.%d</id>
    <published>2026-%02d-%02dT%02d:%02d:00Z</published>
    <updated>2026-%02d-%02dT%02d:%02d:00+01:00</updated>
    <author><name>%s</name></author>
    <category term="%s"/>
    <summary type="html">%s</summary>
    <content type="html">%s</content>
  </entry>""" % (esc(title), n, i, n, i, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59),
                 rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.choice(WORDS).title(),
                 rng.choice(WORDS), esc("<p>%s</p>" % sentence()), esc(paragraphs(rng.randint(3, 15)))))
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/">
  <title>Example Blog %d</title>
  <link href="/"/>
  <updated>2026-11-01T00:00:00Z</updated>
  <id>tag:blog.example.org,2026:%d</id>
%s
</feed>
""" % (n, n, "\n".join(entries))


def rdf(n):
    items = []
    for i in range(rng.randint(10, 30)):
        title = sentence(rng.randint(5, 12)).rstrip(".")
        link = "https://rdf.example.net/%d/%d" % (n, i)
        items.append("""  <item rdf:about="%s">
    <title>%s</title>
    <link>%s</link>
    <description>%s</description>
    <dc:date>2026-%02d-%02dT10:00:00+00:00</dc:date>
    <dc:creator>%s</dc:creator>
  </item>""" % (link, esc(title), link, esc(paragraphs(rng.randint(1, 4))), rng.randint(1, 12), rng.randint(1, 28), rng.choice(WORDS).title()))
    return """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/%d"><title>RDF %d</title><link>https://rdf.example.net/%d</link><description>d</description></channel>
%s
</rdf:RDF>
""" % (n, n, n, "\n".join(items))


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        kind = n % 10
        doc, ext = (rss(n), "rss") if kind < 6 else ((atom(n), "atom") if kind < 9 else (rdf(n), "rdf"))
        with open(os.path.join(out, "feed-%03d.%s.xml" % (n, ext)), "w", encoding="utf-8") as f:
            f.write(doc)


if __name__ == "__main__":
    main()
