-- wizamart revision
-- revision: e5bc49fe0bc0
-- down_revision: none
-- message: initial platform schema
-- created: 2026-11-26T17:46:49Z

-- +upgrade sqlite
-- Changes found by `wizamart migrate create`:
--   table 'users' is in the models but not in the database
--   table 'admin_settings' is in the models but not in the database
--   table 'roles' is in the models but not in the database
--   table 'permissions' is in the models but not in the database
--   table 'role_permissions' is in the models but not in the database
--   table 'stores' is in the models but not in the database
--   table 'store_domains' is in the models but not in the database
--   table 'store_users' is in the models but not in the database
--   table 'store_invitations' is in the models but not in the database
--   table 'store_themes' is in the models but not in the database
--   table 'customers' is in the models but not in the database
--   table 'customer_addresses' is in the models but not in the database
--   table 'products' is in the models but not in the database
--   table 'marketplace_products' is in the models but not in the database
--   table 'orders' is in the models but not in the database
--   table 'order_items' is in the models but not in the database
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    role TEXT NOT NULL DEFAULT 'store',
    is_active BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_email_verified BOOLEAN NOT NULL DEFAULT 0 CHECK (is_email_verified IN (0, 1)),
    last_login_at TIMESTAMP CHECK (last_login_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'store')),
    CONSTRAINT users_email_check CHECK (email = lower(email))
);
CREATE TABLE admin_settings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    value_type TEXT NOT NULL DEFAULT 'string',
    description TEXT,
    is_public BOOLEAN NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT admin_settings_key_key UNIQUE (key),
    CONSTRAINT admin_settings_value_type_check CHECK (value_type IN ('string', 'integer', 'boolean', 'json'))
);
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    is_template BOOLEAN NOT NULL DEFAULT 1 CHECK (is_template IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT roles_name_key UNIQUE (name)
);
CREATE TABLE permissions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    description TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT permissions_code_key UNIQUE (code)
);
CREATE TABLE role_permissions (
    role_id INTEGER NOT NULL,
    permission_id INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT role_permissions_pkey PRIMARY KEY (role_id, permission_id),
    CONSTRAINT role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
    CONSTRAINT role_permissions_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES permissions (id) ON DELETE CASCADE
);
CREATE INDEX ix_role_permissions_permission_id ON role_permissions (permission_id);
CREATE TABLE stores (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    subdomain TEXT NOT NULL,
    description TEXT,
    owner_user_id INTEGER NOT NULL,
    contact_email TEXT,
    default_currency TEXT NOT NULL DEFAULT 'EUR',
    is_active BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_verified BOOLEAN NOT NULL DEFAULT 0 CHECK (is_verified IN (0, 1)),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT stores_code_key UNIQUE (code),
    CONSTRAINT stores_subdomain_key UNIQUE (subdomain),
    CONSTRAINT stores_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES users (id),
    CONSTRAINT stores_default_currency_check CHECK (length(default_currency) = 3 AND default_currency = upper(default_currency)),
    CONSTRAINT stores_code_check CHECK (code = upper(code)),
    CONSTRAINT stores_subdomain_check CHECK (subdomain = lower(subdomain))
);
CREATE INDEX ix_stores_owner_user_id ON stores (owner_user_id);
CREATE TABLE store_domains (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    domain TEXT NOT NULL,
    is_primary BOOLEAN NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    is_verified BOOLEAN NOT NULL DEFAULT 0 CHECK (is_verified IN (0, 1)),
    verified_at TIMESTAMP CHECK (verified_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT store_domains_domain_key UNIQUE (domain),
    CONSTRAINT store_domains_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_domains_domain_check CHECK (domain = lower(domain)),
    CONSTRAINT store_domains_verified_check CHECK (is_verified = (verified_at IS NOT NULL))
);
CREATE INDEX ix_store_domains_store_id ON store_domains (store_id);
CREATE TABLE store_users (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role_id INTEGER NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    invited_by_user_id INTEGER,
    joined_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (joined_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT store_users_pkey UNIQUE (store_id, id),
    CONSTRAINT store_users_store_id_user_id_key UNIQUE (store_id, user_id),
    CONSTRAINT store_users_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT store_users_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    CONSTRAINT store_users_invited_by_user_id_fkey FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_store_users_user_id ON store_users (user_id);
CREATE INDEX ix_store_users_role_id ON store_users (role_id);
CREATE INDEX ix_store_users_invited_by_user_id ON store_users (invited_by_user_id);
CREATE TABLE store_invitations (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    role_id INTEGER NOT NULL,
    token_hash TEXT NOT NULL,
    invited_by_user_id INTEGER,
    status TEXT NOT NULL DEFAULT 'pending',
    expires_at TIMESTAMP NOT NULL CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    accepted_at TIMESTAMP CHECK (accepted_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT store_invitations_pkey UNIQUE (store_id, id),
    CONSTRAINT store_invitations_store_id_token_hash_key UNIQUE (store_id, token_hash),
    CONSTRAINT store_invitations_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_invitations_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    CONSTRAINT store_invitations_invited_by_user_id_fkey FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT store_invitations_status_check CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
    CONSTRAINT store_invitations_accepted_check CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
    CONSTRAINT store_invitations_expires_check CHECK (expires_at > created_at),
    CONSTRAINT store_invitations_email_check CHECK (email = lower(email))
);
CREATE INDEX ix_store_invitations_store_id_email ON store_invitations (store_id, email);
CREATE INDEX ix_store_invitations_role_id ON store_invitations (role_id);
CREATE INDEX ix_store_invitations_invited_by_user_id ON store_invitations (invited_by_user_id);
CREATE TABLE store_themes (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    preset TEXT NOT NULL DEFAULT 'modern',
    primary_color TEXT NOT NULL,
    secondary_color TEXT NOT NULL,
    accent_color TEXT NOT NULL,
    font_family TEXT NOT NULL DEFAULT 'Inter',
    logo_url TEXT,
    settings JSON NOT NULL DEFAULT '{}' CHECK (settings IS NULL OR json_valid(settings)),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT store_themes_pkey UNIQUE (store_id, id),
    CONSTRAINT store_themes_store_id_key UNIQUE (store_id),
    CONSTRAINT store_themes_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_themes_preset_check CHECK (preset IN ('modern', 'classic', 'vibrant')),
    CONSTRAINT store_themes_colors_check CHECK (length(primary_color) = 7 AND primary_color LIKE '#%' AND length(secondary_color) = 7 AND secondary_color LIKE '#%' AND length(accent_color) = 7 AND accent_color LIKE '#%')
);
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    accepts_marketing BOOLEAN NOT NULL DEFAULT 0 CHECK (accepts_marketing IN (0, 1)),
    is_active BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT customers_pkey UNIQUE (store_id, id),
    CONSTRAINT customers_store_id_email_key UNIQUE (store_id, email),
    CONSTRAINT customers_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT customers_email_check CHECK (email = lower(email))
);
CREATE TABLE customer_addresses (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'shipping',
    full_name TEXT,
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    postcode TEXT,
    region TEXT,
    country_code TEXT NOT NULL,
    phone TEXT,
    is_default BOOLEAN NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT customer_addresses_pkey UNIQUE (store_id, id),
    CONSTRAINT customer_addresses_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT customer_addresses_store_id_customer_id_fkey FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id) ON DELETE CASCADE,
    CONSTRAINT customer_addresses_kind_check CHECK (kind IN ('shipping', 'billing')),
    CONSTRAINT customer_addresses_country_code_check CHECK (length(country_code) = 2 AND country_code = upper(country_code))
);
CREATE INDEX ix_customer_addresses_store_id_customer_id ON customer_addresses (store_id, customer_id);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    price_amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    stock_quantity INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft',
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT products_pkey UNIQUE (store_id, id),
    CONSTRAINT products_store_id_sku_key UNIQUE (store_id, sku),
    CONSTRAINT products_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT products_price_amount_check CHECK (price_amount >= 0),
    CONSTRAINT products_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT products_stock_quantity_check CHECK (stock_quantity >= 0),
    CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'archived'))
);
CREATE INDEX ix_products_store_id_status ON products (store_id, status);
CREATE TABLE marketplace_products (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    marketplace TEXT NOT NULL DEFAULT 'wizamart',
    external_id TEXT,
    price_amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    listed_at TIMESTAMP CHECK (listed_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT marketplace_products_pkey UNIQUE (store_id, id),
    CONSTRAINT marketplace_products_store_id_product_id_marketplace_key UNIQUE (store_id, product_id, marketplace),
    CONSTRAINT marketplace_products_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT marketplace_products_store_id_product_id_fkey FOREIGN KEY (store_id, product_id) REFERENCES products (store_id, id) ON DELETE CASCADE,
    CONSTRAINT marketplace_products_price_amount_check CHECK (price_amount >= 0),
    CONSTRAINT marketplace_products_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT marketplace_products_status_check CHECK (status IN ('pending', 'listed', 'delisted', 'rejected')),
    CONSTRAINT marketplace_products_listed_check CHECK (status <> 'listed' OR listed_at IS NOT NULL)
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    order_number TEXT NOT NULL,
    customer_id INTEGER,
    customer_email TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    currency TEXT NOT NULL,
    subtotal_amount INTEGER NOT NULL,
    shipping_amount INTEGER NOT NULL DEFAULT 0,
    tax_amount INTEGER NOT NULL DEFAULT 0,
    total_amount INTEGER NOT NULL,
    shipping_address JSON CHECK (shipping_address IS NULL OR json_valid(shipping_address)),
    placed_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (placed_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT orders_pkey UNIQUE (store_id, id),
    CONSTRAINT orders_store_id_order_number_key UNIQUE (store_id, order_number),
    CONSTRAINT orders_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT orders_store_id_customer_id_fkey FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id),
    CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    CONSTRAINT orders_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT orders_subtotal_amount_check CHECK (subtotal_amount >= 0),
    CONSTRAINT orders_shipping_amount_check CHECK (shipping_amount >= 0),
    CONSTRAINT orders_tax_amount_check CHECK (tax_amount >= 0),
    CONSTRAINT orders_total_check CHECK (total_amount = subtotal_amount + shipping_amount + tax_amount)
);
CREATE INDEX ix_orders_store_id_customer_id ON orders (store_id, customer_id);
CREATE INDEX ix_orders_store_id_placed_at ON orders (store_id, placed_at);
CREATE TABLE order_items (
    id INTEGER PRIMARY KEY,
    store_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_amount INTEGER NOT NULL,
    line_total_amount INTEGER NOT NULL,
    is_demo BOOLEAN NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    CONSTRAINT order_items_pkey UNIQUE (store_id, id),
    CONSTRAINT order_items_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT order_items_store_id_order_id_fkey FOREIGN KEY (store_id, order_id) REFERENCES orders (store_id, id) ON DELETE CASCADE,
    CONSTRAINT order_items_store_id_product_id_fkey FOREIGN KEY (store_id, product_id) REFERENCES products (store_id, id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_items_unit_price_amount_check CHECK (unit_price_amount >= 0),
    CONSTRAINT order_items_line_total_check CHECK (line_total_amount = quantity * unit_price_amount)
);
CREATE INDEX ix_order_items_store_id_order_id ON order_items (store_id, order_id);
CREATE INDEX ix_order_items_store_id_product_id ON order_items (store_id, product_id);

-- +upgrade postgresql
CREATE TABLE users (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    email TEXT NOT NULL,
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    role TEXT NOT NULL DEFAULT 'store',
    is_active BOOLEAN NOT NULL DEFAULT true,
    is_email_verified BOOLEAN NOT NULL DEFAULT false,
    last_login_at TIMESTAMPTZ,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'store')),
    CONSTRAINT users_email_check CHECK (email = lower(email))
);
CREATE TABLE admin_settings (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    value_type TEXT NOT NULL DEFAULT 'string',
    description TEXT,
    is_public BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT admin_settings_pkey PRIMARY KEY (id),
    CONSTRAINT admin_settings_key_key UNIQUE (key),
    CONSTRAINT admin_settings_value_type_check CHECK (value_type IN ('string', 'integer', 'boolean', 'json'))
);
CREATE TABLE roles (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    name TEXT NOT NULL,
    description TEXT,
    is_template BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT roles_pkey PRIMARY KEY (id),
    CONSTRAINT roles_name_key UNIQUE (name)
);
CREATE TABLE permissions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    code TEXT NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT permissions_pkey PRIMARY KEY (id),
    CONSTRAINT permissions_code_key UNIQUE (code)
);
CREATE TABLE role_permissions (
    role_id BIGINT NOT NULL,
    permission_id BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT role_permissions_pkey PRIMARY KEY (role_id, permission_id),
    CONSTRAINT role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
    CONSTRAINT role_permissions_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES permissions (id) ON DELETE CASCADE
);
CREATE INDEX ix_role_permissions_permission_id ON role_permissions (permission_id);
CREATE TABLE stores (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    subdomain TEXT NOT NULL,
    description TEXT,
    owner_user_id BIGINT NOT NULL,
    contact_email TEXT,
    default_currency TEXT NOT NULL DEFAULT 'EUR',
    is_active BOOLEAN NOT NULL DEFAULT true,
    is_verified BOOLEAN NOT NULL DEFAULT false,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT stores_pkey PRIMARY KEY (id),
    CONSTRAINT stores_code_key UNIQUE (code),
    CONSTRAINT stores_subdomain_key UNIQUE (subdomain),
    CONSTRAINT stores_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES users (id),
    CONSTRAINT stores_default_currency_check CHECK (length(default_currency) = 3 AND default_currency = upper(default_currency)),
    CONSTRAINT stores_code_check CHECK (code = upper(code)),
    CONSTRAINT stores_subdomain_check CHECK (subdomain = lower(subdomain))
);
CREATE INDEX ix_stores_owner_user_id ON stores (owner_user_id);
CREATE TABLE store_domains (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    domain TEXT NOT NULL,
    is_primary BOOLEAN NOT NULL DEFAULT false,
    is_verified BOOLEAN NOT NULL DEFAULT false,
    verified_at TIMESTAMPTZ,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT store_domains_pkey PRIMARY KEY (id),
    CONSTRAINT store_domains_domain_key UNIQUE (domain),
    CONSTRAINT store_domains_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_domains_domain_check CHECK (domain = lower(domain)),
    CONSTRAINT store_domains_verified_check CHECK (is_verified = (verified_at IS NOT NULL))
);
CREATE INDEX ix_store_domains_store_id ON store_domains (store_id);
CREATE TABLE store_users (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT true,
    invited_by_user_id BIGINT,
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT store_users_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT store_users_store_id_user_id_key UNIQUE (store_id, user_id),
    CONSTRAINT store_users_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT store_users_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    CONSTRAINT store_users_invited_by_user_id_fkey FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_store_users_user_id ON store_users (user_id);
CREATE INDEX ix_store_users_role_id ON store_users (role_id);
CREATE INDEX ix_store_users_invited_by_user_id ON store_users (invited_by_user_id);
CREATE TABLE store_invitations (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    email TEXT NOT NULL,
    role_id BIGINT NOT NULL,
    token_hash TEXT NOT NULL,
    invited_by_user_id BIGINT,
    status TEXT NOT NULL DEFAULT 'pending',
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT store_invitations_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT store_invitations_store_id_token_hash_key UNIQUE (store_id, token_hash),
    CONSTRAINT store_invitations_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_invitations_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id),
    CONSTRAINT store_invitations_invited_by_user_id_fkey FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT store_invitations_status_check CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
    CONSTRAINT store_invitations_accepted_check CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
    CONSTRAINT store_invitations_expires_check CHECK (expires_at > created_at),
    CONSTRAINT store_invitations_email_check CHECK (email = lower(email))
);
CREATE INDEX ix_store_invitations_store_id_email ON store_invitations (store_id, email);
CREATE INDEX ix_store_invitations_role_id ON store_invitations (role_id);
CREATE INDEX ix_store_invitations_invited_by_user_id ON store_invitations (invited_by_user_id);
CREATE TABLE store_themes (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    preset TEXT NOT NULL DEFAULT 'modern',
    primary_color TEXT NOT NULL,
    secondary_color TEXT NOT NULL,
    accent_color TEXT NOT NULL,
    font_family TEXT NOT NULL DEFAULT 'Inter',
    logo_url TEXT,
    settings JSONB NOT NULL DEFAULT '{}'::jsonb,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT store_themes_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT store_themes_store_id_key UNIQUE (store_id),
    CONSTRAINT store_themes_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT store_themes_preset_check CHECK (preset IN ('modern', 'classic', 'vibrant')),
    CONSTRAINT store_themes_colors_check CHECK (length(primary_color) = 7 AND primary_color LIKE '#%' AND length(secondary_color) = 7 AND secondary_color LIKE '#%' AND length(accent_color) = 7 AND accent_color LIKE '#%')
);
CREATE TABLE customers (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    accepts_marketing BOOLEAN NOT NULL DEFAULT false,
    is_active BOOLEAN NOT NULL DEFAULT true,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customers_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT customers_store_id_email_key UNIQUE (store_id, email),
    CONSTRAINT customers_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT customers_email_check CHECK (email = lower(email))
);
CREATE TABLE customer_addresses (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'shipping',
    full_name TEXT,
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    postcode TEXT,
    region TEXT,
    country_code TEXT NOT NULL,
    phone TEXT,
    is_default BOOLEAN NOT NULL DEFAULT false,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customer_addresses_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT customer_addresses_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT customer_addresses_store_id_customer_id_fkey FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id) ON DELETE CASCADE,
    CONSTRAINT customer_addresses_kind_check CHECK (kind IN ('shipping', 'billing')),
    CONSTRAINT customer_addresses_country_code_check CHECK (length(country_code) = 2 AND country_code = upper(country_code))
);
CREATE INDEX ix_customer_addresses_store_id_customer_id ON customer_addresses (store_id, customer_id);
CREATE TABLE products (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    price_amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    stock_quantity BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft',
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT products_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT products_store_id_sku_key UNIQUE (store_id, sku),
    CONSTRAINT products_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT products_price_amount_check CHECK (price_amount >= 0),
    CONSTRAINT products_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT products_stock_quantity_check CHECK (stock_quantity >= 0),
    CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'archived'))
);
CREATE INDEX ix_products_store_id_status ON products (store_id, status);
CREATE TABLE marketplace_products (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    marketplace TEXT NOT NULL DEFAULT 'wizamart',
    external_id TEXT,
    price_amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    listed_at TIMESTAMPTZ,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT marketplace_products_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT marketplace_products_store_id_product_id_marketplace_key UNIQUE (store_id, product_id, marketplace),
    CONSTRAINT marketplace_products_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT marketplace_products_store_id_product_id_fkey FOREIGN KEY (store_id, product_id) REFERENCES products (store_id, id) ON DELETE CASCADE,
    CONSTRAINT marketplace_products_price_amount_check CHECK (price_amount >= 0),
    CONSTRAINT marketplace_products_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT marketplace_products_status_check CHECK (status IN ('pending', 'listed', 'delisted', 'rejected')),
    CONSTRAINT marketplace_products_listed_check CHECK (status <> 'listed' OR listed_at IS NOT NULL)
);
CREATE TABLE orders (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    order_number TEXT NOT NULL,
    customer_id BIGINT,
    customer_email TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    currency TEXT NOT NULL,
    subtotal_amount BIGINT NOT NULL,
    shipping_amount BIGINT NOT NULL DEFAULT 0,
    tax_amount BIGINT NOT NULL DEFAULT 0,
    total_amount BIGINT NOT NULL,
    shipping_address JSONB,
    placed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT orders_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT orders_store_id_order_number_key UNIQUE (store_id, order_number),
    CONSTRAINT orders_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT orders_store_id_customer_id_fkey FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id),
    CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    CONSTRAINT orders_currency_check CHECK (length(currency) = 3 AND currency = upper(currency)),
    CONSTRAINT orders_subtotal_amount_check CHECK (subtotal_amount >= 0),
    CONSTRAINT orders_shipping_amount_check CHECK (shipping_amount >= 0),
    CONSTRAINT orders_tax_amount_check CHECK (tax_amount >= 0),
    CONSTRAINT orders_total_check CHECK (total_amount = subtotal_amount + shipping_amount + tax_amount)
);
CREATE INDEX ix_orders_store_id_customer_id ON orders (store_id, customer_id);
CREATE INDEX ix_orders_store_id_placed_at ON orders (store_id, placed_at);
CREATE TABLE order_items (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY,
    store_id BIGINT NOT NULL,
    order_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price_amount BIGINT NOT NULL,
    line_total_amount BIGINT NOT NULL,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT order_items_pkey PRIMARY KEY (store_id, id),
    CONSTRAINT order_items_store_id_fkey FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE,
    CONSTRAINT order_items_store_id_order_id_fkey FOREIGN KEY (store_id, order_id) REFERENCES orders (store_id, id) ON DELETE CASCADE,
    CONSTRAINT order_items_store_id_product_id_fkey FOREIGN KEY (store_id, product_id) REFERENCES products (store_id, id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_items_unit_price_amount_check CHECK (unit_price_amount >= 0),
    CONSTRAINT order_items_line_total_check CHECK (line_total_amount = quantity * unit_price_amount)
);
CREATE INDEX ix_order_items_store_id_order_id ON order_items (store_id, order_id);
CREATE INDEX ix_order_items_store_id_product_id ON order_items (store_id, product_id);

-- +downgrade sqlite
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE marketplace_products;
DROP TABLE products;
DROP TABLE customer_addresses;
DROP TABLE customers;
DROP TABLE store_themes;
DROP TABLE store_invitations;
DROP TABLE store_users;
DROP TABLE store_domains;
DROP TABLE stores;
DROP TABLE role_permissions;
DROP TABLE permissions;
DROP TABLE roles;
DROP TABLE admin_settings;
DROP TABLE users;

-- +downgrade postgresql
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE marketplace_products;
DROP TABLE products;
DROP TABLE customer_addresses;
DROP TABLE customers;
DROP TABLE store_themes;
DROP TABLE store_invitations;
DROP TABLE store_users;
DROP TABLE store_domains;
DROP TABLE stores;
DROP TABLE role_permissions;
DROP TABLE permissions;
DROP TABLE roles;
DROP TABLE admin_settings;
DROP TABLE users;
