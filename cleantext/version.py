"""The version of this distribution (read by the CLI's ``--version`` and the package root)."""

__version__ = "0.1.0"
#: The PyPI distribution that owns the ``cleantext`` module (``pip install cleantext-boilerplate``).
__distribution__ = "cleantext-boilerplate"
