"""``python -m extract`` and the ``extract`` console script: the command in
a process of its own (:func:`extract.cli.run`). The regex cache is put in
place first (:mod:`extract.regex_cache`), so that the patterns the
libraries compile as they are imported (click, json, pydantic) come from it
too."""

from .regex_cache import install


def run() -> None:
    install()
    from .cli import run as run_command

    run_command()


if __name__ == "__main__":
    run()
