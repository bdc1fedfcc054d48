-- Schema version 9: one package per member, each carrying a secret key that authenticates that member's responses.

-- The member a package was made for and the 256-bit key (HMAC-SHA-256) that member's responses are authenticated
-- with. Packages exported before version 9 (one package for every member, without a key) keep NULL in both:
-- responses to them are refused.
ALTER TABLE meeting_package ADD COLUMN member_id INTEGER REFERENCES member (id) ON DELETE CASCADE;
ALTER TABLE meeting_package ADD COLUMN response_key BLOB CHECK (response_key IS NULL OR length(response_key) = 32);
