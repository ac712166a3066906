-- Staff accounts (StaffRepository): an email belongs to one account, compared without case.
CREATE TABLE staff_accounts (
  id      text PRIMARY KEY,
  email   text NOT NULL UNIQUE,
  record  jsonb NOT NULL
);

-- Signed-in browsers (StaffSessionRepository), by the hash of the session id: a sign-out on one
-- instance is a sign-out on all.
CREATE TABLE staff_sessions (
  id_hash   text PRIMARY KEY,
  staff_id  text NOT NULL,
  record    jsonb NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
