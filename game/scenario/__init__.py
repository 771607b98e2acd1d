"""Scenario files: the YAML format facilitators write, loaded into an immutable model.

``model`` holds the pydantic classes (and is all the engine needs); ``loader``
reads files and reports problems. Import what you need from those modules: this
package itself stays empty so that importing the model does not pull in YAML.
"""
