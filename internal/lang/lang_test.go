package lang

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegistry(t *testing.T) {
	assert.Equal(t, []string{"go", "node", "python", "java"}, IDs())
	java, ok := Get("java")
	require.True(t, ok)
	assert.Equal(t, Derived{PackagePath: "io/acme/shop", Group: "io.acme"}, java.Derive("io.acme.shop"))
	assert.Equal(t, []int{0, 143}, java.StopStatuses)
	assert.Equal(t, "com.example.demoapi", java.DefaultModule("demo-api"))
	assert.Error(t, java.ValidateModule("Not.Valid-"))
	goLang, _ := Get("go")
	assert.Equal(t, Derived{}, goLang.Derive("example.com/x"))
	assert.Equal(t, "Go: simple and efficient, native concurrency", goLang.Describe())
	_, ok = Get("cobol")
	assert.False(t, ok)
}
