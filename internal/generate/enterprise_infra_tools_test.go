package generate

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tools TestEnterpriseInfraTools runs, each pinned. kustomize v5.8.3
// needs a newer Go than the one archgen is built with; OpenTofu's module
// has a replace directive, so "go install ...@version" refuses it and it
// is built inside its downloaded module instead.
const (
	kustomizeVersion          = "v5.8.2"
	tofuVersion               = "v1.12.6"
	tflintVersion             = "v0.64.0"
	kubernetesValidateVersion = "1.37.0"
	// composeGoVersion is the Go module whose compose-spec.json (the
	// Compose Specification's JSON Schema, which Docker Compose itself
	// validates with) checks docker-compose.yml.
	composeGoVersion = "v2.16.2"
	// kubernetesVersion is the Kubernetes release the manifests are
	// validated against (kubernetes-validate ships schemas 1.25 to 1.37);
	// the Terraform modules create EKS clusters of this minor by default.
	kubernetesVersion = "1.33.0"
)

// infraCheckEnv turns TestEnterpriseInfraTools on.
const infraCheckEnv = "ARCHGEN_INFRA_CHECK"

// TestEnterpriseInfraTools renders the platform, builds both Kubernetes
// overlays with kustomize, validates what it built against the Kubernetes
// schemas with kubernetes-validate in strict mode (unknown fields are
// errors) and holds it to checkKubernetes, validates docker-compose.yml
// against the Compose Specification's schema, then checks the Terraform
// with OpenTofu ("tofu fmt -check" parses every file and fails on one
// that is not formatted) and tflint (its bundled terraform rules). "tofu validate" is not run: it needs the AWS provider's
// schema, which "tofu init" downloads from the Terraform registry, and the
// test runs without it. The tools are built or installed once into the
// user's cache directory. It needs the Go module proxy and PyPI, so it
// runs only with ARCHGEN_INFRA_CHECK=1.
func TestEnterpriseInfraTools(t *testing.T) {
	if os.Getenv(infraCheckEnv) != "1" {
		t.Skipf("set %s=1 to build the Kubernetes overlays with kustomize, validate them with kubernetes-validate and check the Terraform with OpenTofu (needs the Go module proxy and PyPI)", infraCheckEnv)
	}
	kustomize := timed(t, "kustomize "+kustomizeVersion+" ready", func() string {
		return goInstalled(t, "sigs.k8s.io/kustomize/kustomize/v5", kustomizeVersion)
	})
	validate := timed(t, "kubernetes-validate "+kubernetesValidateVersion+" ready", func() string { return kubernetesValidateTool(t) })
	tofu := timed(t, "tofu "+tofuVersion+" ready", func() string { return tofuTool(t) })
	tflint := timed(t, "tflint "+tflintVersion+" ready", func() string { return goInstalled(t, "github.com/terraform-linters/tflint", tflintVersion) })
	composeSchema := timed(t, "compose-spec.json of compose-go "+composeGoVersion+" ready", func() string { return composeSchemaFile(t) })
	python := filepath.Join(filepath.Dir(validate), "python")

	for _, name := range platformNames {
		t.Run(name, func(t *testing.T) {
			tm, ok := loadCatalog(t).Get(enterpriseID)
			require.True(t, ok)
			dir := writeProject(t, generateDefault(t, tm, name, ""))
			timed(t, "docker-compose.yml against the Compose Specification", func() string {
				script := filepath.Join(t.TempDir(), "compose_schema.py")
				require.NoError(t, os.WriteFile(script, []byte(composeSchemaScript), 0o644))
				return run(t, dir, python, script, composeSchema, filepath.Join("infrastructure", "docker-compose.yml"))
			})
			for _, overlay := range []string{"dev", "prod"} {
				t.Run(overlay, func(t *testing.T) {
					out := filepath.Join(t.TempDir(), overlay+".yaml")
					built := timed(t, "kustomize build overlays/"+overlay, func() string {
						return run(t, dir, kustomize, "build", filepath.Join("infrastructure", "kubernetes", "overlays", overlay))
					})
					require.NoError(t, os.WriteFile(out, []byte(built), 0o644))
					docs := parseDocs(t, overlay, []byte(built))
					t.Logf("overlays/%s: %d resources (%s)", overlay, len(docs), kindsOf(docs))
					checkKubernetes(t, docs)
					checkNamespaced(t, docs)
					timed(t, "kubernetes-validate --strict "+overlay, func() string {
						return run(t, dir, validate, "--strict", "--quiet", "--kubernetes-version", kubernetesVersion, out)
					})
				})
			}
			timed(t, "tofu fmt -check -recursive", func() string {
				// No CLI configuration: the user's own would only add warnings.
				return runEnv(t, filepath.Join(dir, "infrastructure", "terraform"), []string{"TF_CLI_CONFIG_FILE=" + os.DevNull}, time.Minute,
					tofu, "fmt", "-check", "-recursive", "-diff")
			})
			timed(t, "tflint --recursive (its terraform rules, preset all)", func() string {
				config := filepath.Join(t.TempDir(), "tflint.hcl")
				require.NoError(t, os.WriteFile(config, []byte(tflintConfig), 0o644))
				return run(t, filepath.Join(dir, "infrastructure", "terraform"), tflint, "--recursive", "--config="+config, "--format=compact")
			})
			t.Log("not validated: tofu validate and plan (they need the AWS provider from the Terraform registry)")
		})
	}
}

// checkNamespaced: kustomize put every resource but the Namespace into
// the overlay's one namespace, and every reference to the generated
// ConfigMap carries its hash.
func checkNamespaced(t *testing.T, docs []map[string]any) {
	t.Helper()
	var ns string
	for _, d := range docs {
		if d["kind"] == "Namespace" {
			ns, _ = dig(d, "metadata", "name").(string)
		}
	}
	require.NotEmpty(t, ns, "no Namespace")
	for _, d := range docs {
		if d["kind"] != "Namespace" {
			assert.Equal(t, ns, dig(d, "metadata", "namespace"), "%s %s", d["kind"], dig(d, "metadata", "name"))
		}
		raw, err := json.Marshal(d)
		require.NoError(t, err)
		assert.NotContains(t, string(raw), `"name":"backing-services"`, "a reference to backing-services lacks kustomize's hash")
	}
}

// timed runs step and logs how long it took.
func timed(t *testing.T, what string, step func() string) string {
	t.Helper()
	start := time.Now()
	out := step()
	t.Logf("%s: %s", what, time.Since(start).Round(time.Millisecond))
	return out
}

// composeSchemaScript validates a YAML file (merge keys resolved, as
// Compose does) against a JSON Schema of draft 2020-12, printing every
// error with its path; the virtual environment of kubernetes-validate has
// PyYAML and jsonschema.
const composeSchemaScript = `import json, sys
import jsonschema, yaml

schema = json.load(open(sys.argv[1]))
with open(sys.argv[2]) as f:
    doc = yaml.safe_load(f)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
for e in errors:
    print("/".join(map(str, e.absolute_path)) + ": " + e.message, file=sys.stderr)
sys.exit(1 if errors else 0)
`

// composeSchemaFile returns the Compose Specification's schema from the
// compose-go module (downloaded once into the module cache).
func composeSchemaFile(t *testing.T) string {
	t.Helper()
	mod := "github.com/compose-spec/compose-go/v2@" + composeGoVersion
	out := runEnv(t, t.TempDir(), goEnv, 5*time.Minute, "go", "mod", "download", "-json", mod)
	var dl struct{ Dir, Error string }
	require.NoError(t, json.Unmarshal([]byte(out), &dl), out)
	require.Empty(t, dl.Error, mod)
	schema := filepath.Join(dl.Dir, "schema", "compose-spec.json")
	require.True(t, exists(t, schema), "%s has no schema/compose-spec.json", mod)
	return schema
}

// run runs a program in dir with a bounded time and returns its standard
// output; a failure reports both outputs.
func run(t *testing.T, dir, prog string, args ...string) string {
	t.Helper()
	return runEnv(t, dir, nil, 2*time.Minute, prog, args...)
}

func runEnv(t *testing.T, dir string, env []string, limit time.Duration, prog string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "%s %s (in %s):\n%s%s", prog, strings.Join(args, " "), dir, out, stderr.String())
	return string(out)
}

// toolsDir is where the tools are kept between runs.
func toolsDir(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	require.NoError(t, err)
	return filepath.Join(cache, "archgen-test")
}

// exists reports whether a file is there.
func exists(t *testing.T, p string) bool {
	t.Helper()
	_, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	require.NoError(t, err)
	return true
}

// goEnv runs the go command outside any module or workspace, with the
// toolchain installed here.
var goEnv = []string{"GOWORK=off", "GOTOOLCHAIN=local"}

// tflintConfig turns on every rule of tflint's bundled terraform ruleset
// (documented and typed variables and outputs, no unused declarations,
// pinned providers and version, the standard module structure, naming)
// and follows the local module calls. The AWS ruleset is a plugin tflint
// downloads from GitHub, so it is not used.
const tflintConfig = `config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "all"
}
`

var majorSuffix = regexp.MustCompile(`^v[0-9]+$`)

// goInstalled installs the command pkg of a Go module at version into the
// tools directory once and returns its path.
func goInstalled(t *testing.T, pkg, version string) string {
	t.Helper()
	// The command is named after the package's last element, or the one
	// before a major version suffix (.../kustomize/v5 is kustomize).
	elems := strings.Split(pkg, "/")
	name := elems[len(elems)-1]
	if majorSuffix.MatchString(name) {
		name = elems[len(elems)-2]
	}
	bin := filepath.Join(toolsDir(t), name, version)
	exe := filepath.Join(bin, name)
	if !exists(t, exe) {
		runEnv(t, t.TempDir(), append(goEnv, "GOBIN="+bin), 15*time.Minute, "go", "install", pkg+"@"+version)
	}
	return exe
}

func tofuTool(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(toolsDir(t), "tofu", tofuVersion, "tofu")
	if exists(t, exe) {
		return exe
	}
	mod := "github.com/opentofu/opentofu@" + tofuVersion
	out := runEnv(t, t.TempDir(), goEnv, 5*time.Minute, "go", "mod", "download", "-json", mod)
	var dl struct{ Dir, Error string }
	require.NoError(t, json.Unmarshal([]byte(out), &dl), out)
	require.Empty(t, dl.Error, mod)
	// Built where it was downloaded, as its own main module (with its
	// replace directive); -o writes outside the read-only module cache.
	runEnv(t, dl.Dir, goEnv, 30*time.Minute, "go", "build", "-o", exe, "./cmd/tofu")
	return exe
}

func kubernetesValidateTool(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(toolsDir(t), "kubernetes-validate", kubernetesValidateVersion)
	exe := filepath.Join(dir, "bin", "kubernetes-validate")
	done := filepath.Join(dir, ".installed")
	if exists(t, done) {
		return exe
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatalf("python3 is not installed; kubernetes-validate needs it (%s=1 asks for this check)", infraCheckEnv)
	}
	// A venv records its own path, so it is made where it stays; one left
	// half made is made again.
	require.NoError(t, os.RemoveAll(dir))
	runEnv(t, t.TempDir(), nil, 2*time.Minute, "python3", "-m", "venv", dir)
	runEnv(t, t.TempDir(), nil, 10*time.Minute, filepath.Join(dir, "bin", "pip"), "install",
		"--disable-pip-version-check", "-q", "kubernetes-validate=="+kubernetesValidateVersion)
	require.NoError(t, os.WriteFile(done, nil, 0o644))
	return exe
}
