// Package pipeline runs the steps every command that makes files shares
// (new, the end-to-end harness, and later add and upgrade) as small ordered
// stages: resolve the answers, render in memory, plan, write. Each stage
// reads and fills one Context; all but Write are pure.
package pipeline

import (
	"context"
	"fmt"

	"github.com/archgen/archgen/internal/answers"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/internal/generate"
	"github.com/archgen/archgen/internal/writer"
)

// Input is what the user said: an answers file, --set pairs and flags.
type Input struct {
	// Config is the path of an answers file, or "".
	Config string
	// Set are key=value pairs from --set, in order.
	Set []string
	// Tier, Lang, Style, Name and Module come from flags and arguments.
	Tier, Lang, Style, Name, Module string
	// Params are template parameters given by their own flags (--db,
	// --modules), keyed by parameter; they win over --set.
	Params map[string]string
	// Given lists the flags given on the command line; a flag not given
	// yields to the answers file.
	Given []string
	// Advice are the advisor's inputs as --advice gives them, or "".
	Advice string
	// Dir is the target directory; "" means ./NAME.
	Dir string
	// Policy says what to do with an existing target.
	Policy writer.Policy
}

// Context carries one run through the stages.
type Context struct {
	context.Context
	Catalog *catalog.Catalog
	Version string
	Input   Input

	// Filled by the stages, in order.
	Template *catalog.Template
	Answers  *answers.Answers
	Result   *generate.Result
	Plan     *writer.Plan
	// Warnings are things the user should hear that do not stop the run.
	Warnings []string
}

// Stage is one step of the pipeline.
type Stage interface {
	fmt.Stringer
	Run(c *Context) error
}

// Generate are the pure stages: resolve, render, plan.
var Generate = []Stage{Resolve{}, Render{}, Plan{}}

// Run runs stages in order and stops at the first error.
func Run(c *Context, stages ...Stage) error {
	for _, s := range stages {
		if err := s.Run(c); err != nil {
			return err
		}
	}
	return nil
}

// Render renders the resolved template with the completed answers.
type Render struct{}

func (Render) String() string { return "render" }

// Run renders the project in memory.
func (Render) Run(c *Context) error {
	res, err := generate.Project(c.Template, c.Answers, c.Version)
	if err != nil {
		return err
	}
	c.Result = res
	return nil
}

// Plan compares the rendered files with the target directory.
type Plan struct{}

func (Plan) String() string { return "plan" }

// Run plans the write; whether the policy allows it is the plan's Err.
func (Plan) Run(c *Context) error {
	dir := c.Input.Dir
	if dir == "" {
		dir = c.Answers.Name
	}
	p, err := writer.Compare(dir, c.Result.Files, c.Input.Policy)
	if err != nil {
		return err
	}
	c.Plan = p
	return nil
}

// Write carries out the plan, all or nothing.
type Write struct{}

func (Write) String() string { return "write" }

// Run writes the project.
func (Write) Run(c *Context) error { return c.Plan.Write(c) }
