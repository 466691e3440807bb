package generate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/render"
)

// enterpriseID is the platform template whose infrastructure these tests
// check.
const enterpriseID = "enterprise/go-kit"

// platformProcess is one process of the platform as the contract
// (docs/contracts/enterprise.md, "Topology") fixes it.
type platformProcess struct {
	name      string // compose service, Kubernetes Deployment and binary
	dir       string // the manifest's dir: the module with its Dockerfile
	grpc      int    // 0 for the gateway
	http      int
	database  string // its own database in compose; empty for the gateway
	redis     bool
	nats      bool
	dependsOn []string // backing services it waits for, healthy
}

var platformProcesses = []platformProcess{
	{name: "api-gateway", dir: "api-gateway", http: 8080, dependsOn: []string{"etcd"}},
	{name: "user-service", dir: "services/user-service", grpc: 9101, http: 8101, database: "user_service",
		dependsOn: []string{"postgres", "etcd"}},
	{name: "product-service", dir: "services/product-service", grpc: 9102, http: 8102, database: "product_service",
		redis: true, dependsOn: []string{"postgres", "etcd", "redis"}},
	{name: "order-service", dir: "services/order-service", grpc: 9103, http: 8103, database: "order_service",
		nats: true, dependsOn: []string{"postgres", "etcd", "nats"}},
	{name: "payment-service", dir: "services/payment-service", grpc: 9104, http: 8104, database: "payment_service",
		nats: true, dependsOn: []string{"postgres", "etcd", "nats"}},
}

// platformNames are project names whose spellings reach the
// infrastructure differently: plain, hyphenated, with an underscore (not
// allowed in a Kubernetes namespace) and as long as archgen allows.
var platformNames = []string{"shop", "big-platform", "my_shop", strings.Repeat("abcdefghij", 6) + "-xyz"}

func renderEnterprise(t *testing.T, name string) map[string]render.File {
	t.Helper()
	tm, ok := loadCatalog(t).Get(enterpriseID)
	require.True(t, ok, "the catalog has no %s", enterpriseID)
	byPath := map[string]render.File{}
	for _, f := range generateDefault(t, tm, name, "") {
		byPath[f.Path] = f
	}
	return byPath
}

// TestEnterpriseProcessesHaveInfrastructure: the processes of the
// manifest are exactly the platform's, so a process added to one and not
// to the infrastructure fails here.
func TestEnterpriseProcessesHaveInfrastructure(t *testing.T) {
	tm, ok := loadCatalog(t).Get(enterpriseID)
	require.True(t, ok)
	var dirs, want []string
	for _, p := range tm.ProcessList() {
		dirs = append(dirs, p.Dir)
	}
	for _, p := range platformProcesses {
		want = append(want, p.dir)
	}
	assert.ElementsMatch(t, want, dirs)
}

type composeFile struct {
	Name     string                    `yaml:"name"`
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image string `yaml:"image"`
	Build *struct {
		Context    string `yaml:"context"`
		Dockerfile string `yaml:"dockerfile"`
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
func TestEnterpriseCompose(t *testing.T) {
	for _, name := range platformNames {
		t.Run(name, func(t *testing.T) {
			files := renderEnterprise(t, name)
			c := parseCompose(t, files)
			assert.Equal(t, name, c.Name)
			checkComposeBacking(t, files, c)
			for _, p := range platformProcesses {
				t.Run(p.name, func(t *testing.T) { checkComposeProcess(t, files, c, name, p) })
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
		})
	}
}

// checkComposeImage holds an image to a pinned tag: never latest, never
// none.
func checkComposeImage(t *testing.T, svc, image string) {
	t.Helper()
	require.NotEmpty(t, image, "%s has no image", svc)
	i := strings.LastIndex(image, ":")
	if !assert.True(t, i > strings.LastIndex(image, "/"), "%s's image %s has no tag", svc, image) {
		return
	}
	assert.NotEqual(t, "latest", image[i+1:], "%s's image is not pinned", svc)
}

func checkComposeProcess(t *testing.T, files map[string]render.File, c composeFile, name string, p platformProcess) {
	s, ok := c.Services[p.name]
	require.True(t, ok, "docker-compose.yml has no service %s", p.name)
	checkComposeBuild(t, files, p, s)
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
		want[p.name+"-migrate"] = "service_completed_successfully"
		checkComposeMigrate(t, files, c, p, s)
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

func checkComposeGateway(t *testing.T, env map[string]string, s composeService) {
	t.Helper()
	assert.Equal(t, "8080", env["PORT"])
	assert.Equal(t, []string{"127.0.0.1:8080:8080"}, s.Ports, "the gateway is published on the host's loopback")
	assert.NotContains(t, env, "DATABASE_URL", "the gateway stores nothing")
}

func checkComposeBuild(t *testing.T, files map[string]render.File, p platformProcess, s composeService) {
	t.Helper()
	if !assert.NotNil(t, s.Build, "%s is not built", p.name) {
		return
	}
	assert.Equal(t, "..", s.Build.Context, "%s is built from the repository root, so its go.mod's replace directives reach shared/", p.name)
	assert.Equal(t, p.dir+"/Dockerfile", s.Build.Dockerfile)
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

func checkComposeMigrate(t *testing.T, files map[string]render.File, c composeFile, p platformProcess, s composeService) {
	t.Helper()
	m, ok := c.Services[p.name+"-migrate"]
	require.True(t, ok, "docker-compose.yml has no one-shot %s-migrate", p.name)
	checkComposeBuild(t, files, p, m)
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
		assert.Contains(t, init, "CREATE DATABASE "+p.database+" OWNER "+p.database+";", "the init script creates %s's database", p.name)
		u, err := url.Parse(c.Services[p.name].Environment["DATABASE_URL"])
		if assert.NoError(t, err) {
			assert.Contains(t, init, "CREATE ROLE "+u.User.Username()+" LOGIN PASSWORD", p.name)
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

// TestEnterpriseKubernetesBase checks the kustomize base as written, with
// no tool: every process has its Deployment, Service, ConfigMap, HPA and
// PodDisruptionBudget, every service a migration Job, and every pod the
// restricted security context, probes and resources (checkPods); the
// overlays name the base. TestEnterpriseInfraTools checks what kustomize
// builds from them.
func TestEnterpriseKubernetesBase(t *testing.T) {
	for _, name := range platformNames {
		t.Run(name, func(t *testing.T) {
			files := renderEnterprise(t, name)
			var kust struct {
				Namespace string   `yaml:"namespace"`
				Resources []string `yaml:"resources"`
			}
			base := "infrastructure/kubernetes/base/"
			_, ok := files[base+"kustomization.yaml"]
			require.True(t, ok, "the platform has no %skustomization.yaml", base)
			require.NoError(t, yaml.Unmarshal(files[base+"kustomization.yaml"].Content, &kust))
			assert.Regexp(t, `^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`, kust.Namespace, "the namespace is a DNS label")
			var docs []map[string]any
			for _, r := range kust.Resources {
				f, ok := files[base+r]
				require.True(t, ok, "the base lists %s, which it does not have", r)
				docs = append(docs, parseDocs(t, r, f.Content)...)
			}
			checkKubernetes(t, docs)
			for _, o := range []string{"dev", "prod"} {
				f, ok := files["infrastructure/kubernetes/overlays/"+o+"/kustomization.yaml"]
				require.True(t, ok, "no overlay %s", o)
				var ov struct {
					Namespace string   `yaml:"namespace"`
					Resources []string `yaml:"resources"`
				}
				require.NoError(t, yaml.Unmarshal(f.Content, &ov))
				assert.Contains(t, ov.Resources, "../../base")
				assert.Regexp(t, `^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`, ov.Namespace)
			}
		})
	}
}

// parseDocs reads a stream of YAML documents, leaving out empty ones.
func parseDocs(t *testing.T, name string, data []byte) []map[string]any {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []map[string]any
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		require.NoError(t, err, name)
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

// dig follows keys through nested maps; nil when one is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func items(v any) []any {
	l, _ := v.([]any)
	return l
}

// checkKubernetes holds a set of Kubernetes resources (the base, or an
// overlay as kustomize built it) to the platform's rules.
func checkKubernetes(t *testing.T, docs []map[string]any) {
	t.Helper()
	byKind := map[string][]string{}
	for _, d := range docs {
		kind, _ := d["kind"].(string)
		name, _ := dig(d, "metadata", "name").(string)
		byKind[kind] = append(byKind[kind], name)
		switch kind {
		case "Deployment", "Job":
			checkPods(t, kind+" "+name, dig(d, "spec", "template", "spec"), kind == "Deployment")
		case "HorizontalPodAutoscaler":
			assert.Equal(t, "autoscaling/v2", d["apiVersion"], name)
			assert.Equal(t, name, dig(d, "spec", "scaleTargetRef", "name"), "HPA %s scales its own Deployment", name)
		case "PodDisruptionBudget":
			assert.Equal(t, "policy/v1", d["apiVersion"], name)
		}
	}
	for _, kind := range []string{"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} {
		want := []string{}
		for _, p := range platformProcesses {
			want = append(want, p.name)
		}
		assert.ElementsMatch(t, want, byKind[kind], "one %s per process", kind)
	}
	var jobs, configs []string
	for _, p := range platformProcesses {
		configs = append(configs, p.name+"-config")
		if p.grpc != 0 {
			jobs = append(jobs, p.name+"-migrate")
		}
	}
	assert.ElementsMatch(t, jobs, byKind["Job"], "one migration Job per service")
	for _, c := range configs {
		assert.Contains(t, byKind["ConfigMap"], c)
	}
	assert.Len(t, byKind["Namespace"], 1)
	policies := byKind["NetworkPolicy"]
	assert.Contains(t, policies, "default-deny-all")
	assert.Contains(t, policies, "allow-dns")
	assert.Contains(t, policies, "api-gateway-ingress")
	assert.Contains(t, policies, "services-grpc-ingress")
	checkDefaultDeny(t, docs)
}

// checkDefaultDeny: one policy selects every pod and denies both
// directions.
func checkDefaultDeny(t *testing.T, docs []map[string]any) {
	t.Helper()
	for _, d := range docs {
		if d["kind"] == "NetworkPolicy" && dig(d, "metadata", "name") == "default-deny-all" {
			assert.Empty(t, dig(d, "spec", "podSelector"), "default-deny-all selects every pod")
			assert.ElementsMatch(t, []any{"Ingress", "Egress"}, items(dig(d, "spec", "policyTypes")))
			assert.Nil(t, dig(d, "spec", "ingress"))
			assert.Nil(t, dig(d, "spec", "egress"))
		}
	}
}

// checkPods: the restricted security context on the pod and on every
// container, requests and limits, pinned images, and for a Deployment
// /health and /ready probes on the container's "http" port.
func checkPods(t *testing.T, what string, spec any, serves bool) {
	t.Helper()
	require.NotNil(t, spec, what)
	sc := dig(spec, "securityContext")
	assert.Equal(t, true, dig(sc, "runAsNonRoot"), what)
	assert.EqualValues(t, 65532, dig(sc, "runAsUser"), what)
	assert.Equal(t, "RuntimeDefault", dig(sc, "seccompProfile", "type"), what)
	assert.Equal(t, false, dig(spec, "automountServiceAccountToken"), what)
	containers := items(dig(spec, "containers"))
	require.NotEmpty(t, containers, what)
	for _, c := range containers {
		cs := dig(c, "securityContext")
		assert.Equal(t, false, dig(cs, "allowPrivilegeEscalation"), what)
		assert.Equal(t, true, dig(cs, "readOnlyRootFilesystem"), what)
		assert.Equal(t, true, dig(cs, "runAsNonRoot"), what)
		assert.Equal(t, []any{"ALL"}, items(dig(cs, "capabilities", "drop")), what)
		for _, r := range []string{"requests", "limits"} {
			assert.NotNil(t, dig(c, "resources", r, "cpu"), "%s: %s.cpu", what, r)
			assert.NotNil(t, dig(c, "resources", r, "memory"), "%s: %s.memory", what, r)
		}
		image, _ := dig(c, "image").(string)
		checkComposeImage(t, what, image)
		if !serves {
			continue
		}
		ports := map[string]bool{}
		for _, p := range items(dig(c, "ports")) {
			name, _ := dig(p, "name").(string)
			ports[name] = true
		}
		assert.True(t, ports["http"], "%s has a port named http", what)
		if ports["grpc"] {
			checkAdvertised(t, what, c)
		}
		assert.Equal(t, "/health", dig(c, "livenessProbe", "httpGet", "path"), what)
		assert.Equal(t, "http", dig(c, "livenessProbe", "httpGet", "port"), what)
		assert.Equal(t, "/ready", dig(c, "readinessProbe", "httpGet", "path"), what)
		assert.Equal(t, "http", dig(c, "readinessProbe", "httpGet", "port"), what)
	}
}

// checkAdvertised: a service registers its pod's address in etcd, not
// its host name, which no other pod resolves.
func checkAdvertised(t *testing.T, what string, container any) {
	t.Helper()
	for _, e := range items(dig(container, "env")) {
		if dig(e, "name") == "ADVERTISE_HOST" {
			assert.Equal(t, "status.podIP", dig(e, "valueFrom", "fieldRef", "fieldPath"), what)
			return
		}
	}
	t.Errorf("%s does not set ADVERTISE_HOST", what)
}

// kindsOf lists the kinds of docs, sorted, for messages.
func kindsOf(docs []map[string]any) string {
	var kinds []string
	for _, d := range docs {
		kinds = append(kinds, fmt.Sprint(d["kind"]))
	}
	sort.Strings(kinds)
	return strings.Join(slices.Compact(kinds), ", ")
}

// tfModule is what TestEnterpriseTerraform reads of one Terraform
// directory: its variables (and whether each has a default), outputs,
// locals, module calls and the text of its files.
type tfModule struct {
	vars    map[string]bool
	outputs map[string]bool
	locals  map[string]bool
	calls   map[string]tfCall
	text    string
}

type tfCall struct {
	source string
	args   []string
}

var (
	tfBlockRe    = regexp.MustCompile(`(?ms)^(variable|output|module|locals)(?: "([^"]+)")? \{\n(.*?)^\}`)
	tfTopAttrRe  = regexp.MustCompile(`(?m)^  ([a-z_][a-z0-9_]*)\s+=`)
	tfSourceRe   = regexp.MustCompile(`(?m)^  source\s+= "([^"]+)"`)
	tfDescRe     = regexp.MustCompile(`(?m)^  description\s+= "[^"]+"`)
	tfVarRefRe   = regexp.MustCompile(`\bvar\.([a-z_][a-z0-9_]*)`)
	tfLocalRefRe = regexp.MustCompile(`\blocal\.([a-z_][a-z0-9_]*)`)
	tfModRefRe   = regexp.MustCompile(`\bmodule\.([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)`)
	// tfProseRe matches comments and the descriptions and messages, whose
	// words are not references.
	tfProseRe = regexp.MustCompile(`(?m)^\s*(#.*|(description|error_message)\s+= ".*")$`)
)

// readTerraform groups the rendered .tf files by directory.
func readTerraform(t *testing.T, files map[string]render.File) map[string]*tfModule {
	t.Helper()
	mods := map[string]*tfModule{}
	for p, f := range files {
		if !strings.HasPrefix(p, "infrastructure/terraform/") || path.Ext(p) != ".tf" {
			continue
		}
		m := mods[path.Dir(p)]
		if m == nil {
			m = &tfModule{vars: map[string]bool{}, outputs: map[string]bool{}, locals: map[string]bool{}, calls: map[string]tfCall{}}
			mods[path.Dir(p)] = m
		}
		text := string(f.Content)
		m.text += tfProseRe.ReplaceAllString(text, "")
		for _, b := range tfBlockRe.FindAllStringSubmatch(text, -1) {
			kind, name, body := b[1], b[2], b[3]
			switch kind {
			case "variable":
				m.vars[name] = strings.Contains(body, "\n  default ") || strings.HasPrefix(body, "  default ")
				assert.Regexp(t, tfDescRe, body, "%s: variable %s has no description", p, name)
			case "output":
				m.outputs[name] = true
				assert.Regexp(t, tfDescRe, body, "%s: output %s has no description", p, name)
			case "locals":
				for _, a := range tfTopAttrRe.FindAllStringSubmatch(body, -1) {
					m.locals[a[1]] = true
				}
			case "module":
				c := tfCall{}
				if s := tfSourceRe.FindStringSubmatch(body); s != nil {
					c.source = s[1]
				}
				for _, a := range tfTopAttrRe.FindAllStringSubmatch(body, -1) {
					if !slices.Contains([]string{"source", "version", "providers", "depends_on", "count", "for_each"}, a[1]) {
						c.args = append(c.args, a[1])
					}
				}
				m.calls[name] = c
			}
		}
	}
	return mods
}

// TestEnterpriseTerraform checks, without OpenTofu or the AWS provider,
// what "tofu validate" would check of the modules' interfaces: every
// var.X, local.X and module.M.O names something declared, every module
// call passes only variables the module declares and every one it
// requires, every variable and output has a description and each
// module's README lists them. The resources' own arguments need the
// provider's schema: TestEnterpriseInfraTools says what it can check.
func TestEnterpriseTerraform(t *testing.T) {
	files := renderEnterprise(t, "big-platform")
	mods := readTerraform(t, files)
	for _, dir := range []string{"modules/eks", "modules/rds-postgres", "modules/elasticache-redis", "environments/prod"} {
		require.Contains(t, mods, "infrastructure/terraform/"+dir)
	}
	for dir, m := range mods {
		for _, r := range tfVarRefRe.FindAllStringSubmatch(m.text, -1) {
			assert.Contains(t, m.vars, r[1], "%s uses var.%s, which it does not declare", dir, r[1])
		}
		for _, r := range tfLocalRefRe.FindAllStringSubmatch(m.text, -1) {
			assert.Contains(t, m.locals, r[1], "%s uses local.%s, which it does not define", dir, r[1])
		}
		for _, r := range tfModRefRe.FindAllStringSubmatch(m.text, -1) {
			call, ok := m.calls[r[1]]
			if assert.True(t, ok, "%s uses module.%s, which it does not call", dir, r[1]) {
				callee := mods[path.Join(dir, call.source)]
				if assert.NotNil(t, callee, "%s: module %s's source %s is not in the tree", dir, r[1], call.source) {
					assert.Contains(t, callee.outputs, r[2], "%s uses module.%s.%s, which %s does not output", dir, r[1], r[2], call.source)
				}
			}
		}
		for name, call := range m.calls {
			callee := mods[path.Join(dir, call.source)]
			if !assert.NotNil(t, callee, "%s: module %s's source %s is not in the tree", dir, name, call.source) {
				continue
			}
			for _, a := range call.args {
				assert.Contains(t, callee.vars, a, "%s passes %s to module %s, which does not declare it", dir, a, name)
			}
			for v, hasDefault := range callee.vars {
				if !hasDefault {
					assert.Contains(t, call.args, v, "%s does not pass %s, which module %s requires", dir, v, name)
				}
			}
		}
		readme := dir + "/README.md"
		if strings.HasPrefix(dir, "infrastructure/terraform/environments/") {
			readme = "infrastructure/terraform/README.md"
		}
		doc, ok := files[readme]
		if assert.True(t, ok, "%s has no README", dir) {
			for name := range m.vars {
				assert.Contains(t, string(doc.Content), "| `"+name+"` |", "%s does not list the variable %s", readme, name)
			}
			for name := range m.outputs {
				assert.Contains(t, string(doc.Content), "| `"+name+"` |", "%s does not list the output %s", readme, name)
			}
		}
	}
}
