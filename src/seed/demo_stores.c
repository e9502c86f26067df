/*
 * The DEMO_STORES list and its DEMO_STORE_USERS: see demo_stores.h. Emails and domains use
 * reserved example domains (RFC 2606), so no demo address can reach a real mailbox or shop.
 */
#include "seed/demo_stores.h"

const struct wz_demo_store_def wz_demo_stores[] = {
    {
        .store_code = "TECHHUB",
        .name = "TechHub Electronics",
        .subdomain = "techhub",
        .description = "Laptops, phones, audio and smart-home gear, tested by people who use "
                       "them, with next-day delivery across the Benelux.",
        .category = "electronics",
        .theme_preset = "modern",
        .custom_domain = "techhub.example.com",
        .custom_domain_verified = true,
    },
    {
        .store_code = "URBANTHREADS",
        .name = "Urban Threads",
        .subdomain = "urbanthreads",
        .description = "Independent streetwear and everyday basics in organic cotton, designed "
                       "in Luxembourg and made in small batches.",
        .category = "fashion",
        .theme_preset = "vibrant",
        .custom_domain = NULL,
        .custom_domain_verified = false,
    },
    {
        .store_code = "BOOKNOOK",
        .name = "The Book Nook",
        .subdomain = "booknook",
        .description = "A neighbourhood bookshop online: new fiction, children's books and "
                       "hand-picked classics, gift-wrapped on request.",
        .category = "books",
        .theme_preset = "classic",
        .custom_domain = "booknook.example.org",
        .custom_domain_verified = false,
    },
};
const size_t wz_demo_store_count = sizeof(wz_demo_stores) / sizeof(wz_demo_stores[0]);

const struct wz_demo_user_def wz_demo_store_users[] = {
    {"TECHHUB", "store1@example.com", "store1", "Lena", "Hoffmann", WZ_DEMO_PASSWORD, "owner"},
    {"TECHHUB", "marc.weber@techhub.example.com", "marc.weber", "Marc", "Weber", WZ_DEMO_PASSWORD,
     "manager"},
    {"TECHHUB", "ines.costa@techhub.example.com", "ines.costa", "Ines", "Costa", WZ_DEMO_PASSWORD,
     "support"},
    {"URBANTHREADS", "store2@example.com", "store2", "Sophie", "Müller", WZ_DEMO_PASSWORD, "owner"},
    {"URBANTHREADS", "tom.schmit@urbanthreads.example.com", "tom.schmit", "Tom", "Schmit",
     WZ_DEMO_PASSWORD, "staff"},
    {"URBANTHREADS", "nora.klein@urbanthreads.example.com", "nora.klein", "Nora", "Klein",
     WZ_DEMO_PASSWORD, "viewer"},
    {"BOOKNOOK", "store3@example.com", "store3", "Julien", "Lambert", WZ_DEMO_PASSWORD, "owner"},
    {"BOOKNOOK", "claire.dubois@booknook.example.org", "claire.dubois", "Claire", "Dubois",
     WZ_DEMO_PASSWORD, "manager"},
    {"BOOKNOOK", "paul.reuter@booknook.example.org", "paul.reuter", "Paul", "Reuter",
     WZ_DEMO_PASSWORD, "staff"},
};
const size_t wz_demo_store_user_count =
    sizeof(wz_demo_store_users) / sizeof(wz_demo_store_users[0]);
