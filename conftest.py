# Modules that must not be imported by --doctest-modules collection.
collect_ignore = ["cleantext/__main__.py"]
