"""``python -m extract`` and the ``extract`` console script: the command in
a process of its own (:func:`extract.cli.run`). The regex and dataclass caches are
put in place first (:mod:`extract.regex_cache`,
:mod:`extract.code_cache`), so that what the libraries compile as they
are imported (click, json, pydantic) comes from them too; pydantic's
plugin look-up is answered without importlib.metadata when no installed
distribution declares a plugin (:mod:`extract.pydantic_plugins`). What the checks' patterns need
(:mod:`extract.pattern_needs`) is read from a cache file too."""

from . import code_cache, pattern_needs, pydantic_plugins, regex_cache


def run() -> None:
    pydantic_plugins.install()
    regex_cache.install()
    code_cache.install()
    pattern_needs.install()
    from .cli import run as run_command

    run_command()


if __name__ == "__main__":
    run()
