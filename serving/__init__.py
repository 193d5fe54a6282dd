"""The server's plumbing: the build and choices per process (`data`), the results cache, the
callback guard, the warm-up, the outline and paint files, and the export routes."""
