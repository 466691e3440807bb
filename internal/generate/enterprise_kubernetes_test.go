package generate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
			if kind == "Deployment" {
				assert.Nil(t, dig(d, "spec", "replicas"), "Deployment %s leaves its replicas to its HPA", name)
			}
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
