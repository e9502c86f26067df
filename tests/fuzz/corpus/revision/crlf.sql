-- wizamart revision
-- revision: dead00beef00
-- down_revision: none
-- message: crlf and a dollar-quoted body

-- +upgrade postgresql
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
-- +downgrade postgresql
DROP FUNCTION f();
