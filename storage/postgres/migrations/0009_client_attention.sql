-- When each client next needs the scheduler (ClientAttention): due work is found through this
-- table's index, never by reading every client.
CREATE TABLE client_attention (
  client_id  text PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  -- NULL: due now (new, changed or woken); else when the last plan said to look again, or until
  -- when the instance planning them holds them.
  due_at     timestamptz,
  -- Handed out with the client when taken for planning. A wake or change clears it, so a plan made
  -- on what the client was before is not kept.
  token      text
);
CREATE INDEX client_attention_due ON client_attention (due_at NULLS FIRST);

INSERT INTO client_attention (client_id) SELECT id FROM clients;

-- A new client, or a change to a client's record (made by any instance, the import or by hand),
-- makes them due now.
CREATE FUNCTION client_needs_attention() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO client_attention (client_id) VALUES (NEW.id)
  ON CONFLICT (client_id) DO UPDATE SET due_at = NULL, token = NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER clients_new_attention AFTER INSERT ON clients
  FOR EACH ROW EXECUTE FUNCTION client_needs_attention();
CREATE TRIGGER clients_changed_attention AFTER UPDATE ON clients
  FOR EACH ROW WHEN (OLD.record IS DISTINCT FROM NEW.record) EXECUTE FUNCTION client_needs_attention();
