# Files embedded in the binary at build time (docs/architecture.md, "Embedded files").
# web/assets.list names them; scripts/embed_assets.sh writes an assembler file that .incbin's
# each one and the C table src/http/assets.c searches. Included by the Makefile after BUILD,
# CC and CFLAGS are set and before OBJ, which takes ASSET_OBJ.

ASSET_LIST   := web/assets.list
ASSET_SCRIPT := scripts/embed_assets.sh
ASSET_GEN    := $(BUILD)/gen
ASSET_S      := $(ASSET_GEN)/assets.S
ASSET_TABLE  := $(ASSET_GEN)/assets_table.c
# Written by the script next to its outputs: every listed file as a prerequisite of both.
ASSET_DEP    := $(ASSET_GEN)/assets.dep
NPM_STAMP    := node_modules/.package-lock.json

ASSET_OBJ := $(BUILD)/obj/gen/assets.o $(BUILD)/obj/gen/assets_table.o

# The npm packages (swagger-ui-dist), exactly as package-lock.json pins them. npm writes
# the stamp last; the touch covers an npm that would leave an older one in place.
# --ignore-scripts: swagger-ui-dist depends on @scarf/scarf, whose install script reports the
# download to scarf.sh; nothing we use needs an install script.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# One run writes both files (a grouped target), so make never runs the script twice at once.
$(ASSET_S) $(ASSET_TABLE) &: $(ASSET_LIST) $(ASSET_SCRIPT) $(NPM_STAMP)
	$(ASSET_SCRIPT) $(ASSET_LIST) $(ASSET_S) $(ASSET_TABLE) $(ASSET_DEP)

$(BUILD)/obj/gen/assets.o: $(ASSET_S)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/assets_table.o: $(ASSET_TABLE)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# Not a target of any rule on purpose: make would then rebuild it (and run npm) before every
# goal, even `make help`. Absent on the first build, when the outputs are made anyway.
-include $(ASSET_DEP)
