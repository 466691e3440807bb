// Command archgen scaffolds backend projects at the architecture tier their
// business needs, in the language style their team uses.
package main

import (
	"os"

	"github.com/archgen/archgen/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
