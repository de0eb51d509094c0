-- Requested Procedure ID / Scheduled Procedure Step ID numbers (command side).
CREATE SEQUENCE procedure_id_seq;
