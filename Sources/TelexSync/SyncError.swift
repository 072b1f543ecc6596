import TelexFetch

/// Why a sync of one account failed. `description` says it in plain words (what `telex sync` prints
/// and the cache records); none of them holds a password or a token.
public enum SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server could not be reached (or did not answer in time).
    case unreachable(HTTPFetchError)
    /// The request failed for another reason the HTTP client gives (too large, blocked address...).
    case transport(HTTPFetchError)
    /// An HTTP status the protocol does not expect (401, 429, 5xx...), with a hint.
    case httpStatus(Int, String)
    /// The answer is not what the protocol describes (HTML, garbage, a field of the wrong type).
    case badAnswer(String)
    /// The server refused the user name or password.
    case loginRefused(String)
    /// The server answered with an error code of its own.
    case server(String)
    /// The password could not be read (its command failed, its variable is unset).
    case password(String)
    /// The cache failed.
    case store(String)
    /// The server's API cannot do what was asked (TT-RSS cannot move a feed); says what to do instead.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unreachable(let e): "server unreachable: \(e)"
        case .transport(let e): e.description
        case .httpStatus(let code, let hint): "HTTP \(code)" + (hint.isEmpty ? "" : ": \(hint)")
        case .badAnswer(let m): "unexpected answer: \(m)"
        case .loginRefused(let m): "login refused: \(m)"
        case .server(let m): "server error: \(m)"
        case .password(let m): "no password: \(m)"
        case .store(let m): "cache: \(m)"
        case .unsupported(let m): m
        }
    }

    /// Whether the server gave no answer at all (the status line's "unreachable").
    public var isUnreachable: Bool { if case .unreachable = self { true } else { false } }

    /// A few words on an HTTP status a protocol did not expect (the `httpStatus` hint).
    static func hint(status: Int) -> String {
        switch status {
        case 401, 403: "access denied"
        case 429: "too many requests"
        case 500...599: "the server failed"
        default: ""
        }
    }

    /// The HTTP client's error, sorted into "no answer" and the rest.
    static func from(_ error: HTTPFetchError) -> SyncError {
        switch error {
        case .timedOut, .connectTimedOut, .stalled, .tooSlow, .hostNotFound, .connection: .unreachable(error)
        default: .transport(error)
        }
    }
}
