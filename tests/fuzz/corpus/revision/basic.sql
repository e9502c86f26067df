-- wizamart revision
-- revision: a1b2c3d4e5f6
-- down_revision: none
-- message: create things
-- created: 2026-11-26T17:46:49Z

-- +upgrade
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO t (note) VALUES ('a;b');

-- +downgrade
DROP TABLE t;
