package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateName(t *testing.T) {
	good := []string{"a", "demo", "my-api", "my_api", "api2", "a1-b2_c3"}
	for _, n := range good {
		assert.NoError(t, ValidateName(n), n)
	}
	bad := map[string]string{
		"":                       "empty",
		"../x":                   "invalid",
		"a/b":                    "invalid",
		"{{.X}}":                 "invalid",
		"-x":                     "invalid",
		"x-":                     "invalid",
		"a--b":                   "invalid",
		"1api":                   "invalid",
		"My-API":                 `try "my-api"`,
		"a b":                    "invalid",
		".hidden":                "invalid",
		strings.Repeat("a", 65):  "at most 64",
		strings.Repeat("a", 300): "at most 64",
	}
	for n, want := range bad {
		err := ValidateName(n)
		require.Error(t, err, n)
		assert.Contains(t, err.Error(), want, n)
	}
}

func TestDefaultModuleIsValid(t *testing.T) {
	for _, lang := range []string{"go", "node", "python", "java"} {
		for _, name := range []string{"demo", "my-api", "my_api", "a", "do", "class", "import", "go", "std", "cmd", "net"} {
			mod := DefaultModule(lang, name)
			assert.NoError(t, ValidateModule(lang, mod), "%s %s -> %s", lang, name, mod)
		}
	}
	assert.Equal(t, "com.example.myapi", DefaultModule("java", "my-api"))
	assert.Equal(t, "my_api", DefaultModule("python", "my-api"))
}

func TestValidateModule(t *testing.T) {
	cases := []struct {
		lang, mod string
		ok        bool
	}{
		{"go", "github.com/acme/my-api", true},
		{"go", "demo", true},
		{"go", "../x", false},
		{"go", "a//b", false},
		{"go", "Demo Space", false},
		{"go", "go", false},
		{"go", "std", false},
		{"go", "fmt/x", false},
		{"go", "example.com/fmt", true},
		{"node", "@acme/my-api", true},
		{"node", "my.api", true},
		{"node", "My-Api", false},
		{"node", "_private", false},
		{"node", "@acme", false},
		{"node", "node_modules", false},
		{"python", "my_api", true},
		{"python", "my-api", false},
		{"python", "class", false},
		{"python", "1x", false},
		{"java", "io.acme.billing", true},
		{"java", "com.example.class", false},
		{"java", "com..example", false},
		{"java", "com.Example", false},
		{"rust", "x", false},
		{"go", "", false},
		{"go", strings.Repeat("a", 300), false},
	}
	for _, c := range cases {
		err := ValidateModule(c.lang, c.mod)
		if c.ok {
			assert.NoError(t, err, "%s %q", c.lang, c.mod)
		} else {
			assert.Error(t, err, "%s %q", c.lang, c.mod)
		}
	}
}

func TestJavaGroup(t *testing.T) {
	assert.Equal(t, "com.example", JavaGroup("com.example.demo"))
	assert.Equal(t, "demo", JavaGroup("demo"))
}
