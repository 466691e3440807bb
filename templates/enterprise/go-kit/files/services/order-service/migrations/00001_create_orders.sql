-- +goose Up
CREATE TABLE orders (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint NOT NULL CHECK (user_id > 0),
    product_id      bigint NOT NULL CHECK (product_id > 0),
    quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    total_cents     bigint NOT NULL CHECK (total_cents >= 0),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed')),
    idempotency_key text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE orders;
