import Foundation
import TelexModel
import TelexQuery

/// Turns feeds.json bytes into a validated `Configuration`, collecting every problem at once.
public enum ConfigurationParser {
    /// `allowingNoSections` accepts `"sections": []` (a file telex is about to fill, never one it reads feeds from).
    public static func parse(_ bytes: [UInt8], source: String, allowingNoSections: Bool = false) throws(ConfigurationError) -> Configuration {
        let root: JSONNode
        do { root = try LocatedJSONParser.parse(bytes) } catch {
            throw ConfigurationError(file: source, problems: [
                ConfigurationProblem(line: error.line, path: "", message: "invalid JSON at column \(error.column): \(error.message)"),
            ])
        }
        var v = Validator()
        v.allowingNoSections = allowingNoSections
        let config = v.document(root, source: source)
        if !v.problems.isEmpty || config == nil {
            throw ConfigurationError(file: source, problems: v.problems)
        }
        return config!
    }
}

private struct Validator {
    var problems: [ConfigurationProblem] = []
    var allowingNoSections = false

    mutating func fail(_ node: JSONNode, _ path: String, _ message: String) {
        problems.append(ConfigurationProblem(line: node.line, path: path, message: message))
    }

    /// The members of an object, reporting unknown keys and duplicates.
    mutating func members(_ node: JSONNode, _ path: String, allowed: [String]) -> [String: JSONNode]? {
        guard case .object(let pairs, _) = node else {
            fail(node, path, "expected an object, found \(node.typeName)")
            return nil
        }
        var out: [String: JSONNode] = [:]
        for (key, keyLine, _, value) in pairs {
            let p = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                let hint = allowed.min { editDistance($0, key.lowercased()) < editDistance($1, key.lowercased()) }
                    .flatMap { editDistance($0, key.lowercased()) <= 2 ? $0 : nil }
                problems.append(ConfigurationProblem(line: keyLine, path: p, message: "unknown key \"\(key)\"" + (hint.map { " (did you mean \"\($0)\"?)" } ?? "") + "; allowed: \(allowed.joined(separator: ", "))"))
                continue
            }
            if out[key] != nil {
                problems.append(ConfigurationProblem(line: keyLine, path: p, message: "key \"\(key)\" appears twice"))
                continue
            }
            out[key] = value
        }
        return out
    }

    mutating func document(_ root: JSONNode, source: String) -> Configuration? {
        guard let top = members(root, "", allowed: ["settings", "sections", "accounts", "queries", "hide", "keys", "colors"]) else { return nil }
        var settings = Settings()
        if let s = top["settings"] { settings = self.settings(s) }
        guard let sectionsNode = top["sections"] else {
            fail(root, "sections", "missing required key \"sections\"")
            return nil
        }
        guard case .array(let list, _) = sectionsNode else {
            fail(sectionsNode, "sections", "expected an array of sections, found \(sectionsNode.typeName)")
            return nil
        }
        if list.isEmpty, !allowingNoSections, top["accounts"] == nil { fail(sectionsNode, "sections", "no sections: add at least one section with a feed") }
        var sections: [SectionConfig] = []
        var seenSections: [String: Int] = [:]
        var seenFeeds: [String: String] = [:]
        for (si, sNode) in list.enumerated() {
            let sp = "sections[\(si)]"
            guard let m = members(sNode, sp, allowed: ["name", "feeds"]) else { continue }
            var name = ""
            if let n = m["name"] {
                if case .string(let s, _) = n, !s.trimmingWhitespace().isEmpty { name = s.trimmingWhitespace() }
                else { fail(n, "\(sp).name", "expected a non-empty string") }
            } else { fail(sNode, "\(sp).name", "missing required key \"name\"") }
            if !name.isEmpty {
                if let first = seenSections[name.lowercased()] { fail(sNode, "\(sp).name", "duplicate section \"\(name)\" (also sections[\(first)])") }
                seenSections[name.lowercased()] = si
            }
            var feeds: [FeedConfig] = []
            if let fNode = m["feeds"] {
                if case .array(let fl, _) = fNode {
                    if fl.isEmpty { fail(fNode, "\(sp).feeds", "section \"\(name)\" has no feeds") }
                    for (fi, feedNode) in fl.enumerated() {
                        let fp = "\(sp).feeds[\(fi)]"
                        if let feed = self.feed(feedNode, fp) {
                            let key = FeedURL.identityKey(feed.url)
                            if let other = seenFeeds[key] { fail(feedNode, "\(fp).url", "duplicate feed \(feed.url) (also \(other))") }
                            else { seenFeeds[key] = fp }
                            feeds.append(feed)
                        }
                    }
                } else { fail(fNode, "\(sp).feeds", "expected an array of feeds, found \(fNode.typeName)") }
            } else { fail(sNode, "\(sp).feeds", "missing required key \"feeds\"") }
            sections.append(SectionConfig(name: name, feeds: feeds))
        }
        let accounts = top["accounts"].map { self.accounts($0) } ?? []
        let queries = top["queries"].map { self.queries($0) } ?? []
        let keys = top["keys"].map { self.keys($0) } ?? []
        let colors = top["colors"].map { self.colors($0) } ?? []
        let hide = top["hide"].map { self.hideRules($0, "hide") } ?? []
        return Configuration(settings: settings, sections: sections, accounts: accounts, queries: queries, source: source,
                             keys: keys, colors: colors, hide: hide)
    }

    /// `"keys": {"lists": {"J": "down", "g g": "top", "g": null}, "reader": {…}, "everywhere": {…}}`.
    mutating func keys(_ node: JSONNode) -> [KeyConfig] {
        guard case .object(let contexts, _) = node else {
            fail(node, "keys", "expected an object of contexts (everywhere, lists, reader), found \(node.typeName)")
            return []
        }
        var out: [KeyConfig] = []
        for (context, contextLine, _, bindings) in contexts {
            let cp = "keys.\(context)"
            guard case .object(let pairs, _) = bindings else {
                problems.append(ConfigurationProblem(line: contextLine, path: cp, message: "expected an object of key: command, found \(bindings.typeName)"))
                continue
            }
            var seen: Set<String> = []
            for (keys, keyLine, _, value) in pairs {
                let p = "\(cp).\(keys)"
                if !seen.insert(keys).inserted {
                    problems.append(ConfigurationProblem(line: keyLine, path: p, message: "key \"\(keys)\" appears twice")); continue
                }
                switch value {
                case .string(let command, _): out.append(KeyConfig(context: context, keys: keys, command: command, line: keyLine, path: p))
                case .null: out.append(KeyConfig(context: context, keys: keys, command: nil, line: keyLine, path: p))
                default: fail(value, p, "expected a command name, or null to unbind, found \(value.typeName)")
                }
            }
        }
        return out
    }

    /// `"colors": {"theme": "light", "unread": "bold yellow", "selection": "black on #ffcc00"}`.
    mutating func colors(_ node: JSONNode) -> [ColorConfig] {
        guard case .object(let pairs, _) = node else {
            fail(node, "colors", "expected an object of element: style, found \(node.typeName)")
            return []
        }
        var out: [ColorConfig] = []
        var seen: Set<String> = []
        for (element, line, _, value) in pairs {
            let p = "colors.\(element)"
            if !seen.insert(element).inserted {
                problems.append(ConfigurationProblem(line: line, path: p, message: "key \"\(element)\" appears twice")); continue
            }
            guard case .string(let text, _) = value else { fail(value, p, "expected a string such as \"bold yellow\""); continue }
            out.append(ColorConfig(element: element, value: text, line: line, path: p))
        }
        return out
    }

    /// `"queries": [{"name": "Ukraine", "query": "ukraine or kyiv newer:7d"}]`: each query parsed here, so a
    /// mistake is reported with the file's line and the query's column, like any other error of feeds.json.
    mutating func queries(_ node: JSONNode) -> [SavedQueryConfig] {
        guard case .array(let list, _) = node else {
            fail(node, "queries", "expected an array of queries, found \(node.typeName)")
            return []
        }
        var queries: [SavedQueryConfig] = []
        var seen: [String: Int] = [:]
        for (i, qNode) in list.enumerated() {
            let path = "queries[\(i)]"
            guard let m = members(qNode, path, allowed: ["name", "query"]) else { continue }
            var name: String?
            if let n = m["name"] {
                if case .string(let s, _) = n, !s.trimmingCharacters(in: .whitespaces).isEmpty {
                    name = s.trimmingCharacters(in: .whitespaces)
                } else { fail(n, "\(path).name", "expected a non-empty string") }
            } else { fail(qNode, "\(path).name", "missing required key \"name\"") }
            if let n = name {
                if let first = seen[n.lowercased()] { fail(qNode, "\(path).name", "duplicate query \"\(n)\" (also queries[\(first)])") }
                seen[n.lowercased()] = i
            }
            var text: String?
            if let q = m["query"] {
                if case .string(let s, _) = q {
                    do throws(QueryError) {
                        _ = try QueryParser.parse(s)
                        text = s
                    } catch {
                        fail(q, "\(path).query", "column \(error.column): \(error.message)")
                    }
                } else { fail(q, "\(path).query", "expected a string in the query language (docs/queries.md)") }
            } else { fail(qNode, "\(path).query", "missing required key \"query\"") }
            if let name, let text { queries.append(SavedQueryConfig(name: name, query: text)) }
        }
        return queries
    }

    /// `"hide": "query"` or `["query", …]`, global or in a feed: each rule parsed here and checked for terms that
    /// cannot be decided when an item is written (`QueryMatcher.unsupportedTerm`), located like other errors.
    mutating func hideRules(_ node: JSONNode, _ path: String) -> [String] {
        let list: [(JSONNode, String)]
        switch node {
        case .string: list = [(node, path)]
        case .array(let nodes, _): list = nodes.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        default:
            fail(node, path, "expected a query or an array of queries, found \(node.typeName)")
            return []
        }
        var rules: [String] = []
        for (ruleNode, rulePath) in list {
            guard case .string(let text, _) = ruleNode else {
                fail(ruleNode, rulePath, "expected a string in the query language (docs/queries.md)")
                continue
            }
            do throws(QueryError) {
                let query = try QueryParser.parse(text)
                if let term = QueryMatcher.unsupportedTerm(query) {
                    fail(ruleNode, rulePath, "\(term) cannot be used in a hide rule: rules are matched when an item is written")
                } else {
                    rules.append(text)
                }
            } catch {
                fail(ruleNode, rulePath, "column \(error.column): \(error.message)")
            }
        }
        return rules
    }

    /// `"accounts": [{"name", "type", "url", "user", "password_command" | "password_env", "auth"?}]`.
    mutating func accounts(_ node: JSONNode) -> [AccountConfig] {
        guard case .array(let list, _) = node else {
            fail(node, "accounts", "expected an array of accounts, found \(node.typeName)")
            return []
        }
        var accounts: [AccountConfig] = []
        var seen: [String: Int] = [:]
        for (i, aNode) in list.enumerated() {
            let path = "accounts[\(i)]"
            guard let m = members(aNode, path, allowed: ["name", "type", "url", "user", "password_command", "password_env", "auth"]) else { continue }
            func string(_ key: String, required: Bool = true) -> String? {
                guard let n = m[key] else {
                    if required { fail(aNode, "\(path).\(key)", "missing required key \"\(key)\"") }
                    return nil
                }
                guard case .string(let s, _) = n, !s.trimmingWhitespace().isEmpty else {
                    fail(n, "\(path).\(key)", "expected a non-empty string"); return nil
                }
                return s.trimmingWhitespace()
            }
            let name = string("name")
            if let name {
                if let first = seen[name.lowercased()] { fail(aNode, "\(path).name", "duplicate account \"\(name)\" (also accounts[\(first)])") }
                seen[name.lowercased()] = i
                if name.contains(":") || name.contains("/") { fail(m["name"]!, "\(path).name", "an account name cannot contain \":\" or \"/\"") }
            }
            var type: AccountType?
            if let t = string("type") {
                type = AccountType(rawValue: t)
                if type == nil { fail(m["type"]!, "\(path).type", "expected one of \"ttrss\", \"greader\", \"miniflux\"") }
            }
            var url = string("url")
            if let u = url {
                if let problem = FeedURL.problem(u) { fail(m["url"]!, "\(path).url", problem); url = nil }
                else { url = FeedURL.normalized(u) }
            }
            let user = string("user")
            var password: PasswordSource?
            switch (m["password_command"], m["password_env"]) {
            case (nil, nil):
                fail(aNode, path, "missing \"password_command\" or \"password_env\" (the password itself never goes in feeds.json)")
            case (.some, .some):
                fail(aNode, path, "give \"password_command\" or \"password_env\", not both")
            case (.some, nil):
                if let c = string("password_command") { password = .command(c) }
            case (nil, .some):
                if let v = string("password_env") { password = .environment(v) }
            }
            var auth = AccountAuth.password
            if let a = string("auth", required: false) {
                if let value = AccountAuth(rawValue: a), value == .password || type == .miniflux { auth = value }
                else { fail(m["auth"]!, "\(path).auth", type == .miniflux || AccountAuth(rawValue: a) == nil
                            ? "expected \"password\" or \"api_key\"" : "\"api_key\" is for miniflux accounts only") }
            }
            if let name, let type, let url, let user, let password {
                accounts.append(AccountConfig(name: name, type: type, url: url, user: user, password: password, auth: auth))
            }
        }
        return accounts
    }

    mutating func feed(_ node: JSONNode, _ path: String) -> FeedConfig? {
        guard let m = members(node, path, allowed: ["url", "title", "article", "interval", "enabled", "hide", "hidden"]) else { return nil }
        guard let urlNode = m["url"] else { fail(node, "\(path).url", "missing required key \"url\""); return nil }
        guard case .string(let url, _) = urlNode else { fail(urlNode, "\(path).url", "expected a string"); return nil }
        if let problem = FeedURL.problem(url) { fail(urlNode, "\(path).url", problem); return nil }
        var feed = FeedConfig(url: FeedURL.normalized(url))
        if let t = m["title"] {
            if case .string(let s, _) = t { feed.title = s.isEmpty ? nil : s } else { fail(t, "\(path).title", "expected a string") }
        }
        if let a = m["article"] {
            if case .string(let s, _) = a, let mode = ArticleMode(rawValue: s) { feed.article = mode }
            else { fail(a, "\(path).article", "expected one of \"auto\", \"always\", \"never\"") }
        }
        if let i = m["interval"] {
            if case .string(let s, _) = i, let secs = DurationText.seconds(s) { feed.interval = secs }
            else { fail(i, "\(path).interval", "expected a duration such as \"30m\", \"2h\" or \"1d\"") }
        }
        if let e = m["enabled"] {
            if case .bool(let b, _) = e { feed.enabled = b } else { fail(e, "\(path).enabled", "expected true or false") }
        }
        if let h = m["hide"] { feed.hide = hideRules(h, "\(path).hide") }
        if let h = m["hidden"] {
            if case .string(let s, _) = h, let mode = HiddenMode(rawValue: s) { feed.hidden = mode }
            else { fail(h, "\(path).hidden", "expected \"store\" (kept, never shown) or \"drop\" (never stored)") }
        }
        return feed
    }

    mutating func settings(_ node: JSONNode) -> Settings {
        var s = Settings()
        guard let m = members(node, "settings", allowed: Settings.keys) else { return s }
        func int(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let n = m[key] else { return nil }
            if case .number(let d, _) = n, d == d.rounded(), range.contains(Int(exactly: d) ?? Int.min) { return Int(d) }
            fail(n, "settings.\(key)", "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        func bool(_ key: String) -> Bool? {
            guard let n = m[key] else { return nil }
            if case .bool(let b, _) = n { return b }
            fail(n, "settings.\(key)", "expected true or false")
            return nil
        }
        func duration(_ key: String) -> Int? {
            guard let n = m[key] else { return nil }
            if case .string(let t, _) = n, let secs = DurationText.seconds(t) { return secs }
            if case .number(let d, _) = n, d >= 1, d == d.rounded(), d < 1e9 { return Int(d) }
            fail(n, "settings.\(key)", "expected a duration such as \"30m\"")
            return nil
        }
        if let v = int("retention_days", 1...36500) { s.retentionDays = v }
        if let v = int("jobs", 1...256) { s.jobs = v }
        if let v = int("per_host", 1...64) { s.perHost = v }
        if let v = int("max_feed_bytes", 1024...(1 << 30)) { s.maxFeedBytes = v }
        if let v = int("max_page_bytes", 1024...(1 << 30)) { s.maxPageBytes = v }
        if let v = int("prefetch_per_article", 0...100) { s.prefetchPerArticle = v }
        if let v = int("articles_per_feed", 0...1000) { s.articlesPerFeed = v }
        if let v = duration("default_interval") { s.defaultInterval = v }
        if let v = duration("timeout") { s.timeout = v }
        if let v = duration("total_timeout") { s.totalTimeout = v }
        if let v = int("low_speed_limit", 0...(1 << 30)) { s.lowSpeedLimit = v }
        if let v = duration("low_speed_time") { s.lowSpeedTime = v }
        if let v = int("measure", 20...1000) { s.measure = v }
        if let n = m["browser"] {
            if case .string(let b, _) = n { s.browser = b.isEmpty ? nil : b } else { fail(n, "settings.browser", "expected a string") }
        }
        if let v = bool("osc52") { s.osc52 = v }
        if let v = bool("color") { s.color = v }
        if let v = bool("group_by_day") { s.groupByDay = v }
        if let v = bool("group_stories") { s.groupStories = v }
        if let v = bool("space_opens_next_unread") { s.spaceOpensNextUnread = v }
        if let n = m["images"] {
            if case .string(let t, _) = n, let mode = ImagesMode(rawValue: t) { s.images = mode } else {
                fail(n, "settings.images", "expected one of " + ImagesMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
        }
        if let v = int("image_height", 10...100) { s.imageHeight = v }
        if let v = bool("preview_image") { s.previewImage = v }
        if let n = m["hyperlinks"] {
            if case .string(let t, _) = n, let mode = HyperlinksMode(rawValue: t) { s.hyperlinks = mode } else {
                fail(n, "settings.hyperlinks", "expected one of " + HyperlinksMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
        }
        if let n = m["notify"] {
            // An argument vector, run without a shell: the program, then its first arguments.
            if case .array(let items, _) = n, !items.isEmpty {
                var argv: [String] = []
                for item in items {
                    if case .string(let a, _) = item, !a.contains("\0") { argv.append(a) } else { break }
                }
                if argv.count == items.count, !argv[0].trimmingWhitespace().isEmpty { s.notify = argv }
                else { fail(n, "settings.notify", "expected an array of strings, the program first (run without a shell)") }
            } else {
                fail(n, "settings.notify", "expected an array of strings, the program first (run without a shell)")
            }
        }
        if let n = m["notify_terminal"] {
            if case .string(let t, _) = n, let mode = TerminalNotification(rawValue: t) { s.notifyTerminal = mode } else {
                fail(n, "settings.notify_terminal", "expected one of " + TerminalNotification.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
        }
        return s
    }
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys and feed URLs.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
