-- +goose Up
CREATE TABLE payments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     bigint NOT NULL UNIQUE CHECK (order_id > 0),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    status       text NOT NULL CHECK (status IN ('completed', 'refused')),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE payments;
