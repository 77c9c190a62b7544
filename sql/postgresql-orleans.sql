-- =====================================================================================================
-- PersonalizedLine: PostgreSQL schema for the Orleans ADO.NET providers (grain state and reminders)
-- =====================================================================================================
--
-- What it is for
--   The distributed cluster profile keeps grain state (storage providers "jobs", "chunks" and
--   "research"; they share the one OrleansStorage table, keyed by grain type and id) and
--   reminders in PostgreSQL through Microsoft.Orleans.Persistence.AdoNet and
--   Microsoft.Orleans.Reminders.AdoNet 10.4.2 (Invariant "Npgsql"). Membership lives in Redis, so
--   there are no membership tables here.
--
--   The providers ship no schema. At start-up each one runs
--       SELECT QueryKey, QueryText FROM OrleansQuery
--   and afterwards only executes the SQL text found under its keys, binding named parameters
--   (@GrainIdHash, @ServiceId, ...) and reading result columns by name. This script therefore
--   creates:
--     * OrleansQuery            the named queries (4 storage keys, 7 reminder keys)
--     * OrleansStorage          one row per grain state, payload = the serializer's bytes
--                               (Orleans' default grain storage serializer writes JSON)
--     * OrleansRemindersTable   one row per reminder
--     * orleans_storage_write   the optimistic-concurrency write used by WriteToStorageKey
--
-- How to apply
--   scripts/db-schema postgres://user:password@host:5432/database     (creates the database if missing)
--   or: psql "<connection URL>" -X -v ON_ERROR_STOP=1 -f sql/postgresql-orleans.sql
--
-- Idempotent: tables and indexes use IF NOT EXISTS, the function is CREATE OR REPLACE and the queries
-- are upserted, so applying it again (for instance after editing a query here) only refreshes the
-- queries and the function and never touches stored rows. Running silos read OrleansQuery once at
-- start-up: restart them to pick up changed query text. Everything runs in one transaction, behind
-- an advisory lock so that two deployments applying it at the same moment do not collide.
--
-- Contract notes (what the 10.4.2 providers rely on; keep when editing)
--   * Parameter names are fixed by the providers; column names are matched case-insensitively.
--   * Storage versions are integers: the grain's ETag is the row's Version as text. A write or clear
--     that changes no row must answer with the caller's version (or NULL / no row), which the provider
--     turns into InconsistentStateException.
--   * Reminder Period is in milliseconds; the provider binds it as int4 (or int8 beyond ~24.8 days)
--     and reads it back with GetInt64, hence the bigint column and the ::bigint casts.
--   * Grain hashes are unsigned 32-bit values the provider binds as signed int4; the range queries
--     compare them as signed integers, exactly as the provider picks ReadRangeRows1Key/2Key.
-- =====================================================================================================

BEGIN;

-- Serialize concurrent runs (released at COMMIT); keep "already exists, skipping" notices quiet.
DO $lock$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('personalizedline.orleans-schema')); END $lock$;
SET LOCAL client_min_messages = warning;

-- -----------------------------------------------------------------------------------------------------
-- Named queries
-- -----------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'SQL text the Orleans ADO.NET providers execute, by key. Maintained by sql/postgresql-orleans.sql.';

-- -----------------------------------------------------------------------------------------------------
-- Grain state
-- -----------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512),
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer
);

COMMENT ON TABLE OrleansStorage IS
    'Orleans grain state (ADO.NET storage provider). PayloadBinary holds the serialized state (Orleans binary; JSON from earlier versions); deleted by a clear (the silos set DeleteStateOnClear).';

-- One row per grain and service. Two partial indexes because the key extension is nullable and a
-- NULL must count as a value here. They make the first INSERT of a state race-free (see
-- orleans_storage_write), but they cannot serve the reads and writes: those compare the extension
-- with IS NOT DISTINCT FROM, which implies neither partial index's predicate, so the planner scans
-- the whole table instead (11 ms per read at 200,000 states, and the research cache alone holds one
-- state per distinct company). OrleansStorage_Lookup, below, serves them.
CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString)
    WHERE GrainIdExtensionString IS NULL;

CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_GrainWithExtension
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
    WHERE GrainIdExtensionString IS NOT NULL;

-- Every read, write and delete filters on these columns by equality (and then on the extension): an
-- index scan of at most a few rows, whatever the table's size.
CREATE INDEX IF NOT EXISTS OrleansStorage_Lookup
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString);

-- Writes a grain state with optimistic concurrency and answers the new version.
--   expected version NULL  -> the grain has never seen a stored state: insert version 1, unless a row
--                             already exists (another activation got there first) -> answers NULL.
--   expected version N     -> update the row only if it is still at version N -> answers N + 1,
--                             otherwise answers N unchanged.
-- The provider reads NULL or an unchanged version as a conflict (InconsistentStateException).
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash          integer,
    p_grain_id_n0            bigint,
    p_grain_id_n1            bigint,
    p_grain_type_hash        integer,
    p_grain_type             varchar,
    p_grain_id_extension     varchar,
    p_service_id             varchar,
    p_expected_version       integer,
    p_payload                bytea)
RETURNS TABLE (NewGrainStateVersion integer)
LANGUAGE plpgsql
AS $body$
DECLARE
    written integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO OrleansStorage AS s
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_grain_id_extension,
             p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING s.Version INTO written;
    ELSE
        UPDATE OrleansStorage AS s
           SET PayloadBinary = p_payload,
               ModifiedOn    = now(),
               Version       = s.Version + 1
         WHERE s.GrainIdHash = p_grain_id_hash
           AND s.GrainTypeHash = p_grain_type_hash
           AND s.ServiceId = p_service_id
           AND s.GrainIdN0 = p_grain_id_n0
           AND s.GrainIdN1 = p_grain_id_n1
           AND s.GrainTypeString = p_grain_type
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
           AND s.Version = p_expected_version
        RETURNING s.Version INTO written;
    END IF;

    RETURN QUERY SELECT coalesce(written, p_expected_version);
END
$body$;

-- -----------------------------------------------------------------------------------------------------
-- Reminders
-- -----------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

COMMENT ON TABLE OrleansRemindersTable IS
    'Orleans reminders (ADO.NET reminder table). Period in milliseconds; GrainHash is the grain''s uniform hash as signed int.';

-- Each silo reads the reminders of its slice of the hash ring.
CREATE INDEX IF NOT EXISTS OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- -----------------------------------------------------------------------------------------------------
-- The queries, by key. Dollar-quoted; no comments inside the query text (it is sent verbatim).
-- -----------------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Storage: parameters GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
-- GrainIdExtensionString, ServiceId (+ GrainStateVersion, PayloadBinary). Answers NewGrainStateVersion.
('WriteToStorageKey', $q$
SELECT NewGrainStateVersion
  FROM orleans_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                             @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
$q$),

-- Reads PayloadBinary and Version; no row means "no state yet".
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version, ModifiedOn
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- ClearStateAsync with the provider's default (DeleteStateOnClear = false): keeps the row, drops the
-- payload and bumps the version. No row answered = version conflict. The silos set DeleteStateOnClear
-- (DeleteStorageKey below), so this one is read at start-up but not run.
('ClearStorageKey', $q$
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       ModifiedOn    = now(),
       Version       = Version + 1
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion
$q$),

-- ClearStateAsync with DeleteStateOnClear = true (how the silos register storage): removes the row. Answers the deleted version + 1 so
-- that the provider sees a version different from the caller's (the grain's ETag then becomes null).
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId = @ServiceId
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion
$q$),

-- Reminders: parameters ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, BeginHash,
-- EndHash, Version. Rows answer GrainId, ReminderName, StartTime, Period, Version.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = excluded.StartTime,
       Period    = excluded.Period,
       GrainHash = excluded.GrainHash,
       Version   = r.Version + 1
RETURNING r.Version AS Version
$q$),

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainId = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainId = @GrainId
   AND ReminderName = @ReminderName
$q$),

-- Range (BeginHash, EndHash] of the ring when it does not wrap around ...
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainHash > @BeginHash
   AND GrainHash <= @EndHash
$q$),

-- ... and when it does.
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$q$),

-- Deletes one reminder if it is still at the caller's version; answers true when it did.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName
       AND Version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM removed
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

COMMIT;
