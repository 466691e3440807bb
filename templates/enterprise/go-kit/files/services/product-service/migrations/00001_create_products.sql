-- +goose Up
CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    price_cents bigint      NOT NULL CHECK (price_cents BETWEEN 0 AND 2147483647),
    stock       bigint      NOT NULL CHECK (stock BETWEEN 0 AND 2147483647),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One row per order that reserved stock: a retried ReserveStock with the
-- same order_key finds it and takes nothing more. price_cents and
-- stock_left are the first call's answer, given again to a retry.
CREATE TABLE stock_reservations (
    order_key   text PRIMARY KEY,
    product_id  bigint      NOT NULL,
    quantity    integer     NOT NULL CHECK (quantity > 0),
    price_cents bigint      NOT NULL,
    stock_left  bigint      NOT NULL,
    created_at  timestamptz NOT NULL
);

-- +goose Down
DROP TABLE stock_reservations;
DROP TABLE products;
