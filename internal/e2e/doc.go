// Package e2e proves every template of the catalog the way its users would:
// it generates the template with default answers into a temporary
// directory, runs the manifest's install, verify and build commands in the
// template's own toolchain, starts the server with its run command on a free
// loopback port, exercises the users API over HTTP and stops it with SIGTERM.
//
// Everything but this comment is behind the build tag e2e, so `go test ./...`
// never compiles the suite. Run it with
//
//	go test -tags e2e -v -timeout 60m ./internal/e2e
//
// and narrow it to templates with -run 'TestTemplates/entry/go-stdlib' or
// ARCHGEN_E2E_ONLY=entry/go-stdlib (a comma-separated list of template ids).
//
// Environment:
//
//   - CI=true turns what is a skip on a workstation (a missing toolchain, no
//     PostgreSQL server programs, an empty catalog) into a failure.
//   - ARCHGEN_E2E_REPORT=path writes a markdown table of the results there.
//   - ARCHGEN_E2E_KEEP=1 keeps every generated project, not only failed ones.
//
// Templates whose manifest lists the service postgres get a throwaway
// PostgreSQL server on 127.0.0.1, started from Debian's postgresql package
// (apt-get install -y postgresql), and its URL in DATABASE_URL.
package e2e
