package generate

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

type composeFile struct {
	Name     string                    `yaml:"name"`
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image string `yaml:"image"`
	Build *struct {
		Context            string            `yaml:"context"`
		Dockerfile         string            `yaml:"dockerfile"`
		AdditionalContexts map[string]string `yaml:"additional_contexts"`
	} `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Expose      []string          `yaml:"expose"`
	Volumes     []string          `yaml:"volumes"`
	Healthcheck *struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	DependsOn map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Restart string `yaml:"restart"`
}

func parseCompose(t *testing.T, files map[string]render.File) composeFile {
	t.Helper()
	f, ok := files["infrastructure/docker-compose.yml"]
	require.True(t, ok, "the platform has no infrastructure/docker-compose.yml")
	var c composeFile
	require.NoError(t, yaml.Unmarshal(f.Content, &c), "docker-compose.yml")
	return c
}

// TestEnterpriseCompose parses infrastructure/docker-compose.yml of the
// platform rendered under several names and checks it against the
// contract: every process with its ports and environment, built from its
// module's Dockerfile with the repository root as context, migrated by a
// one-shot container first, health-checked, started after what it needs;
// one PostgreSQL with a database per service, etcd, Redis, NATS with
// JetStream, an OpenTelemetry collector exporting to Jaeger; every image
// tag pinned.
//
// In the polyrepo layout the same checks run on the files where the
// layout put them, and each program is built from its own repository with
// shared-lib as a named build context.
func TestEnterpriseCompose(t *testing.T) {
	for _, layout := range []string{"monorepo", "polyrepo"} {
		for _, name := range platformNames {
			t.Run(layout+"/"+name, func(t *testing.T) {
				files, place := renderEnterpriseLayout(t, name, layout)
				checkCompose(t, files, place, name)
			})
		}
	}
}

func checkCompose(t *testing.T, files map[string]render.File, place func(string) string, name string) {
	t.Helper()
	c := parseCompose(t, files)
	assert.Equal(t, name, c.Name)
	checkComposeBacking(t, files, c)
	for _, p := range platformProcesses {
		t.Run(p.name, func(t *testing.T) { checkComposeProcess(t, files, place, c, name, p) })
	}
	for svc, s := range c.Services {
		checkComposeImage(t, svc, s.Image)
		for _, p := range s.Ports {
			assert.True(t, strings.HasPrefix(p, "127.0.0.1:"), "%s publishes %s beyond the host's loopback", svc, p)
		}
		for dep, d := range s.DependsOn {
			require.Contains(t, c.Services, dep, "%s depends on %s, which compose does not define", svc, dep)
			switch d.Condition {
			case "service_healthy":
				assert.NotNil(t, c.Services[dep].Healthcheck, "%s waits for %s to be healthy, which has no healthcheck", svc, dep)
			case "service_completed_successfully", "service_started":
			default:
				t.Errorf("%s depends on %s with condition %q", svc, dep, d.Condition)
			}
		}
	}
}

// checkComposeImage holds an image to a pinned tag: never latest, never
// none.
func checkComposeImage(t *testing.T, svc, image string) {
	t.Helper()
	require.NotEmpty(t, image, "%s has no image", svc)
	i := strings.LastIndex(image, ":")
	if !assert.Greater(t, i, strings.LastIndex(image, "/"), "%s's image %s has no tag", svc, image) {
		return
	}
	assert.NotEqual(t, "latest", image[i+1:], "%s's image is not pinned", svc)
}

func checkComposeProcess(t *testing.T, files map[string]render.File, place func(string) string, c composeFile, name string, p platformProcess) {
	s, ok := c.Services[p.name]
	require.True(t, ok, "docker-compose.yml has no service %s", p.name)
	checkComposeBuild(t, files, place, p, s)
	assert.Equal(t, name+"-"+p.name+":dev", s.Image)

	env := s.Environment
	assert.Equal(t, "0.0.0.0", env["HOST"], "%s must listen on every interface of its container", p.name)
	assert.Equal(t, "etcd:2379", env["ETCD_ENDPOINTS"])
	assert.Equal(t, "http://otel-collector:4318", env["OTEL_EXPORTER_OTLP_ENDPOINT"])
	assert.Equal(t, "http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"])
	assert.Equal(t, p.name, env["OTEL_SERVICE_NAME"])
	assert.NotContains(t, env, "ETCD_PREFIX", "keys live under /<platform>/ in compose")
	assert.Equal(t, p.redis, env["REDIS_URL"] != "", "REDIS_URL is product-service's only")
	if p.redis {
		assert.Equal(t, "redis://redis:6379/0", env["REDIS_URL"])
	}
	assert.Equal(t, p.nats, env["NATS_URL"] != "", "NATS_URL is for the services that publish or consume events")
	if p.nats {
		assert.Equal(t, "nats://nats:4222", env["NATS_URL"])
	}

	health := []string{"/usr/local/bin/" + p.name, "healthcheck"}
	require.NotNil(t, s.Healthcheck, "%s has no healthcheck", p.name)
	assert.Equal(t, append([]string{"CMD"}, health...), s.Healthcheck.Test)
	checkEntrypoint(t, files, p, health[0])

	want := map[string]string{"otel-collector": "service_started"}
	for _, dep := range p.dependsOn {
		want[dep] = "service_healthy"
	}
	if p.grpc == 0 {
		checkComposeGateway(t, env, s)
		for _, q := range platformProcesses[1:] {
			want[q.name] = "service_healthy"
		}
	} else {
		assert.Equal(t, p.name, env["ADVERTISE_HOST"], "%s registers the name other containers reach it at", p.name)
		assert.Equal(t, fmt.Sprint(p.grpc), env["GRPC_PORT"])
		assert.Equal(t, fmt.Sprint(p.http), env["HTTP_PORT"])
		assert.ElementsMatch(t, []string{fmt.Sprint(p.grpc), fmt.Sprint(p.http)}, s.Expose)
		assert.Empty(t, s.Ports, "only the gateway is published")
		assert.Equal(t, ownDatabase(t, p.database), env["DATABASE_URL"])
		checkDefaultDatabase(t, files, p, env["DATABASE_URL"])
		want[p.name+"-migrate"] = "service_completed_successfully"
		checkComposeMigrate(t, files, place, c, p, s)
	}
	got := map[string]string{}
	for dep, d := range s.DependsOn {
		got[dep] = d.Condition
	}
	assert.Equal(t, want, got, "%s's depends_on", p.name)
}

// ownDatabase is the URL of a service's own database in compose: its own
// role and database, created by the init script.
func ownDatabase(t *testing.T, db string) string {
	t.Helper()
	require.NotEmpty(t, db)
	return "postgres://" + db + ":" + db + "@postgres:5432/" + db + "?sslmode=disable"
}

// defaultDatabaseRe finds the database URL a service's main uses when
// DATABASE_URL is unset.
var defaultDatabaseRe = regexp.MustCompile(`DatabaseURL:\s+"([^"]+)"`)

// checkDefaultDatabase: compose's database for a service is the one its
// code defaults to, on the compose network instead of 127.0.0.1, so that
// the processes run from the host (make migrate, make run) find theirs in
// compose's PostgreSQL too.
func checkDefaultDatabase(t *testing.T, files map[string]render.File, p platformProcess, composeURL string) {
	t.Helper()
	main, ok := files[p.dir+"/cmd/"+p.name+"/main.go"]
	if !assert.True(t, ok, "the platform has no %s/cmd/%s/main.go", p.dir, p.name) {
		return
	}
	m := defaultDatabaseRe.FindSubmatch(main.Content)
	if assert.NotNil(t, m, "%s's main names no default DatabaseURL", p.name) {
		assert.Equal(t, strings.Replace(string(m[1]), "@127.0.0.1:", "@postgres:", 1), composeURL,
			"%s's DATABASE_URL in compose and its default differ but in the host", p.name)
	}
}

func checkComposeGateway(t *testing.T, env map[string]string, s composeService) {
	t.Helper()
	assert.Equal(t, "8080", env["PORT"])
	assert.Equal(t, []string{"127.0.0.1:8080:8080"}, s.Ports, "the gateway is published on the host's loopback")
	assert.NotContains(t, env, "DATABASE_URL", "the gateway stores nothing")
}

func checkComposeBuild(t *testing.T, files map[string]render.File, place func(string) string, p platformProcess, s composeService) {
	t.Helper()
	if !assert.NotNil(t, s.Build, "%s is not built", p.name) {
		return
	}
	if place("shared") == "shared" { // one repository
		assert.Equal(t, "..", s.Build.Context, "%s is built from the repository root, so its go.mod's replace directives reach shared/", p.name)
		assert.Equal(t, p.dir+"/Dockerfile", s.Build.Dockerfile)
	} else {
		// The compose file is in platform-infra/, beside the repositories.
		assert.Equal(t, "../"+place(p.dir), s.Build.Context, "%s is built from its own repository", p.name)
		assert.Empty(t, s.Build.Dockerfile, "%s's Dockerfile is its repository's own", p.name)
		assert.Equal(t, map[string]string{"shared-lib": "../" + place("shared")}, s.Build.AdditionalContexts,
			"%s's go.mod replace reaches shared-lib through a named context", p.name)
		assert.Contains(t, string(files[p.dir+"/Dockerfile"].Content), "COPY --from=shared-lib ", "%s/Dockerfile takes shared-lib from the named context", p.name)
	}
	_, ok := files[p.dir+"/Dockerfile"]
	assert.True(t, ok, "the platform has no %s/Dockerfile", p.dir)
}

// entrypointRe finds the exec form of a Dockerfile's ENTRYPOINT.
var entrypointRe = regexp.MustCompile(`(?m)^ENTRYPOINT\s+\["([^"]+)"`)

// checkEntrypoint: the binary compose's healthcheck and migrate run is
// the image's entrypoint, so the two cannot drift apart.
func checkEntrypoint(t *testing.T, files map[string]render.File, p platformProcess, binary string) {
	t.Helper()
	f, ok := files[p.dir+"/Dockerfile"]
	if !ok {
		return // reported by checkComposeBuild
	}
	m := entrypointRe.FindSubmatch(f.Content)
	if assert.NotNil(t, m, "%s/Dockerfile has no ENTRYPOINT in exec form", p.dir) {
		assert.Equal(t, binary, string(m[1]), "%s/Dockerfile's entrypoint", p.dir)
	}
}

func checkComposeMigrate(t *testing.T, files map[string]render.File, place func(string) string, c composeFile, p platformProcess, s composeService) {
	t.Helper()
	m, ok := c.Services[p.name+"-migrate"]
	require.True(t, ok, "docker-compose.yml has no one-shot %s-migrate", p.name)
	checkComposeBuild(t, files, place, p, m)
	assert.Equal(t, s.Image, m.Image, "%s-migrate runs the service's own image", p.name)
	assert.Equal(t, []string{"migrate"}, m.Command)
	assert.Equal(t, "no", m.Restart, "%s-migrate runs once", p.name)
	assert.Equal(t, s.Environment["DATABASE_URL"], m.Environment["DATABASE_URL"])
	assert.Equal(t, "service_healthy", m.DependsOn["postgres"].Condition)
}

func checkComposeBacking(t *testing.T, files map[string]render.File, c composeFile) {
	t.Helper()
	for _, svc := range []string{"postgres", "etcd", "redis", "nats", "otel-collector", "jaeger"} {
		require.Contains(t, c.Services, svc, "docker-compose.yml has no %s", svc)
		assert.Nil(t, c.Services[svc].Build, "%s is a released image", svc)
	}

	pg := c.Services["postgres"]
	assert.True(t, strings.HasPrefix(pg.Image, "postgres:"), pg.Image)
	assert.Contains(t, strings.Join(pg.Healthcheck.Test, " "), "pg_isready")
	init := mountedFile(t, files, pg.Volumes, "/docker-entrypoint-initdb.d/")
	for _, p := range platformProcesses[1:] {
		ident := `"?` + regexp.QuoteMeta(p.database) + `"?`
		assert.Regexp(t, `(?m)^CREATE DATABASE `+ident+` OWNER `+ident+`;$`, init, "the init script creates %s's database", p.name)
		u, err := url.Parse(c.Services[p.name].Environment["DATABASE_URL"])
		if assert.NoError(t, err) {
			password, _ := u.User.Password()
			assert.Regexp(t, `(?m)^CREATE ROLE "?`+regexp.QuoteMeta(u.User.Username())+`"? LOGIN PASSWORD '`+regexp.QuoteMeta(password)+`';$`, init, p.name)
		}
	}

	assert.Equal(t, []string{"CMD", "etcdctl", "--endpoints=http://127.0.0.1:2379", "endpoint", "health"}, c.Services["etcd"].Healthcheck.Test)
	assert.Contains(t, c.Services["etcd"].Command, "--advertise-client-urls=http://etcd:2379")
	assert.Equal(t, []string{"CMD", "redis-cli", "ping"}, c.Services["redis"].Healthcheck.Test)

	nats := c.Services["nats"]
	assert.Contains(t, nats.Command, "-js", "NATS runs JetStream")
	i := slices.Index(nats.Command, "-sd")
	if assert.True(t, i >= 0 && i+1 < len(nats.Command), "NATS has a JetStream store directory") {
		assert.True(t, slices.ContainsFunc(nats.Volumes, func(v string) bool { return strings.HasSuffix(v, ":"+nats.Command[i+1]) }),
			"JetStream's directory %s is a volume", nats.Command[i+1])
	}
	assert.Contains(t, strings.Join(nats.Healthcheck.Test, " "), "/healthz?js-enabled-only=true")

	for _, v := range append(append(pg.Volumes, c.Services["etcd"].Volumes...), nats.Volumes...) {
		if name, _, ok := strings.Cut(v, ":"); ok && !strings.HasPrefix(name, ".") {
			assert.Contains(t, c.Volumes, name, "volume %s is declared", name)
		}
	}

	col := c.Services["otel-collector"]
	config := mountedFile(t, files, col.Volumes, "/etc/otelcol/")
	var cfg struct {
		Exporters map[string]struct {
			Endpoint string `yaml:"endpoint"`
		} `yaml:"exporters"`
		Service struct {
			Pipelines map[string]struct {
				Receivers []string `yaml:"receivers"`
				Exporters []string `yaml:"exporters"`
			} `yaml:"pipelines"`
		} `yaml:"service"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(config), &cfg), "the collector's configuration")
	traces := cfg.Service.Pipelines["traces"]
	assert.Equal(t, []string{"otlp"}, traces.Receivers)
	if assert.Len(t, traces.Exporters, 1) {
		exp := traces.Exporters[0]
		assert.True(t, exp == "otlp" || strings.HasPrefix(exp, "otlp/"), "the collector exports over OTLP, not %s", exp)
		assert.Equal(t, "jaeger:4317", cfg.Exporters[exp].Endpoint, "the collector exports to Jaeger")
	}
	assert.True(t, strings.HasPrefix(c.Services["jaeger"].Image, "jaegertracing/all-in-one:"), c.Services["jaeger"].Image)
	assert.Equal(t, []string{"127.0.0.1:16686:16686"}, c.Services["jaeger"].Ports, "Jaeger's UI on the host's loopback")
	// The processes run from the host (make run) reach the backing
	// services at their usual ports.
	for svc, ports := range map[string][]string{
		"postgres": {"5432"}, "etcd": {"2379"}, "redis": {"6379"}, "nats": {"4222"}, "otel-collector": {"4317", "4318"},
	} {
		var want []string
		for _, p := range ports {
			want = append(want, "127.0.0.1:"+p+":"+p)
		}
		assert.Equal(t, want, c.Services[svc].Ports, "%s is published on the host's loopback", svc)
	}
}

// mountedFile returns the rendered file a compose service mounts (a bind
// mount from infrastructure/) into a directory of its container.
func mountedFile(t *testing.T, files map[string]render.File, volumes []string, into string) string {
	t.Helper()
	for _, v := range volumes {
		src, dst, ok := strings.Cut(v, ":")
		if !ok || !strings.HasPrefix(dst, into) || !strings.HasPrefix(src, "./") {
			continue
		}
		f, ok := files[path.Join("infrastructure", src)]
		require.True(t, ok, "compose mounts %s, which the platform does not have", src)
		return string(f.Content)
	}
	t.Fatalf("no file of infrastructure/ is mounted into %s", into)
	return ""
}
