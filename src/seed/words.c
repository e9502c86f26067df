/*
 * Word lists for people, products and stores in the demo data. International on purpose (the
 * platform's shops sell across Europe and beyond) but ASCII-only, so that names turn into valid
 * email local parts and every database encoding stores them unchanged.
 */
#include "seed/words.h"

static const char *const first_names[] = {
    "Maria",     "Jose",       "Anna",     "Luca",      "Sofia",   "Liam",      "Emma",
    "Noah",      "Olivia",     "Lucas",    "Mia",       "Leon",    "Chloe",     "Hugo",
    "Lea",       "Jonas",      "Elena",    "Mateo",     "Ines",    "Finn",      "Clara",
    "Felix",     "Amelie",     "Paul",     "Julia",     "Louis",   "Zoe",       "Max",
    "Lena",      "Adam",       "Sara",     "Tom",       "Nina",    "David",     "Laura",
    "Daniel",    "Eva",        "Samuel",   "Alice",     "Gabriel", "Charlotte", "Arthur",
    "Manon",     "Jules",      "Camille",  "Theo",      "Louise",  "Nathan",    "Marie",
    "Raphael",   "Lina",       "Elias",    "Hannah",    "Ben",     "Emilia",    "Mats",
    "Sanne",     "Daan",       "Fleur",    "Sem",       "Lotte",   "Bram",      "Noor",
    "Jan",       "Femke",      "Oliver",   "Amelia",    "George",  "Isla",      "Harry",
    "Freya",     "Jack",       "Poppy",    "James",     "Ella",    "William",   "Grace",
    "Ethan",     "Ava",        "Mason",    "Harper",    "Aiden",   "Scarlett",  "Carlos",
    "Lucia",     "Javier",     "Carmen",   "Pablo",     "Martina", "Diego",     "Paula",
    "Alejandro", "Valeria",    "Marco",    "Giulia",    "Matteo",  "Francesca", "Lorenzo",
    "Chiara",    "Joao",       "Beatriz",  "Tiago",     "Mariana", "Miguel",    "Rita",
    "Ahmed",     "Fatima",     "Omar",     "Aisha",     "Yusuf",   "Leila",     "Karim",
    "Amira",     "Mehmet",     "Elif",     "Emre",      "Zeynep",  "Arjun",     "Priya",
    "Rohan",     "Ananya",     "Vikram",   "Kavya",     "Wei",     "Mei",       "Jun",
    "Yuki",      "Haruto",     "Sakura",   "Minjun",    "Jiwoo",   "Seoyeon",   "Kwame",
    "Ama",       "Kofi",       "Abena",    "Chidi",     "Ngozi",   "Tunde",     "Amara",
    "Piotr",     "Zofia",      "Jakub",    "Katarzyna", "Tomas",   "Petra",     "Lukas",
    "Nikolai",   "Olga",       "Dmitri",   "Irina",     "Ivan",    "Katya",     "Sven",
    "Astrid",    "Erik",       "Ingrid",   "Lars",      "Freja",   "Mikko",     "Aino",
    "Jean-Luc",  "Anne-Marie", "Marc",     "Sophie",    "Pierre",  "Claire",    "Nicolas",
    "Isabelle",  "Kevin",      "Jennifer", "Michael",   "Jessica", "Robert",    "Ashley",
    "Rui",       "Bao",        "Linh",     "Minh",      "Thao",    "Santiago",  "Camila",
    "Mateus",    "Valentina",  "Dara",     "Niamh",     "Sean",    "Siobhan",   "Cian",
    "Aoife",     "Kai",        "Leilani",  "Tane",      "Aroha",   "Gilles",    "Carole",
    "Yves",      "Nadine",     "Romain",   "Josiane",   "Pol",     "Mireille",
};

static const char *const last_names[] = {
    "Garcia",
    "Muller",
    "Martin",
    "Schmidt",
    "Dubois",
    "Janssens",
    "Peeters",
    "de Vries",
    "Jansen",
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Johnson",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Lopez",
    "Gonzalez",
    "Fernandez",
    "Sanchez",
    "Perez",
    "Romero",
    "Navarro",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Costa",
    "Almeida",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hartmann",
    "Lange",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Fontaine",
    "Rousseau",
    "Girard",
    "Bonnet",
    "Mercier",
    "Reuter",
    "Schmit",
    "Thill",
    "Kieffer",
    "Hansen",
    "Clement",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Maes",
    "Jacobs",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dupont",
    "Lambert",
    "Dumont",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Walsh",
    "Byrne",
    "Ryan",
    "Wilson",
    "Evans",
    "Thompson",
    "Wright",
    "Walker",
    "Robinson",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Anderson",
    "Lee",
    "Kim",
    "Park",
    "Choi",
    "Nguyen",
    "Tran",
    "Pham",
    "Le",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Patel",
    "Sharma",
    "Singh",
    "Kumar",
    "Gupta",
    "Iyer",
    "Reddy",
    "Khan",
    "Ahmed",
    "Hassan",
    "Ali",
    "Haddad",
    "Mansour",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Sahin",
    "Celik",
    "Nowak",
    "Kowalski",
    "Wisniewski",
    "Novak",
    "Horvat",
    "Kovacs",
    "Nagy",
    "Popescu",
    "Ionescu",
    "Petrov",
    "Ivanov",
    "Smirnov",
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Larsen",
    "Nielsen",
    "Jensen",
    "Virtanen",
    "Korhonen",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Diallo",
    "Traore",
    "Kamau",
    "Otieno",
    "Mwangi",
    "Cohen",
    "Levi",
    "Friedman",
    "Rahman",
    "Hossain",
    "Alvarez",
    "Castillo",
    "Herrera",
    "Mendoza",
    "Ortiz",
    "Ramos",
    "Gomez",
    "Diaz",
    "Reyes",
    "Cruz",
    "Morales",
    "Wagener",
    "Hoffmann-Weber",
};

/* RFC 2606 names only: demo mail must never reach a real mailbox. */
static const char *const email_domains[] = {
    "example.com",
    "example.org",
    "example.net",
    "mail.example.com",
};

static const char *const custom_domains[] = {
    "example.com",
    "example.net",
    "example.org",
};

static const char *const store_prefixes[] = {
    "Urban",  "Nordic", "Golden", "Maple",   "Harbor",    "Silver",   "Blue Fern", "Copper",
    "Little", "Bright", "Wild",   "Meadow",  "Riverside", "Old Town", "Northwind", "Cedar",
    "Sunny",  "Velvet", "Amber",  "Moselle", "Ardennes",  "Alpine",   "Coastal",   "Juniper",
};

/* {name} the store's name, {what} what it sells. */
static const char *const store_templates[] = {
    "{name} offers carefully selected {what}, shipped fast from our own warehouse.",
    "At {name} you will find {what} at fair prices, with free returns within 30 days.",
    "{name} is an independent shop for {what}, run by a small team that loves what it sells.",
    "Discover {what} at {name}: new arrivals every week and friendly customer service.",
    "Since day one, {name} has brought {what} to customers across Europe.",
};

static const char *const company_words[] = {
    "Trading", "Retail", "Commerce", "Group", "Distribution", "Ventures", "Supply", "Partners",
};

/* Closing sentences that fit any product. */
static const char *const product_general[] = {
    "Ships within two business days.", "Free returns within 30 days.",
    "Packed in recycled materials.",   "A customer favourite.",
    "Limited stock available.",        "Backed by our satisfaction guarantee.",
};

/* ---- fashion ---- */
static const char *const fashion_adj[] = {
    "Classic",  "Slim-Fit", "Vintage",     "Oversized", "Essential", "Relaxed",
    "Tailored", "Cropped",  "Lightweight", "Everyday",  "Premium",   "Retro",
};
static const char *const fashion_mat[] = {
    "Cotton",   "Linen",          "Merino Wool", "Denim",  "Leather", "Cashmere",
    "Corduroy", "Organic Cotton", "Silk",        "Fleece", "Tweed",   "Jersey",
};
static const char *const fashion_noun[] = {
    "T-Shirt", "Sweater",  "Jacket", "Dress", "Scarf", "Shirt", "Hoodie", "Trousers",
    "Skirt",   "Cardigan", "Blazer", "Coat",  "Cap",   "Belt",  "Shorts",
};
static const char *const fashion_store[] = {
    "Threads", "Wardrobe", "Atelier", "Boutique", "Outfitters", "Tailors", "Closet", "Styles",
};
static const char *const fashion_offers[] = {
    "everyday clothing and accessories",
    "timeless wardrobe essentials",
    "sustainable fashion for women and men",
};
static const char *const fashion_details[] = {
    "Cut for a relaxed, comfortable fit.",   "Machine washable at 30 degrees.",
    "Made from responsibly sourced fibres.", "Pairs easily with the rest of your wardrobe.",
    "True to size; order your usual size.",
};

/* ---- electronics ---- */
static const char *const electronics_adj[] = {
    "Smart",  "Portable", "Compact",  "Ultra-Slim", "Pro",
    "Rugged", "Mini",     "Advanced", "Ergonomic",  "Foldable",
};
static const char *const electronics_mat[] = {
    "Wireless",      "Bluetooth",  "USB-C", "4K",        "Noise-Cancelling", "Solar",
    "Fast-Charging", "Mechanical", "HD",    "Dual-Band", "Magnetic",
};
static const char *const electronics_noun[] = {
    "Headphones", "Speaker", "Charger", "Webcam",     "Keyboard", "Mouse",     "Power Bank",
    "Monitor",    "Router",  "Earbuds", "Smartwatch", "Dock",     "Desk Lamp", "Action Camera",
};
static const char *const electronics_store[] = {
    "Electronics", "Gadgets", "Tech", "Circuits", "Devices", "Digital", "Labs", "Tech Hub",
};
static const char *const electronics_offers[] = {
    "gadgets, audio gear and smart-home devices",
    "computer accessories and everyday electronics",
    "the latest tech from trusted brands",
};
static const char *const electronics_details[] = {
    "Comes with a two-year warranty.",
    "Charges fully in under two hours.",
    "Works with Windows, macOS, Android and iOS.",
    "Includes a USB-C cable.",
    "Firmware updates add features over time.",
};

/* ---- home ---- */
static const char *const home_adj[] = {
    "Rustic", "Minimalist", "Handmade", "Scandinavian", "Cozy",
    "Modern", "Vintage",    "Elegant",  "Stackable",    "Oversized",
};
static const char *const home_mat[] = {
    "Oak",   "Ceramic", "Linen",  "Bamboo", "Walnut", "Stoneware",
    "Glass", "Cotton",  "Rattan", "Marble", "Wool",
};
static const char *const home_noun[] = {
    "Vase",       "Table Lamp", "Cutting Board", "Throw Pillow", "Serving Bowl",
    "Blanket",    "Mirror",     "Candle Holder", "Coffee Mug",   "Storage Basket",
    "Wall Clock", "Plant Pot",  "Tablecloth",
};
static const char *const home_store[] = {
    "Home", "Living", "Interiors", "Nest", "House", "Homeware", "Hearth",
};
static const char *const home_offers[] = {
    "homeware, decor and kitchen essentials",
    "handmade objects for every room",
    "furniture accents and cosy textiles",
};
static const char *const home_details[] = {
    "Each piece is slightly unique.",       "Dishwasher safe.",
    "Designed in Europe and made to last.", "Wipe clean with a damp cloth.",
    "Fits well in small spaces.",
};

/* ---- sports ---- */
static const char *const sports_adj[] = {
    "Pro",   "Lightweight", "All-Weather", "Breathable", "Performance",
    "Trail", "Training",    "Competition", "Insulated",  "Adjustable",
};
static const char *const sports_mat[] = {
    "Carbon", "Mesh",   "Neoprene", "Aluminium", "Recycled Polyester",
    "Merino", "Rubber", "Nylon",    "Foam",      "Steel",
};
static const char *const sports_noun[] = {
    "Running Shoes", "Yoga Mat",      "Water Bottle", "Cycling Gloves",
    "Backpack",      "Tennis Racket", "Dumbbell Set", "Jump Rope",
    "Helmet",        "Hiking Poles",  "Swim Goggles", "Training Shorts",
};
static const char *const sports_store[] = {
    "Sports", "Athletics", "Outdoors", "Gear", "Active", "Trail Co.", "Fitness",
};
static const char *const sports_offers[] = {
    "sports equipment and outdoor gear",
    "running, cycling and training essentials",
    "everything for an active weekend",
};
static const char *const sports_details[] = {
    "Tested by athletes in real conditions.", "Light enough to carry all day.",
    "Built to handle rain and mud.",          "Suitable for beginners and regulars alike.",
    "Easy to clean after every session.",
};

/* ---- books ---- */
static const char *const books_adj[] = {
    "Complete",  "Illustrated", "Pocket",     "Essential",  "Modern",
    "Practical", "Little",      "Definitive", "Beginner's", "Collected",
};
static const char *const books_mat[] = {
    "Astronomy",   "Italian Cooking", "Garden Design", "European History",
    "Photography", "Bird Watching",   "Mindfulness",   "Woodworking",
    "Baking",      "Mythology",       "Travel",        "Poetry",
};
static const char *const books_noun[] = {
    "Handbook",  "Guide",        "Cookbook", "Atlas",     "Field Notes",
    "Companion", "Encyclopedia", "Workbook", "Anthology", "Primer",
};
static const char *const books_store[] = {
    "Books", "Bookshop", "Pages", "Reads", "Library", "Press", "Chapters",
};
static const char *const books_offers[] = {
    "new and classic books for curious readers",
    "illustrated guides, cookbooks and fiction",
    "books picked by booksellers who read them",
};
static const char *const books_details[] = {
    "Hardcover with a sewn binding.",    "Printed on paper from sustainable forests.",
    "A thoughtful gift for any reader.", "Includes an index and further reading.",
    "Richly illustrated throughout.",
};

/* ---- beauty ---- */
static const char *const beauty_adj[] = {
    "Hydrating",   "Gentle", "Revitalizing", "Soothing", "Nourishing",
    "Brightening", "Daily",  "Intensive",    "Calming",  "Purifying",
};
static const char *const beauty_mat[] = {
    "Rose",     "Argan Oil",  "Aloe Vera", "Shea Butter", "Vitamin C", "Green Tea",
    "Lavender", "Hyaluronic", "Chamomile", "Charcoal",    "Coconut",
};
static const char *const beauty_noun[] = {
    "Face Cream", "Serum",      "Lip Balm",    "Shampoo", "Body Lotion", "Cleanser",
    "Face Mask",  "Hand Cream", "Conditioner", "Toner",   "Body Scrub",  "Eye Cream",
};
static const char *const beauty_store[] = {
    "Beauty", "Apothecary", "Skincare", "Cosmetics", "Glow", "Botanics",
};
static const char *const beauty_offers[] = {
    "natural skincare and cosmetics",
    "clean beauty products for every skin type",
    "gentle care products made with botanical ingredients",
};
static const char *const beauty_details[] = {
    "Dermatologically tested.", "Free from parabens and silicones.", "Suitable for sensitive skin.",
    "Vegan and cruelty-free.",  "A little goes a long way.",
};

/* ---- food ---- */
static const char *const food_adj[] = {
    "Organic",      "Smoked", "Artisan",     "Hand-Picked", "Stone-Ground",
    "Cold-Pressed", "Aged",   "Small-Batch", "Roasted",     "Wild",
};
static const char *const food_mat[] = {
    "Arabica Coffee", "Dark Chocolate",   "Olive Oil", "Sea Salt",         "Honey",
    "Green Tea",      "Balsamic Vinegar", "Hazelnut",  "Riesling Mustard", "Strawberry Jam",
    "Pasta",          "Paprika",
};
static const char *const food_noun[] = {
    "Jar", "Tin", "Gift Box", "Bottle", "Sampler", "Pack", "Bag", "Tasting Set",
};
static const char *const food_store[] = {
    "Pantry", "Deli", "Provisions", "Market", "Grocer", "Kitchen", "Larder",
};
static const char *const food_offers[] = {
    "fine foods from small producers",
    "pantry staples and gourmet gifts",
    "regional specialities from Luxembourg and beyond",
};
static const char *const food_details[] = {
    "Best enjoyed within six months of opening.",
    "Made by a family producer.",
    "No artificial additives.",
    "Store in a cool, dry place.",
    "Perfect as a gift.",
};

#define CATEGORY(n, c, lo, hi, p)                                                                  \
    {                                                                                              \
        (n), (c), (lo), (hi), WZ_WORDS(p##_adj), WZ_WORDS(p##_mat), WZ_WORDS(p##_noun),            \
            WZ_WORDS(p##_store), WZ_WORDS(p##_offers), WZ_WORDS(p##_details)                       \
    }

/* Order = enum wz_fake_category. Prices in cents. */
const struct wz_words_category wz_words_categories[] = {
    CATEGORY("fashion", "FAS", 999, 24900, fashion),
    CATEGORY("electronics", "ELE", 1499, 149900, electronics),
    CATEGORY("home", "HOM", 499, 39900, home),
    CATEGORY("sports", "SPO", 799, 49900, sports),
    CATEGORY("books", "BOO", 499, 7900, books),
    CATEGORY("beauty", "BEA", 399, 12900, beauty),
    CATEGORY("food", "FOO", 199, 8900, food),
};
const size_t wz_words_category_count = sizeof(wz_words_categories) / sizeof(wz_words_categories[0]);

const struct wz_words wz_words_first_names = WZ_WORDS(first_names);
const struct wz_words wz_words_last_names = WZ_WORDS(last_names);
const struct wz_words wz_words_email_domains = WZ_WORDS(email_domains);
const struct wz_words wz_words_custom_domains = WZ_WORDS(custom_domains);
const struct wz_words wz_words_store_prefixes = WZ_WORDS(store_prefixes);
const struct wz_words wz_words_store_templates = WZ_WORDS(store_templates);
const struct wz_words wz_words_company_words = WZ_WORDS(company_words);
const struct wz_words wz_words_product_general = WZ_WORDS(product_general);
