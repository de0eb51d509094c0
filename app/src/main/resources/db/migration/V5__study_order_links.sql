-- Set validation for reports (command side): which order each study belongs to. Written by a
-- subscribing event processor in the transaction of the linking event.
CREATE TABLE study_order_link (
    study_instance_uid VARCHAR(64)  NOT NULL PRIMARY KEY,
    order_id           VARCHAR(255) NOT NULL
);
