-- Web chat transcripts: one conversation per client (WebChatTranscripts).
CREATE TABLE web_chat_conversations (
  client_id        text PRIMARY KEY,
  conversation_id  text NOT NULL UNIQUE,
  started          boolean NOT NULL DEFAULT false,
  -- Place of the oldest activity kept, and of the next one.
  first_place      integer NOT NULL DEFAULT 0,
  next_place       integer NOT NULL DEFAULT 0,
  seen_up_to       integer,
  seen_at          timestamptz
);

CREATE TABLE web_chat_activities (
  client_id           text NOT NULL REFERENCES web_chat_conversations (client_id) ON DELETE CASCADE,
  place               integer NOT NULL,
  activity            jsonb NOT NULL,
  bytes               integer NOT NULL,
  client_activity_id  text,
  at                  timestamptz NOT NULL,
  PRIMARY KEY (client_id, place)
);
-- A page's retry is found by its own id.
CREATE INDEX web_chat_activities_retry ON web_chat_activities (client_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
-- Retention removes by time.
CREATE INDEX web_chat_activities_at ON web_chat_activities (at);

-- botbuilder Storage: dialog and conversation state by key, with its eTag.
CREATE TABLE bot_state (
  key   text PRIMARY KEY,
  etag  text NOT NULL,
  item  jsonb NOT NULL
);
