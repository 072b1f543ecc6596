import Foundation
import GRDB
import TelexModel

extension Store {
    /// How many of the newest matches are ranked by relevance.
    static let rankingWindow = 20_000

    /// Full-text search over titles, summaries and article text, best first (bm25; titles weigh most).
    ///
    /// The input is tokenised and each token quoted, the last one matched as a prefix: any input is safe.
    /// bm25 scores every match, so a term found in most items would cost seconds at a million items: only the
    /// newest `rankingWindow` matches are ranked (finding the window's edge walks rowids, which is cheap).
    public func search(_ query: String, limit: Int) throws -> [Headline] {
        try search(query, limit: limit, rankingWindow: Self.rankingWindow)
    }

    func search(_ query: String, limit: Int, rankingWindow: Int) throws -> [Headline] {
        guard let match = SearchQuery.matchExpression(query) else { return [] }
        return try read { db in
            let edge = try Int64.fetchOne(db, sql: UIQueries.searchWindowEdge, arguments: [match, max(0, rankingWindow - 1)]) ?? 0
            let ids = try Int64.fetchAll(db, sql: UIQueries.searchHits, arguments: [match, edge, Self.pageLimit(limit)])
            let byID = try db.cachedStatement(sql: UIQueries.searchHeadlineByID)
            return try ids.compactMap { id in try Row.fetchOne(byID, arguments: [id]).map(Self.headline) }
        }
    }
}
