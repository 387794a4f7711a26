// netkart schema: constraints and indexes, applied idempotently by `netkart db init`.
// Graph model: docs/schema.md. Every statement is IF NOT EXISTS, so running the file
// again changes nothing. Composite uniqueness constraints are available in Community.

CREATE CONSTRAINT municipality_name IF NOT EXISTS
FOR (m:Municipality) REQUIRE m.name IS UNIQUE;

CREATE CONSTRAINT survey_round_key IF NOT EXISTS
FOR (r:SurveyRound) REQUIRE (r.municipality, r.label) IS UNIQUE;

CREATE CONSTRAINT person_key IF NOT EXISTS
FOR (p:Person) REQUIRE (p.municipality, p.person_id) IS UNIQUE;

CREATE CONSTRAINT function_key IF NOT EXISTS
FOR (f:Function) REQUIRE f.key IS UNIQUE;

CREATE CONSTRAINT political_body_key IF NOT EXISTS
FOR (b:PoliticalBody) REQUIRE (b.municipality, b.key) IS UNIQUE;

CREATE INDEX municipality_alias IF NOT EXISTS
FOR (m:Municipality) ON (m.alias);

CREATE INDEX person_municipality IF NOT EXISTS
FOR (p:Person) ON (p.municipality);

CREATE INDEX daily_round IF NOT EXISTS
FOR ()-[t:DAILY]-() ON (t.round);

CREATE INDEX weekly_round IF NOT EXISTS
FOR ()-[t:WEEKLY]-() ON (t.round);

CREATE INDEX monthly_round IF NOT EXISTS
FOR ()-[t:MONTHLY]-() ON (t.round);

CREATE INDEX less_often_round IF NOT EXISTS
FOR ()-[t:LESS_OFTEN]-() ON (t.round);

CREATE INDEX covers_round IF NOT EXISTS
FOR ()-[c:COVERS]-() ON (c.round);

CREATE INDEX political_contact_round IF NOT EXISTS
FOR ()-[c:POLITICAL_CONTACT]-() ON (c.round);
