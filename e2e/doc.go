// Package e2e is the Terratest tier: it runs OpenTofu and the AWS provider on every
// generated module (init, validate, fmt, offline plan) and asserts on the plan JSON.
// See README.md.
package e2e
