import Foundation
import GRDB
import TelexModel
import TelexQuery

/// What clustering compares of an item (docs/cache-schema.md, "Clusters"): the words of its title and of the start
/// of its feed's text, normalised (lower case, no accents, no stop words, a plural's `s` dropped; Chinese and
/// Japanese as overlapping pairs of characters, since they write no spaces), each as a 32-bit hash. Computed in the
/// parse task (`PreparedItem`), stored with the item while it can still join a cluster (`item_signature`).
///
/// Written here, not taken from a library: what is compared is small (a headline and a sentence or two) and the
/// weights come from the cache's own recent items (`ClusterIndex`), which no packaged near-duplicate library
/// (MinHash/SimHash) does; an exact weighted comparison of a few dozen tokens costs less than hashing bands.
struct ClusterSignature: Sendable, Hashable {
    /// Tokens of the title, distinct, in order.
    var title: [UInt32]
    /// Tokens of the text that are not in the title, distinct, at most `maxTextTokens`.
    var text: [UInt32]

    static let maxTitleTokens = 32
    static let maxTextTokens = 40
    /// Characters of the feed's text read: its lead, where outlets name the event.
    static let textPrefix = 400

    init(title: [UInt32], text: [UInt32]) {
        self.title = title; self.text = text
    }

    /// Numbers of the title count with the text's tokens: a title must have words in common to be compared.
    init(title titleText: String, text: Substring) {
        var seen: Set<UInt32> = []
        let words = Self.tokens(titleText, numbers: false), numbers = Self.tokens(titleText, numbers: true)
        title = Array(words.filter { seen.insert($0).inserted }.prefix(Self.maxTitleTokens))
        self.text = Array((numbers + Self.tokens(String(text.prefix(Self.textPrefix)))).filter { seen.insert($0).inserted }
            .prefix(Self.maxTextTokens))
    }

    var isEmpty: Bool { title.isEmpty }

    /// Stored form: the number of title tokens (one byte), then every token, little-endian.
    var blob: Data {
        var data = Data(capacity: 1 + 4 * (title.count + text.count))
        data.append(UInt8(title.count))
        for token in title + text { withUnsafeBytes(of: token.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    init?(blob: Data) {
        guard let first = blob.first, (blob.count - 1) % 4 == 0, Int(first) <= (blob.count - 1) / 4 else { return nil }
        var tokens: [UInt32] = []
        tokens.reserveCapacity((blob.count - 1) / 4)
        var index = blob.startIndex + 1
        while index < blob.endIndex {
            var value: UInt32 = 0
            for shift in 0..<4 { value |= UInt32(blob[index + shift]) << (8 * shift) }
            tokens.append(value)
            index += 4
        }
        title = Array(tokens.prefix(Int(first)))
        text = Array(tokens.dropFirst(Int(first)))
    }

    /// The tokens of a text, as hashes, in order (repeats kept); `numbers` true: only its numbers, false: no numbers.
    static func tokens(_ text: String, numbers: Bool? = nil) -> [UInt32] {
        var tokens: [UInt32] = []
        for word in QueryMatcher.words(text) {
            if let numbers, numbers != word.allSatisfy(\.isNumber) { continue }
            if word.unicodeScalars.contains(where: Self.isIdeographic) {
                // Runs of Han/kana/Hangul: each pair of neighbouring characters (a single one alone).
                let scalars = Array(word.unicodeScalars)
                if scalars.count == 1 { tokens.append(Self.hash(word)); continue }
                for i in 0..<(scalars.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(scalars[i]); pair.append(scalars[i + 1])
                    tokens.append(Self.hash(Substring(String(pair))))
                }
                continue
            }
            guard word.unicodeScalars.count >= 2, !StopWords.all.contains(String(word)) else { continue }
            tokens.append(Self.hash(Self.stem(word)))
        }
        return tokens
    }

    /// A plural's final `s` (Latin script words of 5 letters or more): "elections" and "election" are one token.
    private static func stem(_ word: Substring) -> Substring {
        guard word.count >= 5, word.hasSuffix("s"), !word.hasSuffix("ss") else { return word }
        return word.dropLast()
    }

    private static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// FNV-1a, 32 bits, of the word's UTF-8 (stable across processes: the tokens are stored).
    static func hash(_ word: Substring) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in word.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

/// Words that say nothing of an event, in the languages whose feeds write them most (accents removed, as tokens
/// are). Any other word's weight comes from how many recent items use it (`ClusterIndex.weight`).
enum StopWords {
    static let all: Set<String> = Set("""
        the a an and or of to in on at for from by with as is are was were be been has have had it its this that these \
        those he she they we you his her their our not no but after before over into about up out new says said will \
        would can could may more than who what when why how which all just also first last now still amid
        le la les un une des du de et ou en au aux pour par sur dans avec sans est sont ete a il elle ils elles on \
        nous vous son sa ses leur leurs ce cet cette ces qui que quoi dont ou pas plus ne se apres avant contre entre \
        selon lors
        der die das ein eine einen einem einer und oder in im am an auf fur mit von vom zu zum zur ist sind war wird \
        werden hat haben nicht nach vor bei aus uber unter den dem des sich es er sie wir ihr auch als wie noch
        el la los las un una unos unas y o de del en con por para sin sobre es son fue ha han se su sus que al lo \
        como mas tras ante entre
        il lo gli i una di da con per tra fra e sono ha nel nella nei delle della dei che non piu
        o os as um uma do da dos das em no na nos nas com por para e sao foi que nao mais apos
        het een en of van in op aan met voor door is zijn was wordt niet na bij uit over
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}

/// The recent items that a new one may join (docs/cache-schema.md, "Clusters"), in memory: their signatures by
/// id and an inverted index from token to items. Loaded from `item_signature` at a store's first write of items,
/// then kept up to date by this store's writes and by reading the rows other processes added (`refresh`).
///
/// Matching an item is one pass over the postings of its tokens and an exact weighted cosine with the best
/// candidates: microseconds, in the writer's transaction, with no table but `item_signature` written.
final class ClusterIndex: @unchecked Sendable {
    struct Entry {
        var feed: Int64
        var time: Int64
        var lang: String?
        var signature: ClusterSignature
    }

    /// Items further apart than this are never one event ("a time window of a few days").
    static let window: Int64 = 3 * StoreTime.day
    /// The similarity at or above which two items are one event: chosen on the labelled set
    /// (`ClusterLabelledSetTests`, docs/cache-schema.md, "Clusters").
    static let threshold = 0.25
    /// Title tokens weigh this much more than the text's.
    static let titleWeight = 2.0
    /// A token carried by more than this share of the window's items is a stop word of its own.
    static let commonShare = 0.05

    private(set) var entries: [Int64: Entry] = [:]
    private var postings: [UInt32: [Int64]] = [:]
    /// The largest item id read from the cache, to read only newer rows at the next refresh.
    private var loadedThrough: Int64 = 0
    private var loaded = false
    private var newest: Int64 = 0
    private var prunedAt: Int64 = 0

    private let lock = NSLock()

    init() {}

    /// The index, for one caller at a time (every other member is guarded by this lock).
    func withLock<T>(_ body: (ClusterIndex) throws -> T) rethrows -> T {
        try lock.withLock { try body(self) }
    }

    var count: Int { entries.count }

    /// Adds an item (its signature replaces an earlier one of the same id).
    func add(id: Int64, _ entry: Entry) {
        if entries[id] != nil { remove(id) }
        entries[id] = entry
        for token in entry.signature.title + entry.signature.text { postings[token, default: []].append(id) }
        newest = max(newest, entry.time)
        loadedThrough = max(loadedThrough, id)
    }

    func remove(_ id: Int64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for token in entry.signature.title + entry.signature.text {
            postings[token]?.removeAll { $0 == id }
            if postings[token]?.isEmpty == true { postings[token] = nil }
        }
    }

    /// A token's weight: rarer in the window, heavier (inverse document frequency, smoothed). The window counts as
    /// at least `minimumWindow` items, so that a young cache's few items do not make every shared word look common.
    func weight(_ token: UInt32) -> Double {
        let df = Double(postings[token]?.count ?? 0)
        if entries.count >= Self.minimumWindow, df > Double(entries.count) * Self.commonShare { return 0 }
        let n = Double(max(entries.count, Self.minimumWindow))
        return log((n + 1) / (df + 0.5))
    }

    static let minimumWindow = 1_000

    /// How alike two signatures are: the cosine of their weighted token sets, 0...1.
    func similarity(_ a: ClusterSignature, _ b: ClusterSignature) -> Double {
        let vectorA = weights(a), vectorB = weights(b)
        var dot = 0.0, normA = 0.0, normB = 0.0
        for (token, w) in vectorA {
            normA += w * w
            if let v = vectorB[token] { dot += w * v }
        }
        for (_, w) in vectorB { normB += w * w }
        guard normA > 0, normB > 0 else { return 0 }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }

    private func weights(_ signature: ClusterSignature) -> [UInt32: Double] {
        var vector: [UInt32: Double] = [:]
        for token in signature.text { vector[token] = weight(token) }
        for token in signature.title { vector[token] = weight(token) * Self.titleWeight }
        return vector
    }

    /// The item a new one is most like, if alike enough: another feed's, within the window, of the same language
    /// when both are known.
    func bestMatch(for entry: Entry, excluding id: Int64? = nil, threshold: Double = threshold) -> (id: Int64, similarity: Double)? {
        guard !entry.signature.isEmpty else { return nil }
        // Candidates: items sharing at least two title tokens, or a title token and two of the text's.
        var shared: [Int64: (title: Int, any: Int)] = [:]
        let titleTokens = Set(entry.signature.title)
        for token in entry.signature.title + entry.signature.text {
            guard let ids = postings[token], Double(ids.count) <= max(20, Double(entries.count) * Self.commonShare) else { continue }
            let inTitle = titleTokens.contains(token)
            for other in ids where other != id {
                var counts = shared[other] ?? (0, 0)
                counts.any += 1
                if inTitle, entries[other]?.signature.title.contains(token) == true { counts.title += 1 }
                shared[other] = counts
            }
        }
        var best: (id: Int64, similarity: Double)?
        for (other, counts) in shared where counts.title >= 2 || (counts.title >= 1 && counts.any >= 3) {
            guard let candidate = entries[other], candidate.feed != entry.feed,
                  abs(candidate.time - entry.time) <= Self.window else { continue }
            if let a = entry.lang, let b = candidate.lang, a != b { continue }
            let score = similarity(entry.signature, candidate.signature)
            if score >= threshold, score > (best?.similarity ?? 0) { best = (other, score) }
        }
        return best
    }

    /// Reads the signatures the cache holds that this index has not seen (all of the window's at the first call),
    /// and forgets items that left the window.
    func refresh(_ db: Database, now: Int64) throws {
        let since = now - Self.window
        let rows: RowCursor
        if loaded {
            rows = try Row.fetchCursor(db.cachedStatement(sql: ClusterQueries.newSignatures), arguments: [loadedThrough, since])
        } else {
            rows = try Row.fetchCursor(db.cachedStatement(sql: ClusterQueries.windowSignatures), arguments: [since])
            loaded = true
        }
        while let row = try rows.next() {
            guard let signature = ClusterSignature(blob: row["tokens"]) else { continue }
            add(id: row["item_id"], Entry(feed: row["feed_id"], time: row["sort_time"], lang: row["lang"], signature: signature))
        }
        // Forget what left the window, at most once an hour of the cache's time: the postings are made again
        // (one pass over the tokens kept, where removing items one by one would scan long postings for each).
        if now - prunedAt > StoreTime.day / 24 {
            prunedAt = now
            let before = entries.count
            entries = entries.filter { $0.value.time >= since }
            if entries.count < before {
                postings = [:]
                for (id, entry) in entries {
                    for token in entry.signature.title + entry.signature.text { postings[token, default: []].append(id) }
                }
            }
        }
    }
}

/// The writer's statements of clustering (in the query-plan test: index searches only).
enum ClusterQueries {
    static let windowSignatures = """
        SELECT s.item_id, s.tokens, item.feed_id, item.sort_time, item.lang FROM item_signature AS s
        CROSS JOIN item ON item.id = s.item_id WHERE s.sort_time >= ?
        """
    static let newSignatures = """
        SELECT s.item_id, s.tokens, item.feed_id, item.sort_time, item.lang FROM item_signature AS s
        CROSS JOIN item ON item.id = s.item_id WHERE s.item_id > ? AND s.sort_time >= ?
        """
    static let clusterOfItem = "SELECT cluster_id FROM item WHERE id = ?"
    static let setCluster = "UPDATE item SET cluster_id = ? WHERE id = ?"
    static let keepSignature = "INSERT OR REPLACE INTO item_signature(item_id, sort_time, tokens) VALUES (?, ?, ?)"
    static let pruneSignatures = "DELETE FROM item_signature WHERE sort_time < ?"
}

extension Store {
    /// The cluster a new item joins (docs/cache-schema.md, "Clusters"): that of the recent item it is most like,
    /// which becomes one when it was alone. Nil: alone, too short a title, or older than the window.
    func clusterOf(_ db: Database, _ item: PreparedItem, feedID: Int64, sortTime: Int64, lang: String?, now: Int64) throws -> Int64? {
        guard Self.isClustered(item, sortTime: sortTime, now: now) else { return nil }
        return try clusters.withLock { index -> Int64? in
            try index.refresh(db, now: now)
            let entry = ClusterIndex.Entry(feed: feedID, time: sortTime, lang: lang, signature: item.clusterSignature)
            guard let match = index.bestMatch(for: entry) else { return nil }
            // The match's cluster as the cache has it now (another process may have set it); gone: no cluster.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: ClusterQueries.clusterOfItem),
                                             arguments: [match.id]) else {
                index.remove(match.id)
                return nil
            }
            if let cluster = row["cluster_id"] as Int64? { return cluster }
            try db.cachedStatement(sql: ClusterQueries.setCluster).execute(arguments: [match.id, match.id])
            return match.id
        }
    }

    /// Keeps a new item's signature for the items to come (in the cache, for other processes, and in memory).
    func keepSignature(_ db: Database, _ item: PreparedItem, id: Int64, feedID: Int64, sortTime: Int64, lang: String?, now: Int64) throws {
        guard Self.isClustered(item, sortTime: sortTime, now: now) else { return }
        try db.cachedStatement(sql: ClusterQueries.keepSignature)
            .execute(arguments: [id, sortTime, item.clusterSignature.blob])
        clusters.withLock { index in
            index.add(id: id, ClusterIndex.Entry(feed: feedID, time: sortTime, lang: lang, signature: item.clusterSignature))
        }
    }

    /// Items with a title of at least two tokens, sorted within the window of the writer's time.
    private static func isClustered(_ item: PreparedItem, sortTime: Int64, now: Int64) -> Bool {
        item.clusterSignature.title.count >= 2 && sortTime >= now - ClusterIndex.window
    }
}
