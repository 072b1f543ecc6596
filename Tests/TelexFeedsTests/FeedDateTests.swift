import Foundation
import Testing
@testable import TelexFeeds

@Suite struct FeedDateTests {
    /// (input, expected UTC ISO 8601 or nil)
    static let cases: [(String, String?)] = [
        // RFC 822 / 1123
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 -0430", "2003-06-10T08:30:00Z"),
        ("10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),               // no weekday
        ("Tue, 10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z"),             // no seconds
        ("Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z"),            // two-digit year
        ("Sun, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"),            // two-digit year, last century
        ("Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00Z"),            // military Z
        ("Tue, 10 Jun 2003 04:00:00 A", "2003-06-10T05:00:00Z"),            // military A = -1 (as feedparser)
        ("Tue, 10 Jun 2003 04:00:00 N", "2003-06-10T03:00:00Z"),            // military N = +1
        ("Tue, 10 Jun 2003 04:00:00 0200", "2003-06-10T02:00:00Z"),         // offset without sign
        ("Tue, 10 Jun 2003 04:00:00 GMT+0200", "2003-06-10T02:00:00Z"),
        ("Tue, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),         // full month name
        ("Tuesday, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),      // full weekday
        ("Tue, 10-Jun-2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),          // dashes
        ("Tue, 1 Jun 2003 4:05:06 GMT", "2003-06-01T04:05:06Z"),            // single digits
        ("Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z"),              // no zone: UTC
        ("Tue Jun 10 04:00:00 2003", "2003-06-10T04:00:00Z"),               // asctime
        ("Jun 10, 2003 4:00 PM", "2003-06-10T16:00:00Z"),                   // US style with PM
        // ISO 8601 / RFC 3339
        ("2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z"),
        ("2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z"),
        ("2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z"),
        ("2003-12-13T18:30:02-0500", "2003-12-13T23:30:02Z"),
        ("2003-12-13T18:30:02+01", "2003-12-13T17:30:02Z"),
        ("2003-12-13T18:30Z", "2003-12-13T18:30:00Z"),                     // no seconds
        ("2003-12-13 18:30:02", "2003-12-13T18:30:02Z"),                    // space, no zone
        ("2003-12-13t18:30:02z", "2003-12-13T18:30:02Z"),                   // lower case
        ("2003-12-13", "2003-12-13T00:00:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("20031213T183002Z", "2003-12-13T18:30:02Z"),                       // basic format
        ("2003-12-13T18:30:02 GMT", "2003-12-13T18:30:02Z"),
        ("  2003-12-13T18:30:02Z \n", "2003-12-13T18:30:02Z"),
        // Not dates
        ("", nil), ("yesterday", nil), ("2003-13-01", nil), ("2003-02-30", nil), ("Tue, 32 Jun 2003 04:00:00 GMT", nil),
        ("Tue, 10 Foo 2003 04:00:00 GMT", nil),
    ]

    /// The cases of feedparser's own date-handler tests (runtests.py, feedparser 6.0.14), with its
    /// expected instants, plus the 12-hour clock in every shape.
    static let feedparserCases: [(String, String?)] = [
        // Greek and Hungarian names.
        ("\u{039a}\u{03c5}\u{03c1}, 11 \u{0399}\u{03bf}\u{03cd}\u{03bb} 2004 12:00:00 EST", "2004-07-11T17:00:00Z"),
        ("2004-j\u{00fa}lius-13T9:15-05:00", "2004-07-13T14:15:00Z"),
        // ISO 8601's truncated and odd forms.
        ("-0312", "2003-12-01T00:00:00Z"), ("031231", "2003-12-31T00:00:00Z"), ("03-12-31", "2003-12-31T00:00:00Z"),
        ("-03-12", "2003-12-01T00:00:00Z"),
        ("2003-12-31T10:14:55.1234Z", "2003-12-31T10:14:55Z"), ("2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z"),
        // Korean (Nate, OnBlog: Korean time).
        ("2004-05-25 \u{c624}\u{d6c4} 11:23:17", "2004-05-25T14:23:17Z"),
        ("2004\u{b144} 05\u{c6d4} 28\u{c77c}  01:31:15", "2004-05-27T16:31:15Z"),
        // Perforce.
        ("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"),
        // RFC 822 variants.
        ("Thu, 30 Apr 2015 08:57:00 MET", "2015-04-30T07:57:00Z"), ("Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z"),
        ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z"), ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z"),
        ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z"), ("Wed, 19 Feb 2012 22:40:00 -01:01", "2012-02-19T23:41:00Z"),
        ("Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z"), ("Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z"),
        ("Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"),
        ("Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z"), ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z"),
        ("Mon, 26 January 2004 16:31:00 CT", "2004-01-26T22:31:00Z"), ("Mon, 26 January 2004 16:31:00 MT", "2004-01-26T23:31:00Z"),
        ("Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z"), ("Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z"),
        ("Sun, 16 Dec 2012 1:2:3:4 GMT", nil), ("Sun, 16 zzz 2012 11:47:32 GMT", nil), ("Sun, Dec x 2012 11:47:32 GMT", nil),
        ("Sun, 16 Dec zz 11:47:32 GMT", nil), ("Sun, 16 Dec 2012 11:47:32 +zz:00", nil), ("Sun, 16 Dec 2012 11:47:32 +00:zz", nil),
        ("Sun, 99 Jun 2009 12:00:00 GMT", nil),
        // asctime.
        ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"), ("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"),
        // W3C-DTF.
        ("2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"), ("2007-04-23T23:25:47.538+10:00", "2007-04-23T13:25:47Z"),
        ("2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z"), ("2003-02-28T18:14:55-08:00", "2003-03-01T02:14:55Z"),
        ("9999-12-31T23:59:59-99:99", nil), ("2003-12-31T25:14:55Z", nil), ("2003-12-31T10:61:55Z", nil), ("2003-12-31T10:14:61Z", nil),
        ("22013", nil), ("013", nil), ("2013-01-27-01", nil), ("2013-01-28T11:30:00-06:00Textra", nil), ("2013-xx-27", nil),
        ("2013-01-28T09:xx:00Z", nil), ("2013-01-28T09:00:00+00:xx", nil),
        ("2004-07-08 23:56:58 -00:20", "2004-07-09T00:16:58Z"), ("2004-07-08 23:56:58", "2004-07-08T23:56:58Z"),
        ("2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"),
        // The 12-hour clock: 12 AM is midnight, 12 PM noon, wherever the marker stands.
        ("Sun, 04 Feb 2024 01:30:00 PM EST", "2024-02-04T18:30:00Z"), ("Sun, 04 Feb 2024 12:10:00 AM +0000", "2024-02-04T00:10:00Z"),
        ("Sun, 04 Feb 2024 12:10 PM GMT", "2024-02-04T12:10:00Z"), ("2024-02-04 1:30 PM", "2024-02-04T13:30:00Z"),
        ("2024-02-04 01:30:15 pm +01:00", "2024-02-04T12:30:15Z"), ("2024-02-04T11:05:00 a.m. Z", "2024-02-04T11:05:00Z"),
        ("February 4, 2024 9:15 p.m. PST", "2024-02-05T05:15:00Z"), ("2/4/2024 1:30:00 PM", nil),
        // Glued zone after the seconds.
        ("Sat, 31 Dec 2005 06:15:55+0900", "2005-12-30T21:15:55Z"), ("2005-5-28 16:05:36", "2005-05-28T16:05:36Z"),
    ]

    @Test(arguments: feedparserCases)
    func readsWhatFeedparsersDateHandlersRead(_ input: String, _ expected: String?) {
        let date = FeedDate.parse(input)
        #expect(date.map(iso) == expected, "\(input)")
    }

    @Test(arguments: cases)
    func parsesEachVariantToUTC(_ input: String, _ expected: String?) {
        let date = FeedDate.parse(input)
        #expect(date.map(iso) == expected, "\(input)")
    }

    @Test func leapDaysAreValidOnlyInLeapYears() {
        #expect(FeedDate.parse("2024-02-29T00:00:00Z") != nil)
        #expect(FeedDate.parse("2023-02-29T00:00:00Z") == nil)
    }

    func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
