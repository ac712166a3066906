-- The scheduler's ledger (ScheduleLedgerRepository): one small document per client.
CREATE TABLE schedule_ledgers (
  client_id  text PRIMARY KEY,
  doc        jsonb NOT NULL
);
