"""Defer the imports bs4 makes for features md-convert does not use.

Importing bs4 imports soupsieve (its CSS selector engine, which compiles its grammar at import:
about 50 ms) and an encoding detector (charset_normalizer: about 14 ms), a quarter of a one-post
run, paid by every pre-commit hook call. md-convert never selects by CSS and hands bs4 text, not
bytes. So until something uses them, each is a stand-in module that imports the real one on its
first attribute access (PEP 562 module `__getattr__`); md-convert's own decoding then loads
charset_normalizer when a file's encoding really has to be guessed.

The standard library's LazyLoader is not enough on Python 3.11: the `import` statement itself
reads the module's `__spec__`, which makes LazyLoader execute it at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

DEFERRED = ("soupsieve", "charset_normalizer")


def defer_imports() -> None:
    """Stand in for every module in DEFERRED."""
    for name in DEFERRED:
        defer_import(name)


def defer_import(name: str) -> None:
    """Put a stand-in for the module in sys.modules, unless it is imported already or missing."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = types.ModuleType(name)  # __spec__ is None: `import` binds it without loading

    def load_on_first_use(attribute: str) -> object:
        sys.modules.pop(name, None)
        real = importlib.import_module(name)
        stand_in.__dict__.update(real.__dict__)  # later lookups through the stand-in find everything
        return getattr(real, attribute)

    stand_in.__getattr__ = load_on_first_use  # type: ignore[method-assign]
    sys.modules[name] = stand_in
