"""The session log on disk (SQLite): append, resume, and later the queries of the plenary."""
