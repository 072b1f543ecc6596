import GRDB

/// The cache schema as an ordered history of migrations. Never edit a migration that shipped: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: createInitialSchema)
        migrator.registerMigration("v2-typed-fetch-state", migrate: typedFetchState)
        migrator.registerMigration("sync-accounts", migrate: syncAccounts)
        migrator.registerMigration("v3-search-queue", migrate: searchQueue)
        migrator.registerMigration("v4-article-images", migrate: articleImages)
        // Saved query sections and one story once (#18) landed together, after the pictures' tables.
        migrator.registerMigration("v5-queries-and-stories") { db in
            try savedQueries(db)
            try storyKey(db)
        }
        migrator.registerMigration("v6-account-state-checks", migrate: accountStateChecks)
        // Filters and languages (#18) landed together.
        migrator.registerMigration("v7-desk4-filters-and-lang") { db in
            try hiddenItems(db)
            try languages(db)
        }
        migrator.registerMigration("v8-desk5-clusters", migrate: clusters)
        return migrator
    }

    /// The search index's tokenizer and ranking as the migrations created them (the scratch index over
    /// queued items must match them: `QueuedSearchIndex`).
    static let searchTokenizer = "unicode61 remove_diacritics 2"
    static let searchRank = "bm25(10.0, 2.0, 1.0)"

    /// Names of all migrations this version knows, to detect a cache written by a newer telex.
    static var knownMigrations: Set<String> { Set(migrator.migrations) }

    private static func createInitialSchema(_ db: Database) throws {
        // Must precede the first table: afterwards only a full VACUUM could change it. Store.open also sets it
        // on a new file before WAL mode writes the header (after which this statement is a no-op).
        try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
        try db.execute(sql: """
            CREATE TABLE section (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              position INTEGER NOT NULL
            );
            CREATE INDEX section_position ON section(position);

            -- One row per feed URL. A feed removed from feeds.json keeps its row (section_id NULL, active 0)
            -- only while it still has saved items.
            CREATE TABLE feed (
              id INTEGER PRIMARY KEY,
              url TEXT NOT NULL UNIQUE,
              section_id INTEGER REFERENCES section(id) ON DELETE SET NULL,
              position INTEGER NOT NULL DEFAULT 0,
              title TEXT,
              feed_title TEXT,
              site_link TEXT,
              enabled INTEGER NOT NULL DEFAULT 1,
              active INTEGER NOT NULL DEFAULT 1,
              -- Counters kept in the same transaction as every item insert, delete, read and saved change.
              total_count INTEGER NOT NULL DEFAULT 0,
              unread_count INTEGER NOT NULL DEFAULT 0,
              saved_count INTEGER NOT NULL DEFAULT 0,
              -- Fetch state.
              etag TEXT,
              last_modified TEXT,
              last_attempt INTEGER,
              last_success INTEGER,
              next_due INTEGER,
              consecutive_failures INTEGER NOT NULL DEFAULT 0,
              last_error TEXT,
              http_status INTEGER,
              permanent_redirect TEXT,
              gone INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX feed_section_position ON feed(section_id, position);

            -- One row per page. url is the normalised final URL; url_alias maps every known spelling to it.
            CREATE TABLE article (
              id INTEGER PRIMARY KEY,
              url TEXT NOT NULL UNIQUE,
              canonical_url TEXT,
              status TEXT NOT NULL,
              http_status INTEGER,
              fetched_at INTEGER NOT NULL,
              title TEXT,
              document BLOB,
              plain_text TEXT,
              error TEXT
            );
            CREATE TABLE url_alias (
              url TEXT PRIMARY KEY,
              article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX url_alias_article ON url_alias(article_id);

            CREATE TABLE link (
              article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('inline', 'related')),
              url TEXT NOT NULL,
              url_key TEXT NOT NULL,
              text TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (article_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX link_url_key ON link(url_key);

            -- Times are integer milliseconds since 1970 (UTC).
            CREATE TABLE item (
              id INTEGER PRIMARY KEY,
              feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
              section_id INTEGER,
              stable_id TEXT NOT NULL,
              link TEXT,
              link_key TEXT,
              title TEXT NOT NULL DEFAULT '',
              author TEXT,
              published INTEGER,
              updated INTEGER,
              summary_html TEXT,
              content_html TEXT,
              content_hash INTEGER NOT NULL DEFAULT 0,
              first_seen INTEGER NOT NULL,
              sort_time INTEGER NOT NULL,
              read INTEGER NOT NULL DEFAULT 0,
              saved INTEGER NOT NULL DEFAULT 0,
              article_id INTEGER REFERENCES article(id) ON DELETE SET NULL,
              UNIQUE (feed_id, stable_id)
            );
            CREATE INDEX item_feed_time ON item(feed_id, sort_time DESC, id DESC);
            CREATE INDEX item_feed_unread_time ON item(feed_id, sort_time DESC, id DESC) WHERE read = 0;
            CREATE INDEX item_section_time ON item(section_id, sort_time DESC, id DESC);
            CREATE INDEX item_section_unread_time ON item(section_id, sort_time DESC, id DESC) WHERE read = 0;
            CREATE INDEX item_time ON item(sort_time DESC, id DESC);
            CREATE INDEX item_unread_time ON item(sort_time DESC, id DESC) WHERE read = 0;
            CREATE INDEX item_saved_time ON item(sort_time DESC, id DESC) WHERE saved = 1;
            CREATE INDEX item_link_key ON item(link_key) WHERE link_key IS NOT NULL;
            CREATE INDEX item_article ON item(article_id) WHERE article_id IS NOT NULL;
            CREATE INDEX item_first_seen_read ON item(first_seen) WHERE read = 1 AND saved = 0;

            -- Full text of items: title, summary/content text, and the text of the item's article. rowid = item.id.
            CREATE VIRTUAL TABLE item_fts USING fts5(
              title, body, article,
              tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO item_fts(item_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 1.0)');

            -- Requests from `telex fetch` or a front end to a running fetch service.
            CREATE TABLE fetch_requests (
              id INTEGER PRIMARY KEY,
              requested_at INTEGER NOT NULL,
              feed_ids TEXT,
              force INTEGER NOT NULL DEFAULT 0,
              origin TEXT NOT NULL DEFAULT ''
            );

            -- The single progress row of the running fetcher.
            CREATE TABLE fetch_progress (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              running INTEGER NOT NULL DEFAULT 0,
              feeds_done INTEGER NOT NULL DEFAULT 0,
              feeds_total INTEGER NOT NULL DEFAULT 0,
              articles INTEGER NOT NULL DEFAULT 0,
              failures INTEGER NOT NULL DEFAULT 0,
              last_error TEXT,
              updated_at INTEGER NOT NULL DEFAULT 0,
              pid INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO fetch_progress(id) VALUES (1);
            """)
    }

    /// Fetch state as typed columns instead of prefixes inside `feed.last_error` ("retry after: ",
    /// "warning: ") and `article.error` ("not a web page"); article retries; the feed text length that
    /// `article: auto` decides on; the retention sweep's cursor. The progress row leaves the database:
    /// it moved `data_version` four times a second during a pass, so every open reader re-queried
    /// (it is a small file beside the cache now, docs/fetch.md).
    private static func typedFetchState(_ db: Database) throws {
        try db.execute(sql: """
            -- NULL: never fetched; 'ok': the last attempt succeeded (perhaps with a warning); 'failing'.
            ALTER TABLE feed ADD COLUMN status TEXT CHECK (status IN ('ok', 'failing'));
            -- The last failure's message, while failing.
            ALTER TABLE feed ADD COLUMN error TEXT;
            ALTER TABLE feed ADD COLUMN failing_since INTEGER;
            -- The server asked to wait until then (429/503 Retry-After); even `telex fetch` waits.
            ALTER TABLE feed ADD COLUMN retry_after INTEGER;
            -- The feed parsed, with this warning.
            ALTER TABLE feed ADD COLUMN warning TEXT;

            UPDATE feed SET status = CASE WHEN last_attempt IS NULL THEN NULL
                                          WHEN consecutive_failures > 0 THEN 'failing' ELSE 'ok' END;
            UPDATE feed SET warning = substr(last_error, 10) WHERE consecutive_failures = 0 AND last_error LIKE 'warning: %';
            UPDATE feed SET retry_after = next_due,
                            error = CASE WHEN instr(last_error, ' (') > 0
                                         THEN substr(last_error, instr(last_error, ' (') + 2,
                                                     length(last_error) - instr(last_error, ' (') - 2)
                                         ELSE last_error END
              WHERE consecutive_failures > 0 AND last_error LIKE 'retry after: %';
            UPDATE feed SET error = last_error WHERE consecutive_failures > 0 AND error IS NULL;
            UPDATE feed SET failing_since = last_attempt WHERE status = 'failing';
            ALTER TABLE feed DROP COLUMN last_error;

            -- Failed article fetches are retried with backoff, a bounded number of times.
            ALTER TABLE article ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            -- When a failed page may be tried again; NULL: not by a pass (only when the user opens it).
            ALTER TABLE article ADD COLUMN retry_at INTEGER;
            UPDATE article SET status = 'not-web-page' WHERE status = 'failed' AND error LIKE 'not a web page%';
            UPDATE article SET attempts = 1 WHERE status IN ('failed', 'not-web-page');

            -- Characters of text in the feed's own summary/content (`article: auto` fetches the page when short).
            -- NULL for items written before this migration: the fetcher measures their HTML.
            ALTER TABLE item ADD COLUMN text_length INTEGER;

            -- Where the retention sweep of unreferenced articles resumes (bounded work per pass).
            CREATE TABLE maintenance (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              article_sweep_after INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO maintenance(id) VALUES (1);

            DROP TABLE fetch_progress;
            """)
    }

    /// Aggregator accounts (docs/sync.md): the accounts, their categories as sections and feeds as feeds,
    /// items keyed by (account, remote id), and the outbox of local read/starred changes not yet pushed.
    private static func syncAccounts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE account (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL,
              url TEXT NOT NULL,
              -- 0: removed from feeds.json (its feeds left their sections; its outbox is dropped).
              active INTEGER NOT NULL DEFAULT 1,
              -- The protocol's incremental position (TT-RSS: the largest article id stored), moved in the
              -- transaction that stores the last page of a pass.
              cursor TEXT,
              last_attempt INTEGER,
              last_success INTEGER,
              -- NULL: never synced; 'ok'; 'unreachable' (no answer); 'failing' (the server answered with an error).
              status TEXT CHECK (status IN ('ok', 'unreachable', 'failing')),
              error TEXT,
              failing_since INTEGER
            );
            ALTER TABLE section ADD COLUMN account_id INTEGER REFERENCES account(id) ON DELETE SET NULL;
            ALTER TABLE section ADD COLUMN remote_id TEXT;
            CREATE UNIQUE INDEX section_account_remote ON section(account_id, remote_id) WHERE account_id IS NOT NULL;
            -- An account feed's url is the unique key 'account:<account id>:<remote id>'; remote_url is the
            -- feed's own address as the server gives it. The fetch pass never fetches account feeds.
            ALTER TABLE feed ADD COLUMN account_id INTEGER REFERENCES account(id) ON DELETE SET NULL;
            ALTER TABLE feed ADD COLUMN remote_id TEXT;
            ALTER TABLE feed ADD COLUMN remote_url TEXT;
            CREATE UNIQUE INDEX feed_account_remote ON feed(account_id, remote_id) WHERE account_id IS NOT NULL;
            ALTER TABLE item ADD COLUMN account_id INTEGER;
            ALTER TABLE item ADD COLUMN remote_id TEXT;
            CREATE UNIQUE INDEX item_account_remote ON item(account_id, remote_id) WHERE account_id IS NOT NULL;

            -- Local read/starred changes to account items, queued in the transaction that makes them and
            -- pushed in id order by the next sync (then deleted).
            CREATE TABLE outbox (
              id INTEGER PRIMARY KEY,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              remote_id TEXT NOT NULL,
              field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
              value INTEGER NOT NULL,
              queued_at INTEGER NOT NULL
            );
            CREATE INDEX outbox_account ON outbox(account_id, id);
            CREATE INDEX outbox_item ON outbox(account_id, remote_id);
            """)
    }

    /// An account's syncs since its last full comparison of read and starred state (docs/sync.md, "The
    /// server's counts"): a sync whose counts match the server's skips the comparison, every tenth compares.
    private static func accountStateChecks(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE account ADD COLUMN syncs_since_full_check INTEGER NOT NULL DEFAULT 0")
    }

    /// Filters (#18, docs/feeds-json.md "Filters"): each feed's `hide` query and what becomes of its matches, and the
    /// hidden items a feed keeps (`"hidden": "store"`) outside `item`, so that no list, counter or search meets them.
    private static func hiddenItems(_ db: Database) throws {
        try db.execute(sql: """
            -- The feed's hide rules as one query (its own and the global ones, joined by `or`); NULL: none.
            ALTER TABLE feed ADD COLUMN hide_query TEXT;
            ALTER TABLE feed ADD COLUMN hidden_mode TEXT NOT NULL DEFAULT 'store' CHECK (hidden_mode IN ('store', 'drop'));
            -- Items a hide rule matched, as the pass would have written them (`item`'s columns that a rule change
            -- needs to bring them back), and their read state.
            CREATE TABLE hidden_item (
              id INTEGER PRIMARY KEY,
              feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
              stable_id TEXT NOT NULL,
              link TEXT,
              title TEXT NOT NULL DEFAULT '',
              author TEXT,
              published INTEGER,
              updated INTEGER,
              summary_html TEXT,
              content_html TEXT,
              content_hash INTEGER NOT NULL,
              first_seen INTEGER NOT NULL,
              read INTEGER NOT NULL DEFAULT 0,
              -- The language the feed declared for it (`ItemRecord.language`).
              language TEXT,
              UNIQUE (feed_id, stable_id)
            );
            CREATE INDEX hidden_item_first_seen ON hidden_item(first_seen);
            """)
    }

    /// Languages (`lang:`, docs/queries.md "Languages"): each item's language as a primary subtag and where it came
    /// from (the feed's declaration, the page's `<html lang>`, or a guess from its script), and each page's. Items
    /// written before this migration have none until their feed rewrites them (a migration does not run app code).
    private static func languages(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE item ADD COLUMN lang TEXT;
            ALTER TABLE item ADD COLUMN lang_source TEXT CHECK (lang_source IN ('feed', 'page', 'script'));
            ALTER TABLE article ADD COLUMN lang TEXT;
            CREATE INDEX item_lang_time ON item(lang, sort_time DESC, id DESC) WHERE lang IS NOT NULL;
            """)
    }

    /// Stories of several outlets about one event (docs/cache-schema.md, "Clusters"): each item's cluster (the id of
    /// its first item), and the signatures of the items that new ones may still join. Items written before are in
    /// no cluster: nothing is computed over the table.
    private static func clusters(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE item ADD COLUMN cluster_id INTEGER;
            CREATE INDEX item_cluster ON item(cluster_id, sort_time DESC, id DESC) WHERE cluster_id IS NOT NULL;
            -- Kept while the item may be joined (ClusterIndex.window), then pruned by time after each pass; no foreign
            -- key (no cascade to pay on every delete of an item: deleteItems removes the row) and no index on time (one
            -- more B-tree write per item written; the table holds a few days of items, read whole once per process).
            CREATE TABLE item_signature (
              item_id INTEGER PRIMARY KEY,
              sort_time INTEGER NOT NULL,
              tokens BLOB NOT NULL
            );
            """)
    }

    /// Full-text indexing leaves the fetch pass: the pass queues the items whose search row is missing or
    /// stale, in its own transaction, and an indexer drains the queue afterwards (docs/cache-schema.md,
    /// "Search"). Items written before this migration are indexed already: the queue starts empty.
    private static func searchQueue(_ db: Database) throws {
        try db.execute(sql: """
            -- Items whose row in item_fts must be (re)written. `version` is a new random number each time the
            -- item is queued (a counter would start again at 0 for a new item reusing a deleted item's id),
            -- so an indexer that read the item before it was queued again leaves the row queued.
            CREATE TABLE search_queue (
              item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
              version INTEGER NOT NULL
            );
            """)
    }

    /// Pictures of stories (docs/cache-schema.md, "Images"): one row per picture URL, its file named by the
    /// SHA-256 of the stored PNG, and each article's pictures in order. A picture is kept while an article
    /// shows it.
    private static func articleImages(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE image (
              id INTEGER PRIMARY KEY,
              url TEXT NOT NULL UNIQUE,
              status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
              -- SHA-256 (hex) of the stored PNG, images/<first two digits>/<sha256>.png; NULL when failed.
              sha256 TEXT CHECK ((status = 'ok') = (sha256 IS NOT NULL)),
              width INTEGER,
              height INTEGER,
              error TEXT,
              fetched_at INTEGER NOT NULL
            );
            CREATE INDEX image_sha256 ON image(sha256) WHERE sha256 IS NOT NULL;
            CREATE TABLE article_image (
              article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              image_id INTEGER NOT NULL REFERENCES image(id),
              PRIMARY KEY (article_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX article_image_image ON article_image(image_id);
            """)
    }

    /// Saved query sections of feeds.json, mirrored like sections (`syncConfiguration`): the id stays while the
    /// name does, so the reader keeps its place on a query whose text was edited.
    private static func savedQueries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE saved_query (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              query TEXT NOT NULL,
              position INTEGER NOT NULL
            );
            """)
    }

    /// One story once: `item.story_key` (`StoryKey`), indexed, written with each item from now on. Existing items
    /// get the key `StoryKey` gives them, in SQL (a migration does not call app code that may change): their
    /// extracted page's canonical address, else the address the fetcher's redirects ended at, when it names a page
    /// below the site's root; else their normalised link when it names such a page. One pass over the items, here only.
    private static func storyKey(_ db: Database) throws {
        // A page below the site's root: not "https://host/", "/index.html" or "/index.php".
        func specific(_ column: String) -> String {
            """
            (\(column) LIKE 'http%://%/_%' AND substr(\(column), instr(substr(\(column), 9), '/') + 8)
              NOT IN ('/', '/index.html', '/index.php'))
            """
        }
        try db.execute(sql: """
            ALTER TABLE item ADD COLUMN story_key TEXT;
            UPDATE item SET story_key = COALESCE(
              (SELECT CASE WHEN \(specific("article.canonical_url")) THEN article.canonical_url
                           WHEN \(specific("article.url")) THEN article.url END
                 FROM article WHERE article.id = item.article_id AND article.status = 'ok'),
              CASE WHEN \(specific("link_key")) THEN link_key END);
            CREATE INDEX item_story ON item(story_key, sort_time DESC, id DESC) WHERE story_key IS NOT NULL;
            """)
    }
}
