# ccass-terminal: `make run` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
BIN := .build/debug/ccass-terminal

.PHONY: all deps build run test bench clean

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
