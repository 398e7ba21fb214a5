# parcelbox: `make demo` runs the box on the simulator, `make test` runs every test.
# Each target installs what it needs from the committed lock file first.

NODE_BIN := node_modules/.bin
INSTALLED := node_modules/.installed

.PHONY: all install build check test bench clean sim demo docs FORCE

all: build

install: $(INSTALLED)

# EspruinoTools (for `parcelbox flash`) live in their own folder so their optional Bluetooth and
# WebRTC packages, which download binaries, stay out: that folder's .npmrc omits optional ones.
$(INSTALLED): package.json package-lock.json tools/espruino-tools/package.json tools/espruino-tools/package-lock.json tools/espruino-tools/.npmrc
	npm ci --no-audit --no-fund
	npm ci --prefix tools/espruino-tools --no-audit --no-fund
	@touch $@

# Type-checks against the portable subset, lints the core, writes both firmware files and checks them.
# Only when something the build reads changed since the last build that passed (the stamp is
# written after a build succeeds), or a firmware file is missing: `make sim` and `make demo` start
# at once, and `make test` still tests what the sources say.
BUILD_INPUTS := $(shell find firmware tools/build -type f) tools/lib/lfs-manifest.ts $(INSTALLED)
BUILD_OUTPUTS := build/espruino/parcelbox.js build/nodemcu/esp8266/parcelbox.lua build/nodemcu/esp32/parcelbox.lua
BUILD_STAMP := build/.built-from-sources

build: $(BUILD_STAMP)

$(BUILD_STAMP): $(BUILD_INPUTS) $(if $(filter-out $(wildcard $(BUILD_OUTPUTS)),$(BUILD_OUTPUTS)),FORCE)
	@rm -f $@
	$(NODE_BIN)/tsx tools/build/build.ts
	@touch $@

FORCE:

# Type-checks the Node side (simulator, tools, tests).
check: $(INSTALLED)
	$(NODE_BIN)/tsc -p tsconfig.json

test: build check
	$(NODE_BIN)/vitest run

bench: build
	$(NODE_BIN)/tsx test/bench/bench.ts

# The Espruino build on the virtual box in this terminal: keypad, lid, clock, log, USB port.
# RUNTIME=nodemcu make sim runs the NodeMCU build instead. WEB=1 serves the same box as a page
# at http://127.0.0.1:8421/ (WEB_PORT=N for another port, 0 for any free one). CONFIG_HOME=DIR keeps
# the box's profile there (XDG_CONFIG_HOME for the owner's tool) instead of a temporary folder.
sim: build
	$(NODE_BIN)/tsx $(if $(WEB),sim/web/main.ts $(if $(WEB_PORT),--port $(WEB_PORT)),sim/view/main.ts) $(if $(RUNTIME),--runtime $(RUNTIME)) $(if $(CONFIG_HOME),--config-home $(CONFIG_HOME))

# A delivery on the simulated box, narrated: provisions it with the real CLI over a pseudo-terminal,
# makes a code, types it on the keypad, reads the log. RUNTIME=nodemcu runs the Lua build.
demo: build
	RUNTIME="$(or $(RUNTIME),espruino)" $(NODE_BIN)/tsx tools/demo/demo.ts

# Regenerates the generated docs: pin table, feedback table, USB command and error tables, the log's
# event table (docs/storage.md), wiring diagrams, keypad label (the feedback table before the label,
# which is made from it), and the owner's guide's NodeMCU firmware section. Tests fail while any is
# stale.
docs: $(INSTALLED)
	$(NODE_BIN)/tsx test/sim/boards-doc.ts
	$(NODE_BIN)/tsx tools/docs/nodemcu-firmware.ts --write
	$(NODE_BIN)/tsx tools/docs/behaviour-table.ts --write
	$(NODE_BIN)/tsx tools/docs/protocol-tables.ts --write
	$(NODE_BIN)/tsx tools/docs/log-table.ts --write
	$(NODE_BIN)/tsx tools/wiring/write-docs.ts
	$(NODE_BIN)/tsx tools/label/write-docs.ts

clean:
	rm -rf build
