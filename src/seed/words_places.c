/*
 * Countries for demo addresses and phone numbers: each with its own street style, cities and
 * the postcode range of each city, so that an address reads like one from that country and a
 * postcode validator for the country accepts it. Local names in their own spelling, UTF-8
 * (München, Liège, Zürich, Kraków): the database stores text as UTF-8 on both backends, and
 * whatever must be ASCII (email local parts, subdomains, codes) is transliterated from them in
 * fake.c.
 */
#include "seed/words.h"

/* ---- Luxembourg ---- */
static const char *const lu_streets[] = {
    "du Fort",       "de la Gare",    "Principale", "de l'Église",    "des Jardins",
    "du Marché",     "de Luxembourg", "des Champs", "Robert Schuman", "Grande-Duchesse Charlotte",
    "de la Liberté", "du Moulin",     "des Roses",  "de Strasbourg",  "Victor Hugo",
};
static const char *const lu_types[] = {"rue", "avenue", "boulevard", "route", "place"};
static const struct wz_words_city lu_cities[] = {
    {"Luxembourg", "L-1###", ""},  {"Luxembourg", "L-2###", ""}, {"Esch-sur-Alzette", "L-4###", ""},
    {"Differdange", "L-45##", ""}, {"Dudelange", "L-34##", ""},  {"Ettelbruck", "L-90##", ""},
    {"Diekirch", "L-92##", ""},    {"Wiltz", "L-95##", ""},      {"Echternach", "L-64##", ""},
    {"Remich", "L-55##", ""},      {"Strassen", "L-80##", ""},   {"Bertrange", "L-805#", ""},
};
static const char *const lu_phones[] = {
    "+352 621 ### ###",
    "+352 661 ### ###",
    "+352 691 ### ###",
    "+352 2# ## ## ##",
};

/* ---- Germany ---- */
static const char *const de_streets[] = {
    "Haupt", "Linden", "Bahnhof", "Schiller", "Goethe", "Garten",    "Berg",
    "Kirch", "Wald",   "Rosen",   "Mozart",   "Schul",  "Birken",    "Eichen",
    "Post",  "Markt",  "Mühlen",  "Feld",     "Sonnen", "Kastanien",
};
static const char *const de_types[] = {"straße", "weg", "allee", "platz", "gasse", "ring"};
static const struct wz_words_city de_cities[] = {
    {"Berlin", "10###", ""},    {"Berlin", "12###", ""},     {"Hamburg", "20###", ""},
    {"München", "80###", ""},   {"Köln", "50###", ""},       {"Frankfurt am Main", "60###", ""},
    {"Stuttgart", "70###", ""}, {"Düsseldorf", "40###", ""}, {"Leipzig", "04###", ""},
    {"Dresden", "01###", ""},   {"Hannover", "30###", ""},   {"Nürnberg", "90###", ""},
    {"Bremen", "28###", ""},    {"Trier", "54###", ""},      {"Saarbrücken", "66###", ""},
};
static const char *const de_phones[] = {
    "+49 151 %#######", "+49 160 %#######", "+49 170 %#######",
    "+49 30 %#######",  "+49 89 %#######",
};

/* ---- France ---- */
static const char *const fr_streets[] = {
    "de la Gare",
    "Victor Hugo",
    "Jean Jaurès",
    "de la République",
    "Pasteur",
    "des Lilas",
    "du Moulin",
    "de l'Église",
    "Saint-Michel",
    "des Écoles",
    "du Général de Gaulle",
    "de la Paix",
    "Voltaire",
    "des Tilleuls",
    "Gambetta",
};
static const char *const fr_types[] = {"rue", "avenue", "boulevard", "place", "impasse", "allée"};
static const struct wz_words_city fr_cities[] = {
    {"Paris", "750##", ""},       {"Lyon", "6900#", ""},     {"Marseille", "130##", ""},
    {"Toulouse", "310##", ""},    {"Nice", "060##", ""},     {"Nantes", "440##", ""},
    {"Strasbourg", "670##", ""},  {"Bordeaux", "330##", ""}, {"Lille", "590##", ""},
    {"Montpellier", "340##", ""}, {"Metz", "570##", ""},     {"Nancy", "540##", ""},
};
static const char *const fr_phones[] = {
    "+33 6 ## ## ## ##",
    "+33 7 ## ## ## ##",
    "+33 1 ## ## ## ##",
    "+33 3 ## ## ## ##",
};

/* ---- Belgium (French-speaking cities, so French street names) ---- */
static const struct wz_words_city be_cities[] = {
    {"Bruxelles", "10##", ""}, {"Liège", "40##", ""}, {"Namur", "50##", ""},
    {"Charleroi", "60##", ""}, {"Mons", "70##", ""},  {"Wavre", "130#", ""},
    {"Tournai", "750#", ""},   {"Arlon", "670#", ""}, {"Bastogne", "660#", ""},
};
static const char *const be_types[] = {"rue", "avenue", "boulevard", "place", "chaussée"};
static const char *const be_phones[] = {
    "+32 470 ## ## ##",
    "+32 475 ## ## ##",
    "+32 495 ## ## ##",
    "+32 2 ### ## ##",
};

/* ---- Netherlands ---- */
static const char *const nl_streets[] = {
    "Kerk",   "Dorps",      "Molen",  "Prinsen",  "Heren",   "Keizers", "Linden",
    "Beuken", "Wilhelmina", "Oranje", "Stations", "Juliana", "Vondel",  "Zee",
};
static const char *const nl_types[] = {"straat", "laan", "weg", "gracht", "plein", "kade"};
static const struct wz_words_city nl_cities[] = {
    {"Amsterdam", "10%# @@", ""}, {"Rotterdam", "30%# @@", ""}, {"Den Haag", "25%# @@", ""},
    {"Utrecht", "35%# @@", ""},   {"Eindhoven", "56%# @@", ""}, {"Groningen", "97%# @@", ""},
    {"Tilburg", "50%# @@", ""},   {"Haarlem", "20%# @@", ""},   {"Maastricht", "62%# @@", ""},
};
static const char *const nl_phones[] = {"+31 6 %#######", "+31 20 %######", "+31 10 %######"};

/* ---- United Kingdom ---- */
static const char *const gb_streets[] = {
    "High",  "Station", "Church", "Victoria", "Park",    "Mill",   "King", "Queen", "London",
    "Manor", "Green",   "Albert", "York",     "Windsor", "Chapel", "Elm",  "Oak",   "Meadow",
};
static const char *const gb_types[] = {
    "Street", "Road", "Lane", "Close", "Avenue", "Crescent", "Gardens", "Way", "Grove",
};
static const struct wz_words_city gb_cities[] = {
    {"London", "SW% #@@", ""},  {"London", "E% #@@", ""},      {"London", "NW% #@@", ""},
    {"London", "EC%A #@@", ""}, {"Manchester", "M%# #@@", ""}, {"Birmingham", "B%# #@@", ""},
    {"Leeds", "LS% #@@", ""},   {"Glasgow", "G%# #@@", ""},    {"Liverpool", "L%# #@@", ""},
    {"Bristol", "BS% #@@", ""}, {"Edinburgh", "EH% #@@", ""},  {"Cardiff", "CF%# #@@", ""},
};
/* Ofcom's ranges reserved for drama: they can never ring anyone. */
static const char *const gb_phones[] = {"+44 7700 900###", "+44 20 7946 0###", "+44 161 496 0###"};

/* ---- United States ---- */
static const char *const us_streets[] = {
    "Main", "Oak",    "Maple", "Cedar",    "Park",    "Washington", "Lake",   "Hill",   "Pine",
    "Elm",  "Sunset", "River", "Chestnut", "Lincoln", "Franklin",   "Spring", "Walnut", "Highland",
};
static const char *const us_types[] = {
    "Street", "Avenue", "Boulevard", "Road", "Lane", "Drive", "Court", "Way", "Place",
};
static const struct wz_words_city us_cities[] = {
    {"New York", "100##", "NY"},      {"Los Angeles", "900##", "CA"},
    {"Chicago", "606##", "IL"},       {"Houston", "770##", "TX"},
    {"Phoenix", "850##", "AZ"},       {"Philadelphia", "191##", "PA"},
    {"San Francisco", "941##", "CA"}, {"Seattle", "981##", "WA"},
    {"Boston", "021##", "MA"},        {"Austin", "787##", "TX"},
    {"Denver", "802##", "CO"},        {"Portland", "972##", "OR"},
};
/* 555-0100 to 555-0199 are reserved for fiction in every area code. */
static const char *const us_phones[] = {
    "+1 212-555-01##", "+1 415-555-01##", "+1 312-555-01##", "+1 206-555-01##", "+1 617-555-01##",
};

/* ---- Spain ---- */
static const char *const es_streets[] = {
    "Mayor", "de Alcalá",    "Gran Vía",   "del Sol", "de la Paz",          "San Juan", "Real",
    "Nueva", "de Cervantes", "del Carmen", "de Goya", "de la Constitución", "de Colón", "del Mar",
};
static const char *const es_types[] = {"Calle", "Avenida", "Plaza", "Paseo", "Camino"};
static const struct wz_words_city es_cities[] = {
    {"Madrid", "280##", ""},  {"Barcelona", "080##", ""}, {"Valencia", "460##", ""},
    {"Sevilla", "410##", ""}, {"Zaragoza", "500##", ""},  {"Málaga", "290##", ""},
    {"Bilbao", "480##", ""},  {"Palma", "070##", ""},     {"Granada", "180##", ""},
};
static const char *const es_phones[] = {"+34 6## ### ###", "+34 91 ### ## ##", "+34 93 ### ## ##"};

/* ---- Switzerland (German- and French-speaking cities) ---- */
static const char *const ch_streets[] = {
    "Bahnhof", "Haupt", "Kirch", "Dorf", "See", "Berg", "Linden", "Rosen", "Schul", "Wiesen",
};
static const char *const ch_types[] = {"strasse", "gasse", "weg", "platz"};
static const struct wz_words_city ch_cities[] = {
    {"Zürich", "80##", ""}, {"Bern", "30##", ""},       {"Basel", "40##", ""},
    {"Luzern", "60##", ""}, {"St. Gallen", "90##", ""}, {"Winterthur", "84##", ""},
};
static const char *const ch_phones[] = {"+41 79 ### ## ##", "+41 76 ### ## ##", "+41 44 ### ## ##"};

/* ---- Poland ---- */
static const char *const pl_streets[] = {
    "Długa",      "Krótka",      "Polna",   "Leśna",    "Słoneczna", "Ogrodowa",
    "Kościuszki", "Mickiewicza", "Szkolna", "Kwiatowa", "Źródlana",  "Floriańska",
};
static const char *const pl_types[] = {"ul."};
static const struct wz_words_city pl_cities[] = {
    {"Kraków", "3#-###", ""}, {"Warszawa", "0#-###", ""}, {"Wrocław", "5#-###", ""},
    {"Gdańsk", "80-###", ""}, {"Poznań", "6#-###", ""},   {"Łódź", "9#-###", ""},
};
static const char *const pl_phones[] = {"+48 5## ### ###", "+48 6## ### ###", "+48 7## ### ###"};

#define CITIES(a) (a), sizeof(a) / sizeof((a)[0])

/* Order is the public order of wz_fake_country_code(i). */
const struct wz_words_country wz_words_countries[] = {
    {"LU", "Luxembourg", 30, "N, T S", 150, WZ_WORDS(lu_streets), WZ_WORDS(lu_types),
     CITIES(lu_cities), WZ_WORDS(lu_phones), "S.a r.l."},
    {"DE", "Germany", 15, "ST N", 120, WZ_WORDS(de_streets), WZ_WORDS(de_types), CITIES(de_cities),
     WZ_WORDS(de_phones), "GmbH"},
    {"FR", "France", 15, "N T S", 150, WZ_WORDS(fr_streets), WZ_WORDS(fr_types), CITIES(fr_cities),
     WZ_WORDS(fr_phones), "SARL"},
    {"BE", "Belgium", 12, "U S N", 200, WZ_WORDS(fr_streets), WZ_WORDS(be_types), CITIES(be_cities),
     WZ_WORDS(be_phones), "SRL"},
    {"NL", "Netherlands", 10, "ST N", 250, WZ_WORDS(nl_streets), WZ_WORDS(nl_types),
     CITIES(nl_cities), WZ_WORDS(nl_phones), "B.V."},
    {"GB", "United Kingdom", 6, "N S T", 180, WZ_WORDS(gb_streets), WZ_WORDS(gb_types),
     CITIES(gb_cities), WZ_WORDS(gb_phones), "Ltd"},
    {"US", "United States", 6, "N S T", 9800, WZ_WORDS(us_streets), WZ_WORDS(us_types),
     CITIES(us_cities), WZ_WORDS(us_phones), "LLC"},
    {"ES", "Spain", 6, "T S, N", 120, WZ_WORDS(es_streets), WZ_WORDS(es_types), CITIES(es_cities),
     WZ_WORDS(es_phones), "S.L."},
    {"CH", "Switzerland", 4, "ST N", 90, WZ_WORDS(ch_streets), WZ_WORDS(ch_types),
     CITIES(ch_cities), WZ_WORDS(ch_phones), "AG"},
    {"PL", "Poland", 4, "T S N", 120, WZ_WORDS(pl_streets), WZ_WORDS(pl_types), CITIES(pl_cities),
     WZ_WORDS(pl_phones), "sp. z o.o."},
};
const size_t wz_words_country_count = sizeof(wz_words_countries) / sizeof(wz_words_countries[0]);
