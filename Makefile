# The two commands a new user needs: `make run` and `make test`. Everything else is optional.
#   make run     install missing Debian packages and npm modules, build (release) with the web
#                UI, load the demo estate, serve the UI and API and print the URL (PORT=8080)
#   make test    build (debug, warnings as errors) and run every test, plus short fuzz runs
#   make bench   benchmarks on generated data (see bench/README.md)
JOBS ?= $(shell nproc)
DATA_DIR ?= $(CURDIR)/build/demo-data
DEMO_DIR ?= $(CURDIR)/build/demo-estate
DEMO_ROWS ?= 200000
PORT ?= 8080

.PHONY: run test deps build build-debug fuzz bench clean format

deps:
	@scripts/install-deps.sh build

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target cloudoptima

build-debug:
	@scripts/install-deps.sh test
	@cmake --preset debug -DOPTIMA_WERROR=ON >/dev/null
	@cmake --build --preset debug -j $(JOBS)

run: build
	@scripts/run-demo.sh build/release/cloudoptima "$(DEMO_DIR)" "$(DATA_DIR)" "$(DEMO_ROWS)" "$(PORT)"

test: build-debug
	@cd build/debug && ctest --output-on-failure -j $(JOBS)
	@scripts/run-fuzzers.sh

bench: build
	@scripts/install-deps.sh bench
	@cmake --build --preset release -j $(JOBS)
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build
