import Foundation

/// The protocol an aggregator server speaks.
public enum AccountType: String, Sendable, Hashable, CaseIterable {
    /// Tiny Tiny RSS's JSON API (`/api/`).
    case ttrss
    /// The Google Reader API (FreshRSS, Miniflux, Inoreader, The Old Reader).
    case greader
    /// Miniflux's REST API (`/v1/`).
    case miniflux
}

/// Where an account's password comes from. The password itself is never in feeds.json, the cache or
/// a log: it is read when a sync logs in, and dropped after.
public enum PasswordSource: Sendable, Hashable {
    /// A command run with `/bin/sh -c` whose standard output's first line is the password ("pass show rss").
    case command(String)
    /// An environment variable holding the password.
    case environment(String)
}

/// What the secret read from `password_command` or `password_env` is.
public enum AccountAuth: String, Sendable, Hashable {
    /// The user's password (every server type).
    case password
    /// An API key (Miniflux: sent as `X-Auth-Token`; `user` is then only a label).
    case apiKey = "api_key"
}

/// One aggregator account of feeds.json (`"accounts": [...]`).
public struct AccountConfig: Sendable, Hashable {
    /// The account's name: what `telex sync --account` takes, and the prefix of its sections when they
    /// clash with local ones.
    public var name: String
    public var type: AccountType
    /// The server's base URL (for TT-RSS, the address of the web interface; `api/` is added).
    public var url: String
    public var user: String
    public var password: PasswordSource
    /// What that secret is (`"auth"`: a password unless it says `"api_key"`).
    public var auth: AccountAuth

    public init(name: String, type: AccountType, url: String, user: String, password: PasswordSource, auth: AccountAuth = .password) {
        self.name = name; self.type = type; self.url = url; self.user = user; self.password = password; self.auth = auth
    }
}

extension AccountConfig: CustomStringConvertible {
    /// A description that names where the password comes from, never the password.
    public var description: String {
        let source = switch password {
        case .command(let c): "password_command \(c)"
        case .environment(let v): "password_env \(v)"
        }
        return "\(name) (\(type.rawValue) \(url), user \(user), \(source))"
    }
}
