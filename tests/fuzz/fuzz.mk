# libFuzzer targets for the parsers of untrusted input (tests/fuzz/fuzz_NAME.c), included by
# the Makefile after mk/assets.mk. Everything is built with clang into build-fuzz/, apart from
# the normal build: the engine (src/ minus main.c) with coverage and ASan/UBSan, and the
# embedded files (the generated sources of mk/assets.mk), each target linked against them.
#
#   make fuzz-build                  every target, as build-fuzz/fuzz_NAME
#   make fuzz-smoke                  each target over its corpus plus FUZZ_RUNS mutations, fixed
#                                    seed; one line "fuzz/NAME ok" per target (tests/fuzz/run_smoke.sh)
#   make fuzz [FUZZ_SECONDS=60]      each target for FUZZ_SECONDS; new inputs are kept in
#                                    build-fuzz/corpus/NAME, crashes in build-fuzz/artifacts/
#   make fuzz-clean                  remove build-fuzz/
#
# tests/fuzz/corpus/NAME/ holds the committed seeds; libFuzzer only reads them (new inputs go to
# the first corpus directory given, which is always under build-fuzz/). tests/fuzz/NAME.dict,
# when present, is passed as the target's dictionary.

FUZZ_CC      ?= clang
FUZZ_DIR     := build-fuzz
FUZZ_PKGS    := sqlite3 libpq libsodium jansson libmicrohttpd
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -g -O1 -std=c17 -D_GNU_SOURCE -Isrc \
                $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null) -MMD -MP
FUZZ_LIBS    := $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null) -lm
FUZZ_WARN    := -Wall -Wextra -Wpedantic

ifndef ASSET_TABLE
$(error tests/fuzz/fuzz.mk needs ASSET_S and ASSET_TABLE: include it after mk/assets.mk)
endif

FUZZ_ENGINE_SRC := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
FUZZ_ENGINE_OBJ := $(FUZZ_ENGINE_SRC:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_ASSET_OBJ  := $(FUZZ_DIR)/obj/gen/assets.o $(FUZZ_DIR)/obj/gen/assets_table.o
FUZZ_LIB        := $(FUZZ_DIR)/libwizamart.a
FUZZ_SRC        := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES      := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN        := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_MAIN_OBJ   := $(FUZZ_NAMES:%=$(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o)

FUZZ_RUNS    ?= 2000
FUZZ_SECONDS ?= 60
# Inputs a little over the largest realistic one (a .env file of a few KB); a per-input timeout
# far above any honest run (microseconds), so a hang is reported and not waited out.
FUZZ_FLAGS   ?= -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_DICT     = $(if $(wildcard tests/fuzz/$(1).dict),-dict=tests/fuzz/$(1).dict)
FUZZ_ENV     := UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: fuzz-build fuzz-smoke fuzz fuzz-clean

##@ Fuzzing

fuzz-build: $(FUZZ_BIN) ## Build the libFuzzer targets (clang) into build-fuzz/

$(FUZZ_DIR)/obj/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_DIR)/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_WARN) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_DIR)/obj/gen/assets.o: $(ASSET_S)
	@mkdir -p $(@D)
	$(FUZZ_CC) -c -o $@ $<

$(FUZZ_DIR)/obj/gen/assets_table.o: $(ASSET_TABLE)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# An archive, so a target links only the objects it reaches: its coverage map then holds the
# code under test rather than the whole program, which keeps the fuzzer's feedback focused.
$(FUZZ_LIB): $(FUZZ_ENGINE_OBJ) $(FUZZ_ASSET_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(FUZZ_LIBS)

# A smoke run is reproducible (seed 1, a fresh scratch corpus) and short: FUZZ_RUNS inputs per
# target. Its log stays in build-fuzz/logs/ and is shown when the target fails.
fuzz-smoke: $(FUZZ_NAMES:%=fuzz-smoke-%) ## Run each fuzz target briefly over its corpus

fuzz-smoke-%: $(FUZZ_DIR)/fuzz_%
	@rm -rf $(FUZZ_DIR)/smoke/$* && mkdir -p $(FUZZ_DIR)/smoke/$* $(FUZZ_DIR)/logs $(FUZZ_DIR)/artifacts
	@if $(FUZZ_ENV) $< $(FUZZ_FLAGS) $(call FUZZ_DICT,$*) -seed=1 -runs=$(FUZZ_RUNS) \
	      -artifact_prefix=$(FUZZ_DIR)/artifacts/$*- $(FUZZ_DIR)/smoke/$* tests/fuzz/corpus/$* \
	      >$(FUZZ_DIR)/logs/$*-smoke.log 2>&1; then \
	  echo "fuzz/$* ok"; \
	else \
	  tail -n 40 $(FUZZ_DIR)/logs/$*-smoke.log; \
	  echo "fuzz/$* FAILED (log: $(FUZZ_DIR)/logs/$*-smoke.log)"; exit 1; \
	fi

fuzz: $(FUZZ_NAMES:%=fuzz-run-%) ## Fuzz each target for FUZZ_SECONDS seconds (default 60)

fuzz-run-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/logs $(FUZZ_DIR)/artifacts
	@echo "fuzz/$*: $(FUZZ_SECONDS) s, log in $(FUZZ_DIR)/logs/$*.log"
	@if $(FUZZ_ENV) $< $(FUZZ_FLAGS) $(call FUZZ_DICT,$*) -max_total_time=$(FUZZ_SECONDS) \
	      -artifact_prefix=$(FUZZ_DIR)/artifacts/$*- $(FUZZ_DIR)/corpus/$* tests/fuzz/corpus/$* \
	      >$(FUZZ_DIR)/logs/$*.log 2>&1; then \
	  echo "fuzz/$* ok: $$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/logs/$*.log) runs," \
	    "$$(sed -n 's/^stat::average_exec_per_sec: *//p' $(FUZZ_DIR)/logs/$*.log) exec/s," \
	    "corpus $$(ls $(FUZZ_DIR)/corpus/$* | wc -l) inputs"; \
	else \
	  tail -n 60 $(FUZZ_DIR)/logs/$*.log; \
	  echo "fuzz/$* FAILED: the input is in $(FUZZ_DIR)/artifacts/ (log: $(FUZZ_DIR)/logs/$*.log)"; exit 1; \
	fi

fuzz-clean: ## Remove the fuzzing build and its corpora
	rm -rf $(FUZZ_DIR)

# Objects reached only through the pattern rules above would count as intermediate and be
# deleted after each build, which would make every build a full one.
.SECONDARY: $(FUZZ_ENGINE_OBJ) $(FUZZ_ASSET_OBJ) $(FUZZ_LIB) $(FUZZ_MAIN_OBJ) $(FUZZ_BIN)

-include $(FUZZ_ENGINE_OBJ:.o=.d) $(FUZZ_MAIN_OBJ:.o=.d) $(FUZZ_DIR)/obj/gen/assets_table.d
