// Package termcolor stops the terminal libraries from probing the terminal.
//
// Bubble Tea's init asks Lip Gloss whether the background is dark, which
// writes an OSC 11 query to the terminal and waits up to five seconds for
// the answer. A terminal that does not answer (script(1), some CI
// consoles, serial lines) then stalls every archgen command, even
// `archgen version`, and shows the query as garbage. This package is
// initialised before Bubble Tea (Go initialises ready packages in import
// path order, and github.com/archgen sorts before github.com/charmbracelet)
// and settles the answer without asking: from COLORFGBG when the terminal
// sets it, dark otherwise.
package termcolor

import (
	"os"

	"github.com/charmbracelet/lipgloss"
)

func init() {
	lipgloss.SetHasDarkBackground(DarkBackground(os.Getenv("COLORFGBG")))
}

// DarkBackground reads COLORFGBG ("fg;bg", as rxvt and others set it):
// background colours 7 and 15 are light, any other is dark, and an absent
// or unreadable value counts as dark.
func DarkBackground(colorfgbg string) bool {
	bg := colorfgbg
	for i := len(colorfgbg) - 1; i >= 0; i-- {
		if colorfgbg[i] == ';' {
			bg = colorfgbg[i+1:]
			break
		}
	}
	return bg != "7" && bg != "15"
}
