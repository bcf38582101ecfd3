"""pydantic's plugin look-up, answered without importlib.metadata when no
installed distribution declares a pydantic plugin (issue 22's cold start).

pydantic asks for its plugins when it builds the first validator
(``pydantic.plugin._loader.get_plugins``): the loader imports
:mod:`importlib.metadata` (email, zipfile, csv, socket … some 5 ms) and reads
the entry points of every installed distribution, about 4% of a cold
``extract parse``; on an installation like ours there are none, and the
answer is an empty list. :func:`install` reads the entry point files of the
distributions on ``sys.path`` itself (``*.dist-info/entry_points.txt`` and
``*.egg-info/entry_points.txt``, where importlib.metadata finds them): when
none names the ``[pydantic]`` group, it puts in the loader's place a stand-in
whose ``get_plugins`` answers ``()``, as the real one would; anything else
asked of the stand-in imports the real loader and answers from it. When a
plugin is declared, or the path holds anything the scan cannot read (a zip
archive, a finder of distributions other than the standard one), nothing is
replaced and pydantic loads its plugins as usual.

Only the command line installs it (:mod:`extract.__main__`); a library user's
pydantic is left alone.
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"
GROUP = "[pydantic]"


def declares_plugins(path: list[str]) -> bool:
    """Whether any distribution on ``path`` (``sys.path``'s form) declares a
    pydantic plugin, or might: True also when an entry cannot be scanned."""
    for entry in path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:  # a zip archive on the path: its metadata is not read here
            return True
        except OSError:  # missing folder: nothing there, as importlib.metadata finds
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8",
                          errors="replace") as f:
                    text = f.read()
            except FileNotFoundError:
                continue
            except OSError:  # an egg-info file, an unreadable folder
                if os.path.isdir(os.path.join(folder, name)):
                    return True
                continue
            if any(line.strip() == GROUP for line in text.splitlines()):
                return True
    return False


def _standard_finders_only() -> bool:
    """Whether the only finder of distributions on ``sys.meta_path`` is the
    standard path finder (the one whose folders :func:`declares_plugins` reads)."""
    import importlib.machinery

    return all(f is importlib.machinery.PathFinder or not hasattr(f, "find_distributions")
               for f in sys.meta_path)


class _StandIn(types.ModuleType):
    """``pydantic.plugin._loader`` on an installation with no pydantic plugin."""

    @staticmethod
    def get_plugins():
        return ()

    def __getattr__(self, name: str):
        # Anything else pydantic asks for: the real loader, in the stand-in's
        # place from now on. A module's special names (the import system
        # asks for ``__path__``) are not the loader's.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        import importlib

        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        real = importlib.import_module(LOADER)
        return getattr(real, name)


def install() -> bool:
    """Answer pydantic's plugin look-up without importlib.metadata when no
    distribution declares a plugin; True when the stand-in is in place."""
    if LOADER in sys.modules or not _standard_finders_only() or declares_plugins(sys.path):
        return False
    sys.modules[LOADER] = _StandIn(LOADER, __doc__)
    return True
