# Tantalus — the two commands that matter on a fresh Debian 12 machine (as root):
#   make demo   installs what is missing, builds, runs the pipeline on the phantom CT -> out/
#   make test   installs what is missing, builds, runs every test
# Also: make build | make bench | make clean.  Options: CT=PATH (demo on another CT),
# FAST=1 (skip tests labelled slow), BUILD=dir, JOBS=n.

BUILD ?= build
JOBS  ?= $(shell nproc)
CT    ?=
FAST  ?=
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

# ccache keyed on paths relative to the checkout, so every clone shares the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build test demo bench clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then \
	  cmake -S . -B $(BUILD) -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache $(CMAKE_FLAGS) >$(BUILD).configure.log 2>&1 \
	    || { cat $(BUILD).configure.log; exit 1; }; \
	fi

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@bash scripts/run-tests.sh $(BUILD) $(if $(FAST),fast,all)

demo: build
	@bash scripts/demo.sh $(BUILD) out $(CT)

bench: build
	@bash scripts/bench.sh $(BUILD) out/bench

clean:
	rm -rf $(BUILD) $(BUILD).configure.log out
