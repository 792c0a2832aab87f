"""Defer soupsieve's import until a CSS selector is actually used.

BeautifulSoup imports soupsieve (its CSS selector engine) when bs4 is imported, and soupsieve compiles
its selector grammar at import: about 50 ms, a sixth of a one-post run, paid by every pre-commit hook
call. md-convert never selects by CSS, so until someone does, `soupsieve` is a stand-in module that
imports the real one on its first attribute access (PEP 562 module `__getattr__`).

The standard library's LazyLoader is not enough on Python 3.11: the `import soupsieve` statement itself
reads the module's `__spec__`, which makes LazyLoader execute it at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


def defer_soupsieve() -> None:
    """Put a stand-in for soupsieve in sys.modules, unless it is imported already or missing."""
    if "soupsieve" in sys.modules or importlib.util.find_spec("soupsieve") is None:
        return
    stand_in = types.ModuleType("soupsieve")  # __spec__ is None: `import` binds it without loading

    def load_on_first_use(name: str) -> object:
        sys.modules.pop("soupsieve", None)
        real = importlib.import_module("soupsieve")
        stand_in.__dict__.update(real.__dict__)  # later lookups through the stand-in find everything
        return getattr(real, name)

    stand_in.__getattr__ = load_on_first_use  # type: ignore[method-assign]
    sys.modules["soupsieve"] = stand_in
