-- Short-lived records shared by every instance (ExpiringRecords): a text from a number nobody is
-- enrolled with, wrong passwords for an email with no account. Keys are hashes, never the number
-- or the email; expired rows are cleared as others are written.
CREATE TABLE expiring_records (
  kind        text NOT NULL,
  key         text NOT NULL,
  value       jsonb,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX expiring_records_expires ON expiring_records (expires_at);
