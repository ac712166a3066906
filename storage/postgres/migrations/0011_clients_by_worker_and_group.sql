-- Clients found by their link worker (a caseload) and by a group they are linked to (a group's
-- details changed), through indexes rather than by reading every client.
CREATE INDEX clients_link_worker ON clients ((record ->> 'linkWorkerId'));
CREATE INDEX clients_groups ON clients USING gin ((record -> 'groups') jsonb_path_ops);
