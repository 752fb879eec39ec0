"""The `chronomap` command: ingest, export, serve, evaluate, check (see `chronomap --help`)."""
