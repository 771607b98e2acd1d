"""Scripts for maintaining the project: regenerating the reference pages and the schemas, building the app."""
