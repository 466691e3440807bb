package writer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archgen/archgen/internal/render"
)

// FuzzWriteInto writes a project into a directory that already holds
// files, some at the planned paths, under each policy, with the target
// given directly, through a symbolic link or as the current directory. What
// is not planned must stay byte for byte; what is planned must follow the
// policy; the directory itself must stay the same directory; a refused
// write must change nothing.
func FuzzWriteInto(f *testing.F) {
	f.Add("README.md|notes.txt|src/app/main.go", "old", uint8(0), uint8(0))
	f.Add("credentials.txt", "secret", uint8(1), uint8(1))
	f.Add("bin/run|README.md", "# demo\n", uint8(2), uint8(2))
	f.Add("", "", uint8(2), uint8(0))
	f.Fuzz(func(t *testing.T, existing, content string, policyN, viaN uint8) {
		base := t.TempDir()
		dir := filepath.Join(base, "target")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		before := map[string]string{}
		for p := range strings.SplitSeq(existing, "|") {
			p = filepath.Clean(strings.TrimSpace(p))
			if p == "." || !filepath.IsLocal(p) || strings.ContainsAny(p, "\x00:\\") || len(p) > 64 {
				continue
			}
			full := filepath.Join(dir, p)
			if os.MkdirAll(filepath.Dir(full), 0o755) != nil || os.WriteFile(full, []byte(content), 0o644) != nil {
				continue // a path that clashes with another; not a case
			}
			before[p] = content
		}
		before = snapshotFiles(t, dir)
		policy := []Policy{PolicyFail, PolicySkip, PolicyOverwrite}[int(policyN)%3]
		target := dir
		switch viaN % 3 {
		case 1:
			target = filepath.Join(base, "link")
			if err := os.Symlink(dir, target); err != nil {
				t.Fatal(err)
			}
		case 2:
			t.Chdir(dir)
			target = "."
		}
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		planned := files()
		p, err := Compare(target, planned, policy)
		if err != nil {
			// A planned path that is a directory in the target, say.
			assertSame(t, before, snapshotFiles(t, dir))
			return
		}
		err = p.Write(context.Background())
		after := snapshotFiles(t, dir)
		if err != nil {
			assertSame(t, before, after)
			return
		}
		again, statErr := os.Stat(dir)
		if statErr != nil || !os.SameFile(info, again) {
			t.Fatalf("the target directory was replaced")
		}
		want := map[string]render.File{}
		for _, f := range planned {
			want[filepath.FromSlash(f.Path)] = f
		}
		for path, old := range before {
			f, isPlanned := want[path]
			switch {
			case !isPlanned || policy == PolicySkip:
				if after[path] != old {
					t.Fatalf("%s changed from %q to %q; it was not archgen's to change", path, old, after[path])
				}
			default:
				if after[path] != string(f.Content) {
					t.Fatalf("%s holds %q, want %q", path, after[path], f.Content)
				}
			}
		}
		for path, f := range want {
			if _, existed := before[path]; !existed && after[path] != string(f.Content) {
				t.Fatalf("%s holds %q, want %q", path, after[path], f.Content)
			}
		}
		if islink, _ := os.Lstat(target); viaN%3 == 1 && islink.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced")
		}
	})
}

// snapshotFiles maps every regular file under dir to its content.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func assertSame(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("a refused write changed the files: before %v, after %v", before, after)
	}
	for k, v := range before {
		if after[k] != v {
			t.Fatalf("a refused write changed %s", k)
		}
	}
}
