package cmdutil

import (
	"io/fs"
	"os"
	"path/filepath"
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
			return catalog.Load(TemplateRoots(os.Getenv(TemplatePathEnv))...)
		}),
	}
}

// TemplatePathEnv names directories of templates to add to the embedded
// catalog, separated like PATH: a template author's work in progress.
const TemplatePathEnv = "ARCHGEN_TEMPLATE_PATH"

// TemplateRoots returns the embedded templates and then each directory of
// list (a PATH-like list, empty entries ignored).
func TemplateRoots(list string) []fs.FS {
	roots := []fs.FS{templates.FS()}
	for _, dir := range filepath.SplitList(list) {
		if dir != "" {
			roots = append(roots, os.DirFS(dir))
		}
	}
	return roots
}
