-- wizamart revision
-- revision: c0ffee000001
-- down_revision: a1b2c3d4e5f6
-- message: an index without a transaction
-- transaction: false

-- +upgrade postgresql
CREATE INDEX CONCURRENTLY IF NOT EXISTS t_note ON t (note);

-- +upgrade sqlite
CREATE INDEX IF NOT EXISTS t_note ON t (note);

-- +downgrade
DROP INDEX IF EXISTS t_note;
