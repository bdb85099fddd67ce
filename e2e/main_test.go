package e2e

import (
	"os"
	"testing"

	"github.com/gruntwork-io/terratest/modules/logger"
)

// TestMain quiets Terratest's per-command log lines unless E2E_VERBOSE=1; a failing step's
// output is always printed by the test that ran it.
func TestMain(m *testing.M) {
	if os.Getenv("E2E_VERBOSE") != "1" {
		logger.Default = logger.Discard
	}
	os.Exit(m.Run())
}
