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
    static let maxTextTokens = 20
    /// Characters of the feed's text read: its lead, where outlets name the event.
    static let textPrefix = 200

    init(title: [UInt32], text: [UInt32]) {
        self.title = title; self.text = text
    }

    /// Numbers of the title count with the text's tokens: a title must have words in common to be compared.
    init(title titleText: String, text: Substring) {
        var words: [UInt32] = [], numbers: [UInt32] = []
        Self.tokens(titleText) { token, isNumber in
            if isNumber { numbers.append(token) } else { words.append(token) }
        }
        // Distinct tokens, in order (a linear search: a few dozen tokens, cheaper than hashing them).
        var title: [UInt32] = [], rest: [UInt32] = []
        for token in words where title.count < Self.maxTitleTokens && !title.contains(token) { title.append(token) }
        for token in numbers + Self.tokens(String(text.prefix(Self.textPrefix))) where rest.count < Self.maxTextTokens {
            if !title.contains(token) && !rest.contains(token) { rest.append(token) }
        }
        self.title = title
        self.text = rest
    }

    var isEmpty: Bool { title.isEmpty }

    /// Stored form: the number of title tokens (one byte), then every token, little-endian.
    var blob: Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 + 4 * (title.count + text.count))
        bytes.append(UInt8(title.count))
        for token in title + text {
            bytes.append(UInt8(truncatingIfNeeded: token)); bytes.append(UInt8(truncatingIfNeeded: token >> 8))
            bytes.append(UInt8(truncatingIfNeeded: token >> 16)); bytes.append(UInt8(truncatingIfNeeded: token >> 24))
        }
        return Data(bytes)
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

    /// The tokens of a text, as hashes, in order (repeats kept).
    static func tokens(_ text: String) -> [UInt32] {
        var tokens: [UInt32] = []
        Self.tokens(text) { token, _ in tokens.append(token) }
        return tokens
    }

    /// Each token of a text, in order, and whether it is a number. Words are runs of letters and digits as the search
    /// index makes them (`QueryMatcher.words`); ASCII words are lowered here, byte by byte, and only a word with
    /// other letters goes through Foundation's folding (accents, case), which costs about a microsecond a word.
    private static func tokens(_ text: String, _ body: (UInt32, Bool) -> Void) {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(32)
        var other = String.UnicodeScalarView()
        var isASCII = true
        func flush() {
            defer { ascii.removeAll(keepingCapacity: true); other = String.UnicodeScalarView(); isASCII = true }
            if isASCII {
                guard ascii.count >= 2 else { return }
                if ascii.count <= 7, StopWords.all.contains(String(decoding: ascii, as: UTF8.self)) { return }
                let digits = ascii.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                var end = ascii.count
                // A plural's final `s` (words of 5 letters or more): "elections" and "election" are one token.
                if !digits, end >= 5, ascii[end - 1] == 0x73, ascii[end - 2] != 0x73 { end -= 1 }
                body(hash(ascii[0..<end]), digits)
                return
            }
            let scalars = Array(other)
            if scalars.contains(where: isIdeographic) {
                // Runs of Han/kana/Hangul: each pair of neighbouring characters (a single one alone).
                if scalars.count == 1 { body(hash(Array(String(other).utf8)[...]), false); return }
                for i in 0..<(scalars.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(scalars[i]); pair.append(scalars[i + 1])
                    body(hash(Array(String(pair).utf8)[...]), false)
                }
                return
            }
            for word in QueryMatcher.words(String(other)) {
                guard word.unicodeScalars.count >= 2, !StopWords.all.contains(String(word)) else { continue }
                body(hash(Array(stem(word).utf8)[...]), false)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                let isWord = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if !isWord { if !ascii.isEmpty || !isASCII { flush() }; continue }
                if isASCII { ascii.append(lower) } else { other.append(scalar) }
                continue
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark else {
                if !ascii.isEmpty || !isASCII { flush() }
                continue
            }
            if isASCII {
                // The word so far moves to the slow path.
                isASCII = false
                other.append(contentsOf: String(decoding: ascii, as: UTF8.self).unicodeScalars)
            }
            other.append(scalar)
        }
        if !ascii.isEmpty || !isASCII { flush() }
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
    static func hash(_ word: Substring) -> UInt32 { hash(Array(word.utf8)[...]) }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
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
/// Matching an item is a walk of the title postings of its rarest words and an exact weighted cosine with the best
/// candidates, in the writer's transaction, with no table but `item_signature` written.
final class ClusterIndex: @unchecked Sendable {
    struct Entry {
        var feed: Int64
        var time: Int64
        var lang: String?
        var signature: ClusterSignature
        /// The length of its weighted vector when it was first a candidate (the weights drift little within the
        /// window); 0 until then.
        var norm = 0.0
    }

    /// Items further apart than this are never one event ("a time window of a few days").
    static let window: Int64 = 3 * StoreTime.day
    /// The similarity at or above which two items are one event: chosen on the labelled set
    /// (`ClusterLabelledSetTests`, docs/cache-schema.md, "Clusters").
    static let threshold = 0.225
    /// Title tokens weigh this much more than the text's.
    static let titleWeight = 2.0
    /// A token carried by more than this share of the window's items is a stop word of its own.
    static let commonShare = 0.05

    private(set) var entries: [Int64: Entry] = [:]
    /// Items by token (title's and text's: how common a token is), and by token of their titles (candidates).
    /// (How many items' texts hold a token: a count, not a list of items, which would cost 8 bytes per token.)
    private var textCounts: [UInt32: Int32] = [:]
    private var titlePostings: [UInt32: [Int64]] = [:]
    /// The largest item id read from the cache, to read only newer rows at the next refresh.
    private var loadedThrough: Int64 = 0
    private var prunedAt: Int64 = 0
    private var refreshedIn: Date?

    private let lock = NSLock()

    init() {}

    /// The index, for one caller at a time (every other member is guarded by this lock).
    func withLock<T>(_ body: (ClusterIndex) throws -> T) rethrows -> T {
        try lock.withLock { try body(self) }
    }

    var count: Int { entries.count }

    /// Forgets everything: the next refresh reads the window from the cache again.
    func reset() {
        entries = [:]; textCounts = [:]; titlePostings = [:]
        loadedThrough = 0; prunedAt = 0; refreshedIn = nil
    }

    /// Adds an item (its signature replaces an earlier one of the same id).
    func add(id: Int64, _ entry: Entry) {
        if entries[id] != nil { remove(id) }
        for token in entry.signature.text { textCounts[token, default: 0] += 1 }
        for token in entry.signature.title { titlePostings[token, default: []].append(id) }
        entries[id] = entry
        loadedThrough = max(loadedThrough, id)
    }

    func remove(_ id: Int64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for token in entry.signature.text {
            guard let count = textCounts[token] else { continue }
            textCounts[token] = count > 1 ? count - 1 : nil
        }
        for token in entry.signature.title {
            titlePostings[token]?.removeAll { $0 == id }
            if titlePostings[token]?.isEmpty == true { titlePostings[token] = nil }
        }
    }

    /// A token's weight: rarer in the window, heavier (inverse document frequency, smoothed). The window counts as
    /// at least `minimumWindow` items, so that a young cache's few items do not make every shared word look common.
    func weight(_ token: UInt32) -> Double {
        let df = Double((titlePostings[token]?.count ?? 0) + Int(textCounts[token] ?? 0))
        if entries.count >= Self.minimumWindow, df > Double(entries.count) * Self.commonShare { return 0 }
        let n = Double(max(entries.count, Self.minimumWindow))
        return log((n + 1) / (df + 0.5))
    }

    static let minimumWindow = 1_000

    static func norm(_ vector: [UInt32: Double]) -> Double {
        vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// A signature as weighted tokens; `known` keeps the weights already computed (one bestMatch's candidates share
    /// many tokens).
    private func weights(_ signature: ClusterSignature, known: inout [UInt32: Double]) -> [UInt32: Double] {
        var vector: [UInt32: Double] = [:]
        vector.reserveCapacity(signature.title.count + signature.text.count)
        func weighed(_ token: UInt32) -> Double {
            if let w = known[token] { return w }
            let w = weight(token)
            known[token] = w
            return w
        }
        for token in signature.text { vector[token] = weighed(token) }
        for token in signature.title { vector[token] = weighed(token) * Self.titleWeight }
        return vector
    }

    /// The item a new one is most like, if alike enough: another feed's, within the window, of the same language
    /// when both are known, with at least two words of its title in common (or one rare word, and two more of the
    /// text).
    ///
    /// Candidates come from the postings of the title's rarest words (`probeTokens` of them, each in at most
    /// `probeLength` titles of the window): two titles of one event share names and places, and a word in hundreds of
    /// titles says little of an event while its postings would cost thousands of lookups per item written. An item
    /// found through two probes shares two words; one found through one probe is checked word by word only when that
    /// word is rare (`rareLength`). The best `scoredCandidates` by words in common are then weighed exactly.
    func bestMatch(for entry: Entry, threshold: Double = threshold) -> (id: Int64, similarity: Double)? {
        guard !entry.signature.isEmpty else { return nil }
        let probes = entry.signature.title.compactMap { titlePostings[$0] }.filter { $0.count <= Self.probeLength }
            .sorted { $0.count < $1.count }.prefix(Self.probeTokens)
        guard !probes.isEmpty else { return nil }
        // The probes' items, each with a bit saying the probe was rare, sorted: a run of one item is how many probes
        // found it (sorting a few hundred integers costs less than hashing them into a dictionary).
        var found: [Int64] = []
        found.reserveCapacity(probes.reduce(0) { $0 + $1.count })
        for ids in probes {
            let rare: Int64 = ids.count <= Self.rareLength ? 1 : 0
            for other in ids { found.append(other << 1 | rare) }
        }
        found.sort()
        var hits: [(id: Int64, count: Int, rare: Bool)] = []
        var start = 0
        while start < found.count {
            let other = found[start] >> 1
            var end = start, rare = false
            while end < found.count, found[end] >> 1 == other { rare = rare || found[end] & 1 == 1; end += 1 }
            if end - start >= 2 || rare { hits.append((other, end - start, rare)) }
            start = end
        }
        let mine = Set(entry.signature.title)
        var all: Set<UInt32>?
        var candidates: [(id: Int64, shared: Int)] = []
        for (other, count, _) in hits {
            guard let candidate = entries[other], candidate.feed != entry.feed,
                  abs(candidate.time - entry.time) <= Self.window else { continue }
            if let a = entry.lang, let b = candidate.lang, a != b { continue }
            let shared = count >= 2 ? count : candidate.signature.title.reduce(0) { $0 + (mine.contains($1) ? 1 : 0) }
            if shared >= 2 { candidates.append((other, shared)); continue }
            if all == nil { all = mine.union(entry.signature.text) }
            let sharedAny = (candidate.signature.title + candidate.signature.text).reduce(0) { $0 + (all!.contains($1) ? 1 : 0) }
            if sharedAny >= 3 { candidates.append((other, shared)) }
        }
        guard !candidates.isEmpty else { return nil }
        var known: [UInt32: Double] = [:]
        let vector = weights(entry.signature, known: &known)
        let norm = Self.norm(vector)
        guard norm > 0 else { return nil }
        var best: (id: Int64, similarity: Double)?
        for candidate in candidates.sorted(by: { $0.shared > $1.shared }).prefix(Self.scoredCandidates) {
            guard var other = entries[candidate.id] else { continue }
            if other.norm == 0 {
                other.norm = Self.norm(weights(other.signature, known: &known))
                entries[candidate.id]?.norm = other.norm
            }
            guard other.norm > 0 else { continue }
            // The cosine of the weighted word sets, over the words in common (lengths computed once per item).
            var dot = 0.0
            for token in other.signature.title { if let w = vector[token] { dot += w * known[token, default: 0] * Self.titleWeight } }
            for token in other.signature.text { if let w = vector[token] { dot += w * known[token, default: 0] } }
            let score = dot / (norm * other.norm)
            if score >= threshold, score > (best?.similarity ?? 0) { best = (candidate.id, score) }
        }
        return best
    }

    static let probeTokens = 5
    static let probeLength = 200
    static let rareLength = 25
    static let scoredCandidates = 6

    /// Reads the signatures the cache holds that this index has not seen (all of the window's at the first call),
    /// and forgets items that left the window.
    func refresh(_ db: Database, now: Int64, transaction: Date) throws {
        // Once per transaction: another process writes between transactions, never inside one.
        guard transaction != refreshedIn else { return }
        refreshedIn = transaction
        // What this transaction adds is in memory before it commits: a rollback (a full disk, an error) would
        // leave items that do not exist, whose ids the next items take. Then all is read again.
        db.afterNextTransaction(onCommit: { _ in }, onRollback: { [self] _ in withLock { $0.reset() } })
        let since = now - Self.window
        // Rows after the last one read: the whole window the first time (`loadedThrough` 0).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: ClusterQueries.signaturesAfter), arguments: [loadedThrough, since])
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
                textCounts = [:]
                titlePostings = [:]
                for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
                    for token in entry.signature.text { textCounts[token, default: 0] += 1 }
                    for token in entry.signature.title { titlePostings[token, default: []].append(id) }
                }
            }
        }
    }
}

/// The writer's statements of clustering (in the query-plan test: index searches only).
enum ClusterQueries {
    /// By rowid from the last one read: the table holds a few days of items (pruned after every pass).
    static let signaturesAfter = """
        SELECT item_signature.item_id, item_signature.tokens, item.feed_id, item.sort_time, item.lang FROM item_signature
        CROSS JOIN item ON item.id = item_signature.item_id WHERE item_signature.item_id > ? AND item_signature.sort_time >= ?
        """
    static let clusterOfItem = "SELECT cluster_id FROM item WHERE id = ?"
    static let itemForCluster = "SELECT cluster_id, feed_id, sort_time FROM item WHERE id = ?"
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
            try index.refresh(db, now: now, transaction: try db.transactionDate)
            let entry = ClusterIndex.Entry(feed: feedID, time: sortTime, lang: lang, signature: item.clusterSignature)
            guard let match = index.bestMatch(for: entry), let matched = index.entries[match.id] else { return nil }
            // The match as the cache has it now: its cluster (another process may have set it). Gone, or its id now
            // another item's (deleted, then the id reused): forgotten, no cluster.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: ClusterQueries.itemForCluster), arguments: [match.id]),
                  row["feed_id"] as Int64 == matched.feed, row["sort_time"] as Int64 == matched.time else {
                index.remove(match.id)
                return nil
            }
            guard let cluster = row["cluster_id"] as Int64? else {
                try db.cachedStatement(sql: ClusterQueries.setCluster).execute(arguments: [match.id, match.id])
                return match.id
            }
            // A cluster spans the window from its first item, no more: a story followed day after day does not grow
            // one cluster for weeks (each item's match is recent, not the whole chain).
            guard cluster != match.id else { return cluster }
            guard let first = try Int64.fetchOne(db.cachedStatement(sql: UIQueries.itemSortTime), arguments: [cluster]),
                  abs(sortTime - first) <= ClusterIndex.window else { return nil }
            return cluster
        }
    }

    /// Keeps a new item's signature for the items to come (in the cache, for other processes, and in memory).
    func keepSignature(_ db: Database, _ item: PreparedItem, id: Int64, feedID: Int64, sortTime: Int64, lang: String?, now: Int64) throws {
        guard Self.isClustered(item, sortTime: sortTime, now: now) else { return }
        try db.cachedStatement(sql: ClusterQueries.keepSignature)
            .execute(arguments: [id, sortTime, item.clusterBlob])
        clusters.withLock { index in
            index.add(id: id, ClusterIndex.Entry(feed: feedID, time: sortTime, lang: lang, signature: item.clusterSignature))
        }
    }

    /// Items with a title of at least two tokens, sorted within the window of the writer's time.
    private static func isClustered(_ item: PreparedItem, sortTime: Int64, now: Int64) -> Bool {
        item.clusterSignature.title.count >= 2 && sortTime >= now - ClusterIndex.window
    }
}
