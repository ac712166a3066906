-- Browsers that get a web chat client's notices (PushSubscriptionStore).
CREATE TABLE push_subscriptions (
  client_id     text NOT NULL,
  endpoint      text NOT NULL,
  subscription  jsonb NOT NULL,
  added         bigserial NOT NULL,
  PRIMARY KEY (client_id, endpoint)
);

-- Who exported or erased whose data, and when (PrivacyAudit): appended, never changed.
CREATE TABLE privacy_audit (
  n      bigserial PRIMARY KEY,
  entry  jsonb NOT NULL
);

-- Risk alerts (AlertRepository), never deleted but for an erasure.
CREATE TABLE alerts (
  id          text PRIMARY KEY,
  client_id   text,
  state       text NOT NULL,
  created_at  timestamptz NOT NULL,
  record      jsonb NOT NULL
);
CREATE INDEX alerts_client ON alerts (client_id);
CREATE INDEX alerts_open ON alerts (created_at) WHERE state = 'open';
