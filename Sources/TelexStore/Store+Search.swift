import Foundation
import GRDB
import TelexModel

extension Store {
    /// Full-text search over titles, summaries and article text, best first (bm25; titles weigh most).
    ///
    /// The input is tokenised and each token quoted, the last one matched as a prefix: any input is safe.
    public func search(_ query: String, limit: Int) throws -> [Headline] {
        guard let match = SearchQuery.matchExpression(query) else { return [] }
        return try read { db in
            let ids = try Int64.fetchAll(db, sql: UIQueries.searchHits, arguments: [match, Self.pageLimit(limit)])
            let byID = try db.cachedStatement(sql: UIQueries.headlinesByID)
            return try ids.compactMap { id in try Row.fetchOne(byID, arguments: [id]).map(Self.headline) }
        }
    }
}
