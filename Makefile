# Wizamart DB: the user interface. The guide's targets run the one binary, build/wizamart.
# `make help` lists every target; `make help-db` the database ones.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Parallel by default, a job per core. Only in the make the user started (sub-makes share its
# jobs), and only for one goal: goals named together run at once under -j, and
# `make migrate-up seed-demo` must keep its order. A -jN on the command line wins.
ifeq ($(MAKELEVEL),0)
ifneq ($(filter 0 1,$(words $(MAKECMDGOALS))),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif
endif

# Quiet output, one "  CC src/x.c" line per step; V=1 prints the full commands.
ifeq ($(V),1)
quiet =
else
quiet = @printf '  %-5s %s\n' '$(1)' '$(2)';
endif

PKGS      := sqlite3 libpq libsodium jansson libmicrohttpd
CC        ?= gcc
BUILD     ?= build
WZ        := $(BUILD)/wizamart
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq and libmicrohttpd are not linked (their -dev headers are still needed):
# src/db/pq_loader.c opens libpq when a postgresql:// URL is used, src/http/mhd_loader.c
# opens libmicrohttpd when `serve` starts, so other commands do not load Kerberos, LDAP,
# SASL and GnuTLS at start-up. Only the floor benchmarks link them.
DLOPEN_PKGS := libpq libmicrohttpd
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DLOPEN_PKGS),$(PKGS)) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka libargon2 2>/dev/null)

CFLAGS   ?= -O2 -g
override CFLAGS += -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral -D_GNU_SOURCE -Isrc $(PKG_CFLAGS) -MMD -MP
ifeq ($(CI),true)
override CFLAGS += -Werror
endif
LDLIBS   += $(PKG_LIBS) -lm
$(BUILD)/bench/pg_seed_floor: LDLIBS += $(shell pkg-config --libs libpq 2>/dev/null)
$(BUILD)/bench/server_floor: LDLIBS += $(shell pkg-config --libs libmicrohttpd 2>/dev/null)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC       := $(shell find src -name '*.c' | sort)
# Files embedded in the binary at build time (Swagger UI, templates, the stylesheet):
# mk/assets.mk defines ASSET_OBJ and how it is made.
include mk/assets.mk
OBJ       := $(SRC:%.c=$(BUILD)/obj/%.o) $(ASSET_OBJ)
# libFuzzer targets (clang): make fuzz-build, fuzz-smoke, fuzz FUZZ_SECONDS=N.
include tests/fuzz/fuzz.mk
LIB_OBJ   := $(filter-out $(BUILD)/obj/src/main.o,$(OBJ))
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

# Make variables that the database targets pass on (the guide's interface).
message ?=
YES     ?=
WZ_RUN   = $(WZ) $(if $(ENV_FILE),--env-file $(ENV_FILE))
YES_FLAG = $(if $(filter 1 yes true,$(YES)),--yes)
FORCE   ?=
FORCE_FLAG = $(if $(filter 1 yes true,$(FORCE)),--force)
MODE    ?=

# The seeding modes, read from their table (src/seed/seed_modes.c) as TARGET:NAME words:
# `make seed-demo` runs the first (MODE=NAME another), every other mode has its target below.
SEED_MODES := $(shell scripts/seed_modes.sh | cut -f1,2 | tr '\t' ':')
$(if $(SEED_MODES),,$(error cannot read the seeding modes from src/seed/seed_modes.c))
SEED_DEFAULT_MODE := $(lastword $(subst :, ,$(firstword $(SEED_MODES))))
SEED_MODE_TARGETS := $(filter-out seed-demo,$(foreach m,$(SEED_MODES),$(firstword $(subst :, ,$(m)))))



.PHONY: dev help help-db setup deps deps-dev build test test-unit test-cli test-asan valgrind lint format clean bench \
        init-prod db-setup migrate-up migrate-down migrate-status migrate-history migrate-create \
        migrate-create-manual migrate-check \
        seed-demo $(SEED_MODE_TARGETS) \
        db-reset backup-db verify-setup validate

# The groups follow the guide's "Key Commands Summary"; scripts/help.sh prints them in this order.
##@ Setup
setup: ## Complete initial setup: packages, build, database (SQLite by default, no .env needed)
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory db-setup

db-setup: $(WZ) ## Database setup only: migrate-up + init-prod + seed-demo (safe to re-run)
	@$(MAKE) --no-print-directory migrate-up
	@$(MAKE) --no-print-directory init-prod
	@$(MAKE) --no-print-directory seed-demo

deps: ## Install the missing Debian packages the platform needs (sudo when not root)
	@scripts/deps.sh

deps-dev: ## Install those and the developer tools: tests, lint, fuzzing, Chromium, benchmarks
	@scripts/deps.sh --dev

build: $(WZ) ## Compile build/wizamart

$(WZ): $(OBJ)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call quiet,CCLD,$@)$(CC) $(CFLAGS) -Itests/unit -o $@ $^ $(LDLIBS) $(CMOCKA_LIBS)

# The allocation-failure injector that tests/cli/t_oom.sh preloads (tests/faults/oom_shim.c):
# a shared object with flags of its own, never the sanitizers, which replace malloc themselves.
OOM_SHIM := $(BUILD)/faults/oom_shim.so
$(OOM_SHIM): tests/faults/oom_shim.c
	@mkdir -p $(@D)
	$(call quiet,CCLD,$@)$(CC) -O2 -g -std=c17 -Wall -Wextra -Wpedantic -Wmissing-prototypes \
	  $(if $(filter true,$(CI)),-Werror) -D_GNU_SOURCE -fPIC -shared -o $@ $< -ldl

# The binary on a machine without libmicrohttpd: its loader looks for a soname no package
# installs (tests/cli/t_server.sh runs `serve` with it). Only that one object differs.
MHD_LOADER_OBJ := $(BUILD)/obj/src/http/mhd_loader.o
NO_MHD_LOADER_OBJ := $(BUILD)/obj/no-mhd/mhd_loader.o
$(BUILD)/tests/wizamart-without-mhd: $(filter-out $(MHD_LOADER_OBJ),$(OBJ)) $(NO_MHD_LOADER_OBJ)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(NO_MHD_LOADER_OBJ): src/http/mhd_loader.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CFLAGS) '-DWZ_MHD_SONAME="libmicrohttpd-wz-missing.so.12"' -c -o $@ $<

$(BUILD)/bench/%: bench/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call quiet,CCLD,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

##@ Migrations
migrate-up: $(WZ) ## Apply pending migrations
	$(WZ_RUN) migrate up

migrate-down: $(WZ) ## Roll back the last migration (FORCE=1 in production)
	$(WZ_RUN) migrate down $(FORCE_FLAG)

migrate-status: $(WZ) ## Show current, heads, pending and problems
	$(WZ_RUN) migrate status

migrate-history: $(WZ) ## Show the revision graph
	$(WZ_RUN) migrate history

migrate-create: $(WZ) ## Autogenerate a migration from the models: make migrate-create message="..."
	@test -n "$(message)" || { echo 'error: message is required: make migrate-create message="add_feature"' >&2; exit 2; }
	$(WZ_RUN) migrate create -m "$(message)"

migrate-check: $(WZ) ## Exit 1 when the models have changes no migration captures (CI)
	$(WZ_RUN) migrate check

migrate-create-manual: $(WZ) ## Create an empty migration: make migrate-create-manual message="..."
	@test -n "$(message)" || { echo 'error: message is required: make migrate-create-manual message="add_feature"' >&2; exit 2; }
	$(WZ_RUN) migrate create --empty -m "$(message)"

##@ Initialization
init-prod: $(WZ) ## Production init: admin user, settings, roles (safe everywhere)
	$(WZ_RUN) init-prod

##@ Demo Data
# The seeding modes' targets, listed here by scripts/help.sh with their summaries: seed-demo
# runs the default mode (MODE=name another), each other mode has its own target.
#@ seed-modes
seed-demo: $(WZ)
	$(WZ_RUN) seed-demo --mode $(or $(MODE),$(SEED_DEFAULT_MODE)) $(YES_FLAG)

define seed_mode_target
$(1): $$(WZ)
	$$(WZ_RUN) seed-demo --mode $(2) $$(YES_FLAG)
endef
$(foreach m,$(filter-out seed-demo:%,$(SEED_MODES)),$(eval $(call seed_mode_target,$(firstword $(subst :, ,$(m))),$(lastword $(subst :, ,$(m))))))

##@ Database Utilities
db-reset: $(WZ) ## Nuclear option: roll back everything, migrate, init, seed (asks; YES=1 confirms)
	$(WZ_RUN) db reset $(YES_FLAG)

backup-db: $(WZ) ## Back up the database into BACKUP_DIR (consistent, 0600, checked)
	$(WZ_RUN) db backup

verify-setup: $(WZ) ## Verify the setup: one line per check, with the fix for each failure
	$(WZ_RUN) verify

validate: $(WZ) ## Run the validators: settings, migrations, schema and data rules
	$(WZ_RUN) validate

##@ Development
dev: $(WZ) ## Start the development server at :8000 (API, /docs, /admin/login); Ctrl-C stops it
	$(WZ_RUN) serve

# The developer tools are checked first: a no-op once installed.
test: deps-dev ## Run every test (unit + end-to-end); ends with "N passed, N failed"
	@$(MAKE) --no-print-directory build-tests
	@tests/run.sh $(BUILD)

test-asan: deps-dev ## Run every test under AddressSanitizer + UndefinedBehaviorSanitizer
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" build-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run.sh build-asan

valgrind: deps-dev ## Run the main commands and the server under valgrind; fails on any error or leak
	@$(MAKE) --no-print-directory build
	@scripts/valgrind.sh $(BUILD)

.PHONY: build-tests
build-tests: $(WZ) $(UNIT_BIN) $(OOM_SHIM) $(BUILD)/tests/wizamart-without-mhd

lint: deps-dev ## clang-format check, cppcheck and shellcheck
	@scripts/lint.sh

format: ## Apply clang-format to every source file
	@clang-format -i $$(find src tests $$(test -d bench && echo bench) -name '*.[ch]')

bench: deps-dev ## Run the benchmarks in bench/
	@$(MAKE) --no-print-directory build-bench
	@bench/run.sh $(BUILD)

# A sub-make, so the library flags are read after deps has installed the packages.
.PHONY: build-bench
build-bench: $(WZ) $(BENCH_BIN)

clean: ## Remove build outputs: BUILD (build/), build-asan/, build-fuzz/
	$(call quiet,RM,$(BUILD) build-asan build-fuzz)rm -rf -- '$(BUILD)' build-asan build-fuzz

##@ Help
help: ## Show every target
	@scripts/help.sh $(MAKEFILE_LIST)

help-db: ## Show the database targets
	@scripts/help.sh --db $(MAKEFILE_LIST)

-include $(OBJ:.o=.d) $(NO_MHD_LOADER_OBJ:.o=.d)
