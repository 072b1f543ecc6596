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
