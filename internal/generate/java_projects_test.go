package generate

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/jdk"
	"github.com/archgen/archgen/internal/render"
)

// awkwardJavaModules are module names whose classes would meet the names
// the Java templates' own code and Spring, JPA and the JDK use (Service,
// Entity, Repository, Component, Value, Record, Order, Optional, …); a
// template's reserved names are left out of its list.
var awkwardJavaModules = []string{"services", "entities", "repositories", "controllers", "components",
	"configurations", "values", "objects", "strings", "integers", "longs", "lists", "maps", "optionals",
	"instants", "records", "events", "requests", "responses", "statuses", "emails", "mappers", "assemblers",
	"dtos", "applications", "domains", "commons", "validations", "columns", "tables", "ids", "types",
	"people", "order-items", "categories", "pages", "pageables", "sorts", "transactions", "queries"}

// TestJavaProjectsCompile writes every Java template that takes feature
// modules with awkward module names and compiles its main and test code
// with its own Maven wrapper on the JDK its java answer names, so that no
// module name makes a class that clashes with one the code imports.
func TestJavaProjectsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("compiling the Java templates needs Maven Central; skipped with -short")
	}
	for _, tm := range loadCatalog(t).All() {
		p, ok := tm.Parameter("modules")
		if tm.Lang != "java" || !ok {
			continue
		}
		var names []any
		for _, m := range awkwardJavaModules {
			if _, err := p.Parse(m); err == nil { // not reserved by the template
				names = append(names, m)
			}
		}
		require.Greater(t, len(names), len(awkwardJavaModules)/2, "%s reserves most awkward names", tm.ID)
		t.Run(tm.ID+"@awkward-modules", func(t *testing.T) {
			run := &catalog.Run{Name: "awkward", Params: map[string]any{"modules": names}}
			files := generateRun(t, tm, "my-api", run)
			env := os.Environ()
			if java, ok := javaAnswer(t, tm, run); ok {
				home, err := jdk.Find(java)
				if err != nil {
					if os.Getenv("CI") != "" {
						t.Fatalf("%v (CI=true: this is a failure, not a skip)", err)
					}
					t.Skip(err)
				}
				env = jdk.Env(env, home)
			}
			compileJava(t, files, env)
		})
	}
}

// javaAnswer is the template's java answer for run, with its default
// applied, when it has one.
func javaAnswer(t *testing.T, tm *catalog.Template, run *catalog.Run) (string, bool) {
	t.Helper()
	if v, ok := run.Params["java"]; ok {
		return fmt.Sprint(v), true
	}
	p, ok := tm.Parameter("java")
	if !ok {
		return "", false
	}
	return fmt.Sprint(p.Default), true
}

// compileJava writes the project and runs its Maven wrapper's test-compile.
func compileJava(t *testing.T, files []render.File, env []string) {
	t.Helper()
	dir := writeProject(t, files)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	args := []string{"-B", "-q", "test-compile"}
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "mvnw"), args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "./mvnw %s in %s:\n%s", strings.Join(args, " "), dir, out)
}
