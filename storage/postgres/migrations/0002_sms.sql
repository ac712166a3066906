-- Texts received (SmsInbox): kept from the webhook until their turn has run; then only the sid
-- stays (the words are dropped), to recognise Twilio's retries, for a week.
CREATE TABLE sms_inbound (
  sid          text PRIMARY KEY,
  client_id    text NOT NULL,
  received_at  timestamptz NOT NULL,
  -- The message as received; NULL once handled.
  record       jsonb,
  handled_at   timestamptz
);
CREATE INDEX sms_inbound_unhandled ON sms_inbound (received_at) WHERE handled_at IS NULL;
CREATE INDEX sms_inbound_handled ON sms_inbound (handled_at) WHERE handled_at IS NOT NULL;

-- Texts sent (SmsOutbox), written before they are sent.
CREATE TABLE sms_outbox (
  id          text PRIMARY KEY,
  client_id   text NOT NULL,
  status      text NOT NULL,
  created_at  timestamptz NOT NULL,
  seq         integer NOT NULL,
  record      jsonb NOT NULL
);
CREATE INDEX sms_outbox_unsent ON sms_outbox (created_at, seq) WHERE status IN ('queued', 'sending');
CREATE INDEX sms_outbox_client ON sms_outbox (client_id);

-- Twilio sids taken for outbox messages: one message each, for ever (a sid is unique at Twilio).
CREATE TABLE sms_sid_claims (
  sid         text PRIMARY KEY,
  to_hash     text NOT NULL,
  message_id  text NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX sms_sid_claims_to ON sms_sid_claims (to_hash);
