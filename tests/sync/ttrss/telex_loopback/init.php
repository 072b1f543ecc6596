<?php
/*
 * Test-only Tiny Tiny RSS plugin (telex): lets this tt-rss read feeds served on the loopback
 * interface, which is where telex's tests serve their fixture feeds.
 *
 * tt-rss 21 (Debian 12) refuses such feeds in UrlHelper::fetch ("Requested URL failed extended
 * validation": host 127.*, localhost or ::1, or a port other than 80/443). Its plugin hooks run
 * before that check, so this plugin fetches loopback URLs itself for the three places that read
 * a feed: subscribing (HOOK_SUBSCRIBE_FEED), the feed's title and site (HOOK_FEED_BASIC_INFO) and
 * updating (HOOK_FETCH_FEED). Every other URL is left to tt-rss, unchanged.
 *
 * Only ever installed in the throwaway instance that tests/sync/ttrss-server.sh builds: never in
 * a real tt-rss. Bounded: loopback only (redirects too), http only, 10 s, 16 MiB, 5 redirects.
 */
class Telex_Loopback extends Plugin {
	const MAX_BYTES = 16777216;
	const TIMEOUT = 10;
	const MAX_REDIRECTS = 5;

	function about() {
		return array(1.0, "Fetches feeds on 127.0.0.1 for telex's tests (test-only)", "telex", true);
	}

	function api_version() {
		return 2;
	}

	function init($host) {
		$host->add_hook($host::HOOK_SUBSCRIBE_FEED, $this);
		$host->add_hook($host::HOOK_FEED_BASIC_INFO, $this);
		$host->add_hook($host::HOOK_FETCH_FEED, $this);
	}

	static function is_loopback($url) {
		$parts = parse_url($url);
		if (!$parts || !isset($parts['host']) || strtolower($parts['scheme'] ?? '') !== 'http') return false;
		$host = strtolower(trim($parts['host'], '[]'));
		return $host === 'localhost' || $host === '::1' || preg_match('/^127\.\d+\.\d+\.\d+$/', $host);
	}

	// GET a loopback URL. Returns [body, content type, status, error]; body is false on failure.
	static function get($url, $login = '', $pass = '') {
		for ($hop = 0; $hop <= self::MAX_REDIRECTS; $hop++) {
			if (!self::is_loopback($url)) return [false, '', 0, "telex_loopback: not a loopback http URL: $url"];
			$headers = "User-Agent: " . SELF_USER_AGENT . "\r\nConnection: close\r\n";
			if ($login !== '' || $pass !== '') $headers .= "Authorization: Basic " . base64_encode("$login:$pass") . "\r\n";
			$context = stream_context_create(['http' => [
				'method' => 'GET', 'header' => $headers, 'timeout' => self::TIMEOUT,
				'follow_location' => 0, 'ignore_errors' => true, 'protocol_version' => 1.1]]);
			$http_response_header = null;
			$body = @file_get_contents($url, false, $context, 0, self::MAX_BYTES + 1);
			if (!is_array($http_response_header) || count($http_response_header) == 0) {
				$error = error_get_last();
				return [false, '', 0, "telex_loopback: $url: " . ($error ? $error['message'] : 'no response')];
			}
			$status = 0; $type = ''; $location = '';
			foreach ($http_response_header as $line) {
				if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $m)) { $status = (int)$m[1]; $type = ''; $location = ''; }
				else if (stripos($line, 'Content-Type:') === 0) $type = trim(substr($line, 13));
				else if (stripos($line, 'Location:') === 0) $location = trim(substr($line, 9));
			}
			if ($status >= 300 && $status < 400 && $location !== '') {
				$url = UrlHelper::rewrite_relative($url, $location);
				continue;
			}
			if ($status != 200) return [false, $type, $status, "telex_loopback: $url: HTTP $status"];
			if (strlen($body) > self::MAX_BYTES) return [false, $type, $status, "telex_loopback: $url: more than " . self::MAX_BYTES . " bytes"];
			if ($body === '' || $body === false) return [false, $type, $status, "telex_loopback: $url: empty body"];
			return [$body, $type, $status, ''];
		}
		return [false, '', 0, "telex_loopback: $url: more than " . self::MAX_REDIRECTS . " redirects"];
	}

	// Same globals as UrlHelper::fetch, which subscribe_to_feed reads after this hook.
	static function publish($result, $url) {
		global $fetch_last_error, $fetch_last_error_code, $fetch_last_content_type, $fetch_effective_url;
		list($body, $type, $status, $error) = $result;
		$fetch_last_error = $error;
		$fetch_last_error_code = $status;
		$fetch_last_content_type = $type;
		$fetch_effective_url = $url;
		if ($error !== '') error_log($error);
		return $body;
	}

	function hook_subscribe_feed($contents, $url, $auth_login, $auth_pass) {
		if (!self::is_loopback($url)) return $contents;
		return self::publish(self::get($url, (string)$auth_login, (string)$auth_pass), $url);
	}

	function hook_feed_basic_info($basic_info, $fetch_url, $owner_uid, $feed, $auth_login, $auth_pass) {
		if ($basic_info || !self::is_loopback($fetch_url)) return $basic_info;
		// On failure, an array all the same: given nothing, tt-rss falls back on UrlHelper::fetch,
		// which refuses the URL, and then hands "" to FeedParser, a fatal ValueError under PHP 8.
		$none = ['title' => '', 'site_url' => ''];
		$body = self::publish(self::get($fetch_url, (string)$auth_login, (string)$auth_pass), $fetch_url);
		if (!$body) return $none;
		$rss = new FeedParser(trim($body));
		$rss->init();
		if ($rss->error()) return $none;
		return [
			'title' => mb_substr(clean($rss->get_title()), 0, 199),
			'site_url' => mb_substr(rewrite_relative_url($fetch_url, clean($rss->get_link())), 0, 245),
		];
	}

	function hook_fetch_feed($feed_data, $fetch_url, $owner_uid, $feed, $last_article_timestamp, $auth_login, $auth_pass) {
		if ($feed_data || !self::is_loopback($fetch_url)) return $feed_data;
		$body = self::publish(self::get($fetch_url, (string)$auth_login, (string)$auth_pass), $fetch_url);
		return $body ? $body : $feed_data;
	}
}
