package inspect

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
)

// Tiers as the guide names them; Unknown when neither .archgen.yaml nor
// the layout tells.
const (
	TierEntry        = "entry"
	TierIntermediate = "intermediate"
	TierEnterprise   = "enterprise"
	TierUnknown      = "unknown"
)

// layout is the tier and style the tree's shape suggests, and why.
type layout struct {
	tier, style, why string
}

// inferLayout reads the tier from the shape of the tree, the most
// structured shape first:
//
//   - enterprise, several services (§4.2): a services/ directory with two or
//     more services holding code; an api-gateway/ directory; or two or more
//     independent builds in sub-directories (go.mod, package.json, pom.xml,
//     … of a kind the root does not also have: a root pom.xml or
//     package.json aggregates its modules or workspaces into one build);
//   - intermediate, layers (§3.2): a service layer next to controllers,
//     repositories or models; internal/{domain,usecase,repository,delivery};
//     application/domain/infrastructure; Django apps (apps/*/ or several
//     apps.py); feature modules (modules/*/, two or more); the Go server
//     layout (cmd/ and internal/ with two or more packages);
//   - entry, flat files (§2): code files and none of the above;
//   - unknown: no code files at all.
func inferLayout(t *tree) layout {
	children := childDirs(t.dirs)
	hasCode := codeDirs(t.code)
	for _, rule := range []func(*tree, map[string][]string, map[string]bool) (layout, bool){
		servicesDir, gatewayDir, independentBuilds,
		cleanLayers, dddLayers, mvcLayers, djangoApps, featureModules, goServerLayout,
	} {
		if l, ok := rule(t, children, hasCode); ok {
			l.why = "from the layout: " + l.why
			return l
		}
	}
	if n := len(t.code); n > 0 {
		dirs := map[string]bool{}
		for f := range t.code {
			dirs[path.Dir(f)] = true
		}
		return layout{TierEntry, "flat", fmt.Sprintf("from the layout: no layers or services; %d code %s in %d %s",
			n, plural(n, "file", "files"), len(dirs), plural(len(dirs), "directory", "directories"))}
	}
	return layout{TierUnknown, "", "from the layout: no code files found, so the tier is unknown"}
}

// childDirs maps each directory ("." for the root) to its sub-directories'
// names.
func childDirs(dirs []string) map[string][]string {
	out := map[string][]string{}
	for _, d := range dirs {
		out[path.Dir(d)] = append(out[path.Dir(d)], path.Base(d))
	}
	return out
}

// codeDirs holds every directory that has a code file in it or below it.
func codeDirs(code map[string]string) map[string]bool {
	out := map[string]bool{}
	for f := range code {
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			out[d] = true
		}
	}
	return out
}

// withCode lists the sub-directories of dir that hold code.
func withCode(dir string, children map[string][]string, hasCode map[string]bool) []string {
	var out []string
	for _, c := range children[dir] {
		if hasCode[path.Join(dir, c)] {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

func servicesDir(_ *tree, children map[string][]string, hasCode map[string]bool) (layout, bool) {
	for dir := range children {
		if path.Base(dir) != "services" {
			continue
		}
		if svc := withCode(dir, children, hasCode); len(svc) >= 2 {
			return layout{TierEnterprise, "microservices", fmt.Sprintf("%s/ holds %d services (%s)", dir, len(svc), names(svc))}, true
		}
	}
	return layout{}, false
}

func gatewayDir(_ *tree, children map[string][]string, _ map[string]bool) (layout, bool) {
	if slices.Contains(children["."], "api-gateway") {
		return layout{TierEnterprise, "microservices", "an api-gateway/ directory"}, true
	}
	return layout{}, false
}

func independentBuilds(t *tree, _ map[string][]string, _ map[string]bool) (layout, bool) {
	var found []string
	dirs := map[string]bool{}
	for _, b := range t.builds {
		dir, name := path.Split(b)
		if dir == "" || t.rootFiles[name] || dirs[dir] {
			continue
		}
		dirs[dir] = true
		found = append(found, b)
	}
	if len(found) >= 2 {
		slices.Sort(found)
		return layout{TierEnterprise, "microservices", fmt.Sprintf("%d independent builds in sub-directories (%s)", len(found), names(found))}, true
	}
	return layout{}, false
}

// siblings finds the first directory whose sub-directories include at
// least min of names (each a set of alternatives such as
// "service|services") and that accept takes (nil accepts any).
func siblings(children map[string][]string, min int, accept func(got []string) bool, names ...string) (string, []string, bool) {
	for _, dir := range slices.Sorted(maps.Keys(children)) {
		var got []string
		for _, alts := range names {
			if j := slices.IndexFunc(children[dir], func(c string) bool { return slices.Contains(strings.Split(alts, "|"), c) }); j >= 0 {
				got = append(got, children[dir][j])
			}
		}
		if len(got) >= min && (accept == nil || accept(got)) {
			return dir, got, true
		}
	}
	return "", nil, false
}

func where(dir string, names []string) string {
	prefix := ""
	if dir != "." {
		prefix = dir + "/"
	}
	return prefix + "{" + strings.Join(names, ",") + "}"
}

func mvcLayers(_ *tree, children map[string][]string, _ map[string]bool) (layout, bool) {
	if dir, got, ok := siblings(children, 2, hasService, "service|services", "controller|controllers", "repository|repositories", "model|models"); ok {
		return layout{TierIntermediate, "layered", "a service layer with its neighbours " + where(dir, got)}, true
	}
	return layout{}, false
}

// hasService: controllers, repositories and models alone are the entry
// tier's Spring Boot starter (§2.5); the layered architecture (§3.2) puts a
// service layer between them.
func hasService(got []string) bool {
	return slices.ContainsFunc(got, func(s string) bool { return s == "service" || s == "services" })
}

func cleanLayers(_ *tree, children map[string][]string, _ map[string]bool) (layout, bool) {
	if dir, got, ok := siblings(children, 2, nil, "domain", "usecase|usecases", "repository", "delivery"); ok {
		return layout{TierIntermediate, "clean layers", "clean architecture layers " + where(dir, got)}, true
	}
	return layout{}, false
}

func dddLayers(_ *tree, children map[string][]string, _ map[string]bool) (layout, bool) {
	if dir, got, ok := siblings(children, 2, nil, "application", "domain", "infrastructure"); ok {
		return layout{TierIntermediate, "DDD layers", "domain-driven layers " + where(dir, got)}, true
	}
	return layout{}, false
}

func djangoApps(t *tree, _ map[string][]string, _ map[string]bool) (layout, bool) {
	var apps []string
	for _, d := range t.appsPy {
		if path.Base(path.Dir(d)) == "apps" || len(t.appsPy) >= 2 {
			apps = append(apps, d)
		}
	}
	if len(apps) > 0 {
		slices.Sort(apps)
		return layout{TierIntermediate, "Django apps", fmt.Sprintf("Django apps (%s)", names(apps))}, true
	}
	return layout{}, false
}

func featureModules(_ *tree, children map[string][]string, hasCode map[string]bool) (layout, bool) {
	for _, dir := range slices.Sorted(maps.Keys(children)) {
		if path.Base(dir) != "modules" {
			continue
		}
		if mods := withCode(dir, children, hasCode); len(mods) >= 2 {
			return layout{TierIntermediate, "feature modules", fmt.Sprintf("feature modules in %s/ (%s)", dir, names(mods))}, true
		}
	}
	return layout{}, false
}

func goServerLayout(t *tree, children map[string][]string, hasCode map[string]bool) (layout, bool) {
	if !t.rootFiles["go.mod"] || !slices.Contains(children["."], "cmd") {
		return layout{}, false
	}
	if pkgs := withCode("internal", children, hasCode); len(pkgs) >= 2 {
		return layout{TierIntermediate, "server layout", fmt.Sprintf("the Go server layout: cmd/ and %d packages in internal/ (%s)", len(pkgs), names(pkgs))}, true
	}
	return layout{}, false
}

// names joins a list for a reason, the first few and how many more.
func names(list []string) string {
	const shown = 6
	if len(list) <= shown {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(list[:shown], ", "), len(list)-shown)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
