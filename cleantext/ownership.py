"""Detect the other PyPI projects that install a top-level ``cleantext`` module.

This distribution is ``cleantext-boilerplate``; PyPI's ``clean-text`` and
``cleantext`` projects install a package of the same import name into the same
place, so installing two of them overwrites files of the other and imports
then misbehave (missing names, wrong signatures). We cannot stop that, but we
can say so plainly.
"""

from __future__ import annotations

import warnings
from importlib import metadata

#: The distributions known to install a top-level ``cleantext`` module.
FOREIGN_DISTRIBUTIONS: tuple[str, ...] = ("clean-text", "cleantext")
OUR_DISTRIBUTION = "cleantext-boilerplate"


class ModuleClashWarning(UserWarning):
    """Another installed distribution also provides the ``cleantext`` module."""


def foreign_owners() -> list[str]:
    """Installed distributions other than ours that also provide ``cleantext``."""
    found = []
    for name in FOREIGN_DISTRIBUTIONS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(f"{dist.metadata['Name']} {dist.version}")
    return found


def clash_message(owners: list[str]) -> str:
    return (
        f"{', '.join(owners)} is installed next to {OUR_DISTRIBUTION}: both install a top-level "
        "'cleantext' module into the same folder, so each overwrites files of the other and "
        "'import cleantext' may load a mix of the two (missing names such as cleantext.explain, "
        f"other signatures). Fix: pip uninstall -y {' '.join(o.split()[0] for o in owners)} "
        f"{OUR_DISTRIBUTION} && pip install {OUR_DISTRIBUTION}. See docs/faq.md."
    )


def warn_if_clashing() -> None:
    """Emit a :class:`ModuleClashWarning` when a foreign ``cleantext`` is installed too."""
    owners = foreign_owners()
    if owners:
        warnings.warn(clash_message(owners), ModuleClashWarning, stacklevel=3)


def replaced_by_another_project(package: str = "cleantext") -> str | None:
    """Why the imported ``package`` is not this distribution's (None when it is).

    Installing PyPI's ``clean-text`` *after* this package overwrites
    ``cleantext/__init__.py`` with its own, while our other modules stay: the
    command line then starts but the package root has none of our names. The
    root of this distribution carries ``__distribution__``; a root without it was
    written by another project.
    """
    import importlib
    import sys

    root = sys.modules.get(package)
    if root is None:
        try:
            root = importlib.import_module(package)
        except ImportError as exc:
            return f"the {package!r} package cannot be imported ({exc})"
    if getattr(root, "__distribution__", None) == OUR_DISTRIBUTION:
        return None
    where = getattr(root, "__file__", None)
    if where is None:  # a namespace package: uninstalling the other project removed the __init__.py
        return (
            f"the installed 'cleantext' package has no __init__.py (uninstalling another project that "
            f"installs a 'cleantext' module, such as clean-text, removes it). Fix: pip install "
            f"--force-reinstall {OUR_DISTRIBUTION}"
        )
    owners = foreign_owners()
    who = ", ".join(owners) if owners else "another project (PyPI's clean-text or cleantext)"
    remove = " ".join(o.split()[0] for o in owners) if owners else "clean-text cleantext"
    return (
        f"the installed 'cleantext' module is not {OUR_DISTRIBUTION}'s: {who} replaced its "
        f"{where} with its own (both projects install a top-level 'cleantext' module). "
        f"Fix: pip uninstall -y {remove} {OUR_DISTRIBUTION} && pip install {OUR_DISTRIBUTION} "
        "(or keep them in separate virtual environments)"
    )
