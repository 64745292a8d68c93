-- The socket's peer beside the client address we acted on, and the X-Forwarded-For as sent:
-- a spoofed or proxied address can always be told from the real connection.
ALTER TABLE audit_log ADD COLUMN peer_ip VARCHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE audit_log ADD COLUMN forwarded_for VARCHAR(200) DEFAULT '' NOT NULL;

-- The browser before it signs in: the login form's CSRF token is bound to this row, whose key
-- (the SHA-256 of a random cookie) only the server hands out. Rows live for hours at most.
CREATE TABLE login_presession (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_login_presession_created ON login_presession (created_at);
