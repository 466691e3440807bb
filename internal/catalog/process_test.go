package catalog

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// platformManifest is a manifest with several processes: two services,
// each with a gRPC port, a database and a migration, and a gateway that is
// the entry although it starts last.
const platformManifest = `id: enterprise/go-kit
tier: enterprise
lang: go
style: kit
description: platform
commands: {verify: v, run: r}
services: [postgres, etcd]
processes:
  - name: user
    dir: services/user-service
    run: ./bin/user-service
    port: HTTP_PORT
    ports: [GRPC_PORT]
    database: user
    migrate: ./bin/user-service migrate
    health: /ready
  - name: order
    dir: services/order-service
    run: ./bin/order-service
    port: HTTP_PORT
    ports: [GRPC_PORT]
    database: order
    migrate: ./bin/order-service migrate
    health: /ready
  - name: gateway
    entry: true
    dir: api-gateway
    run: ./bin/api-gateway
    port: PORT
    health: /ready
`

func loadPlatform(t *testing.T, manifest string) (*Template, error) {
	t.Helper()
	c, err := Load(fstest.MapFS{"enterprise/go-kit/template.yaml": {Data: []byte(manifest)}})
	if err != nil {
		return nil, err
	}
	tmpl, ok := c.Get("enterprise/go-kit")
	require.True(t, ok)
	return tmpl, nil
}

// TestProcessFields: ports, database, migrate and entry are read, and the
// entry is the process marked so, wherever it is in the list.
func TestProcessFields(t *testing.T) {
	tmpl, err := loadPlatform(t, platformManifest)
	require.NoError(t, err)
	procs := tmpl.ProcessList()
	require.Len(t, procs, 3)
	assert.Equal(t, Process{
		Name: "user", Dir: "services/user-service", Run: "./bin/user-service", Port: "HTTP_PORT",
		Ports: []string{"GRPC_PORT"}, Database: "user", Migrate: "./bin/user-service migrate", Health: "/ready",
	}, procs[0])
	assert.True(t, procs[2].Entry)
	assert.Equal(t, 2, tmpl.EntryProcess())

	single := &Manifest{Commands: tmpl.Commands}
	assert.Equal(t, 0, single.EntryProcess(), "a single process is its own entry")
	noEntry := &Manifest{Processes: []Process{{Name: "a"}, {Name: "b"}}}
	assert.Equal(t, 0, noEntry.EntryProcess(), "without entry: true the first process is the entry")
}

// TestProcessValidation: each rule on the new fields names the process,
// the field and the fix.
func TestProcessValidation(t *testing.T) {
	cases := map[string]struct{ old, new, want string }{
		"port not a variable": {"port: PORT", "port: port", `process "gateway": port variable "port" must be an environment variable name`},
		"ports not a variable": {
			"ports: [GRPC_PORT]\n    database: user", "ports: [grpc-port]\n    database: user",
			`process "user": port variable "grpc-port" must be an environment variable name`,
		},
		"a port twice": {
			"ports: [GRPC_PORT]\n    database: user", "ports: [HTTP_PORT]\n    database: user",
			`process "user": port variable "HTTP_PORT" is named twice`,
		},
		"two entries": {
			"port: HTTP_PORT\n    ports: [GRPC_PORT]\n    database: order", "entry: true\n    port: HTTP_PORT\n    ports: [GRPC_PORT]\n    database: order",
			`process "gateway": "order" is already the entry; at most one process has entry: true`,
		},
		"bad database name": {"database: user", "database: User-DB", `process "user": database "User-DB" must match`},
		"database shared":   {"database: order", "database: user", `process "order": database "user" is already "user"'s`},
		"database without postgres": {
			"services: [postgres, etcd]", "services: [etcd]",
			`process "user": database "user" needs the service postgres; add it to services`,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m := replaceOnce(t, platformManifest, c.old, c.new)
			_, err := loadPlatform(t, m)
			assert.ErrorContains(t, err, c.want)
		})
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), "%q must be in the manifest once", old)
	return strings.Replace(s, old, new, 1)
}
