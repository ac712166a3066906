-- What a conversation's kept activities weigh, kept by the database as activities are added and
-- removed (by whichever statement), so an append knows without adding them up whether the oldest
-- must go (WEB_CHAT_KEPT): most appends then trim nothing and read nothing more.
ALTER TABLE web_chat_conversations ADD COLUMN kept_bytes bigint NOT NULL DEFAULT 0;
UPDATE web_chat_conversations c
  SET kept_bytes = coalesce((SELECT sum(a.bytes) FROM web_chat_activities a WHERE a.client_id = c.client_id), 0);

CREATE FUNCTION web_chat_activities_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE web_chat_conversations c SET kept_bytes = c.kept_bytes + t.bytes
  FROM (SELECT client_id, sum(bytes) AS bytes FROM added GROUP BY client_id) t
  WHERE c.client_id = t.client_id;
  RETURN NULL;
END $$;

CREATE FUNCTION web_chat_activities_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE web_chat_conversations c SET kept_bytes = c.kept_bytes - t.bytes
  FROM (SELECT client_id, sum(bytes) AS bytes FROM removed GROUP BY client_id) t
  WHERE c.client_id = t.client_id;
  RETURN NULL;
END $$;

CREATE TRIGGER web_chat_activities_added AFTER INSERT ON web_chat_activities
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION web_chat_activities_added();
CREATE TRIGGER web_chat_activities_removed AFTER DELETE ON web_chat_activities
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION web_chat_activities_removed();
