package generate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/render"
)

// The tests of the platform's infrastructure/ directory: the compose file
// (enterprise_compose_test.go), the kustomize base
// (enterprise_kubernetes_test.go), the Terraform modules' interfaces
// (enterprise_terraform_test.go), all without tools, and, with
// ARCHGEN_INFRA_CHECK=1, kustomize, kubernetes-validate, the Compose
// Specification's schema and OpenTofu (enterprise_infra_tools_test.go).

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
	database  string // its own database and role (the manifest's database); empty for the gateway
	redis     bool
	nats      bool
	dependsOn []string // backing services it waits for, healthy
}

var platformProcesses = []platformProcess{
	{name: "api-gateway", dir: "api-gateway", http: 8080, dependsOn: []string{"etcd"}},
	{name: "user-service", dir: "services/user-service", grpc: 9101, http: 8101, database: "user",
		dependsOn: []string{"postgres", "etcd"}},
	{name: "product-service", dir: "services/product-service", grpc: 9102, http: 8102, database: "product",
		redis: true, dependsOn: []string{"postgres", "etcd", "redis"}},
	{name: "order-service", dir: "services/order-service", grpc: 9103, http: 8103, database: "order",
		nats: true, dependsOn: []string{"postgres", "etcd", "nats"}},
	{name: "payment-service", dir: "services/payment-service", grpc: 9104, http: 8104, database: "payment",
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

// renderEnterpriseLayout renders the platform in a layout and returns its
// files keyed by their paths in the template's tree (the monorepo's: a
// polyrepo's user-service/go.mod is found as services/user-service/go.mod)
// and the function that says where the layout wrote a path.
func renderEnterpriseLayout(t *testing.T, name, layout string) (map[string]render.File, func(string) string) {
	t.Helper()
	tm, ok := loadCatalog(t).Get(enterpriseID)
	require.True(t, ok, "the catalog has no %s", enterpriseID)
	a := &answers.Answers{Name: name, Params: map[string]any{"layout": layout}}
	require.NoError(t, a.Complete(tm))
	res, err := Project(tm, a, "dev")
	require.NoError(t, err)
	placer, err := render.NewPlacer(tm.Spec().Moves, res.Data)
	require.NoError(t, err)
	written := map[string]render.File{}
	for _, f := range res.Files {
		written[f.Path] = f
	}
	byTree := map[string]render.File{}
	for p := range renderEnterprise(t, name) {
		if f, ok := written[placer.Place(p)]; ok {
			byTree[p] = f
		}
	}
	return byTree, placer.Place
}

// TestEnterpriseLayoutsShareTheInfrastructure: the polyrepo's
// platform-infra holds the monorepo's infrastructure/ byte for byte but
// for the files that name paths of the layout (the compose file's build
// contexts, the READMEs), so the checks of the kustomize base, the
// Terraform and the tools over the monorepo's hold for both.
func TestEnterpriseLayoutsShareTheInfrastructure(t *testing.T) {
	mono := renderEnterprise(t, "shop")
	poly, place := renderEnterpriseLayout(t, "shop", "polyrepo")
	n := 0
	for p, f := range mono {
		if !strings.HasPrefix(p, "infrastructure/") {
			continue
		}
		n++
		g, ok := poly[p]
		if !assert.True(t, ok, "polyrepo has no %s (from %s)", place(p), p) {
			continue
		}
		assert.True(t, strings.HasPrefix(place(p), "platform-infra/"), "%s is written to %s", p, place(p))
		if p != "infrastructure/docker-compose.yml" && !strings.HasSuffix(p, ".md") {
			assert.Equal(t, string(f.Content), string(g.Content), "%s differs between the layouts", p)
		}
	}
	assert.Greater(t, n, 30, "the infrastructure's files")
}

// TestEnterpriseProcessesHaveInfrastructure: the processes of the
// manifest, with their databases, are exactly the platform's, so a process
// added to one and not to the infrastructure fails here.
func TestEnterpriseProcessesHaveInfrastructure(t *testing.T) {
	tm, ok := loadCatalog(t).Get(enterpriseID)
	require.True(t, ok)
	got, want := map[string]string{}, map[string]string{}
	for _, p := range tm.ProcessList() {
		got[p.Dir] = p.Database
	}
	for _, p := range platformProcesses {
		want[p.dir] = p.database
	}
	assert.Equal(t, want, got, "the manifest's processes (dir: database)")
}
