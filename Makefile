# ccass-terminal: `make run` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
RELEASE := .build/release/ccass-terminal
# Release builds link the Swift runtime and Foundation statically: the first frame comes in
# about 13 ms instead of 31 and `authenticator code` in 13 ms instead of 36 (BENCHMARKS.md).
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all deps build build-release run install test test-tsan bench fuzz handouts generated clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product ccass-terminal

# The terminal on the default store, optimised; the demo data is created the first time. It
# opens at any hour here (run the binary without --ignore-hours for the real operating hours).
ARGS ?= --ignore-hours
run: build-release
	$(RELEASE) $(ARGS)

# The optimised binary for every account of the host (a class's seats run it over SSH): the
# program and its resource bundles in $(PREFIX)/lib/ccass-terminal, a link in $(PREFIX)/bin.
PREFIX ?= /usr/local
install: build-release
	install -d $(PREFIX)/lib/ccass-terminal $(PREFIX)/bin
	cp -R .build/release/ccass-terminal .build/release/*.resources $(PREFIX)/lib/ccass-terminal/
	ln -sf $(PREFIX)/lib/ccass-terminal/ccass-terminal $(PREFIX)/bin/ccass-terminal

# Every test (XCTest; there are no Swift Testing tests, and its empty run would close the log).
# The drills and the product are built first: the tests run them as processes.
# In CI (CCASS_TSAN=1, set by .ci/run) the whole suite runs a second time under ThreadSanitizer,
# in a scratch directory of its own (about 2.5 minutes to build and 12 to run on 2 cores).
test: build
	$(SWIFT) test --disable-swift-testing
	@if [ -n "$$CCASS_TSAN" ]; then $(MAKE) test-tsan; fi

test-tsan: deps
	$(SWIFT) test --disable-swift-testing --sanitize=thread --scratch-path .build-tsan

# Benchmarks, each figure beside a peer measured in the same run (BENCHMARKS.md). BENCH_QUICK=1
# (CI) runs every row briefly and decides no goal: it keeps `make bench` working on a fresh clone.
BENCH_QUICK ?=
bench: deps
	@for product in ccass-terminal CCASSBench BareStart BareFoundationStart; do \
	  $(SWIFT) build $(RELEASE_FLAGS) --product $$product || exit 1; \
	done
	BENCH_QUICK=$(BENCH_QUICK) .build/release/CCASSBench

# The shipped scenarios as illustrated, printable guides (handouts/index.html lists them); a
# flow that no longer works makes no handout and fails. HANDOUT_PDF=1 prints PDFs too (Chromium).
HANDOUT_PDF ?=
handouts: build
	.build/debug/ccass-terminal handout Resources/scenarios/*.scenario -o handouts $(if $(HANDOUT_PDF),--pdf,)

# Sources/AuthDomain/CoverageCases.generated.swift from the declarations of the engine's typed
# results (the coverage catalogue's cases): after adding, removing or renaming a case. Builds only
# the generator, so it works while the generated switch does not compile.
generated:
	$(SWIFT) run coverage-cases Sources/AuthDomain

clean:
	$(SWIFT) package clean

# Coverage-guided fuzzing (libFuzzer, AddressSanitizer and LeakSanitizer) of the URI parser
# (with seeds and a dictionary: Foundation's URLComponents is not instrumented),
# the scenario parser, key decoding with the state machine, and engine operation sequences:
# FUZZ_SECONDS each (default 60). A crash, a leak, a hang or a broken property fails; artifacts
# go to .build-fuzz/artifacts/, never the repository.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
fuzz: deps
	@mkdir -p .build-fuzz/artifacts
	@for target in FuzzURI FuzzScenario FuzzKeys FuzzEngine; do \
	  $(SWIFT) build $(FUZZ_FLAGS) --product $$target || exit 1; \
	  mkdir -p .build-fuzz/corpus/$$target; \
	  echo "== $$target for $(FUZZ_SECONDS) s"; \
	  dict=""; [ -f Tools/FuzzData/$$target.dict ] && dict="-dict=Tools/FuzzData/$$target.dict"; \
	  seeds=""; [ -d Tools/FuzzData/seeds/$$target ] && seeds="Tools/FuzzData/seeds/$$target"; \
	  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Tools/FuzzData/lsan.supp:print_suppressions=0 \
	  .build-fuzz/debug/$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$dict \
	    -artifact_prefix=.build-fuzz/artifacts/$$target- .build-fuzz/corpus/$$target Tools/FuzzData/regressions/$$target $$seeds || exit 1; \
	done
