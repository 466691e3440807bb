-- Runs once, when the PostgreSQL container starts on an empty data
-- directory: one role and one database per service, named after the
-- service (user, product, order, payment: the names and passwords of each
-- service's default DATABASE_URL, so "make migrate" and "make run" on the
-- host find them too), so that no service can read another's tables.
-- "user" and "order" are SQL keywords, hence the quotes. The passwords are
-- for the local stack only.
CREATE ROLE "user" LOGIN PASSWORD 'user';
CREATE DATABASE "user" OWNER "user";

CREATE ROLE product LOGIN PASSWORD 'product';
CREATE DATABASE product OWNER product;

CREATE ROLE "order" LOGIN PASSWORD 'order';
CREATE DATABASE "order" OWNER "order";

CREATE ROLE payment LOGIN PASSWORD 'payment';
CREATE DATABASE payment OWNER payment;

-- Only each owner (and the administrator) may connect to its database.
REVOKE CONNECT ON DATABASE "user", product, "order", payment FROM PUBLIC;
