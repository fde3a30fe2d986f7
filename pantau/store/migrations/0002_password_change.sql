-- A password an admin set (a one-time password from a reset or a new account)
-- must be replaced by the user at the next login. Separate from default_password,
-- which marks the published demo passwords that production refuses to run with.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE;
UPDATE users SET must_change_password = FALSE WHERE must_change_password IS NULL;
