package answers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/archgen/archgen/internal/advisor"
)

var fileKeys = []string{"archgen", "template", "template_digest", "name", "module", "params", "advice", "files"}

// Load reads an answers file such as a project's .archgen.yaml. Every error
// names the file, the key and what the key allows.
func Load(path string) (*Answers, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read answers file: %w", err)
	}
	a, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// Parse reads the content of an answers file.
func Parse(raw []byte) (*Answers, error) {
	var doc map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("not valid YAML: %w", err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("holds more than one YAML document; keep only the answers")
	}
	a := &Answers{Params: map[string]any{}}
	for key, v := range doc {
		var err error
		switch key {
		case "archgen":
			a.Version, err = str(key, v)
		case "template_digest", "files":
			// What was generated, for upgrades; not an answer.
		case "template":
			a.Template, err = str(key, v)
		case "name":
			a.Name, err = str(key, v)
		case "module":
			a.Module, err = str(key, v)
		case "params":
			err = params(v, a.Params)
		case "advice":
			a.Advice, err = advice(v)
		default:
			err = fmt.Errorf("unknown key %q; allowed keys are %s", key, strings.Join(fileKeys, ", "))
		}
		if err != nil {
			return nil, err
		}
	}
	if a.Template == "" {
		return nil, fmt.Errorf(`key "template" is missing; set it to a template id such as entry/go-stdlib (see archgen list)`)
	}
	return a, nil
}

func str(key string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("key %q must be a string, not %s", key, typeName(v))
	}
	return s, nil
}

func params(v any, into map[string]any) error {
	if v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf(`key "params" must be a mapping of parameter names to values, not %s`, typeName(v))
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		switch v := m[k].(type) {
		case string, bool, int, int64, uint64, float64:
			into[k] = v
		case []any:
			// The parameter's own type decides whether a list is right.
			into[k] = v
		default:
			return fmt.Errorf("key \"params.%s\" must be a string, number, boolean or list of names, not %s", k, typeName(m[k]))
		}
	}
	return nil
}

// advice reads the advisor's inputs: counts, lang as a list (or one
// string) and workload, validated as archgen recommend validates them.
func advice(v any) (*advisor.Inputs, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf(`key "advice" must be a mapping such as {users: 50000, team: 4, lang: [go]}, not %s`, typeName(v))
	}
	in := &advisor.Inputs{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		values := []any{m[k]}
		if list, ok := m[k].([]any); ok && k == "lang" {
			values = list
		}
		for _, item := range values {
			var text string
			switch item := item.(type) {
			case string:
				text = item
			case int, int64, uint64:
				text = fmt.Sprint(item)
			default:
				return nil, fmt.Errorf("key \"advice.%s\" must be a count, a language or a workload, not %s", k, typeName(item))
			}
			if err := in.Set(k, text); err != nil {
				return nil, fmt.Errorf("key \"advice.%s\": %w", k, err)
			}
		}
	}
	return in, nil
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}
