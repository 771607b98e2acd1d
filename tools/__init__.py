"""Authoring tools for facilitators and for keeping the docs in step with the code."""
