"""HTML to comparable text for the feedparser oracles (scripts/conformance.py, scripts/feedparser-diff.py):
tags out (script and style bodies too), entities decoded. Callers collapse whitespace their own way."""
import html.parser


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"): self.skip += 1
        self.parts.append(" ")
    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip: self.skip -= 1
        self.parts.append(" ")
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)


def html_to_text(value):
    """The text of an HTML fragment, uncollapsed."""
    p = _Text(); p.feed(value); p.close()
    return "".join(p.parts)
