# telex: `make run` to read, `make test` to check. See README.md.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
BIN_DEBUG := .build/debug/telex
BIN_RELEASE := .build/release/telex

.PHONY: all deps generate build release run run-feeds test e2e bench conformance fuzz install uninstall clean

all: build

deps:
	@scripts/ensure-deps.sh

generate:
	@scripts/gen-default-feeds.sh

build: deps generate
	$(SWIFT) build

# The Swift runtime and Foundation linked in (--static-swift-stdlib): the reader starts without loading and
# relocating 17 shared libraries, in less memory (docs/cache-schema.md, "The reader's start").
release: deps generate
	$(SWIFT) build -c release --static-swift-stdlib

# Starts the reader on the bundled sample edition (served on 127.0.0.1, no network needed).
run: release
	$(BIN_RELEASE) demo

# Starts the reader on your own feeds.json and cache (`telex fetch` or `r` fills it).
run-feeds: release
	$(BIN_RELEASE)

# Unit and integration tests (swift test), then the tmux end-to-end suite on the same debug binary;
# ends with "TOTAL: N passed, N failed, N skipped" (CI=1: a skip is a failure, see scripts/test.sh).
test: deps generate
	@scripts/test.sh

# The tmux end-to-end suite alone, on the debug build (E2E_JOBS scripts at a time, default 2).
e2e: build
	@tests/e2e/run.sh "$$($(SWIFT) build --show-bin-path)/telex"

# Benchmarks print figures anyone can rerun; each scripts/bench/*.sh is one benchmark.
bench: release
	@scripts/bench.sh $(BIN_RELEASE)

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/telex
	install -m 0755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/telex
	install -d $(DESTDIR)$(PREFIX)/lib/telex
	install -m 0755 .build/release/telex-fixture-server $(DESTDIR)$(PREFIX)/lib/telex/telex-fixture-server
	install -m 0644 docs/telex.1 $(DESTDIR)$(PREFIX)/share/man/man1/telex.1
	install -m 0644 feeds.json $(DESTDIR)$(PREFIX)/share/telex/feeds.json

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/telex $(DESTDIR)$(PREFIX)/share/man/man1/telex.1
	rm -rf $(DESTDIR)$(PREFIX)/lib/telex
	rm -rf $(DESTDIR)$(PREFIX)/share/telex

clean:
	rm -rf .build

# telex against feedparser 6.0.14 (PyPI): the share of its suite's assertions met and the field agreement,
# per folder, on that suite and on real-world feeds from PyPI sdists and Debian packages (scripts/conformance.sh).
conformance: build
	@scripts/conformance.sh $(BIN_DEBUG)

# libFuzzer for 60 s each (FUZZ_SECONDS to change) over the feed parser (crashes in .build/fuzz/), over
# extraction and layout (.build/fuzz-articles/) and over image decoding (.build/fuzz-images/);
# FUZZ_TARGET=feeds, articles or images runs one.
FUZZ_TARGET ?= all
fuzz:
	@case "$(FUZZ_TARGET)" in feeds|articles|images|all) ;; *) echo "FUZZ_TARGET must be feeds, articles, images or all"; exit 2;; esac
	@if [ "$(FUZZ_TARGET)" = feeds ] || [ "$(FUZZ_TARGET)" = all ]; then scripts/fuzz-feeds.sh $${FUZZ_SECONDS:-60}; fi
	@if [ "$(FUZZ_TARGET)" = articles ] || [ "$(FUZZ_TARGET)" = all ]; then scripts/fuzz-articles.sh $${FUZZ_SECONDS:-60}; fi
	@if [ "$(FUZZ_TARGET)" = images ] || [ "$(FUZZ_TARGET)" = all ]; then scripts/fuzz-images.sh $${FUZZ_SECONDS:-60}; fi
