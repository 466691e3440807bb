"""What every layer may use: settings, logging, the clock and domain errors."""
