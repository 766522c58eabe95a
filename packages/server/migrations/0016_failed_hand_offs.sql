-- Failed hand-offs listed for administrators (GET /v1/hand-offs/failed): the dead rows of the
-- queue and of the outbox, most recent first, without scanning the delivered ones.
CREATE INDEX queue_dead ON queue (finished_at) WHERE state = 'dead';
CREATE INDEX outbox_dead ON outbox (finished_at) WHERE state = 'dead';
