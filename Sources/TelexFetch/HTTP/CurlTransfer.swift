#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCurl
import Synchronization

/// One exchange (one hop: redirects are followed by `CurlFetcher`, one transfer each) on a libcurl
/// easy handle. libcurl calls back on the event loop's thread only, so the response state below is
/// touched by that thread alone until the transfer is finished; `cancelled` is the one shared flag.
///
/// The guards that must hold whatever the server does live in the callbacks:
/// - headers: a declared Content-Length over the limit, and a page that is not HTML, end the
///   transfer before any body byte is read;
/// - body: decoded bytes are counted as libcurl inflates them, and the transfer ends at the limit
///   (a gzip bomb stops inflating there, so memory stays within the limit);
/// - sockets: an address the policy refuses is never connected to (CURLOPT_OPENSOCKETFUNCTION), and
///   a reused connection to one is never sent a request (CURLOPT_PREREQFUNCTION).
final class CurlTransfer: @unchecked Sendable {
    /// What one hop asks for.
    struct Setup: Sendable {
        var url: CurlURL
        var kind: ResourceKind
        var method: HTTPMethod = .get
        /// The request body (POST, PUT); nil sends none.
        var body: [UInt8]? = nil
        /// Request headers besides the User-Agent, as "Name: value".
        var headers: [String]
        var userAgent: String
        /// The addresses the host was resolved to and approved; libcurl connects to these only.
        /// Empty for an address literal (libcurl does not resolve those).
        var pinned: [IPAddress]
        var allowPrivateAddresses: Bool
        var policy: AddressPolicy
        var maxBytes: Int
        var timeoutMilliseconds: Int
        var connectTimeoutMilliseconds: Int
        var idleSeconds: Double
        var lowSpeedLimit: Int
        var lowSpeedSeconds: Int
        var caFile: String?
    }

    /// How the hop ended.
    struct Outcome: Sendable {
        var code: CURLcode = CURLE_OK
        /// A limit or guard that ended the transfer (it wins over libcurl's own code).
        var failure: HTTPFetchError?
        var status = 0
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        var remoteAddress: IPAddress?
        var connected = false
        var osErrno: Int32 = 0
        /// libcurl's error buffer.
        var message = ""
    }

    let setup: Setup
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let cancelledFlag = Atomic<Bool>(false)
    /// Set before the transfer is handed to the loop; resumed once, by the loop.
    var continuation: CheckedContinuation<Outcome, Never>?

    // Loop-thread state.
    private var outcome = Outcome()
    private var received = 0
    /// When a byte (or the start) was last seen: the idle timeout counts from here.
    var lastActivity = Monotonic.seconds()

    private init(setup: Setup, easy: UnsafeMutableRawPointer) {
        self.setup = setup
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        telex_curl_easy_cleanup(easy)
        telex_curl_slist_free_all(headerList)
        telex_curl_slist_free_all(resolveList)
        errorBuffer.deallocate()
    }

    /// A configured easy handle for `setup`.
    static func make(_ setup: Setup) -> Result<CurlTransfer, HTTPFetchError> {
        guard let easy = telex_curl_easy_init() else { return .failure(.connection("out of memory (libcurl)")) }
        let t = CurlTransfer(setup: setup, easy: easy)
        return t.configure() ? .success(t) : .failure(.connection("libcurl refused an option: \(t.message)"))
    }

    var isCancelled: Bool { cancelledFlag.load(ordering: .acquiring) }
    func markCancelled() { cancelledFlag.store(true, ordering: .releasing) }

    private var message: String { String(cString: errorBuffer) }

    private func configure() -> Bool {
        let me = Unmanaged.passUnretained(self).toOpaque()
        var ok = true
        func check(_ code: CURLcode) { if code != CURLE_OK { ok = false } }
        func set(_ option: CURLoption, _ value: Int) { check(telex_curl_set_long(easy, option, value)) }
        func set(_ option: CURLoption, _ value: String) {
            check(value.withCString { telex_curl_set_pointer(easy, option, UnsafeMutableRawPointer(mutating: $0)) })
        }
        check(telex_curl_set_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(CURLOPT_URL, setup.url.text)
        // Only http and https, here and (were libcurl ever to follow one) on redirects: a second lock
        // behind CurlURL's scheme check.
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_NOSIGNAL, 1)
        // Direct connections only: through a proxy the address checks would judge the proxy.
        set(CURLOPT_PROXY, "")
        set(CURLOPT_USERAGENT, setup.userAgent)
        switch setup.method {
        case .get: break
        case .post, .put:
            // The body is copied by libcurl (COPYPOSTFIELDS, its size set first: it may hold NUL bytes);
            // CUSTOMREQUEST names the method, so a PUT is a PUT with a body, not an upload callback.
            let body = (setup.body ?? []) + [0]
            set(CURLOPT_POSTFIELDSIZE, body.count - 1)
            check(body.withUnsafeBytes { telex_curl_set_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress!)) })
            set(CURLOPT_CUSTOMREQUEST, setup.method.rawValue)
        case .delete:
            set(CURLOPT_CUSTOMREQUEST, setup.method.rawValue)
        }
        for header in setup.headers { headerList = telex_curl_slist_append(headerList, header) }
        check(telex_curl_set_pointer(easy, CURLOPT_HTTPHEADER, headerList))
        // Every coding libcurl decodes (gzip, deflate, br, zstd); the write callback sees decoded bytes.
        set(CURLOPT_ACCEPT_ENCODING, "")
        set(CURLOPT_HTTP_VERSION, Int(telex_curl_http_version_2tls))
        set(CURLOPT_TIMEOUT_MS, max(1, setup.timeoutMilliseconds))
        set(CURLOPT_CONNECTTIMEOUT_MS, max(1, min(setup.connectTimeoutMilliseconds, setup.timeoutMilliseconds)))
        if setup.lowSpeedLimit > 0 {
            set(CURLOPT_LOW_SPEED_LIMIT, setup.lowSpeedLimit)
            set(CURLOPT_LOW_SPEED_TIME, max(1, setup.lowSpeedSeconds))
        }
        set(CURLOPT_BUFFERSIZE, 64 << 10)
        if let caFile = setup.caFile { set(CURLOPT_CAINFO, caFile) }
        if !setup.pinned.isEmpty {
            // DNS pinning: libcurl connects to the addresses that were checked, never resolves again.
            let entry = "\(setup.url.bareHost):\(setup.url.port):" + setup.pinned.map(\.description).joined(separator: ",")
            resolveList = telex_curl_slist_append(nil, entry)
            check(telex_curl_set_pointer(easy, CURLOPT_RESOLVE, resolveList))
        }
        check(telex_curl_set_opensocket_function(easy) { context, _, address in
            guard let context, let address else { return telex_curl_socket_bad }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(address)
        })
        check(telex_curl_set_pointer(easy, CURLOPT_OPENSOCKETDATA, me))
        check(telex_curl_set_prereq_function(easy) { context, primaryIP, _, _, _ in
            guard let context else { return telex_curl_prereq_abort }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().approveConnection(primaryIP)
        })
        check(telex_curl_set_pointer(easy, CURLOPT_PREREQDATA, me))
        check(telex_curl_set_write_function(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            guard let context else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: size * count)
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(bytes)
        })
        check(telex_curl_set_pointer(easy, CURLOPT_HEADERDATA, me))
        check(telex_curl_set_write_function(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let context else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: size * count)
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(bytes)
        })
        check(telex_curl_set_pointer(easy, CURLOPT_WRITEDATA, me))
        return ok
    }

    // MARK: Callbacks (event loop thread)

    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
        let socketAddress = (UnsafeMutableRawPointer(address) + offset).assumingMemoryBound(to: sockaddr.self)
        guard let ip = IPAddress(socketAddress: socketAddress), mayConnect(to: ip) else {
            outcome.failure = .blockedAddress(host: setup.url.bareHost)
            return telex_curl_socket_bad
        }
        return socket(address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    /// Called once connected (or on a reused connection) before the request is sent.
    private func approveConnection(_ primaryIP: UnsafeMutablePointer<CChar>?) -> Int32 {
        guard let primaryIP, let ip = IPAddress(String(cString: primaryIP)), mayConnect(to: ip) else {
            outcome.failure = .blockedAddress(host: setup.url.bareHost)
            return telex_curl_prereq_abort
        }
        return telex_curl_prereq_ok
    }

    private func mayConnect(to ip: IPAddress) -> Bool { setup.allowPrivateAddresses || !setup.policy.isPrivate(ip) }

    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastActivity = Monotonic.seconds()
        if outcome.failure != nil { return 0 }
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = line.last, last.isNewline { line = line.dropLast() }
        if line.hasPrefix("HTTP/") {
            // A new response (after 1xx interim ones): its own status and headers.
            let parts = line.split(separator: " ", maxSplits: 2)
            outcome.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            outcome.headers = [:]
        } else if line.isEmpty {
            if outcome.status >= 200, let failure = refusal() {
                outcome.failure = failure
                return 0
            }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let previous = outcome.headers[name] { outcome.headers[name] = previous + ", " + value } else { outcome.headers[name] = value }
        }
        return bytes.count
    }

    /// The checks made on a final response's headers, before its body is read.
    private func refusal() -> HTTPFetchError? {
        guard (200..<300).contains(outcome.status) else { return nil }
        if let declared = outcome.headers["content-length"].flatMap({ Int($0) }) {
            if declared > setup.maxBytes { return .tooLarge(limit: setup.maxBytes) }
            outcome.body.reserveCapacity(declared)
        }
        if setup.kind == .page, let type = outcome.headers["content-type"], !ContentTypes.isWebPage(type) {
            return .unacceptableContentType(type)
        }
        if setup.kind == .image, let type = outcome.headers["content-type"], !ContentTypes.isImage(type) {
            return .unacceptableContentType(type)
        }
        return nil
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastActivity = Monotonic.seconds()
        if outcome.failure != nil { return 0 }
        received += bytes.count
        if received > setup.maxBytes {
            outcome.failure = .tooLarge(limit: setup.maxBytes)
            return 0
        }
        // A redirect's body is never used.
        if !(300..<400).contains(outcome.status) { outcome.body.append(contentsOf: bytes) }
        return bytes.count
    }

    // MARK: Completion (event loop thread)

    /// Ends the transfer (already removed from the multi handle): reads what libcurl knows and resumes the waiter.
    func finish(code: CURLcode, failure: HTTPFetchError? = nil) {
        var result = outcome
        outcome = Outcome()
        result.code = code
        if let failure { result.failure = failure }
        var status = 0
        if telex_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status > 0 { result.status = status }
        var ip: UnsafeMutablePointer<CChar>?
        if telex_curl_get_string(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK, let ip { result.remoteAddress = IPAddress(String(cString: ip)) }
        var connect: curl_off_t = 0
        if telex_curl_get_off(easy, CURLINFO_CONNECT_TIME_T, &connect) == CURLE_OK { result.connected = connect > 0 }
        // A reused connection has no connect time of its own; having an answer means it was connected.
        if result.status > 0 { result.connected = true }
        var osErrno = 0
        if telex_curl_get_long(easy, CURLINFO_OS_ERRNO, &osErrno) == CURLE_OK { result.osErrno = Int32(osErrno) }
        result.message = message
        let waiter = continuation
        continuation = nil
        waiter?.resume(returning: result)
    }
}
