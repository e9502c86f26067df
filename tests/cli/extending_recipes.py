#!/usr/bin/env python3
"""docs/extending.md's recipes as scripted edits of a copy of the tree (argv[1]), each as its
steps say: a setting, a demo store, a table (the models; the revision is made by the test with
`make migrate-create`) and a seeding mode. tests/cli/t_extending.sh runs it. Any edit that
finds nothing to change stops it: the recipe and the code have drifted apart."""
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
def edit(path, fn):
    p = root / path
    t = p.read_text()
    n = fn(t)
    if n == t:
        sys.exit(f"recipe edit changed nothing in {path}")
    p.write_text(n)
def before_end_of(opening, text):
    """Inserts text before the `};` that closes the initializer opened by `opening`."""
    def fn(t):
        i = t.find(opening)
        if i < 0:
            sys.exit(f"not found: {opening!r}")
        j = t.index("\n};", i) + 1
        return t[:j] + text + t[j:]
    return fn
def after(anchor, text):
    def fn(t):
        i = t.find(anchor)
        if i < 0:
            sys.exit(f"not found: {anchor!r}")
        j = t.index("\n", i) + 1
        return t[:j] + text + t[j:]
    return fn

# A setting: a field, a row of the table, a line in .env.example.
edit("src/core/settings.h", after("struct wz_settings {", "    int64_t gift_card_days;\n"))
edit("src/core/settings.c", before_end_of("static const struct wz_setting_def table[] = {",
     '    {"GIFT_CARD_DAYS", WZ_SET_INT, F(gift_card_days), "365", 1, 3650, 0, "Platform limits",\n'
     '     "days a gift card stays valid"},\n'))
edit(".env.example", lambda t: t + "GIFT_CARD_DAYS=365               # days a gift card stays valid (1-3650)\n")

# A demo store: an entry in wz_demo_stores[], its users in wz_demo_store_users[].
edit("src/seed/demo_stores.c", before_end_of("const struct wz_demo_store_def wz_demo_stores[] = {",
     '    {\n        .store_code = "GREENLEAF",\n        .name = "Green Leaf Garden",\n'
     '        .subdomain = "greenleaf",\n        .description = "Plants, pots and tools.",\n'
     '        .category = "home",\n        .theme_preset = "classic",\n'
     '        .custom_domain = NULL,\n        .custom_domain_verified = false,\n    },\n'))
edit("src/seed/demo_stores.c", before_end_of("const struct wz_demo_user_def wz_demo_store_users[] = {",
     '    {"GREENLEAF", "store4@example.com", "store4", "Anna", "Frank", WZ_DEMO_PASSWORD, "owner"},\n'
     '    {"GREENLEAF", "ben.roth@greenleaf.example.com", "ben.roth", "Ben", "Roth",\n'
     '     WZ_DEMO_PASSWORD, "staff"},\n'))

# A table: the models (a tenant table, following the rules at the top of models.c).
edit("src/schema/models.c", lambda t: t.replace("static const struct wz_table tables[] = {",
     '/* Gift cards: a code per store and what is left on it. */\n'
     'static const struct wz_column gift_cards_cols[] = {\n'
     '    ID,\n    STORE_ID,\n    COL("code", TEXT),\n    COL("balance_amount", INTEGER),\n'
     '    COL("currency", TEXT),\n    IS_DEMO,\n    CREATED_AT,\n};\n'
     'static const struct wz_unique gift_cards_uniques[] = {{.cols = {"store_id", "code"}}};\n'
     'static const struct wz_fk gift_cards_fks[] = {FK_STORE};\n'
     'static const struct wz_check gift_cards_checks[] = {\n'
     '    MONEY_CHECK("gift_cards", "balance_amount"),\n    CURRENCY_CHECK("gift_cards", "currency"),\n};\n\n'
     'static const struct wz_table tables[] = {', 1))
edit("src/schema/models.c", before_end_of("static const struct wz_table tables[] = {",
     '    TABLE(gift_cards, .pk = TENANT_PK, UNIQUES(gift_cards), FKS(gift_cards), CHECKS(gift_cards)),\n'))

# A seeding mode: a row of wz_seed_modes[], and its row in docs/seeding.md's table as
# `seed-demo --help` prints it.
edit("src/seed/seed_modes.c", before_end_of("const struct wz_seed_mode_def wz_seed_modes[] = {",
     '    {\n        .name = "showcase",\n        .make_target = "seed-demo-showcase",\n'
     '        .summary = "Create 2 stores with a few of each, for screenshots",\n'
     '        .stores = 2,\n        .customers = 3,\n        .products = 4,\n'
     '        .orders = 2,\n        .reset = false,\n    },\n'))
edit("docs/seeding.md", after("| `reset` | `make seed-demo-reset` |",
     "| `showcase` | `make seed-demo-showcase` | Create 2 stores with a few of each, for screenshots"
     " | writes 2 stores, each with 3 customers, 4 products and 2 orders |\n"))
