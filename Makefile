# ccass-terminal: `make run` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
BIN := .build/debug/ccass-terminal

.PHONY: all deps build run test bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The terminal on the default store; the demo data is created the first time. It opens at any
# hour here (run the binary without --ignore-hours for the real operating hours).
ARGS ?= --ignore-hours
run: build
	$(BIN) $(ARGS)

# XCTest only: there are no Swift Testing tests, and its empty run would close the log.
test: build
	$(SWIFT) test --disable-swift-testing

bench: deps
	$(SWIFT) build -c release --product ccass-bench
	$(SWIFT) build -c release --product ccass-terminal
	$(SWIFT) build -c release --product bare-start
	$(SWIFT) build -c release --product bare-foundation-start
	.build/release/ccass-bench

clean:
	$(SWIFT) package clean

# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer) of the URI parser, the scenario
# parser, key decoding with the state machine, and engine operation sequences: FUZZ_SECONDS
# each (default 60). A crash, a hang or a broken property stops it; leak reports are off here.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
fuzz: deps
	@for target in fuzz-uri fuzz-scenario fuzz-keys fuzz-engine; do \
	  $(SWIFT) build $(FUZZ_FLAGS) --product $$target || exit 1; \
	  mkdir -p .build-fuzz/corpus/$$target; \
	  echo "== $$target for $(FUZZ_SECONDS) s"; \
	  .build-fuzz/debug/$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -detect_leaks=0 .build-fuzz/corpus/$$target || exit 1; \
	done
