"""What every app shares: the DRF pieces that give the contract's shapes
(parser, serializer fields, pagination, permissions, exception handler), the
middleware, the operational views and the clock. Imports no app."""
