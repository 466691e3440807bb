package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/cmdutil"
	"github.com/archgen/archgen/internal/iostreams"
)

func run(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	code := Run(context.Background(), cmdutil.NewFactory(ios, "dev"), args)
	require.Equal(t, 0, code, "archgen %v\n%s", args, errOut)
	return out.String(), errOut.String()
}

// snapshot reads a tree: every file's mode and bytes by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[rel] = info.Mode().String() + "\n" + string(b)
		return err
	}))
	return out
}

// TestReplayIsByteIdentical generates every template with non-default
// answers, then replays its .archgen.yaml into another directory with no
// terminal: the two trees must be identical, byte for byte and mode for mode.
func TestReplayIsByteIdentical(t *testing.T) {
	stdout, _ := run(t, "list", "--output", "tsv")
	var ids [][]string
	for _, line := range splitLines(stdout) {
		ids = append(ids, splitTabs(line))
	}
	require.NotEmpty(t, ids)
	for _, f := range ids {
		id, tier, lang, style := f[0], f[1], f[2], f[3]
		t.Run(id, func(t *testing.T) {
			base := t.TempDir()
			first, second := filepath.Join(base, "first"), filepath.Join(base, "second")
			args := []string{"new", "replay-me", "--tier", tier, "--lang", lang, "--style", style, "--set", "port=4321", "--dir", first, "--no-input",
				// The advisor's inputs replay into the decision record too.
				"--advice", "users=250000,team=3,lang=" + lang}
			// The embedded database of the template's language.
			db := "sqlite"
			if lang == "java" {
				db = "h2"
				if tier == "intermediate" {
					args = append(args, "--set", "java=17")
				}
			}
			if tier == "intermediate" {
				// A choice and a list answer replay too.
				args = append(args, "--db", db, "--modules", "invoices,order-items")
			}
			if tier == "enterprise" {
				// The other layout: its moved tree replays as well.
				args = append(args, "--set", "layout=polyrepo")
			}
			run(t, args...)
			run(t, "new", "--config", filepath.Join(first, ".archgen.yaml"), "--dir", second, "--no-input")
			a, b := snapshot(t, first), snapshot(t, second)
			assert.Equal(t, a, b)
			assert.Contains(t, a[".archgen.yaml"], "port: 4321")
			assert.Contains(t, a[".archgen.yaml"], "advice:\n  users: 250000\n  team: 3\n")
			if tier == "enterprise" {
				assert.Contains(t, a[".archgen.yaml"], "layout: polyrepo")
				assert.Contains(t, a, filepath.Join("shared-lib", "go.mod"))
			}
			if tier == "intermediate" {
				assert.Contains(t, a[".archgen.yaml"], "db: "+db)
				assert.Contains(t, a[".archgen.yaml"], "- order-items")
			}
		})
	}
}
