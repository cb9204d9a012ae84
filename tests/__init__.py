"""The test suite (a package, so that test modules import tests.support)."""
