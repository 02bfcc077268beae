"""Output: human-readable renderings of Reports (the CLI and web UI use these)."""
