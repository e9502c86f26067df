/*
 * Word lists for people, products and stores in the demo data. International on purpose (the
 * platform's shops sell across Europe and beyond), spelt as their owners spell them, in UTF-8
 * (José, Müller, Wiśniewski): fake.c transliterates them where ASCII is needed (email local
 * parts, subdomains, store codes).
 */
#include "seed/fake.h"
#include "seed/words.h"

static const char *const first_names[] = {
    "Maria",     "José",       "Anna",     "Luca",      "Sofia",   "Liam",      "Emma",
    "Noah",      "Olivia",     "Lucas",    "Mia",       "Leon",    "Chloé",     "Hugo",
    "Léa",       "Jonas",      "Elena",    "Mateo",     "Inês",    "Finn",      "Clara",
    "Felix",     "Amélie",     "Paul",     "Julia",     "Louis",   "Zoë",       "Max",
    "Lena",      "Adam",       "Sara",     "Tom",       "Nina",    "David",     "Laura",
    "Daniel",    "Eva",        "Samuel",   "Alice",     "Gabriel", "Charlotte", "Arthur",
    "Manon",     "Jules",      "Camille",  "Théo",      "Louise",  "Nathan",    "Marie",
    "Raphaël",   "Lina",       "Elias",    "Hannah",    "Ben",     "Emilia",    "Måns",
    "Sanne",     "Daan",       "Fleur",    "Sem",       "Lotte",   "Bram",      "Noor",
    "Jan",       "Femke",      "Oliver",   "Amelia",    "George",  "Isla",      "Harry",
    "Freya",     "Jack",       "Poppy",    "James",     "Ella",    "William",   "Grace",
    "Ethan",     "Ava",        "Mason",    "Harper",    "Aiden",   "Scarlett",  "Carlos",
    "Lucia",     "Javier",     "Carmen",   "Pablo",     "Martina", "Diego",     "Paula",
    "Alejandro", "Valeria",    "Marco",    "Giulia",    "Matteo",  "Francesca", "Lorenzo",
    "Chiara",    "João",       "Beatriz",  "Tiago",     "Mariana", "Miguel",    "Rita",
    "Ahmed",     "Fatima",     "Omar",     "Aisha",     "Yusuf",   "Leila",     "Karim",
    "Amira",     "Mehmet",     "Elif",     "Çağla",     "Zeynep",  "Arjun",     "Priya",
    "Rohan",     "Ananya",     "Vikram",   "Kavya",     "Wei",     "Mei",       "Jun",
    "Yuki",      "Haruto",     "Sakura",   "Minjun",    "Jiwoo",   "Seoyeon",   "Kwame",
    "Ama",       "Kofi",       "Abena",    "Chidi",     "Ngozi",   "Tunde",     "Amara",
    "Piotr",     "Zofia",      "Jakub",    "Katarzyna", "Tomáš",   "Petra",     "Łukasz",
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
    "Müller",
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
    "Rodríguez",
    "Martínez",
    "López",
    "González",
    "Fernández",
    "Sánchez",
    "Pérez",
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
    "Lefèvre",
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
    "Clément",
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
    "Şahin",
    "Çelik",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Novák",
    "Horvat",
    "Kovács",
    "Nagy",
    "Popescu",
    "Ionescu",
    "Petrov",
    "Ivanov",
    "Smirnov",
    "Åberg",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Larsen",
    "Nielsen",
    "Jørgensen",
    "Virtanen",
    "Korhonen",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Diallo",
    "Traoré",
    "Kamau",
    "Otieno",
    "Mwangi",
    "Cohen",
    "Levi",
    "Friedman",
    "Rahman",
    "Hossain",
    "Álvarez",
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
static const char *const fashion_adj[] = {"Classic",  "Vintage", "Essential", "Relaxed",
                                          "Everyday", "Premium", "Retro",     "Timeless"};
static const struct wz_fake_item_type fashion_items[] = {
    {"T-Shirt", 1200, 4599, "Cotton|Organic Cotton|Linen|Jersey|Slub Cotton"},
    {"Shirt", 2900, 9999, "Cotton|Linen|Oxford|Denim|Flannel|Poplin"},
    {"Sweater", 3900, 18999, "Merino Wool|Cashmere|Cotton|Lambswool|Cable-Knit"},
    {"Hoodie", 3500, 9999, "Fleece|Organic Cotton|Brushed Cotton|French Terry"},
    {"Jacket", 6900, 29999, "Denim|Leather|Waxed Cotton|Corduroy|Quilted|Suede"},
    {"Coat", 11900, 44999, "Wool|Cashmere|Tweed|Camel Wool|Trench"},
    {"Dress", 3900, 17999, "Linen|Silk|Jersey|Cotton|Floral|Wrap"},
    {"Skirt", 2900, 11999, "Denim|Pleated|Linen|Corduroy|Satin"},
    {"Trousers", 3900, 13999, "Chino|Linen|Wool|Corduroy|Cotton Twill"},
    {"Jeans", 4900, 14999, "Selvedge|Stretch|Organic Cotton|Raw Denim|Straight-Leg"},
    {"Scarf", 1500, 12999, "Wool|Cashmere|Silk|Cotton|Knitted"},
    {"Cap", 1500, 4599, "Cotton|Wool|Corduroy|Baseball|Canvas"},
    {"Belt", 1900, 8999, "Leather|Suede|Canvas|Braided Leather"},
    {"Sneakers", 5900, 17999, "Leather|Canvas|Suede|Running|Low-Top"},
    {"Socks", 500, 1999, "Cotton|Merino Wool|Bamboo|Organic Cotton|Hiking"},
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
static const char *const electronics_adj[] = {"Compact", "Pro",      "Essential", "Premium",
                                              "Slim",    "Everyday", "Advanced",  "Classic"};
static const struct wz_fake_item_type electronics_items[] = {
    {"Earbuds", 2900, 24999, "Wireless|Bluetooth|Noise-Cancelling|Sport|True Wireless"},
    {"Headphones", 3900, 39999, "Wireless|Noise-Cancelling|Over-Ear|Studio|Bluetooth"},
    {"Speaker", 2500, 34999, "Bluetooth|Portable|Waterproof|Smart|Wi-Fi"},
    {"Charger", 1500, 6999, "USB-C|Fast-Charging|65 W|Wireless|Travel"},
    {"Power Bank", 1900, 8999, "20000 mAh|10000 mAh|Fast-Charging|Magnetic|USB-C"},
    {"Cable", 700, 2999, "USB-C|Lightning|Braided|HDMI|Fast-Charging"},
    {"Keyboard", 2900, 19999, "Mechanical|Wireless|Bluetooth|Backlit|Low-Profile"},
    {"Mouse", 1500, 11999, "Wireless|Ergonomic|Gaming|Bluetooth|Silent"},
    {"Webcam", 3900, 19999, "4K|Full HD|1080p|Streaming|Wide-Angle"},
    {"Monitor", 12900, 89999, "27-Inch 4K|24-Inch Full HD|Curved|USB-C|32-Inch QHD"},
    {"Router", 4900, 34999, "Wi-Fi 6|Mesh|Dual-Band|Tri-Band|Gigabit"},
    {"Smartwatch", 9900, 49999, "GPS|Fitness|AMOLED|LTE|Sport"},
    {"Tablet", 19900, 119999, "10-Inch|11-Inch|12.9-Inch|Wi-Fi|LTE"},
    {"Laptop", 49900, 249999, "13-Inch|14-Inch|15-Inch|Ultralight|Business"},
    {"Action Camera", 14900, 54999, "4K|Waterproof|5K|Stabilised|Mini"},
    {"Docking Station", 5900, 29999, "USB-C|Thunderbolt 4|Dual-Monitor|Travel"},
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
static const char *const home_adj[] = {"Rustic", "Minimalist", "Handmade", "Scandinavian",
                                       "Cosy",   "Modern",     "Elegant",  "Classic"};
static const struct wz_fake_item_type home_items[] = {
    {"Coffee Mug", 800, 2999, "Ceramic|Stoneware|Enamel|Porcelain"},
    {"Vase", 1500, 12999, "Ceramic|Glass|Stoneware|Porcelain|Marble"},
    {"Candle Holder", 900, 5999, "Brass|Glass|Ceramic|Marble|Wooden"},
    {"Cutting Board", 1500, 7999, "Oak|Walnut|Bamboo|Olive Wood|Acacia"},
    {"Serving Bowl", 1500, 8999, "Ceramic|Stoneware|Olive Wood|Glass|Enamel"},
    {"Throw Pillow", 1900, 6999, "Linen|Velvet|Cotton|Wool|Bouclé"},
    {"Blanket", 3900, 18999, "Wool|Cotton|Merino|Alpaca|Knitted"},
    {"Table Lamp", 3900, 24999, "Ceramic|Brass|Glass|Rattan|Linen"},
    {"Mirror", 4900, 34999, "Oak|Brass|Round|Rattan|Arched"},
    {"Wall Clock", 2500, 12999, "Oak|Metal|Station|Walnut|Glass"},
    {"Plant Pot", 900, 7999, "Terracotta|Ceramic|Concrete|Rattan|Stoneware"},
    {"Storage Basket", 1500, 6999, "Rattan|Seagrass|Cotton Rope|Wicker|Felt"},
    {"Tablecloth", 2500, 9999, "Linen|Cotton|Jacquard|Waxed Cotton"},
    {"Armchair", 24900, 89999, "Velvet|Oak|Rattan|Linen|Leather"},
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
static const char *const sports_adj[] = {"Pro",      "Lightweight", "All-Weather", "Performance",
                                         "Training", "Essential",   "Outdoor",     "Classic"};
static const struct wz_fake_item_type sports_items[] = {
    {"Yoga Mat", 1900, 9999, "Cork|Natural Rubber|Non-Slip|Travel|TPE"},
    {"Water Bottle", 900, 4599, "Insulated Steel|BPA-Free|Aluminium|Glass|Collapsible"},
    {"Running Shoes", 6900, 19999, "Trail|Road|Cushioned|Carbon-Plate|Waterproof"},
    {"Cycling Gloves", 1500, 5999, "Gel|Fingerless|Windproof|Mesh"},
    {"Backpack", 2900, 18999, "Hiking|Waterproof|Daypack|Trail|Cycling"},
    {"Tennis Racket", 4900, 24999, "Graphite|Carbon|Junior|Control|Power"},
    {"Dumbbell Set", 2900, 29999, "Adjustable|Neoprene|Cast Iron|Hex"},
    {"Jump Rope", 700, 3599, "Speed|Weighted|Steel Cable|Beaded"},
    {"Helmet", 3900, 24999, "Cycling|Climbing|Ski|MIPS|Road"},
    {"Hiking Poles", 2900, 14999, "Carbon|Aluminium|Folding|Telescopic"},
    {"Swim Goggles", 900, 4999, "Anti-Fog|Mirrored|Open-Water|Racing"},
    {"Tent", 9900, 69999, "2-Person|Ultralight|Family|4-Season|Pop-Up"},
    {"Bicycle", 44900, 299999, "Gravel|City|Carbon Road|Hybrid|Touring"},
    {"Training Shorts", 1900, 5999, "Breathable|Quick-Dry|Compression|Recycled Polyester"},
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
static const char *const books_adj[] = {"Complete", "Illustrated", "Pocket",    "Essential",
                                        "Little",   "Collected",   "Annotated", "Modern"};
static const struct wz_fake_item_type books_items[] = {
    {"Handbook", 1400, 3999, "Astronomy|Garden Design|Bird Watching|Woodworking|Photography"},
    {"Guide", 900, 2999, "Travel|Hiking|City|Mushroom|Wine"},
    {"Cookbook", 1900, 4599, "Italian|Vegetarian|Baking|Luxembourgish|Mediterranean"},
    {"Atlas", 2400, 7999, "World|Road|Star|Historical|Botanical"},
    {"Novel", 900, 2999, "Crime|Historical|Romance|Science Fiction|Literary"},
    {"Anthology", 1500, 3999, "Poetry|Short Story|Mythology|Folk Tale"},
    {"Workbook", 800, 2499, "Mathematics|French|German|Drawing|Calligraphy"},
    {"Encyclopedia", 3900, 14999, "Animal|Science|History|Art|Space"},
    {"Picture Book", 900, 2499, "Bedtime|Animal|Alphabet|Counting"},
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
static const char *const beauty_adj[] = {"Hydrating", "Gentle",  "Nourishing",   "Soothing",
                                         "Daily",     "Calming", "Revitalising", "Brightening"};
static const struct wz_fake_item_type beauty_items[] = {
    {"Lip Balm", 400, 1599, "Shea Butter|Beeswax|Coconut|Rose|Vanilla"},
    {"Hand Cream", 600, 2599, "Shea Butter|Almond|Lavender|Aloe Vera"},
    {"Shampoo", 700, 2999, "Argan Oil|Tea Tree|Chamomile|Rosemary"},
    {"Conditioner", 700, 2999, "Argan Oil|Coconut|Avocado|Oat"},
    {"Face Cream", 1500, 8999, "Hyaluronic|Vitamin C|Rose|Retinol|Ceramide"},
    {"Serum", 1900, 9999, "Vitamin C|Hyaluronic|Niacinamide|Retinol|Peptide"},
    {"Cleanser", 900, 3599, "Green Tea|Charcoal|Micellar|Oat|Aloe Vera"},
    {"Body Lotion", 900, 3599, "Shea Butter|Coconut|Almond|Lavender"},
    {"Face Mask", 700, 3999, "Clay|Charcoal|Honey|Green Tea"},
    {"Eau de Parfum", 3900, 18999, "Citrus|Floral|Woody|Amber|Vanilla"},
    {"Eye Cream", 1500, 6999, "Caffeine|Peptide|Hyaluronic|Retinol"},
    {"Body Scrub", 900, 3599, "Sea Salt|Coffee|Sugar|Coconut"},
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
static const char *const food_adj[] = {"Organic", "Artisan",     "Small-Batch", "Hand-Picked",
                                       "Premium", "Traditional", "Regional",    "Fine"};
static const struct wz_fake_item_type food_items[] = {
    {"Coffee Beans", 700, 2999, "Arabica|Espresso|Single-Origin|Decaf"},
    {"Chocolate Bar", 300, 999, "Dark|Milk|Hazelnut|Sea Salt|Orange"},
    {"Olive Oil", 900, 3999, "Extra Virgin|Cold-Pressed|Lemon|Garlic"},
    {"Honey", 600, 2499, "Acacia|Wildflower|Chestnut|Lavender|Forest"},
    {"Tea", 500, 2599, "Green|Earl Grey|Chamomile|Rooibos|Jasmine"},
    {"Jam", 400, 1299, "Strawberry|Apricot|Fig|Raspberry|Plum"},
    {"Pasta", 300, 999, "Durum Wheat|Spelt|Egg|Wholegrain"},
    {"Mustard", 300, 999, "Riesling|Whole Grain|Honey|Dijon"},
    {"Gift Box", 2500, 8999, "Tasting|Breakfast|Chocolate|Regional|Christmas"},
    {"Wine", 900, 4999, "Riesling|Pinot Gris|Crémant|Pinot Noir|Auxerrois"},
    {"Fleur de Sel", 500, 1599, "Smoked|Herb|Lemon|Guérande"},
    {"Spice Set", 1200, 3999, "Paprika|Curry|Barbecue|Mediterranean"},
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

/* A category's materials and nouns lists stay empty: both belong to the item type now
 * (wz_fake_catalogue), which is what keeps a title and its price in agreement. */
#define CATEGORY(n, c, lo, hi, p)                                                                  \
    {                                                                                              \
        (n), (c), (lo), (hi), WZ_WORDS(p##_adj), {NULL, 0}, {NULL, 0}, WZ_WORDS(p##_store),        \
            WZ_WORDS(p##_offers), WZ_WORDS(p##_details)                                            \
    }

/* Order = enum wz_fake_category. Prices in cents: the span of the category's item types. */
const struct wz_words_category wz_words_categories[] = {
    CATEGORY("fashion", "FAS", 500, 44999, fashion),
    CATEGORY("electronics", "ELE", 700, 249999, electronics),
    CATEGORY("home", "HOM", 800, 89999, home),
    CATEGORY("sports", "SPO", 700, 299999, sports),
    CATEGORY("books", "BOO", 800, 14999, books),
    CATEGORY("beauty", "BEA", 400, 18999, beauty),
    CATEGORY("food", "FOO", 300, 8999, food),
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

#define ITEMS(p)                                                                                   \
    {                                                                                              \
        (p##_items), sizeof(p##_items) / sizeof((p##_items)[0])                                    \
    }

/* Order = enum wz_fake_category. */
const struct wz_fake_item_types wz_fake_catalogue[WZ_FAKE_CATEGORY_COUNT] = {
    ITEMS(fashion), ITEMS(electronics), ITEMS(home), ITEMS(sports),
    ITEMS(books),   ITEMS(beauty),      ITEMS(food),
};
