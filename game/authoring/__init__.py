"""Tools for facilitators who write their own cases: new, schema, validate --watch, graph, play-text, preview,
timing."""
