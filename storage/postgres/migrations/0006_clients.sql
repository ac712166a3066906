-- Enrolled clients (ClientRepository): one per phone.
CREATE TABLE clients (
  id      text PRIMARY KEY,
  phone   text NOT NULL UNIQUE,
  record  jsonb NOT NULL
);

-- What changes on most turns but is small: conversation references by channel.
CREATE TABLE client_profiles (
  client_id   text PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  references_ jsonb NOT NULL
);

-- A client's records by month (ClientHistoryRepository), as lowdb keeps them: a turn changes one
-- small document, whatever the length of the history.
CREATE TABLE client_months (
  client_id  text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  month      text NOT NULL,
  doc        jsonb NOT NULL,
  PRIMARY KEY (client_id, month)
);
-- Which month holds a check-in (an answer goes to the month its check-in started in).
CREATE TABLE client_check_ins (
  check_in_id  text PRIMARY KEY,
  client_id    text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  month        text NOT NULL
);
