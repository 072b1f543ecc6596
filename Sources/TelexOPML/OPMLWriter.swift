import Foundation
import TelexConfig
import TelexModel

/// Writes the configuration's sections and feeds as OPML 2.0: one folder outline per section, one
/// `type="rss"` outline per feed (every feed, enabled or not), in feeds.json order.
///
/// A feed's `text` (required by OPML 2.0) is its configured title, else its host and path; `title` is
/// written only for a configured title, so that importing the file gives back exactly the titles
/// feeds.json had. feeds.json's other feed options (`article`, `interval`, `enabled`) have no OPML form.
public enum OPMLWriter {
    public static func write(_ configuration: Configuration, title: String = "telex subscriptions", date: Date = Date()) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>\(escape(title))</title>
                <dateCreated>\(rfc822(date))</dateCreated>
              </head>
              <body>

            """
        for section in configuration.sections {
            out += "    <outline text=\"\(escape(section.name))\" title=\"\(escape(section.name))\">\n"
            for feed in section.feeds {
                var attributes = "type=\"rss\" text=\"\(escape(feed.title ?? fallbackText(feed.url)))\""
                if let title = feed.title { attributes += " title=\"\(escape(title))\"" }
                attributes += " xmlUrl=\"\(escape(feed.url))\""
                out += "      <outline \(attributes)/>\n"
            }
            out += "    </outline>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// The `text` of a feed without a title: its host and path ("example.org/news/rss.xml"), as the reader names it.
    static func fallbackText(_ url: String) -> String { FeedName.hostAndPath(url) }

    /// Text as an XML attribute value: markup characters and white space other than spaces as references
    /// (attribute normalisation would turn a tab or a line break into a space); characters XML 1.0 does not
    /// allow (other C0 controls, U+FFFE, U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
