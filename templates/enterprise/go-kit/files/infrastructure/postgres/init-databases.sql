-- Runs once, when the PostgreSQL container starts on an empty data
-- directory: one role and one database per service, so that no service can
-- read another's tables. The passwords are for the local stack only.
CREATE ROLE user_service LOGIN PASSWORD 'user_service';
CREATE DATABASE user_service OWNER user_service;

CREATE ROLE product_service LOGIN PASSWORD 'product_service';
CREATE DATABASE product_service OWNER product_service;

CREATE ROLE order_service LOGIN PASSWORD 'order_service';
CREATE DATABASE order_service OWNER order_service;

CREATE ROLE payment_service LOGIN PASSWORD 'payment_service';
CREATE DATABASE payment_service OWNER payment_service;

-- Only each owner may connect to its database.
REVOKE CONNECT ON DATABASE user_service, product_service, order_service, payment_service FROM PUBLIC;
