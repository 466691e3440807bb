-- Runs on PostgreSQL and on H2 alike. Identifiers are quoted (Hibernate
-- quotes them too), so that they stay lower case on H2 as on PostgreSQL.
CREATE TABLE "users" (
    "id"         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "name"       VARCHAR(400)             NOT NULL,
    "email"      VARCHAR(254)             NOT NULL,
    -- The email in lower case (ASCII): unique, so that an address is taken
    -- once whatever its letter case.
    "email_key"  VARCHAR(254)             NOT NULL,
    "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
    "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT "users_email_key_unique" UNIQUE ("email_key")
);
