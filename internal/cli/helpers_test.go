package cli

import "strings"

func splitLines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
}

func splitTabs(s string) []string { return strings.Split(s, "\t") }
