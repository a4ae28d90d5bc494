project = "cors-helper"
extensions = ["sphinx.ext.autodoc"]
