package cmdutil

import (
	"sync"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/iostreams"
	"github.com/archgen/archgen/templates"
)

// Factory carries what commands depend on, so tests can replace any part.
type Factory struct {
	IO      *iostreams.IOStreams
	Version string
	// Catalog loads the template catalog (once).
	Catalog func() (*catalog.Catalog, error)
}

// NewFactory returns the factory of a real run, with the embedded catalog.
func NewFactory(io *iostreams.IOStreams, version string) *Factory {
	return &Factory{
		IO:      io,
		Version: version,
		Catalog: sync.OnceValues(func() (*catalog.Catalog, error) {
			return catalog.Load(templates.FS())
		}),
	}
}
