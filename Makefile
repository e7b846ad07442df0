# Tantalus — the two commands that matter on a fresh Debian 12 machine (as root):
#   make demo   installs what is missing, builds, runs the pipeline on the phantom CT -> out/
#   make test   installs what is missing, builds, runs every test
# Also: make build | make gui | make screenshots | make bench | make figures | make fuzz | make clean.  Options: CT=PATH (demo on
# another CT), CASE=FILE (demo on a *.tantalus.json as it is, e.g. examples/totalsegmentator-example.tantalus.json),
# POROUS_FILL=lattice|solid (the porous layer latticed or solid; unset: the case's own), FAST=1 (skip tests labelled slow), SANITIZE=1 (ASan + UBSan build in
# build-sanitize/), FUZZ_SECONDS=n (per fuzz target), BUILD=dir, JOBS=n.

POROUS_FILL ?=
SANITIZE ?=
ifeq ($(SANITIZE),1)
BUILD ?= build-sanitize
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTANTALUS_SANITIZE=ON -DTANTALUS_BUILD_BENCH=OFF
else
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
endif
JOBS  ?= $(shell nproc)
CT    ?=
CASE  ?=
FAST  ?=
FUZZ_SECONDS ?= 60

# ccache keyed on paths relative to the checkout, so every clone shares the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build test demo gui screenshots bench figures fuzz clean

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
	@SANITIZE=$(SANITIZE) bash scripts/run-tests.sh $(BUILD) $(if $(FAST),fast,all)

demo: build
	@POROUS_FILL=$(POROUS_FILL) bash scripts/demo.sh $(BUILD) out "$(CT)" "$(CASE)"

# The workstation (tantalus-gui, docs/gui.md), on CASE= or CT= when given.
gui: build
	@$(BUILD)/tantalus-gui $(CASE) $(CT)

# docs/screenshots/, made by tantalus-gui under Xvfb (scripts/screenshots.sh).
screenshots: build
	@bash scripts/screenshots.sh $(BUILD)

bench: build
	@bash scripts/bench.sh $(BUILD) out/bench

# Every figure the docs quote, measured on this code; regenerates their tables.
figures: build
	@bash scripts/figures.sh $(BUILD)

# libFuzzer (clang) over the readers, FUZZ_SECONDS each; not part of make test.
fuzz: deps
	@bash scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-sanitize build-fuzz build*.configure.log out
