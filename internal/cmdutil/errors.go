// Package cmdutil holds what every command shares: the error kinds that
// decide the exit status, and the factory of dependencies a command needs.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
)

// Exit statuses of archgen.
const (
	ExitOK        = 0
	ExitError     = 1
	ExitUsage     = 2
	ExitCheck     = 3
	ExitCancelled = 130
)

// ErrCancelled reports that the user interrupted the command.
var ErrCancelled = errors.New("cancelled")

// UsageError is a mistake in how the command was called: a bad flag value,
// a missing argument, an invalid name. It exits with status 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// AsUsage wraps err as a UsageError (nil stays nil).
func AsUsage(err error) error {
	if err == nil {
		return nil
	}
	return &UsageError{Err: err}
}

// CheckError reports that a check found what it checks (archgen inspect
// --check: an upgrade is due). The command ran fine; it exits with status 3
// so a pipeline can tell this from an error.
type CheckError struct{ Err error }

func (e *CheckError) Error() string { return e.Err.Error() }
func (e *CheckError) Unwrap() error { return e.Err }

// Checkf returns a CheckError with a formatted message.
func Checkf(format string, args ...any) error {
	return &CheckError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error to archgen's exit status.
func ExitCode(err error) int {
	var (
		usage *UsageError
		check *CheckError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrCancelled), errors.Is(err, context.Canceled):
		return ExitCancelled
	case errors.As(err, &usage):
		return ExitUsage
	case errors.As(err, &check):
		return ExitCheck
	default:
		return ExitError
	}
}
