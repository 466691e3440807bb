package cmdutil

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Output formats of --output.
const (
	OutputText = "text"
	OutputJSON = "json"
	OutputTSV  = "tsv"
)

// CheckOutput validates an --output value against the formats a command has.
func CheckOutput(value string, allowed ...string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return Usagef("--output %q is not supported; use one of %s", value, strings.Join(allowed, ", "))
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
